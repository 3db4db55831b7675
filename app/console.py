"""``neuroqt -i``: a Python prompt in the terminal while the windows stay live.

A plain reader thread waits for lines on stdin; each line is executed on the
GUI thread (so it may create windows) by a :class:`code.InteractiveConsole`,
and the reader waits for it before printing the next prompt.  End of input
(Ctrl-D) quits the application.
"""

from __future__ import annotations

import code
import sys
import threading
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot

__all__ = ["start_console"]

BANNER = "NeuroQt: the windows stay live while you type; h is NEURON's h. Ctrl-D quits."


class _Executor(QObject):
    """Lives on the GUI thread; runs each line the reader sends."""

    line = Signal(str)

    def __init__(self, namespace: dict[str, Any]) -> None:
        super().__init__()
        self.console = code.InteractiveConsole(namespace)
        self.more = False
        self.done = threading.Event()
        self.line.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @Slot(str)
    def _run(self, text: str) -> None:
        try:
            self.more = self.console.push(text)
        finally:
            self.done.set()


def _read_loop(executor: _Executor) -> None:
    while True:
        prompt = "... " if executor.more else ">>> "
        try:
            text = input(prompt)
        except EOFError:
            break
        except KeyboardInterrupt:
            print("\nKeyboardInterrupt")
            continue
        executor.done.clear()
        executor.line.emit(text)
        executor.done.wait()
    print()
    app = QCoreApplication.instance()
    if app is not None:
        QCoreApplication.postEvent(app, _quit_event())


def _quit_event() -> Any:
    from PySide6.QtCore import QEvent

    return QEvent(QEvent.Type.Quit)


def start_console(namespace: dict[str, Any]) -> threading.Thread:
    """Start the prompt; returns the reader thread (a daemon: closing the window ends it)."""
    executor = _Executor(namespace)
    app = QCoreApplication.instance()
    if app is not None:
        app._neuroqt_console = executor  # keep it alive with the application
    print(BANNER, file=sys.stdout, flush=True)
    thread = threading.Thread(
        target=_read_loop, args=(executor,), name="neuroqt-prompt", daemon=True
    )
    thread.start()
    return thread
