"""What the Main Menu's items do: open files, small tool panels, graphs, vectors, help.

Kept apart from :mod:`app.menus` (which decides what is offered) so each
action is a plain function a test can call or a menu item can trigger.
"""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QTextBrowser, QWidget

from app import dialogs
from app.errors import funnel
from app.settings import settings
from app.vector_clipboard import clipboard, read_vector_file, set_clipboard, write_vector_file
from layouts.registry import open_window, registry

__all__ = [
    "celsius_panel",
    "global_ra_panel",
    "mechanism_names",
    "model_view",
    "open_file",
    "point_process_list",
    "run_button_panel",
    "show_docs",
]

DOCS_DIR = Path(__file__).resolve().parents[1] / "resources" / "docs"
_keep: list[Any] = []  # objects the user made from a menu (sections, holders) stay alive


# -- files ---------------------------------------------------------------------------
def open_file(path: str | Path, window: Any = None) -> bool:
    """Run a .py, .hoc or .ses file as ``neuroqt file`` would; errors go to the funnel.

    ``window`` (default: the app's main window) names the file in its title bar.
    """
    from app.runner import run_file

    p = Path(path)
    settings().add_recent_file(p)
    if window is None:
        gui = sys.modules.get("app.gui")  # never imported here: importing it opens the GUI
        window = gui.main_window() if gui is not None else None
    if window is not None and hasattr(window, "set_document"):
        window.set_document(p)
    try:
        run_file(p)
    except SystemExit:
        return True
    except Exception as e:
        funnel().report_exception(type(e), e, e.__traceback__)
        return False
    return True


def _ask_and_open(parent: QWidget, caption: str, filters: str) -> None:
    path = dialogs.ask_open_file(parent, caption, filters)
    if path:
        open_file(path, parent)


def load_session(parent: QWidget) -> None:
    _ask_and_open(parent, "Load session", "Sessions (*.ses);;All files (*)")


def load_hoc(parent: QWidget) -> None:
    _ask_and_open(parent, "Load hoc", "HOC files (*.hoc *.oc);;All files (*)")


def load_python(parent: QWidget) -> None:
    _ask_and_open(parent, "Load Python", "Python scripts (*.py);;All files (*)")


def save_session(parent: QWidget) -> None:
    from sim import h

    path = dialogs.ask_save_file(parent, "Save session", "Sessions (*.ses)")
    if path:
        if not path.endswith(".ses"):
            path += ".ses"
        h.save_session(path)
        settings().add_recent_file(path)


def working_dir(parent: QWidget) -> None:
    path = dialogs.ask_directory(parent, "Working directory")
    if path:
        change_dir(path)


def change_dir(path: str) -> None:
    os.chdir(path)
    dirs = [str(Path(path).resolve())] + [d for d in recent_dirs() if d != path]
    settings().set_value("recent/dirs", dirs[:10])
    funnel().report_message(f"Working directory: {Path.cwd()}", "info")


def recent_files() -> list[str]:
    return settings().recent_files()


def recent_dirs() -> list[str]:
    raw = settings().value("recent/dirs", [])
    return [raw] if isinstance(raw, str) else [str(d) for d in (raw or [])]


def open_recent(path: str) -> None:
    if not Path(path).is_file():
        funnel().report_message(f"{path}: the file no longer exists", "error")
        return
    open_file(path)


# -- Build ---------------------------------------------------------------------------
def single_compartment() -> Any:
    """A 100 µm² soma (L = diam) and an Inserter for it, as NEURON's Build menu makes."""
    from app.menus import implemented
    from sim import h

    if implemented("makesinglecompartment"):  # the builders' version (saved in sessions)
        return h.makesinglecompartment()
    soma = h.Section(name="soma")
    soma.L = soma.diam = math.sqrt(100.0 / math.pi)
    _keep.append(soma)
    return h.Inserter(sec=soma)


# -- small panels --------------------------------------------------------------------
def celsius_panel() -> None:
    from sim import h

    h.xpanel("Temperature")
    h.xvalue("celsius", "celsius", 1)
    h.xpanel()


class _GlobalRa:
    """Holder for the globalRa panel: applying sets Ra in every section."""

    def __init__(self) -> None:
        from sim import h

        secs = list(h.allsec())
        self.Ra = float(secs[0].Ra) if secs else 35.4

    def apply(self) -> None:
        from sim import h

        for sec in h.allsec():
            sec.Ra = self.Ra


def global_ra_panel() -> None:
    from sim import h

    holder = _GlobalRa()
    _keep.append(holder)
    h.xpanel("Axial resistivity")
    h.xvalue("Ra for every section (Ω·cm)", (holder, "Ra"), 1, holder.apply)
    h.xpanel()


class _RunButton:
    """Tools ▸ RunButton: checking "Init & Run" runs; unchecking during a run stops it."""

    def __init__(self) -> None:
        self.running = 0.0

    def toggled(self) -> None:
        from sim import h

        if not self.running:
            h.stoprun = 1
            return
        try:
            h.run()
        finally:
            self.running = 0.0
            h.doNotify()


def run_button_panel() -> None:
    from sim import h

    holder = _RunButton()
    _keep.append(holder)
    h.xpanel("Run")
    h.xcheckbox("Init & Run", (holder, "running"), holder.toggled)
    h.xpanel()


def model_view(parent: QWidget | None = None) -> QWidget:
    from app.model_view import ModelView

    view = ModelView()
    open_window(view, "Model View", kind="tool", owner=view)
    return view


# -- Graph ---------------------------------------------------------------------------
def vector_movie() -> Any:
    from app.menus import implemented
    from sim import h

    if implemented("newvectorplot"):
        return h.newvectorplot()
    g = h.Graph()
    h.flush_list.append(g)
    return g


def shape_plot() -> Any:
    """stdrun's newshapeplot: a PlotShape that the run keeps up to date."""
    from app.menus import implemented
    from sim import h

    if implemented("newshapeplot"):
        return h.newshapeplot()
    ps = h.PlotShape()
    if h._lookup("fast_flush_list") is not None:
        h.fast_flush_list.append(ps)
    _keep.append(ps)
    return ps


def phase_plane() -> Any:
    from sim import h

    expr = dialogs.ask_text(None, "Phase Plane", "x-axis expression (for example v(.5)):", "v(.5)")
    if not expr:
        return None
    g = h.Graph()
    g.size(-80, 40, -80, 40)
    g.xexpr(expr)
    h.graphList[3].append(g)
    return g


# -- Vector --------------------------------------------------------------------------
_adopted_picks: dict[int, Any] = {}  # id -> the picked pair (held, so ids stay unique)


def adopt_picked_vectors() -> None:
    """Take a curve a Graph's "Pick Vector" chose (``graph.picked_vectors = (y, x)``)."""
    for rec in registry().records():
        picked = getattr(rec.owner, "picked_vectors", None)
        if picked is None or id(picked) in _adopted_picks:
            continue
        _adopted_picks[id(picked)] = picked
        y, x = picked
        set_clipboard(list(y), list(x), getattr(y, "label", lambda: "")() or rec.title)


def clipboard_has_data() -> bool:
    adopt_picked_vectors()
    return len(clipboard()) > 0


def save_vector(parent: QWidget) -> None:
    path = dialogs.ask_save_file(parent, "Save clipboard vector", "Data (*.dat);;All files (*)")
    if path:
        write_vector_file(path, clipboard())
        funnel().report_message(f"Saved {len(clipboard())} points to {path}", "info")


def retrieve_vector(parent: QWidget) -> None:
    path = dialogs.ask_open_file(parent, "Retrieve vector", "Data (*.dat);;All files (*)")
    if path:
        curve = read_vector_file(path)
        set_clipboard(curve.y, curve.x, curve.label or Path(path).name)
        from app.menus import implemented

        if implemented("Graph"):
            display_clipboard()


def display_clipboard() -> Any:
    """Plot the clipboard curve in a new Graph."""
    from sim import h

    curve = clipboard()
    y, x = h.Vector(curve.y), h.Vector(curve.x)
    g = h.Graph()
    y.line(g, x)
    if hasattr(g, "exec_menu"):
        g.exec_menu("View = plot")
    _keep.append((y, x))
    return g


# -- Tools ▸ viewers -----------------------------------------------------------------
# NEURON's built-in point-process types, for engines without MechanismType.
BUILTIN_POINT_PROCESSES = (
    "IClamp",
    "AlphaSynapse",
    "ExpSyn",
    "Exp2Syn",
    "SEClamp",
    "VClamp",
    "OClamp",
    "APCount",
    "NetStim",
    "IntFire1",
    "IntFire2",
    "IntFire4",
    "PatternStim",
)


def _engine_mechanism_names(point: bool) -> list[str]:
    """The engine's own table of mechanisms, for engines without h.MechanismType."""
    from app.menus import engine_has

    try:
        from sim.mechanisms import MECHANISMS
    except ImportError:
        return [n for n in BUILTIN_POINT_PROCESSES if point and engine_has(n)]
    kind = "point" if point else "density"
    return [n for n, m in MECHANISMS.items() if getattr(m, "kind", None) == kind]


def mechanism_names(point: bool) -> list[str]:
    """Names of point-process types (point=True) or density mechanisms."""
    from app.menus import engine_has
    from sim import h

    if not engine_has("MechanismType"):
        return _engine_mechanism_names(point)
    mt = h.MechanismType(1 if point else 0)
    name = h.ref("")
    out = []
    for i in range(int(mt.count())):
        mt.select(i)
        mt.selected(name)
        out.append(str(name[0]))
    return [n for n in out if n not in ("morphology", "capacitance") and not n.endswith("_ion")]


def point_process_list(kind: str) -> None:
    """A panel listing every instance of ``kind`` with where it is; a button opens its menu."""
    from sim import h

    h.xpanel(f"{kind} instances")
    instances = list(h.List(kind))
    if not instances:
        h.xlabel(f"No {kind} exists yet")
    from app.menus import implemented

    for pp in instances:
        seg = pp.get_segment()
        where = f"{seg.sec.name()}({seg.x:g})" if seg is not None else "nowhere"
        text = f"{pp.hname()} at {where}"
        if implemented("nrnpointmenu"):  # a button only where it opens something
            h.xbutton(text, lambda p=pp: h.nrnpointmenu(p))
        else:
            h.xlabel(text)
    h.xpanel()


def docs_available() -> bool:
    return DOCS_DIR.is_dir() and any(DOCS_DIR.glob("*.md"))


def show_docs(parent: QWidget | None = None) -> QTextBrowser:
    """The bundled guide, in a dock."""
    browser = QTextBrowser()
    browser.setObjectName("docsBrowser")
    browser.setOpenExternalLinks(True)
    pages = sorted(DOCS_DIR.glob("*.md"))
    browser.setMarkdown("\n\n---\n\n".join(p.read_text(encoding="utf-8") for p in pages))
    open_window(browser, "NeuroQt Guide", kind="tool", owner=browser)
    return browser
