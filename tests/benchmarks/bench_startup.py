"""How long `neuroqt` takes to show the NEURON Main Menu (target: under 1.5 s).

Run:  python tests/benchmarks/bench_startup.py [repeats]

Each run starts a fresh `python -m app` (offscreen, no user settings), and the
clock stops when the app prints that the Main Menu is on screen.  Prints each
time, the best and the median, and which heavy modules (scipy, numba...) were
imported before the window appeared (there should be none).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET_S = 1.5


def time_to_main_menu() -> tuple[float, str]:
    env = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", NEUROQT_NO_SETTINGS="1", NEUROQT_STARTUP_PROBE="1"
    )
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("NEUROQT_MAIN_MENU_SHOWN"):
            elapsed = time.perf_counter() - start
            proc.wait(timeout=30)
            return elapsed, line.strip().partition("heavy=")[2]
    proc.wait(timeout=30)
    raise RuntimeError(f"neuroqt exited ({proc.returncode}) without showing the Main Menu")


def main(repeats: int = 5) -> int:
    times = []
    heavy = ""
    for i in range(repeats):
        t, heavy = time_to_main_menu()
        times.append(t)
        print(f"run {i + 1}: Main Menu shown after {t:.3f} s")
    best, median = min(times), statistics.median(times)
    print(f"best {best:.3f} s, median {median:.3f} s (target {TARGET_S} s)")
    print(f"heavy modules imported before the window appeared: {heavy or 'none'}")
    return 0 if median < TARGET_S else 1


if __name__ == "__main__":
    counts = [a for a in sys.argv[1:] if a.isdigit()]  # run.py passes its own arguments on
    sys.exit(main(int(counts[0]) if counts else 5))
