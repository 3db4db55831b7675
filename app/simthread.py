"""The simulation thread: runs the engine in chunks on a worker while the GUI stays live.

:func:`drive` is installed as the standard run system's *run driver*
(``sim.stdrun.set_run_driver``).  ``h.run()``, ``h.continuerun()``, ``h.steprun()``
called on the GUI thread (a script, a button, HOC) hand their job to it; it runs
``job.step`` chunk after chunk on a worker ``QThread`` and spins a local
``QEventLoop`` until the job is done, so the call keeps its synchronous meaning while
windows repaint and Stop works.

- Graphs and fields are refreshed by a GUI-thread timer every ``screen_update_invl``
  seconds; nothing touches a widget from the worker.
- Between chunks the worker pauses while the GUI thread applies queued edits
  (:func:`between_chunks`) and checks the model's structure: a structural change
  (new section, nseg, insert) while running stops the run and says so.
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

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QThread, QTimer, Signal

from sim import h

__all__ = [
    "SimThread",
    "between_chunks",
    "drive",
    "implementations",
    "install",
    "sim_thread",
]

# Wall budget of one job.step: how often the worker can pause for queued edits.  The
# engine itself returns to Python every 5-20 ms (so Stop and the GUI get the GIL).
CHUNK_SECONDS = 0.05


def _structure_version() -> Any:
    try:
        from sim import section

        return section.structure_version()
    except (ImportError, AttributeError):
        return None


class _Worker(QThread):
    """Runs ``job.step`` until the job finishes, pausing between chunks when asked."""

    paused = Signal()  # the worker waits; the GUI thread applies edits, then resume()

    def __init__(self, job: Any) -> None:
        super().__init__()
        self.setObjectName("neuroqt-simulation")
        self.job = job
        self.error: BaseException | None = None
        self.structure_changed = False
        self._pause_wanted = threading.Event()
        self._resume = threading.Event()

    def request_pause(self) -> None:
        self._pause_wanted.set()

    def resume(self) -> None:
        self._resume.set()

    def run(self) -> None:
        version = _structure_version()
        try:
            while not self.job.step(CHUNK_SECONDS):
                if _structure_version() != version:
                    self.structure_changed = True
                    self.job.stop()
                    break
                if self._pause_wanted.is_set():
                    self._pause_wanted.clear()
                    self._resume.clear()
                    self.paused.emit()
                    self._resume.wait()
        except BaseException as exc:  # handed to the GUI thread, raised from drive()
            self.error = exc


class SimThread(QObject):
    """Drives run jobs from the GUI thread; one job at a time (a nested run stops the outer)."""

    run_started = Signal()
    run_finished = Signal()
    screen_updated = Signal(float)  # progress in [0, 1]

    def __init__(self) -> None:
        super().__init__()
        self._edits: list[Callable[[], Any]] = []
        self._workers: list[_Worker] = []
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.screen_update)
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
    def between_chunks(self, edit: Callable[[], Any]) -> None:
        """Run ``edit`` on the GUI thread while the worker is between chunks (now if idle)."""
        if not self._workers:
            edit()
            return
        self._edits.append(edit)
        self._workers[-1].request_pause()

    def _on_paused(self, worker: _Worker) -> None:
        edits, self._edits = self._edits, []
        try:
            for edit in edits:
                try:
                    edit()
                except Exception:
                    sys.excepthook(*sys.exc_info())
        finally:
            worker.resume()

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
        for outer in self._workers:
            outer.resume()  # in case it waits between chunks
            outer.wait()
        worker = _Worker(job)
        self._run_worker(worker)
        if worker.structure_changed:
            self._say_structure_changed()
        if worker.error is not None:
            raise worker.error

    def _run_worker(self, worker: _Worker) -> None:
        loop = QEventLoop()
        worker.paused.connect(lambda: self._on_paused(worker))
        worker.finished.connect(loop.quit)
        first = not self._workers
        self._workers.append(worker)
        if first:
            self.started_at = time.perf_counter()
            self._timer.start(self._interval_ms())
            self.run_started.emit()
        try:
            worker.start()
            if worker.isRunning():
                loop.exec()
            worker.wait()
        finally:
            self._workers.remove(worker)
            pending, self._edits = self._edits, []
            for edit in pending:  # edits queued while the last chunk ran
                edit()
            if not self._workers:
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
