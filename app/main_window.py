"""The NEURON Main Menu window: the workspace that hosts every other window as a dock."""

from __future__ import annotations

import traceback
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from app import __version__
from layouts.registry import WindowRecord, registry

__all__ = ["MainWindow"]


class MainWindow(QMainWindow):
    """NEURON's Main Menu as a menu bar; windows open as docks inside."""

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("NeuroQt — NEURON Main Menu")
        self.setObjectName("NeuronMainMenu")
        self.resize(1100, 720)
        self.setDockOptions(
            QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.AllowNestedDocks
            | QMainWindow.DockOption.AnimatedDocks
        )
        self._docks: dict[int, QDockWidget] = {}
        self._build_menus()
        hint = QLabel(
            "<h2>NeuroQt</h2><p>Run a NEURON script with <code>neuroqt script.py</code>, "
            "or open one from the File menu.<br>Windows your scripts create open here as docks.</p>"
        )
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setObjectName("workspaceHint")
        hint.setStyleSheet("color: palette(mid);")
        self.setCentralWidget(hint)
        self.statusBar().showMessage("Ready")

    # -- menus ------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.window_menu = bar.addMenu("&Window")
        self.window_menu.aboutToShow.connect(self._fill_window_menu)
        help_menu = bar.addMenu("&Help")
        about = QAction("&About NeuroQt", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _fill_window_menu(self) -> None:
        self.window_menu.clear()
        recs = registry().records()
        if not recs:
            empty = self.window_menu.addAction("(no windows)")
            empty.setEnabled(False)
        for rec in recs:
            act = self.window_menu.addAction(rec.title)
            act.setCheckable(True)
            act.setChecked(self.is_shown(rec))
            act.toggled.connect(lambda on, r=rec: registry().set_shown(r, on))

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About NeuroQt",
            f"<b>NeuroQt {__version__}</b><p>NEURON's modelling GUI on Qt, "
            "with a NEURON-compatible simulation engine.</p>",
        )

    # -- WindowHost -------------------------------------------------------------------
    def place(self, record: WindowRecord) -> None:
        dock = QDockWidget(record.title, self)
        dock.setObjectName(f"dock:{record.kind}:{record.title}:{len(self._docks)}")
        dock.setWidget(record.widget)
        dock.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        if record.geometry is not None:
            left, top, w, hgt = record.geometry
            dock.setFloating(True)
            dock.move(left, top)
            if w > 0 and hgt > 0:
                dock.resize(w, hgt)
        record.widget.show()
        dock.show()
        self._docks[id(record)] = dock

    def unplace(self, record: WindowRecord) -> None:
        dock = self._docks.pop(id(record), None)
        if dock is not None:
            dock.setWidget(QWidget())
            self.removeDockWidget(dock)
            dock.deleteLater()

    def dock_for(self, record: WindowRecord) -> QDockWidget | None:
        return self._docks.get(id(record))

    def is_shown(self, record: WindowRecord) -> bool:
        dock = self._docks.get(id(record))
        return dock is not None and dock.isVisible()

    def set_shown(self, record: WindowRecord, shown: bool) -> None:
        dock = self._docks.get(id(record))
        if dock is not None:
            dock.setVisible(shown)

    # -- errors -----------------------------------------------------------------------
    def report_exception(
        self, etype: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        text = "".join(traceback.format_exception(etype, value, tb))
        self.statusBar().showMessage(f"{etype.__name__}: {value}", 10000)
        box = QMessageBox(
            QMessageBox.Icon.Critical, "Error", f"{etype.__name__}: {value}", parent=self
        )
        box.setDetailedText(text)
        box.open()
