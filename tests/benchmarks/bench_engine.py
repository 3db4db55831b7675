"""Engine benchmarks W1 and W2, NeuroQt and NEURON side by side in one run.

    python tests/benchmarks/bench_engine.py          # both workloads
    python tests/benchmarks/bench_engine.py w2       # one

NEURON runs the *same* model code (tests/benchmarks/_models.py) in a subprocess of
the reference environment (NEUROQT_NEURON_PYTHON, default /work/refenv/bin/python);
NeuroQt runs in this process.  Prints times and the NEURON/NeuroQt ratio.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
NEURON_PYTHON = os.environ.get("NEUROQT_NEURON_PYTHON", "/work/refenv/bin/python")


def _neuroqt(name: str) -> dict:
    code = (
        "import json,sys,time; t0=time.perf_counter(); "
        f"sys.path[:0]=[{str(ROOT)!r},{str(HERE)!r}]; from sim import h; import _models; "
        f"r=_models.{name}(h); r['process_seconds']=time.perf_counter()-t0; print(json.dumps(r))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _neuron(name: str) -> dict | None:
    if not Path(NEURON_PYTHON).exists():
        return None
    code = (
        f"import json,sys; sys.path.insert(0,{str(HERE)!r}); from neuron import h; import _models; "
        f"print(json.dumps(_models.{name}(h)))"
    )
    out = subprocess.run([NEURON_PYTHON, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


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
        ours = _neuroqt(name)
        theirs = _neuron(name)
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
