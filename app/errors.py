"""The error funnel: every error and warning reaches the user once, and the app keeps running.

Sources routed here by :meth:`ErrorFunnel.install`: ``sys.excepthook`` (which
PySide6 also calls for exceptions escaping a Qt slot), ``threading.excepthook``
and ``warnings.showwarning``.  Button callbacks (the widgets' error handler),
HOC errors and failed script files are reported explicitly with
:meth:`ErrorFunnel.report_exception` / :meth:`ErrorFunnel.report_message`.

Each report is written once to the terminal, posted once to the message dock,
and emitted as :attr:`ErrorFunnel.reported` on the GUI thread, where the main
window shows a non-blocking notification.  The same exception object reported
twice (say by a callback wrapper and then by ``sys.excepthook``) is shown once.
"""

from __future__ import annotations

import re
import sys
import threading
import traceback
import warnings
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.messages import bus, original_stream

__all__ = ["ErrorFunnel", "ErrorReport", "funnel", "is_hoc_error", "location_of"]

_OWN_PACKAGES = tuple(
    str(Path(__file__).resolve().parents[1] / pkg) for pkg in ("app", "widgets", "layouts", "sim")
)
_MARK = "_neuroqt_reported"
_HOC_WHERE = re.compile(r"^ in (?P<file>.+?):(?P<line>\d+)(?::\d+)?\s*$", re.MULTILINE)


@dataclass(frozen=True)
class ErrorReport:
    """One thing to tell the user: a one-line summary, where, and the details."""

    summary: str  # "ValueError: broken model"
    location: str  # "model.py:12" (may be "")
    details: str  # the full traceback or message
    level: str = "error"  # "error" or "warning"

    def headline(self) -> str:
        """``file:line: summary`` — what the notification and the dock show first."""
        return f"{self.location}: {self.summary}" if self.location else self.summary


def _is_own(filename: str) -> bool:
    return filename.startswith(_OWN_PACKAGES) or "<frozen" in filename or "runpy" in filename


def is_hoc_error(value: object) -> bool:
    """A HOC interpreter error (sim.hoc's HocError: message, filename, line, where())."""
    return hasattr(value, "message") and callable(getattr(value, "where", None))


def location_of(value: BaseException | None, tb: TracebackType | None) -> str:
    """``file:line`` of the error: the user's innermost frame, or a syntax error's spot."""
    filename = getattr(value, "filename", None)
    lineno = getattr(value, "lineno", getattr(value, "line", None))  # SyntaxError, HocError
    if isinstance(filename, str) and isinstance(lineno, int):
        return f"{filename}:{lineno}"
    frames = traceback.extract_tb(tb) if tb is not None else []
    user = [f for f in frames if not _is_own(f.filename)]
    frame = (user or frames or [None])[-1]
    return f"{frame.filename}:{frame.lineno}" if frame is not None else ""


class ErrorFunnel(QObject):
    """Collects errors from every source; emits each once as :attr:`reported`."""

    reported = Signal(object)  # ErrorReport; queued to the GUI thread by receivers

    def __init__(self) -> None:
        super().__init__()
        self._installed = False
        self._saved: tuple[Any, Any, Any] | None = None
        self.history: list[ErrorReport] = []

    # -- reporting --------------------------------------------------------------------
    def report_exception(
        self,
        etype: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
        context: str = "",
    ) -> ErrorReport | None:
        """Report an exception; ``None`` if this exception was already shown."""
        if value is None and etype is not None:
            value = etype()
        if value is not None:
            if getattr(value, _MARK, False):
                return None
            try:
                setattr(value, _MARK, True)
            except (AttributeError, TypeError):  # an exception type with __slots__
                pass
        etype = etype or type(value)
        if is_hoc_error(value):
            # The HOC interpreter has already printed NEURON's message (the line with a
            # caret, the call chain): show its one-line summary, not our traceback --
            # unless that printed message was itself just reported (note_stderr).
            summary, details = f"HOC error: {value.message}", ""
            location = location_of(value, tb)
            last = self.history[-1] if self.history else None
            if (
                not context
                and last is not None
                and (last.summary, last.location)
                == (
                    summary,
                    location,
                )
            ):
                return None
        else:
            summary = f"{etype.__name__}: {value}" if str(value) else etype.__name__
            details = "".join(traceback.format_exception(etype, value, tb))
        if context:
            summary = f"{summary} ({context})"
        return self._emit(ErrorReport(summary, location_of(value, tb), details, "error"))

    def report_message(self, text: str, level: str = "error", location: str = "") -> ErrorReport:
        """Report a message that is not a Python exception (a HOC error, a failed file)."""
        first = text.strip().splitlines()[0] if text.strip() else text
        return self._emit(ErrorReport(first, location, text, level))

    def note_stderr(self, text: str) -> bool:
        """Take a NEURON-style error the HOC interpreter printed; True if it was one.

        ``NEURON: <what>`` then `` in <file>:<line>[:<col>]`` becomes one error
        report (the text has already reached the terminal through the tee).
        """
        if not text.startswith("NEURON: "):
            return False
        what = text.splitlines()[0][len("NEURON: ") :].strip()
        m = _HOC_WHERE.search(text)
        location = f"{m['file']}:{m['line']}" if m else ""
        self._emit(ErrorReport(f"HOC error: {what}", location, text, "error"), terminal=False)
        return True

    def _emit(self, report: ErrorReport, terminal: bool = True) -> ErrorReport:
        self.history.append(report)
        stream = original_stream(sys.stderr) if terminal else None
        if stream is not None and report.details:
            try:
                stream.write(
                    report.details if report.details.endswith("\n") else report.details + "\n"
                )
                stream.flush()
            except (OSError, ValueError):
                pass
        text = report.headline()
        if report.details.strip() and report.details.strip() != report.summary:
            text += "\n" + report.details
        try:
            bus().post(text, report.level)
            self.reported.emit(report)
        except RuntimeError:  # Qt objects already gone (interpreter shutdown)
            fallback = original_stream(sys.stderr)
            if fallback is not None and not report.details:
                fallback.write(report.headline() + "\n")
        return report

    # -- hooks ------------------------------------------------------------------------
    def _excepthook(self, etype: type[BaseException], value: BaseException, tb: Any) -> None:
        if issubclass(etype, KeyboardInterrupt):
            sys.__excepthook__(etype, value, tb)
            return
        self.report_exception(etype, value, tb)

    def _threading_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "a thread"
        self.report_exception(args.exc_type, args.exc_value, args.exc_traceback, f"in {name}")

    def _showwarning(
        self,
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: Any = None,
        line: str | None = None,
    ) -> None:
        summary = f"{category.__name__}: {message}"
        self._emit(ErrorReport(summary, f"{filename}:{lineno}", summary, "warning"))

    def install(self) -> None:
        """Route sys.excepthook, threading.excepthook and warnings here (idempotent)."""
        if self._installed:
            return
        self._saved = (sys.excepthook, threading.excepthook, warnings.showwarning)
        sys.excepthook = self._excepthook
        threading.excepthook = self._threading_hook
        warnings.showwarning = self._showwarning
        self._installed = True

    def uninstall(self) -> None:
        if not self._installed or self._saved is None:
            return
        sys.excepthook, threading.excepthook, warnings.showwarning = self._saved
        self._installed = False

    @property
    def installed(self) -> bool:
        return self._installed


_funnel: ErrorFunnel | None = None


def funnel() -> ErrorFunnel:
    """The process-wide error funnel."""
    global _funnel
    if _funnel is None:
        _funnel = ErrorFunnel()
    return _funnel
