"""The NEURON Main Menu's menus (neuron-gui-api.md §8), and ``h.nrnmainmenu``.

Every item is either working or absent: an item whose tool lives elsewhere
(RunControl, the Graph helpers, PlotShape, the builders...) is shown only while
its ``h`` name has a real implementation (not the headless stand-in), and the
check runs each time a menu opens.  Items call the same ``h`` names a script
would, and every failure goes to the error funnel.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from app import dialogs, submenus, tools
from app.errors import funnel

if TYPE_CHECKING:
    from app.main_window import MainWindow

__all__ = ["MainMenus", "engine_has", "implementations", "implemented", "nrnmainmenu"]


def engine_has(name: str) -> bool:
    """True if ``h.<name>`` exists at all."""
    from sim import h

    return h._lookup(name) is not None


def implemented(name: str) -> bool:
    """True if ``h.<name>`` exists and is a real (Qt) implementation, not a headless one."""
    from sim import _gui_stubs, h

    sym = h._lookup(name)
    if sym is None or sym is getattr(_gui_stubs, "_accept_anything", None):
        return False
    if isinstance(sym, type) and issubclass(sym, _gui_stubs.HeadlessWindow):
        return False
    # A window tool implemented inside the engine (sim/ has no Qt) can only be headless.
    return not str(getattr(sym, "__module__", "") or "").startswith("sim.")


def _always() -> bool:
    return True


def call_h(name: str, *args: Any) -> Any:
    """``h.<name>(*args)``: what a script would call."""
    from sim import h

    return getattr(h, name)(*args)


@dataclass
class Item:
    """One menu entry: its action and when it is offered."""

    action: QAction
    available: Callable[[], bool]


class MainMenus:
    """Builds the Main Menu's menu bar on ``window`` and keeps each item's visibility honest."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.items: list[Item] = []
        self.menus: dict[str, QMenu] = {}
        bar = window.menuBar()
        for title, builder in (
            ("&File", self._build_file),
            ("&Build", self._build_build),
            ("&Tools", self._build_tools),
            ("&Graph", self._build_graph),
            ("&Vector", self._build_vector),
            ("&Window", self._build_window),
            ("&Help", self._build_help),
        ):
            menu = bar.addMenu(title)
            menu.setObjectName(f"menu{title.strip('&')}")
            self.menus[title.strip("&")] = menu
            builder(menu)
            menu.aboutToShow.connect(self.refresh)
        for item in self.items:  # the engine may not be loaded yet: see refresh()
            item.action.setVisible(item.available is _always)

    # -- helpers ----------------------------------------------------------------------
    def add(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], Any],
        available: Callable[[], bool] = _always,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, menu)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            self.window.addAction(action)  # shortcuts work with the menu closed
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False, s=slot, t=text: self._run(s, t))
        menu.addAction(action)
        self.items.append(Item(action, available))
        return action

    def _run(self, slot: Callable[[], Any], what: str) -> None:
        try:
            slot()
        except Exception as e:  # shown to the user; the app keeps running
            funnel().report_exception(type(e), e, e.__traceback__, f"from {what.strip('.…')}")

    def h_item(self, menu: QMenu, text: str, name: str, *args: Any, **kw: Any) -> QAction:
        """An item that calls ``h.<name>(*args)``, shown while ``name`` is implemented."""
        return self.add(menu, text, lambda: call_h(name, *args), lambda: implemented(name), **kw)

    def refresh(self) -> None:
        """Show exactly the items that work now; hide submenus left empty."""
        for item in self.items:
            try:
                ok = bool(item.available())
            except Exception:
                ok = False
            item.action.setVisible(ok)
        for menu in self.menus.values():
            self._hide_empty_submenus(menu)

    def _hide_empty_submenus(self, menu: QMenu) -> bool:
        any_visible = False
        for action in menu.actions():
            sub = action.menu()
            if sub is not None and getattr(sub, "dynamic", False):
                sub.update_visibility()
            elif sub is not None:
                action.setVisible(self._hide_empty_submenus(sub))
            if action.isVisible() and not action.isSeparator():
                any_visible = True
        return any_visible

    def visible_actions(self) -> list[QAction]:
        """Every item a user can see and trigger now (after :meth:`refresh`)."""
        return [i.action for i in self.items if i.action.isVisible()]

    # -- File -------------------------------------------------------------------------
    def _build_file(self, m: QMenu) -> None:
        w = self.window
        self.add(
            m,
            "Load &session…",
            lambda: tools.load_session(w),
            lambda: engine_has("load_file"),
            tip="Run a .ses file (load_file(1, f))",
        )
        self.add(
            m,
            "Load &hoc…",
            lambda: tools.load_hoc(w),
            lambda: engine_has("load_file"),
            QKeySequence.StandardKey.Open,
            "Load a .hoc file once",
        )
        self.add(
            m,
            "Load &Python…",
            lambda: tools.load_python(w),
            shortcut="Ctrl+Shift+O",
            tip="Run a Python script (like neuroqt script.py)",
        )
        self.add(
            m,
            "Sa&ve session…",
            lambda: tools.save_session(w),
            lambda: engine_has("save_session"),
            QKeySequence.StandardKey.Save,
        )
        m.addSeparator()
        self.add(
            m, "&Working dir…", lambda: tools.working_dir(w), tip="Change the working directory"
        )
        recent = submenus.RecentMenu("Recent &files", m, tools.recent_files, tools.open_recent)
        m.addMenu(recent)
        recent_dirs = submenus.RecentMenu("Recent &dir", m, tools.recent_dirs, tools.change_dir)
        m.addMenu(recent_dirs)
        m.addSeparator()
        self.add(m, "&Quit", w.close, shortcut=QKeySequence.StandardKey.Quit)

    # -- Build ------------------------------------------------------------------------
    def _build_build(self, m: QMenu) -> None:
        self.add(
            m,
            "single compartment",
            tools.single_compartment,
            lambda: (
                implemented("makesinglecompartment")
                or (engine_has("Section") and implemented("Inserter"))
            ),
        )
        self.h_item(m, "Cell Builder", "makecellbuilder")

    # -- Tools ------------------------------------------------------------------------
    def _build_tools(self, m: QMenu) -> None:
        self.h_item(m, "&RunControl", "nrncontrolmenu", shortcut="Ctrl+R")
        self.add(
            m,
            "RunButton",
            tools.run_button_panel,
            lambda: implemented("xcheckbox") and engine_has("run") and engine_has("stoprun"),
        )
        self.h_item(m, "VariableStepControl", "nrnvarstepcontrol")
        pp = m.addMenu("Point Processes")
        managers = pp.addMenu("Managers")
        self.add(
            managers,
            "Point Manager",
            lambda: call_h("PointProcessManager"),
            lambda: implemented("PointProcessManager") and engine_has("Section"),
        )
        viewers = submenus.MechanismViewerMenu("Viewers", pp, point=True)
        pp.addMenu(viewers)
        dm = m.addMenu("Distributed Mechanisms")
        dmm = dm.addMenu("Managers")
        self.h_item(dmm, "Inserter", "Inserter")
        self.h_item(dmm, "Homogeneous Spec", "ShowMechanism")
        dmv = dm.addMenu("Viewers")
        self.h_item(dmv, "Name Values", "nrnallsectionmenu")
        dmv.addMenu(submenus.MechanismViewerMenu("Globals", dmv, point=False))
        self.add(
            dm,
            "celsius",
            tools.celsius_panel,
            lambda: implemented("xpanel") and engine_has("celsius"),
        )
        self.add(
            dm,
            "globalRa",
            tools.global_ra_panel,
            lambda: implemented("xpanel") and engine_has("allsec"),
        )
        m.addSeparator()
        self.add(
            m,
            "&Model View",
            lambda: tools.model_view(self.window),
            lambda: engine_has("allsec"),
            "Ctrl+M",
            "A tree of sections and mechanisms",
        )

    # -- Graph ------------------------------------------------------------------------
    def _build_graph(self, m: QMenu) -> None:
        self.h_item(m, "&Voltage axis", "newPlotV", shortcut="Ctrl+G")
        self.h_item(m, "&Current axis", "newPlotI")
        self.h_item(m, "&State axis", "newPlotS")
        self.add(
            m,
            "S&hape plot",
            tools.shape_plot,
            lambda: implemented("newshapeplot") or implemented("PlotShape"),
        )
        self.add(
            m,
            "Vector movie",
            tools.vector_movie,
            lambda: (
                implemented("newvectorplot") or (implemented("Graph") and engine_has("flush_list"))
            ),
        )
        self.add(
            m,
            "Phase &Plane",
            tools.phase_plane,
            lambda: implemented("Graph") and engine_has("graphList"),
        )

    # -- Vector -----------------------------------------------------------------------
    def _build_vector(self, m: QMenu) -> None:
        w = self.window
        self.add(m, "Save to File…", lambda: tools.save_vector(w), tools.clipboard_has_data)
        self.add(
            m, "Retrieve from File…", lambda: tools.retrieve_vector(w), lambda: engine_has("Vector")
        )
        self.add(
            m,
            "Display",
            tools.display_clipboard,
            lambda: tools.clipboard_has_data() and implemented("Graph"),
        )

    # -- Window -----------------------------------------------------------------------
    def _build_window(self, m: QMenu) -> None:
        self.window_menu = submenus.WindowMenu(m, self.window)

    # -- Help -------------------------------------------------------------------------
    def _build_help(self, m: QMenu) -> None:
        w = self.window
        m.addMenu(submenus.ExamplesMenu("&Examples", m, w))
        self.add(
            m,
            "NeuroQt &Guide",
            lambda: tools.show_docs(w),
            tools.docs_available,
            QKeySequence.StandardKey.HelpContents,
        )
        m.addSeparator()
        for text, url in dialogs.HELP_LINKS:
            self.add(m, text, lambda u=url: dialogs.open_url(u))
        m.addSeparator()
        self.add(m, "&About NeuroQt", lambda: dialogs.about(w))


def nrnmainmenu(*_args: Any) -> float:
    """``h.nrnmainmenu()``: show (and raise) the Main Menu window; returns 0 like NEURON."""
    from app import gui

    window = gui.load()
    window.show()
    window.raise_()
    return 0.0


def implementations() -> dict[str, object]:
    """The h names this module implements with Qt."""
    return {"nrnmainmenu": nrnmainmenu}
