"""Engine benchmarks W1 and W2, NeuroQt and NEURON side by side in one run.

    python tests/benchmarks/bench_engine.py          # both workloads
    python tests/benchmarks/bench_engine.py w2       # one

NEURON runs the *same* model code (tests/benchmarks/_models.py) in the reference
environment (NEUROQT_NEURON_PYTHON, default /work/refenv/bin/python), NeuroQt in this
python; each engine in three fresh processes, alternating (NEUROQT_BENCH_ROUNDS), each
keeping its best.  Prints times and the NEURON/NeuroQt ratio.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from _models import alternating

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
NEURON_PYTHON = os.environ.get("NEUROQT_NEURON_PYTHON", "/work/refenv/bin/python")
ROUNDS = int(os.environ.get("NEUROQT_BENCH_ROUNDS", "3"))  # processes per engine, alternating


def first_run_seconds() -> float:
    """A fresh process: import, build W1, finitialize, continuerun (numba cache load included)."""
    code = (
        "import time; t0=time.perf_counter(); import sys; "
        f"sys.path[:0]=[{str(ROOT)!r},{str(HERE)!r}]; from sim import h; import _models; "
        "_models.w1(h, repeats=1); print(time.perf_counter()-t0)"
    )
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    names = argv or ["w1", "w2"]
    for name in names:
        ours, theirs = alternating("_models", name, ROUNDS, NEURON_PYTHON)
        line = f"{name.upper()}: NeuroQt {ours['seconds'] * 1e3:9.3f} ms"
        if theirs is not None:
            ratio = theirs["seconds"] / ours["seconds"]
            line += f" | NEURON {theirs['seconds'] * 1e3:9.3f} ms | NEURON/NeuroQt {ratio:5.2f}x"
        if "ns_per_segment_step" in ours:
            line += f" | {ours['ns_per_segment_step']:.1f} ns/segment-step"
            if theirs is not None:
                line += f" (NEURON {theirs['ns_per_segment_step']:.1f})"
        print(line, flush=True)
    print(f"first run in a fresh process (W1, cache warm): {first_run_seconds():.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
