"""The NEURON Main Menu window: the workspace that hosts every other window as a dock.

It is the registry's :class:`~layouts.registry.WindowHost`: each window a script
or tool opens (panel, graph, shape plot, box) arrives through :meth:`place` and
becomes a dock that can be tabbed, split, floated and docked back, closed, and
shown again from the Window menu.  Panels and boxes go to the left, graphs and
shape plots to the right, so a RunControl sits beside its voltage graph.

Geometry, the dock layout and recent files are remembered between launches
(:mod:`app.settings`); the layout is also available to the session saver through
:meth:`layout_state` / :meth:`restore_layout`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ErrorReport, funnel
from app.messages import MessageView
from app.notify import Notification
from app.settings import settings
from layouts.registry import WindowRecord

__all__ = ["MainWindow"]

# Which side of the workspace each kind of window opens on.
_LEFT_KINDS = {"panel", "box", "deck", "tool"}
_MAX_SPLITS_PER_SIDE = 3  # beyond this, new docks are tabbed onto the last one

_WELCOME = """
<div style="text-align:center">
<h1 style="font-weight:600">NeuroQt</h1>
<p style="font-size:13pt">NEURON's modelling GUI, rebuilt on Qt.</p>
<p>Open a model with <b>File ▸ Load Python</b> or <b>Load hoc</b>, try a
tutorial example from <b>Help ▸ Examples</b>,<br>or start a run with
<b>Tools ▸ RunControl</b>. Windows your scripts create open here as docks.</p>
<p>&nbsp;</p>
</div>
"""


class MainWindow(QMainWindow):
    """NEURON's Main Menu as a menu bar; windows open as docks inside."""

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("NeuroQt — NEURON Main Menu")
        self.setObjectName("NeuronMainMenu")
        self.resize(1180, 760)
        self.setDockOptions(
            QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.AllowNestedDocks
            | QMainWindow.DockOption.AnimatedDocks
        )
        self.setDocumentMode(True)
        self._docks: dict[int, QDockWidget] = {}
        self._shown_once = False
        self._names_used: dict[str, int] = {}
        self._build_central()
        self._build_message_dock()
        self.notification = Notification(self)
        self.notification.details_requested.connect(self.show_messages)
        funnel().reported.connect(self._on_reported, Qt.ConnectionType.QueuedConnection)
        self._build_status_bar()
        from app.menus import MainMenus

        self.menus = MainMenus(self)
        self._restore_settings()

    # -- construction -----------------------------------------------------------------
    def _build_central(self) -> None:
        self.welcome = QWidget(self)
        self.welcome.setObjectName("workspaceHint")
        self.welcome_text = QWidget(self.welcome)
        label = QLabel(_WELCOME, self.welcome_text)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for text, slot in (
            ("Open the demo", self._open_demo),
            ("Load Python…", lambda: self._menu_item("Load &Python…")),
            ("Load hoc…", lambda: self._menu_item("Load &hoc…")),
        ):
            button = QPushButton(text, self.welcome_text)
            button.setObjectName("welcomeButton")
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        inner = QVBoxLayout(self.welcome_text)
        inner.addStretch(1)
        inner.addWidget(label)
        inner.addLayout(buttons)
        inner.addStretch(1)
        lay = QVBoxLayout(self.welcome)
        lay.addWidget(self.welcome_text)
        self.setCentralWidget(self.welcome)

    def _open_demo(self) -> None:
        from app import tools
        from app.runner import demo_files

        tools.open_file(demo_files()[0], self)

    def _menu_item(self, text: str) -> None:
        self.menus.refresh()
        action = next((a for a in self.menus.visible_actions() if a.text() == text), None)
        if action is not None:
            action.trigger()

    def _build_message_dock(self) -> None:
        self.messages = MessageView(self)
        dock = QDockWidget("Messages", self)
        dock.setObjectName("dock:messages")
        dock.setWidget(self.messages)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        self.message_dock = dock

    def _build_status_bar(self) -> None:
        self.time_label = QLabel("", self)
        self.time_label.setObjectName("statusTime")
        self.statusBar().addPermanentWidget(self.time_label)
        self.statusBar().showMessage("Ready")
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(250)
        self._status_timer.timeout.connect(self._update_time)
        self._status_timer.start()

    def _update_time(self) -> None:
        sim = sys.modules.get("sim")  # never the one to import the engine
        if sim is None or not hasattr(sim, "h"):
            return
        t = sim.h._lookup("t")
        if t is not None and hasattr(t, "__hoc_get__"):
            self.time_label.setText(f"t = {t.__hoc_get__():.5g} ms")

    # -- WindowHost -------------------------------------------------------------------
    def place(self, record: WindowRecord) -> None:
        dock = QDockWidget(record.title, self)
        dock.setObjectName(self._dock_name(record))
        dock.setWidget(record.widget)
        dock.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        dock.visibilityChanged.connect(self._update_welcome)
        area = (
            Qt.DockWidgetArea.LeftDockWidgetArea
            if record.kind in _LEFT_KINDS
            else Qt.DockWidgetArea.RightDockWidgetArea
        )
        siblings = [
            d for d in self._docks.values() if self.dockWidgetArea(d) == area and not d.isFloating()
        ]
        if len(siblings) >= _MAX_SPLITS_PER_SIDE:
            self.tabifyDockWidget(siblings[-1], dock)
        else:
            self.addDockWidget(area, dock, Qt.Orientation.Vertical)
        if record.geometry is not None:  # the script asked for a screen position
            left, top, w, hgt = record.geometry
            dock.setFloating(True)
            dock.move(left, top)
            if w > 0 and hgt > 0:
                dock.resize(w, hgt)
        elif self._had_saved_state:  # where the user left it last time
            self.restoreDockWidget(dock)
        record.widget.show()
        dock.show()
        if not dock.isFloating():
            dock.raise_()  # brings a tabbed dock to the front
        self._docks[id(record)] = dock
        self._update_welcome()
        QTimer.singleShot(0, self._fit_panel_side)  # once the new dock is laid out

    def _side_docks(self, area: Qt.DockWidgetArea) -> list[QDockWidget]:
        return [
            d
            for d in self._docks.values()
            if self.dockWidgetArea(d) == area and not d.isFloating() and not d.isHidden()
        ]

    def _fit_panel_side(self) -> None:
        """Give the panel side its natural width, so graphs get the rest of the room."""
        left = self._side_docks(Qt.DockWidgetArea.LeftDockWidgetArea)
        right = self._side_docks(Qt.DockWidgetArea.RightDockWidgetArea)
        if not left:
            return
        width = max(max(d.widget().sizeHint().width() for d in left) + 12, 240)
        if right:  # the central area is hidden: the two sides share the width
            rest = max(self.width() - width, 300)
            self.resizeDocks(
                [*left, *right],
                [width] * len(left) + [rest] * len(right),
                Qt.Orientation.Horizontal,
            )
        else:
            self.resizeDocks(left, [width] * len(left), Qt.Orientation.Horizontal)

    def unplace(self, record: WindowRecord) -> None:
        dock = self._docks.pop(id(record), None)
        if dock is not None:
            dock.setWidget(QWidget())
            self.removeDockWidget(dock)
            dock.deleteLater()
        self._update_welcome()

    def dock_for(self, record: WindowRecord) -> QDockWidget | None:
        return self._docks.get(id(record))

    def is_shown(self, record: WindowRecord) -> bool:
        dock = self._docks.get(id(record))
        return dock is not None and not dock.isHidden()

    def set_shown(self, record: WindowRecord, shown: bool) -> None:
        dock = self._docks.get(id(record))
        if dock is not None:
            dock.setVisible(shown)
            if shown and not dock.isFloating():
                dock.raise_()

    def _dock_name(self, record: WindowRecord) -> str:
        base = f"dock:{record.kind}:{record.title}"
        n = self._names_used.get(base, 0)
        self._names_used[base] = n + 1
        return base if n == 0 else f"{base}#{n}"

    def _update_welcome(self, *_args: object) -> None:
        """The central area: the welcome text when empty, blank room beside panels only,
        hidden (so docks fill the window) once a graph or shape plot is docked."""
        docked = [d for d in self._docks.values() if not d.isHidden() and not d.isFloating()]
        graphs = self._side_docks(Qt.DockWidgetArea.RightDockWidgetArea)
        self.welcome_text.setVisible(not docked)
        self.welcome.setVisible(not graphs)

    def set_document(self, path: object) -> None:
        """Name the last file run in the title bar and the status bar."""
        name = Path(str(path)).name
        self.setWindowTitle(f"{name} — NeuroQt — NEURON Main Menu")
        self.statusBar().showMessage(f"Ran {path}", 8000)

    # -- layout and settings ----------------------------------------------------------
    def layout_state(self) -> bytes:
        """The dock layout, for a session file (pairs with :meth:`restore_layout`)."""
        return bytes(self.saveState().data())

    def restore_layout(self, state: bytes) -> bool:
        return self.restoreState(QByteArray(state))

    def _restore_settings(self) -> None:
        store = settings()
        geometry = store.bytes_value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = store.bytes_value("window/state")
        self._had_saved_state = state is not None
        if state is not None:
            self.restoreState(state)

    def save_settings(self) -> None:
        store = settings()
        store.set_value("window/geometry", self.saveGeometry())
        store.set_value("window/state", self.saveState())
        store.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            if not self._had_saved_state:  # first launch: a modest Messages strip
                self.resizeDocks([self.message_dock], [120], Qt.Orientation.Vertical)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        self._status_timer.stop()
        for dock in self._docks.values():  # floating docks are windows of their own
            if dock.isFloating():
                dock.hide()
        super().closeEvent(event)
        gui = sys.modules.get("app.gui")
        if gui is not None and gui.main_window() is self:  # the app's workspace: quit
            QApplication.quit()

    # -- messages and errors ----------------------------------------------------------
    def notification_bottom(self) -> int:
        """Where notifications sit: above the Messages dock (if docked below) and status bar."""
        dock = self.message_dock
        bottom_docked = (
            dock.isVisible()
            and not dock.isFloating()
            and self.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea
        )
        if bottom_docked:
            return dock.geometry().top() - 8
        return self.height() - self.statusBar().height() - 8

    def show_messages(self) -> None:
        self.message_dock.show()
        self.message_dock.raise_()

    def _on_reported(self, report: ErrorReport) -> None:
        self.statusBar().showMessage(report.headline(), 10000)
        if report.level == "error":
            self.notification.show_message(report.headline(), "error")

    def report_exception(
        self, etype: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        """Show an exception (message dock and notification); the app keeps running."""
        funnel().report_exception(etype, value, tb)
