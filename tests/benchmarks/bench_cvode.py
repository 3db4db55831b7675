"""Variable-step speed, NeuroQt vs NEURON's CVode, side by side (never fails on timing).

    python tests/benchmarks/bench_cvode.py            # both workloads
    python tests/benchmarks/bench_cvode.py tree       # one

- ``tutorial``: the tutorial HH example (four IClamps), cvode_active(1), default
  tolerances (atol 1e-3, rtol 0), continuerun(49.5);
- ``tree``: a binary tree of 50 hh sections (nseg 11: 550 segments), 0.5 nA at the
  root from t = 1 ms, cvode_active(1), default tolerances, continuerun(20).

The same code runs under NeuroQt (this python) and NEURON (NEUROQT_NEURON_PYTHON,
default /work/refenv/bin/python), each in a fresh process, the best of 20 (tutorial) or
3 (tree) runs of CPU time.  Prints both times, NEURON/NeuroQt, sample counts and the last
recorded v.  This is the one variable-step benchmark (bench_network.py is fixed step).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from _models import run_in_process

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
NEURON_PYTHON = os.environ.get("NEUROQT_NEURON_PYTHON", "/work/refenv/bin/python")

__all__ = ["main", "tree", "tutorial"]


def _timed(h: Any, tstop: float, repeats: int = 5) -> float:
    h.cvode_active(1)
    h.finitialize(-65)
    h.continuerun(tstop)  # warm-up (compile / cache load) outside the timing
    best = float("inf")
    for _ in range(repeats):
        h.finitialize(-65)
        start = time.process_time()
        h.continuerun(tstop)
        best = min(best, time.process_time() - start)
    return best


def tutorial(h: Any) -> dict[str, Any]:
    h.load_file("stdrun.hoc")
    soma = h.Section(name="soma")
    soma.insert("hh")
    stims = []
    for delay in (2, 13, 27, 40):
        ic = h.IClamp(soma(0.5))
        ic.delay, ic.dur, ic.amp = delay, 0.5, 50
        stims.append(ic)
    t = h.Vector().record(h._ref_t)
    v = h.Vector().record(soma(0.5)._ref_v)
    seconds = _timed(h, 49.5, repeats=20)
    return {"seconds": seconds, "samples": len(t), "v_end": v[len(v) - 1]}


def tree(h: Any, nsec: int = 50) -> dict[str, Any]:
    h.load_file("stdrun.hoc")
    secs = [h.Section(name=f"s{i}") for i in range(nsec)]
    for i, sec in enumerate(secs):
        sec.L, sec.diam, sec.nseg = 100, 2, 11
        sec.insert("hh")
        if i:
            sec.connect(secs[(i - 1) // 2](1))
    ic = h.IClamp(secs[0](0.5))
    ic.delay, ic.dur, ic.amp = 1, 1e9, 0.5
    t = h.Vector().record(h._ref_t)
    v = h.Vector().record(secs[-1](0.5)._ref_v)
    seconds = _timed(h, 20.0, repeats=3)
    return {"seconds": seconds, "samples": len(t), "v_end": v[len(v) - 1]}


def _run(python: str, name: str, neuron: bool) -> dict:
    return run_in_process(python, "bench_cvode", name, neuron)


def main(argv: list[str]) -> int:
    names = [a for a in argv if a in ("tutorial", "tree")] or ["tutorial", "tree"]
    for name in names:
        ours = _run(sys.executable, name, neuron=False)
        line = f"{name}: NeuroQt {ours['seconds'] * 1e3:8.2f} ms ({ours['samples']} samples)"
        if Path(NEURON_PYTHON).exists():
            theirs = _run(NEURON_PYTHON, name, neuron=True)
            ratio = theirs["seconds"] / ours["seconds"]
            line += (
                f" | NEURON {theirs['seconds'] * 1e3:8.2f} ms ({theirs['samples']} samples)"
                f" | NEURON/NeuroQt {ratio:5.2f}x"
                f" | v_end {ours['v_end']:.4f} vs {theirs['v_end']:.4f}"
            )
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
