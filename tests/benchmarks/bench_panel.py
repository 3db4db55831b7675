"""Benchmark: refreshing a panel of 500 value fields (target < 20 ms; printed, not asserted).

Run: ``QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_panel.py``
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication

from sim import h
from widgets import panel

N_FIELDS = 500
REPEATS = 20


class Values:
    """500 attributes bound as (obj, 'attr') pairs, plus 500 references."""


def build() -> tuple[Values, list]:
    values = Values()
    refs = []
    h.xpanel("500 fields")
    for i in range(N_FIELDS // 2):
        setattr(values, f"v{i}", float(i))
        h.xvalue(f"v{i}", (values, f"v{i}"))
        r = h.ref(float(i))
        refs.append(r)
        h.xvalue(f"r{i}", r)
    h.xpanel()
    return values, refs


def timed(label: str, prepare) -> float:
    best = float("inf")
    for k in range(REPEATS):
        prepare(k)
        t0 = time.perf_counter()
        panel.refresh_all()
        best = min(best, time.perf_counter() - t0)
    print(f"{label:<40s} best of {REPEATS}: {best * 1e3:7.2f} ms")
    return best


def main() -> None:
    app = QApplication.instance() or QApplication([])
    h._install_gui(panel.implementations())
    values, refs = build()
    win = panel.last_panel()
    app.processEvents()
    print(f"panel with {len(win.value_fields())} value fields")

    def change_all(k: int) -> None:
        for i in range(N_FIELDS // 2):
            setattr(values, f"v{i}", i + k * 0.5 + 0.25)
            refs[i][0] = -i - k * 0.5 - 0.25

    timed("refresh, nothing changed", lambda k: None)
    timed("refresh, every value changed", change_all)
    panel_refresh_report(win)


def panel_refresh_report(win) -> None:
    target = 20.0
    print(f"target: under {target:g} ms for {len(win.value_fields())} fields")


if __name__ == "__main__":
    main()
