"""Windows and the cycle collector: nothing crashes when Python frees what Qt shows.

A Graph's view once sat in reference cycles with its Graph (the view box kept a bound
method of the view, the view a bound method of the Graph, the Graph its window
record, which names the Graph).  Python's cycle collector then freed live Qt and
pyqtgraph objects in an arbitrary order -- a graphics item before its view -- and the
view's scene, cleared while the item was half destroyed, segfaulted inside ``gc``:
at the end of a test run, and when the app quit.  These tests run in subprocesses, so
a crash fails the test instead of killing the test runner.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def _env() -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", NEUROQT_NO_SETTINGS="1")


def test_dropped_graphs_shapes_and_boxes_leave_nothing_live_to_the_collector():
    """Use, close/unmap and drop many windows with the collector held off, then collect:
    no live scene, scene item or window holding a view is left for gc to free."""
    proc = subprocess.run(
        [sys.executable, "-X", "faulthandler", str(HERE / "_gc_scenario.py"), "6"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env=_env(),
    )
    assert proc.returncode == 0, f"exit {proc.returncode}\n{proc.stderr[-3000:]}"
    assert "SCENARIO_DONE" in proc.stdout
    assert "LIVE_QT_IN_GARBAGE 0" in proc.stdout, proc.stdout[-2000:]


@pytest.mark.parametrize("attempt", [1, 2, 3])
def test_the_app_quits_cleanly_from_file_quit(attempt):
    """neuroqt --demo with graphs, panels, a box and a shape plot open, after a run:
    File ▸ Quit ends the process with status 0 (no segfault or abort at exit)."""
    statement = f"exec(open({str(HERE / '_quit_scenario.py')!r}).read())"
    proc = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-m", "app", "--demo", "-c", statement],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
        env=_env(),
    )
    assert "QUIT_SCHEDULED" in proc.stdout, proc.stderr[-3000:]
    assert proc.returncode == 0, f"exit {proc.returncode}\n{proc.stderr[-3000:]}"
    assert "Fatal Python error" not in proc.stderr
