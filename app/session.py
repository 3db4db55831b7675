"""Sessions: save every window to a NEURON ``.ses`` file and load one back.

A session file is plain HOC in NEURON's dialect (neuron-gui-api.md §11): a header
declaring ``save_window_``, ``ocbox_``..., then one block per window in the window
registry's order, each ending with the window's place (``xpanel(l, t)``,
``save_window_.view(..., l, t, w, h)``, ``ocbox_.map("title", l, t, w, h)``), then
``doNotify()``.  Each window kind writes its own block (``session_text()`` of panels,
boxes, graphs, shapes, tools); this module adds NEURON's RunControl block and puts in
the place each window is *now*.

In the app, the main window's dock layout follows as two comment lines
(:mod:`app.session_layout`), which NEURON skips and NeuroQt applies after loading.

Saving is atomic: the text goes to a temporary file in the same folder, is flushed to
disk, then replaces the target in one step.  Loading parses the whole file before
running any of it; if running fails, the windows the load opened are closed again and
the error names the file and line (:class:`SessionLoadError`).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

from app.session_layout import layout_lines, restore_layout
from layouts.registry import WindowRecord, registry
from sim import h
from widgets.graph_session import graph_session_text

__all__ = [
    "SessionLoadError",
    "graph_session_text",
    "implementations",
    "load_session",
    "load_session_dialog",
    "placement",
    "save_session",
    "save_session_dialog",
    "session_text",
    "window_text",
]

NRNGUI = '{load_file("nrngui.hoc")}'  # the header File ▸ save session gives, as NEURON's
HEADER = (
    "objectvar save_window_, rvp_\n"
    "objectvar scene_vector_[{n}]\n"
    "objectvar ocbox_, ocbox_list_, scene_, scene_list_\n"
    "{{ocbox_list_ = new List()  scene_list_ = new List()}}\n"
    "{{pwman_place(0,0,0)}}\n"
)
FOOTER = "objectvar scene_vector_[1]\n{doNotify()}\n"


class SessionLoadError(RuntimeError):
    """A session file that could not be loaded; nothing it opened is left open."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        where = f"{path}, line {line}" if line else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
        self.message = message


# -- where each window is ---------------------------------------------------------------
def placement(record: WindowRecord) -> tuple[int, int, int, int] | None:
    """The window's (left, top, width, height) on the screen now, or None if unknown.

    A window docked in the main window has no screen place of its own: the place it
    was opened at is kept (NEURON's coordinates mean nothing inside a dock).
    """
    host = registry().host()
    dock_for = getattr(host, "dock_for", None)
    if dock_for is not None:
        dock = dock_for(record)
        if dock is not None and dock.isFloating():
            return dock.x(), dock.y(), dock.width(), dock.height()
        return record.geometry
    w = record.widget
    if w.isWindow():
        return w.x(), w.y(), w.width(), w.height()
    return record.geometry


def _fmt(x: float) -> str:
    return format(float(x), "g")


_VIEW_RE = re.compile(r"save_window_\.view\(([^,()]+,[^,()]+,[^,()]+,[^,()]+),[^)]*\)")
_MAP_RE = re.compile(r'^ocbox_\.map\((".*?(?<!\\)")[^\n]*\)$', re.M)
_XPANEL_END_RE = re.compile(r"^xpanel\([^\"\n]*\)\s*\Z", re.M)


def _placed(text: str, kind: str, where: tuple[int, int, int, int] | None) -> str:
    """``text`` with its last placement call moved to ``where``."""
    if where is None:
        return text
    left, top, width, height = where
    if kind == "panel":
        m = list(_XPANEL_END_RE.finditer(text))
        if m:
            s, e = m[-1].span()
            return text[:s] + f"xpanel({left},{top})\n"
        return text
    if kind in ("box", "deck", "tool"):
        m = list(_MAP_RE.finditer(text))
        if m:
            s, e = m[-1].span()
            line = f"ocbox_.map({m[-1].group(1)}, {left}, {top}, {width}, {height})"
            return text[:s] + line + text[e:]
        return text
    m = list(_VIEW_RE.finditer(text))
    if m:
        s, e = m[-1].span()
        line = f"save_window_.view({m[-1].group(1)}, {left}, {top}, {width}, {height})"
        return text[:s] + line + text[e:]
    return text


# -- NEURON's RunControl block ----------------------------------------------------------
_RUNCONTROL_ROWS = (
    ("Init", "v_init", 'xvalue("Init","v_init", 1,"stdinit()", 1, 1 )'),
    (None, None, 'xbutton("Init & Run","run()")'),
    (None, None, 'xbutton("Stop","stoprun=1")'),
    ("Continue til", "runStopAt", 'xvalue("Continue til","runStopAt", 1,'
     '"{continuerun(runStopAt) stoprun=1}", 1, 1 )'),
    ("Continue for", "runStopIn", 'xvalue("Continue for","runStopIn", 1,'
     '"{continuerun(t + runStopIn) stoprun=1}", 1, 1 )'),
    (None, None, 'xbutton("Single Step","steprun()")'),
    ("t", "t", 'xvalue("t","t", 2 )'),
    ("Tstop", "tstop", 'xvalue("Tstop","tstop", 1,"tstop_changed()", 0, 1 )'),
    ("dt", "dt", 'xvalue("dt","dt", 1,"setdt()", 0, 1 )'),
    ("Points plotted/ms", "steps_per_ms",
     'xvalue("Points plotted/ms","steps_per_ms", 1,"setdt()", 0, 1 )'),
    ("Scrn update invl", "screen_update_invl",
     'xvalue("Scrn update invl","screen_update_invl", 1,"", 0, 1 )'),
    ("Real Time", "realtime", 'xvalue("Real Time","realtime", 0,"", 0, 1 )'),
)  # fmt: skip


def runcontrol_session_text() -> str:
    """NEURON's RunControl block, with the run system's values now."""
    lines = ["{", 'xpanel("RunControl", 0)']
    for _label, var, call in _RUNCONTROL_ROWS:
        if var is not None:
            try:
                lines.append(f"{var} = {_fmt(getattr(h, var))}")
            except AttributeError:
                pass
        lines.append(call)
    lines += ["xpanel(0,0)", "}"]
    return "\n".join(lines) + "\n"


def _is_runcontrol(owner: Any) -> bool:
    from widgets.runcontrol import is_runcontrol

    return is_runcontrol(owner)


# -- the whole session -------------------------------------------------------------------
def window_text(record: WindowRecord) -> str:
    """One window's block, placed where the window is now."""
    owner = record.owner
    if _is_runcontrol(owner):
        text = runcontrol_session_text()
        return _placed_panel_block(text, placement(record))
    tool = getattr(owner, "_ref", None)  # a tool window (a builder) saves itself
    if record.kind == "box" and hasattr(tool, "session_text"):
        return _placed(tool.session_text(), "box", placement(record))
    save = getattr(owner, "session_text", None)
    if save is not None:
        text = save()
    else:
        return f"// {record.kind} {record.title!r}: this kind of window is not saved yet\n"
    if record.kind == "panel":
        return _placed_panel_block("{\n" + text.rstrip("\n") + "\n}\n", placement(record))
    return _placed(text, record.kind, placement(record))


def _placed_panel_block(text: str, where: tuple[int, int, int, int] | None) -> str:
    if where is None:
        return text
    body = text.rstrip("\n")
    assert body.endswith("}")
    inner = _placed(body[:-1].rstrip("\n") + "\n", "panel", where)
    return inner + "}\n"


def _priority(record: WindowRecord) -> float:
    """NEURON writes higher priorities first (model builders 1000, managers 990...), so
    the windows that make sections come before those that use them."""
    priority = getattr(record.owner, "priority", None)
    try:
        return float(priority()) if callable(priority) else 1.0
    except TypeError:
        return 1.0


def session_text(records: list[WindowRecord] | None = None, header: str = NRNGUI) -> str:
    """The session file's text for ``records`` (default: every window open), after
    ``header`` (NEURON's saver writes the header it is given first)."""
    records = registry().records() if records is None else records
    parts = [header.rstrip("\n") + "\n"] if header else []
    parts.append(HEADER.format(n=len(records) + 1))
    in_order = sorted(records, key=lambda r: -_priority(r))  # stable: ties keep order
    for record in in_order:
        parts.append(window_text(record))
    parts.append(FOOTER)
    parts.append(layout_lines(in_order))  # the main window's docks, as comments
    return "".join(parts)


def save_session(path: Any, header: Any = None) -> float:
    """``h.save_session(path [, header])``: write every window to ``path`` atomically."""
    target = Path(str(path)).expanduser()
    text = session_text(header=str(header) if isinstance(header, str) else NRNGUI)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return 1.0


def load_session(path: Any) -> list[WindowRecord]:
    """Run a session file; returns the windows it opened.

    The file is parsed whole before anything runs (a syntax error opens nothing); if
    running fails, the windows opened so far are closed and :class:`SessionLoadError`
    names the line.
    """
    from sim.hoc.errors import HocError
    from sim.hoc.parser import parse

    p = Path(str(path)).expanduser()
    try:
        text = p.read_text(encoding="utf-8", errors="replace")
    except OSError as e:
        raise SessionLoadError(str(p), None, f"cannot read the file ({e.strerror})") from None
    try:
        parse(text, str(p))
    except HocError as e:
        raise SessionLoadError(str(p), e.line, e.message) from None
    reg = registry()
    before = set(map(id, reg.records()))
    interp = h._hoc()
    interp.loading.append(p)
    scope, depth = interp.top.obj, len(interp.object_stack)
    try:
        interp.run_text(text, str(p))
    except Exception as e:
        del interp.object_stack[depth:]  # an error between object_push and object_pop
        interp.top.obj = scope
        _close_new_windows(before)
        line = getattr(e, "line", None)
        raise SessionLoadError(str(p), line, getattr(e, "message", str(e))) from None
    finally:
        interp.loading.pop()
    opened = [r for r in reg.records() if id(r) not in before]
    restore_layout(text, opened)
    return opened


def _close_new_windows(before: set[int]) -> None:
    reg = registry()
    for record in reg.records():
        if id(record) not in before:
            reg.remove(record)
            record.widget.deleteLater()


# -- menu actions ------------------------------------------------------------------------
def save_session_dialog(parent: Any = None) -> str:
    """File ▸ Save session…: ask for a file and save; returns the path ('' if cancelled)."""
    from app import dialogs

    path = dialogs.ask_save_file(parent, "Save session", "Sessions (*.ses)")
    if not path:
        return ""
    if not path.endswith(".ses"):
        path += ".ses"
    save_session(path)
    return path


def load_session_dialog(parent: Any = None) -> str:
    """File ▸ Load session…: ask for a file and load it; errors go to the error funnel."""
    from app import dialogs
    from app.errors import funnel

    path = dialogs.ask_open_file(parent, "Load session", "Sessions (*.ses);;All files (*)")
    if not path:
        return ""
    try:
        load_session(path)
    except SessionLoadError as e:
        funnel().report_message(str(e), "error")
        return ""
    return path


def implementations() -> dict[str, Any]:
    """``h.save_session`` (NEURON's name) writes the session file."""
    return {"save_session": save_session}
