"""The main window's dock layout in a session file, as comments NEURON skips.

NeuroQt docks the windows a session opens into its main window; where each dock sits
(which side, tabbed with which, how big, floating where) is Qt's main-window state.
A session file ends with two comment lines holding it::

    //NeuroQt-docks: panel,graph,graph
    //NeuroQt-layout: <Qt's saveState, base64>

NEURON reads them as comments.  The state names each dock by its place among the
session's windows (``session:0``, ``session:1``... in file order), so it applies to the
windows a load makes, whatever object numbers they get; the kinds line guards against
applying it to a different set of windows.  A floating window keeps the place its own
block gives (NEURON's left/top), which Qt's state may round by a frame's width.
"""

from __future__ import annotations

import base64
import contextlib
import re
from collections.abc import Iterator
from typing import Any

from layouts.registry import WindowRecord, registry

__all__ = ["layout_lines", "restore_layout"]

_KINDS = "//NeuroQt-docks: "
_STATE = "//NeuroQt-layout: "


def _layout_host() -> Any:
    host = registry().host()
    ok = all(hasattr(host, n) for n in ("layout_state", "restore_layout", "dock_for"))
    return host if ok else None


@contextlib.contextmanager
def _session_names(docks: list[Any]) -> Iterator[None]:
    """Docks named by their place in the session while Qt saves or restores the state."""
    old = [d.objectName() if d is not None else "" for d in docks]
    try:
        for k, dock in enumerate(docks):
            if dock is not None:
                dock.setObjectName(f"session:{k}")
        yield
    finally:
        for dock, name in zip(docks, old, strict=True):
            if dock is not None:
                dock.setObjectName(name)


def layout_lines(records: list[WindowRecord]) -> str:
    """The comment lines for ``records`` (in file order); '' with no main window."""
    host = _layout_host()
    if host is None or not records:
        return ""
    docks = [host.dock_for(r) for r in records]
    if not any(d is not None for d in docks):
        return ""
    with _session_names(docks):
        state = host.layout_state()
    kinds = ",".join(r.kind for r in records)
    encoded = base64.b64encode(state).decode("ascii")
    return f"// NeuroQt's dock layout (comments to NEURON)\n{_KINDS}{kinds}\n{_STATE}{encoded}\n"


def restore_layout(text: str, opened: list[WindowRecord]) -> bool:
    """Put the docks ``opened`` by a session back as its layout lines say.

    Returns False (the docks stay where they opened) when there is no main window, no
    layout in the file, or the session opened other windows than it saved.
    """
    host = _layout_host()
    kinds = re.search(rf"^{_KINDS}(.*)$", text, re.M)
    state = re.search(rf"^{_STATE}([A-Za-z0-9+/=]+)\s*$", text, re.M)
    if host is None or kinds is None or state is None:
        return False
    if kinds.group(1).split(",") != [r.kind for r in opened]:
        return False
    docks = [host.dock_for(r) for r in opened]
    with _session_names(docks):
        done = bool(host.restore_layout(base64.b64decode(state.group(1))))
    for record, dock in zip(opened, docks, strict=True):
        if dock is not None and dock.isFloating() and record.geometry is not None:
            left, top, width, height = record.geometry  # the file's own place wins
            dock.move(left, top)
            if width > 0 and height > 0:
                dock.resize(width, height)
    return done
