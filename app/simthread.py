"""The simulation thread: runs the engine in chunks on a worker while the GUI stays live.

:func:`drive` is installed as the standard run system's *run driver*
(``sim.stdrun.set_run_driver``).  ``h.run()``, ``h.continuerun()``, ``h.steprun()``
called on the GUI thread (a script, a button, HOC) hand their job to it; it runs
``job.step`` chunk after chunk on a worker ``QThread`` and spins a local
``QEventLoop`` until the job is done, so the call keeps its synchronous meaning while
windows repaint and Stop works.

- Graphs and fields are refreshed by a GUI-thread timer every ``screen_update_invl``
  seconds; nothing touches a widget from the worker.
- Edits are applied between chunks: while a run goes, a key press or mouse release is
  delivered only once the worker is held between two chunks (and it is let go right
  after), and :func:`between_chunks` does the same for code.  A structural change (new
  section, nseg, insert) while running stops the run and says so.
- An exception raised during a chunk (an ``FInitializeHandler``, a per-step callback)
  is re-raised from ``drive`` on the GUI thread, so it reaches whoever called
  ``h.run()`` -- a button shows it through the error funnel -- and the app stays usable.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QObject,
    QThread,
    QTimer,
    Signal,
)

from sim import h

__all__ = [
    "SimThread",
    "between_chunks",
    "drive",
    "implementations",
    "install",
    "sim_thread",
]

# Wall budget of one job.step: the longest the GUI waits to hold the worker for an edit.
# The engine itself returns to Python every 5-20 ms (so Stop and the GUI get the GIL).
CHUNK_SECONDS = 0.05


def _structure_version() -> Any:
    try:
        from sim import section

        return section.structure_version()
    except (ImportError, AttributeError):
        return None


class _Worker(QThread):
    """Runs ``job.step`` until the job finishes; between chunks it waits while held.

    The GUI thread holds it (:meth:`hold`) to change the model between chunks and lets
    it go (:meth:`release`); both sides meet on one condition variable.
    """

    def __init__(self, job: Any) -> None:
        super().__init__()
        self.setObjectName("neuroqt-simulation")
        self.job = job
        self.error: BaseException | None = None
        self.structure_changed = False
        self._cond = threading.Condition()
        self._want_hold = False
        self._holding = False
        self._done = False

    def hold(self, timeout: float = 2.0) -> bool:
        """Wait until the worker is between chunks (or done); True if it is held now."""
        with self._cond:
            self._want_hold = True
            self._cond.wait_for(lambda: self._holding or self._done, timeout)
            return self._holding

    def release(self) -> None:
        with self._cond:
            self._want_hold = False
            self._cond.notify_all()

    def is_held(self) -> bool:
        return self._holding

    def _between_chunks(self) -> None:
        with self._cond:
            if not self._want_hold:
                return
            self._holding = True
            self._cond.notify_all()
            self._cond.wait_for(lambda: not self._want_hold)
            self._holding = False

    def run(self) -> None:
        version = _structure_version()
        try:
            while not self.job.step(CHUNK_SECONDS):
                if _structure_version() != version:
                    self.structure_changed = True
                    self.job.stop()
                    break
                self._between_chunks()
        except BaseException as exc:  # handed to the GUI thread, raised from drive()
            self.error = exc
        finally:
            with self._cond:
                self._done = True
                self._cond.notify_all()


class _InputGate(QObject):
    """While a run goes, a key press or a mouse release (a field's Enter, a click on a
    button or checkbox) is delivered only while the worker is held between chunks, so
    what it changes is applied between chunks."""

    _TYPES = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonRelease)

    def __init__(self, owner: SimThread) -> None:
        super().__init__()
        self._owner = owner

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # Qt override
        if event.type() in self._TYPES and self._owner.hold():
            QTimer.singleShot(0, self._owner.release)  # after the event has been handled
        return False


class SimThread(QObject):
    """Drives run jobs from the GUI thread; one job at a time (a nested run stops the outer)."""

    run_started = Signal()
    run_finished = Signal()
    screen_updated = Signal(float)  # progress in [0, 1]

    def __init__(self) -> None:
        super().__init__()
        self._workers: list[_Worker] = []
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.screen_update)
        self._gate = _InputGate(self)
        self.started_at = 0.0
        self.last_elapsed = 0.0

    # -- state ------------------------------------------------------------------------
    def is_running(self) -> bool:
        return bool(self._workers)

    def current_job(self) -> Any:
        return self._workers[-1].job if self._workers else None

    def elapsed(self) -> float:
        return time.perf_counter() - self.started_at if self._workers else 0.0

    def stop(self) -> None:
        """Ask the running job(s) to stop after the current chunk."""
        for worker in self._workers:
            worker.job.stop()

    # -- edits between chunks ---------------------------------------------------------
    def hold(self) -> bool:
        """Hold the running worker between chunks (GUI thread); False if nothing runs."""
        return bool(self._workers) and self._workers[-1].hold()

    def release(self) -> None:
        for worker in self._workers:
            worker.release()

    def between_chunks(self, edit: Callable[[], Any]) -> Any:
        """Run ``edit`` now, on the GUI thread, with the worker held between chunks."""
        held = self.hold()
        try:
            return edit()
        finally:
            if held:
                self.release()

    # -- driving ----------------------------------------------------------------------
    def drive(self, job: Any) -> None:
        """The run driver: run ``job`` to the end on the worker, keeping the GUI live."""
        app = QCoreApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            while not job.step(0.05):
                pass
            return
        for outer in self._workers:  # Init & Run pressed during a run: the new run wins
            outer.job.stop()
            outer.release()  # in case it is held between chunks
            outer.wait()
        worker = _Worker(job)
        self._run_worker(worker)
        if worker.structure_changed:
            self._say_structure_changed()
        if worker.error is not None:
            raise worker.error

    def _run_worker(self, worker: _Worker) -> None:
        loop = QEventLoop()
        worker.finished.connect(loop.quit)
        first = not self._workers
        self._workers.append(worker)
        if first:
            self.started_at = time.perf_counter()
            self._timer.start(self._interval_ms())
            QCoreApplication.instance().installEventFilter(self._gate)
            self.run_started.emit()
        try:
            worker.start()
            if worker.isRunning():
                loop.exec()
            worker.wait()
        finally:
            self._workers.remove(worker)
            if not self._workers:
                QCoreApplication.instance().removeEventFilter(self._gate)
                self._timer.stop()
                self.last_elapsed = time.perf_counter() - self.started_at
                realtime = h._lookup("realtime")
                if realtime is not None:
                    realtime.__hoc_set__(round(self.last_elapsed, 2))
                self.screen_update()
                self.run_finished.emit()

    def _interval_ms(self) -> int:
        try:
            invl = float(h.screen_update_invl)
        except (AttributeError, TypeError, ValueError):
            invl = 0.05
        return max(10, int(1000 * invl))

    def screen_update(self) -> None:
        """Redraw graphs and refresh fields from the engine's buffers (GUI thread)."""
        from widgets import graph_stdrun, panel_refresh

        try:
            graph_stdrun.screen_update()
            panel_refresh.refresh_all()  # what h.doNotify() does: fields show t, realtime...
        except Exception:
            sys.excepthook(*sys.exc_info())
        job = self.current_job()
        progress = 1.0
        if job is not None:
            try:
                progress = float(job.progress())
            except Exception:
                progress = 0.0
        running = bool(self._workers)
        if running:
            self._timer.setInterval(self._interval_ms())
            realtime = h._lookup("realtime")
            if realtime is not None:
                realtime.__hoc_set__(round(self.elapsed(), 2))
        from widgets import runcontrol

        runcontrol.update_progress(progress, self.elapsed() or self.last_elapsed, running)
        self.screen_updated.emit(progress)

    def _say_structure_changed(self) -> None:
        t = h._lookup("t")
        when = f" at t = {float(t.__hoc_get__()):g} ms" if t is not None else ""
        message = (
            f"The run was stopped{when}: the model's structure changed while it "
            "was running (a new section, nseg or an inserted mechanism). Press Init & Run "
            "to start again with the new structure."
        )
        gui = sys.modules.get("app.gui")  # never open the GUI just to say this
        win = gui.main_window() if gui is not None else None
        if win is not None:
            win.statusBar().showMessage(message, 15000)
        print(message, file=sys.stderr)


_sim_thread: SimThread | None = None


def sim_thread() -> SimThread:
    """The process-wide simulation thread controller (created on first use)."""
    global _sim_thread
    if _sim_thread is None:
        _sim_thread = SimThread()
    return _sim_thread


def drive(job: Any) -> None:
    sim_thread().drive(job)


def between_chunks(edit: Callable[[], Any]) -> None:
    sim_thread().between_chunks(edit)


def install() -> bool:
    """Make the threaded driver the standard run system's driver; False if sim lacks it."""
    try:
        from sim import stdrun

        stdrun.set_run_driver(drive)
    except (ImportError, AttributeError):
        return False
    return True


def implementations() -> dict[str, Any]:
    """Called once by app.gui.load(): installs the threaded run driver; adds no h names."""
    install()
    return {}
