"""The ``neuroqt`` command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app import __version__

__all__ = ["build_parser", "main"]

_DESCRIPTION = """\
NeuroQt: NEURON's modelling GUI, rebuilt on Qt, on a NEURON-compatible engine.

Runs the given .py, .hoc and .ses files in order, then stays open with the
GUI (like `nrngui file.hoc`).  With no files it opens the NEURON Main Menu.
"""

_EPILOG = """\
examples:
  neuroqt                      open the Main Menu
  neuroqt --demo               open the bundled tutorial demo
  neuroqt model.hoc run.py     load a model, run a script, keep the windows
  neuroqt -nogui sim.py        run headless and exit
  neuroqt sim.py -- --cells 10 pass arguments to the script as sys.argv
  neuroqt -i model.py          a Python prompt in this terminal; the windows stay live

exit status: 0 on success; 1 when a script or HOC file fails under -nogui (the
last line of stderr names the file and line); 2 for a bad command line or a
file that does not exist; a script's own sys.exit(n) gives n.
"""


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="neuroqt",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "files", nargs="*", metavar="FILE", help=".py, .hoc or .ses files to run in order"
    )
    p.add_argument("--version", action="version", version=f"neuroqt {__version__}")
    p.add_argument(
        "-nogui",
        "--nogui",
        dest="nogui",
        action="store_true",
        help="run headless: GUI calls draw nothing; exit when the files are done",
    )
    p.add_argument(
        "-c",
        dest="statements",
        action="append",
        default=[],
        metavar="STATEMENT",
        help="run a Python statement after the files (may be repeated)",
    )
    p.add_argument(
        "-i",
        dest="interactive",
        action="store_true",
        help="drop to a Python prompt with live windows after the files",
    )
    p.add_argument("--demo", action="store_true", help="open the bundled tutorial demo")
    return p


def _split_script_args(argv: list[str]) -> tuple[list[str], list[str]]:
    if "--" in argv:
        i = argv.index("--")
        return argv[:i], argv[i + 1 :]
    return argv, []


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    own, script_args = _split_script_args(argv)
    args = build_parser().parse_args(own)

    for f in args.files:
        if not Path(f).is_file():
            print(f"neuroqt: cannot open {f!r}: no such file", file=sys.stderr)
            return 2
        if Path(f).suffix not in (".py", ".hoc", ".ses"):
            print(f"neuroqt: {f!r} is not a .py, .hoc or .ses file", file=sys.stderr)
            return 2

    from app.runner import run

    return run(args, script_args)


if __name__ == "__main__":
    sys.exit(main())
