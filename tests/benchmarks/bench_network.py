"""Issue-4 benchmarks W3 (2000-section tree), W4 (ring of 100 hh cells), vs NEURON.

    python tests/benchmarks/bench_network.py          # both workloads
    python tests/benchmarks/bench_network.py w4       # one

W3 and W4 run NeuroQt and NEURON alternately, three processes each
(NEUROQT_BENCH_ROUNDS), and keep each engine's best.

The model code below runs unchanged under NeuroQt (this process's python) and under
NEURON (NEUROQT_NEURON_PYTHON, default /work/refenv/bin/python), each in a fresh
subprocess.  Prints CPU times, the NEURON/NeuroQt ratio, and for W4 whether the spike
times agree.  Variable step (the tutorial under cvode_active(1), and a tree) is
bench_cvode.py.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from _models import alternating

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
NEURON_PYTHON = os.environ.get("NEUROQT_NEURON_PYTHON", "/work/refenv/bin/python")
# W3/W4: processes per engine, run alternately (NEUROQT_BENCH_ROUNDS)
ROUNDS = int(os.environ.get("NEUROQT_BENCH_ROUNDS", "3"))

__all__ = ["main", "w3", "w4"]


def w3(h: Any, tstop: float = 20.0, nsec: int = 2000, repeats: int = 3) -> dict[str, Any]:
    """W3: W2's binary tree scaled to 2000 sections (nseg 11: 22000 segments), 20 ms;
    the best of ``repeats`` runs (single runs swing on a shared machine)."""
    from _models import hh_binary_tree  # beside this file, on sys.path in both engines

    _secs, _ic, v = hh_binary_tree(h, nsec)
    h.finitialize(-65)
    h.continuerun(0.5)  # warm-up (compile / cache load) outside the timing
    best = float("inf")
    for _ in range(repeats):
        h.finitialize(-65)
        start = time.process_time()
        h.continuerun(tstop)
        best = min(best, time.process_time() - start)
    return {"seconds": best, "v_end": v[len(v) - 1]}


def _loop_calls() -> list[int] | None:
    """Under NeuroQt, counts the compiled loop's calls (each is a return to Python)."""
    if "sim" not in sys.modules:
        return None
    from sim.engine import _kernels

    calls = [0]
    original = _kernels.run_steps

    def counted(*args: Any) -> Any:
        calls[0] += 1
        return original(*args)

    _kernels.run_steps = counted
    return calls


def w4(h: Any, ncell: int = 100, tstop: float = 200.0) -> dict[str, Any]:
    """W4: 100 one-compartment hh cells, ExpSyn each, a ring of NetCons, cell 0 kicked at 1 ms."""
    h.load_file("stdrun.hoc")
    cells, syns, ncs, recs = [], [], [], []
    for i in range(ncell):
        sec = h.Section(name=f"cell{i}")
        sec.L = sec.diam = 20
        sec.insert("hh")
        syn = h.ExpSyn(sec(0.5))
        syn.tau = 2
        cells.append(sec)
        syns.append(syn)
    spikes = h.Vector()
    ids = h.Vector()
    for i, sec in enumerate(cells):
        nc = h.NetCon(sec(0.5)._ref_v, syns[(i + 1) % ncell], sec=sec)
        nc.threshold, nc.delay, nc.weight[0] = 10, 1, 0.05
        nc.record(spikes, ids, i)
        ncs.append(nc)
    kick = h.NetCon(None, syns[0])
    kick.weight[0] = 0.05
    recs.append(kick)
    h.dt = 0.025
    best = float("inf")
    calls = _loop_calls()
    for _ in range(10):
        h.finitialize(-65)
        kick.event(1)
        if calls is not None:
            calls[0] = 0
        start = time.process_time()
        h.continuerun(tstop)
        best = min(best, time.process_time() - start)
    out = {"seconds": best, "spikes": [[int(i), t] for i, t in zip(ids, spikes)]}
    if calls is not None:
        out["returns"] = calls[0]
    return out


def main(argv: list[str]) -> int:
    names = [a for a in argv if a in ("w3", "w4")] or ["w3", "w4"]
    for name in names:
        ours, theirs = alternating("bench_network", name, ROUNDS, NEURON_PYTHON)
        line = f"{name.upper()}: NeuroQt {ours['seconds'] * 1e3:9.1f} ms"
        if theirs is not None:
            ratio = theirs["seconds"] / ours["seconds"]
            line += f" | NEURON {theirs['seconds'] * 1e3:9.1f} ms | NEURON/NeuroQt {ratio:5.2f}x"
            if "spikes" in ours:
                a, b = ours["spikes"], theirs["spikes"]
                same = len(a) == len(b) and all(
                    x[0] == y[0] and abs(x[1] - y[1]) < 1e-9 for x, y in zip(a, b)
                )
                line += f" | spikes {len(a)} vs {len(b)}, {'same' if same else 'DIFFERENT'}"
            if "returns" in ours:
                line += f" | returns to Python per run: {ours['returns']}"
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
