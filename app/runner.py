"""Runs what the command line asked for: files, statements, a prompt, then the GUI loop.

Python files run one after another in one shared ``__main__`` namespace (so
``neuroqt model.py -c "print(soma.L)"`` sees ``soma``), HOC and session files
through ``h.load_file``.  With ``-nogui`` the first failure stops the run and
the exit status is non-zero, with the reason on the last line of stderr; with
the GUI, failures go to the error funnel and the app keeps running.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path
from typing import Any

__all__ = [
    "HocFileError",
    "demo_dir",
    "demo_files",
    "run",
    "run_file",
    "run_statement",
    "session_namespace",
]


class HocFileError(RuntimeError):
    """A HOC or session file stopped with an error."""


def demo_dir() -> Path:
    """The folder of bundled tutorial examples."""
    from resources import demo

    return Path(demo.__file__).parent


def demo_files() -> list[Path]:
    """What ``--demo`` opens: the Hodgkin–Huxley example with RunControl and a live graph."""
    return [demo_dir() / "main.py"]


def _fresh_namespace() -> dict[str, Any]:
    return {"__name__": "__main__", "__builtins__": __builtins__}


_session: dict[str, Any] | None = None


def session_namespace() -> dict[str, Any]:
    """The namespace every script of this session shares (the command line's files, the
    File and Help menus' loads, ``-c`` and ``-i``).  It keeps what scripts made alive:
    a section nothing refers to any more is deleted, as in NEURON."""
    global _session
    if _session is None:
        _session = _fresh_namespace()
    return _session


def run_file(
    path: Path, script_args: list[str] | tuple[str, ...] = (), namespace: dict | None = None
) -> dict[str, Any]:
    """Run one file; returns the namespace Python files share."""
    from sim import h

    namespace = session_namespace() if namespace is None else namespace
    if path.suffix == ".py":
        from sim import compat

        compat.install()  # `import neuron` in the script means NeuroQt
        _exec_script(path, script_args, namespace)
        return namespace
    if path.suffix == ".ses" and h._gui_loaded:
        from app.session import load_session

        load_session(path)  # all or nothing: a failure closes what it opened, names the line
        return namespace
    load_file = h._lookup("load_file")
    if load_file is None:
        raise HocFileError(f"{path}: cannot load HOC files yet (the HOC interpreter is missing)")
    ok = h.load_file(1, str(path)) if path.suffix == ".ses" else h.load_file(str(path))
    if not ok:
        raise HocFileError(f"{path}: the file stopped with a HOC error")
    return namespace


def _exec_script(path: Path, script_args: list[str] | tuple[str, ...], namespace: dict) -> None:
    """Run a Python file in ``namespace`` as ``python file.py`` would run it in ``__main__``:
    its directory first on sys.path (so modules beside it import), sys.argv set."""
    code = compile(path.read_bytes(), str(path), "exec")
    folder = str(path.resolve().parent)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    sys.argv = [str(path), *script_args]
    namespace["__name__"] = "__main__"
    namespace["__file__"] = str(path)
    exec(code, namespace)


def run_statement(statement: str, namespace: dict[str, Any]) -> None:
    code = compile(statement, "<-c>", "exec")
    exec(code, namespace)


def _exit_status(e: SystemExit) -> int:
    if e.code is None:
        return 0
    if isinstance(e.code, int):
        return e.code
    print(e.code, file=sys.stderr)
    return 1


def _one_line_reason(e: BaseException, path: Path | None) -> str:
    from app.errors import is_hoc_error, location_of

    where = location_of(e, e.__traceback__) or (str(path) if path else "")
    if is_hoc_error(e):
        what = f"HOC error: {e.message}"  # type: ignore[attr-defined]
    else:
        text = str(e).strip().splitlines()[0] if str(e).strip() else ""
        what = f"{type(e).__name__}: {text}" if text else type(e).__name__
    return f"neuroqt: {where}: {what}" if where else f"neuroqt: {what}"


def _run_headless(args: argparse.Namespace, files: list[Path], script_args: list[str]) -> int:
    from app.errors import is_hoc_error

    namespace = _fresh_namespace()
    current: Path | None = None
    try:
        for current in files:
            run_file(current, script_args, namespace)
        current = None
        for stmt in args.statements:
            run_statement(stmt, namespace)
    except SystemExit as e:
        return _exit_status(e)
    except KeyboardInterrupt:
        print("neuroqt: interrupted", file=sys.stderr)
        return 130
    except BaseException as e:
        if not is_hoc_error(e):  # HOC errors were printed, NEURON-style, where they happened
            traceback.print_exc()
        print(_one_line_reason(e, current), file=sys.stderr)
        return 1
    if args.interactive:
        import code

        namespace.setdefault("h", __import__("sim").h)
        code.interact(local=namespace, banner="NeuroQt (no GUI): h is NEURON's h", exitmsg="")
    return 0


def _run_with_gui(args: argparse.Namespace, files: list[Path], script_args: list[str]) -> int:
    from app import gui  # shows the Main Menu, then loads the engine and the Qt tools
    from app.errors import funnel
    from sim import compat

    compat.install()
    app = gui.application()
    namespace = session_namespace()
    errors_before = len(funnel().history)
    for f in files:
        try:
            run_file(f, script_args, namespace)
            gui.remember_file(f)
        except SystemExit as e:  # a script that quits ends the session, as under nrngui
            return _exit_status(e)
        except BaseException as e:  # shown to the user; the app keeps running
            funnel().report_exception(type(e), e, e.__traceback__)
    for stmt in args.statements:
        try:
            run_statement(stmt, namespace)
        except SystemExit as e:
            return _exit_status(e)
        except BaseException as e:
            funnel().report_exception(type(e), e, e.__traceback__)
    failed = any(r.level == "error" for r in funnel().history[errors_before:])
    if os.environ.get("NEUROQT_EXIT_AFTER_FILES"):  # tests and benchmarks
        app.processEvents()
        return 1 if failed else 0
    if os.environ.get("NEUROQT_STARTUP_PROBE"):  # tests/benchmarks/bench_startup.py
        return 0
    if args.interactive:
        from app.console import start_console

        namespace.setdefault("h", __import__("sim").h)
        start_console(namespace)
    return app.exec()


def _headless_gui() -> None:
    """``from neuron import gui`` under -nogui: the standard run system, no windows."""
    from sim import h

    if h._lookup("load_file") is not None:
        h.load_file("stdrun.hoc")


HEAVY_MODULES = ("scipy", "numba", "matplotlib")


def _probe_startup(app: Any) -> None:
    """Once the Main Menu is on screen, print which heavy modules were loaded, then quit."""
    from PySide6.QtCore import QTimer

    def report() -> None:
        heavy = [m for m in HEAVY_MODULES if m in sys.modules]
        print(f"NEUROQT_MAIN_MENU_SHOWN heavy={','.join(heavy)}", flush=True)
        app.quit()

    QTimer.singleShot(0, report)


def run(args: argparse.Namespace, script_args: list[str]) -> int:
    """Run the command line's files and statements; returns the exit status."""
    files = [Path(f) for f in args.files]
    if args.demo:
        files = demo_files() + files
    if args.nogui:
        from sim import compat

        compat.install()
        compat.set_gui_loader(_headless_gui)
        return _run_headless(args, files, script_args)
    return _run_with_gui(args, files, script_args)
