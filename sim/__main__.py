"""``python -m sim script.py [args...]``: run a NEURON script headless on NeuroQt's engine.

This is what the reference tests use; the ``neuroqt -nogui`` command does the
same with the app's error reporting around it.
"""

from __future__ import annotations

import runpy
import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print("usage: python -m sim script.py|script.hoc [args...]", file=sys.stderr)
        return 2
    from sim import compat, h

    compat.install()
    path = argv[0]
    sys.argv = list(argv)
    if path.endswith((".hoc", ".ses")):
        from sim.hoc import HocError

        try:
            ok = h.load_file(path)
        except HocError:
            return 1  # load_file has printed the message, with file and line
        return 0 if ok else 1
    runpy.run_path(path, run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
