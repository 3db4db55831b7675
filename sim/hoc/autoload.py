"""``load_proc``, ``load_func`` and ``load_template``: load the file that defines a name.

For each name not defined yet, the ``*.oc`` and ``*.hoc`` files of the current
directory (then the directory of the file being loaded, then each directory of
``HOC_LIBRARY_PATH``) are searched in alphabetical order for a line that starts
``proc name(`` (``func name(``, ``begintemplate name``); the first file found is run
whole, as ``xopen`` would.  A name found nowhere is reported on stderr and, as in
NEURON, the call still returns 1.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sim.hoc.errors import HocError

__all__ = ["KINDS", "find_definition", "load_definitions"]

# What each function looks for at the start of a line.
KINDS = {"load_proc": "proc", "load_func": "func", "load_template": "begintemplate"}

# Names that NEURON finds in its own library (stdrun.hoc, stdlib.hoc), which NeuroQt
# builds in: asking for one loads the standard run system, as NEURON would.
_LIBRARY = "stdrun.hoc"
_LIBRARY_FILES = ("stdrun.hoc", "nrngui.hoc", "stdgui.hoc", "noload.hoc", "stdlib.hoc")
_LIBRARY_NAMES = frozenset(
    "run stdinit init setdt continuerun steprun step advance initPlot flushPlot "
    "fastflushPlot nrncontrolmenu nrnmainmenu newPlotV newPlotI newPlotS newPlot addplot "
    "stdrun_quiet lambda_f String".split()
)


def _pattern(keyword: str, name: str) -> re.Pattern[str]:
    end = r"\s*\(" if keyword != "begintemplate" else r"(?![A-Za-z0-9_])"
    return re.compile(rf"^{keyword}[ \t]+{re.escape(name)}{end}", re.MULTILINE)


def _search_dirs(loading: list[Path]) -> Iterator[tuple[Path, str]]:
    """Each directory to search, with how its files are named in the message."""
    yield Path.cwd(), "./"
    if loading:
        yield loading[-1].parent, f"{loading[-1].parent}/"
    for entry in re.split(r"[\s:]+", os.environ.get("HOC_LIBRARY_PATH", "")):
        if entry:
            yield Path(os.path.expanduser(entry)), f"{entry.rstrip('/')}/"


def find_definition(keyword: str, name: str, loading: list[Path]) -> tuple[Path, str] | None:
    """The first file (and its name as shown) with a line that defines ``name``."""
    pattern = _pattern(keyword, name)
    seen: set[Path] = set()
    for folder, shown in _search_dirs(loading):
        try:
            key = folder.resolve()
            files = sorted(p for p in folder.iterdir() if p.suffix in (".oc", ".hoc"))
        except OSError:
            continue
        if key in seen:
            continue
        seen.add(key)
        for path in files:
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if pattern.search(text):
                return path, shown + path.name
    return None


def load_definitions(interp: Any, function: str, names: tuple[Any, ...]) -> float:
    """``load_proc("a", "b", ...)``: for each undefined name, run the file defining it."""
    keyword = KINDS[function]
    for name in names:
        if not isinstance(name, str):
            raise HocError(f"{function}: expected names as strings, got {name!r}")
        if name in _LIBRARY_NAMES and not interp.loaded.intersection(_LIBRARY_FILES):
            sys.stderr.write(f"Getting {name} from {_LIBRARY} (built into NeuroQt)\n")
            interp.load_file(_LIBRARY)
            continue
        if name in interp.symbols:
            continue
        found = find_definition(keyword, name, interp.loading)
        if found is None:
            sys.stderr.write(f"Couldn't find a file that declares {name}\n")
            continue
        path, shown = found
        sys.stderr.write(f"Getting {name} from {shown}\n")
        interp.run_file(path, shown)
    return 1.0
