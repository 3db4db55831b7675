"""Runs what the command line asked for: files, statements, then the GUI loop."""

from __future__ import annotations

import argparse
import os
import runpy
import sys
import traceback
from pathlib import Path

__all__ = ["demo_files", "run"]


def demo_files() -> list[Path]:
    """The bundled demo's entry script."""
    from resources import demo

    return [Path(demo.__file__).with_name("main.py")]


def _run_file(path: Path, script_args: list[str]) -> None:
    from sim import h

    if path.suffix == ".py":
        sys.argv = [str(path), *script_args]
        runpy.run_path(str(path), run_name="__main__")
    else:  # .hoc and .ses are HOC
        if not h.load_file(1, str(path)):
            raise RuntimeError(f"{path}: HOC error (see the message above)")


def run(args: argparse.Namespace, script_args: list[str]) -> int:
    from sim import compat

    compat.install()
    files = [Path(f) for f in args.files]
    if args.demo:
        files = demo_files() + files

    if args.nogui:
        try:
            for f in files:
                _run_file(f, script_args)
            for stmt in args.statements:
                exec(stmt, {"__name__": "__main__"})
        except SystemExit as e:
            return int(e.code or 0) if not isinstance(e.code, str) else 1
        except BaseException as e:
            traceback.print_exc()
            print(f"neuroqt: {type(e).__name__}: {e}", file=sys.stderr)
            return 1
        return 0

    from app import gui

    gui.load()
    app = gui.application()
    for f in files:
        try:
            _run_file(f, script_args)
        except SystemExit:
            pass
        except BaseException:  # shown to the user; the app keeps running
            gui.report_exception(*sys.exc_info())
    for stmt in args.statements:
        try:
            exec(stmt, {"__name__": "__main__"})
        except BaseException:
            gui.report_exception(*sys.exc_info())
    if args.interactive:
        import code

        gui.keep_responsive_at_prompt()
        code.interact(local={"h": __import__("sim").h}, banner="NeuroQt")
        return 0
    if os.environ.get("NEUROQT_EXIT_AFTER_FILES"):
        return 0
    return app.exec()
