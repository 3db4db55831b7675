"""Benchmark models, written once and run by both NeuroQt and NEURON (same code, same ``h``).

Times are CPU seconds of the process (``time.process_time``): on shared machines wall time
swings with other load, CPU time much less.
"""

from __future__ import annotations

import time
from typing import Any

__all__ = ["hh_binary_tree", "w1", "w2"]


def hh_binary_tree(h: Any, nsec: int) -> tuple[list[Any], Any, Any]:
    """The W2/W3 model: a binary tree of ``nsec`` sections (L 100, diam 2, nseg 11, hh),
    0.5 nA from t = 0 at the root; returns (sections, the IClamp, v of the last leaf recorded).
    """
    h.load_file("stdrun.hoc")
    secs = [h.Section(name=f"s{i}") for i in range(nsec)]
    for i, sec in enumerate(secs):
        sec.L, sec.diam, sec.nseg = 100, 2, 11
        sec.insert("hh")
        if i:
            sec.connect(secs[(i - 1) // 2](1))
    ic = h.IClamp(secs[0](0.5))
    ic.delay, ic.dur, ic.amp = 0, 1e9, 0.5
    v = h.Vector().record(secs[-1](0.5)._ref_v)
    h.dt = 0.025
    return secs, ic, v


def w1(h: Any, repeats: int = 20) -> dict[str, float]:
    """W1: the tutorial HH example (seed cell, four IClamps), continuerun(49.5)."""
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
    best = float("inf")
    for _ in range(repeats):
        h.finitialize(-65)
        start = time.process_time()
        h.continuerun(49.5)
        best = min(best, time.process_time() - start)
    return {"seconds": best, "samples": float(len(t)), "vmax": max(v)}


def w2(h: Any, tstop: float = 100.0, nsec: int = 200, repeats: int = 3) -> dict[str, float]:
    """W2: binary tree of 200 sections (L 100, diam 2, nseg 11, hh), 0.5 nA at the root.

    The best of ``repeats`` runs: on a shared machine a single run swings by +-25%.
    """
    secs, _ic, v = hh_binary_tree(h, nsec)
    h.finitialize(-65)
    h.continuerun(1.0)  # warm-up (compile / cache load) outside the timing
    seconds = float("inf")
    for _ in range(repeats):
        h.finitialize(-65)
        start = time.process_time()
        h.continuerun(tstop)
        seconds = min(seconds, time.process_time() - start)
    nseg = sum(s.nseg for s in secs)
    steps = round(tstop / h.dt)
    return {
        "seconds": seconds,
        "ns_per_segment_step": seconds / (nseg * steps) * 1e9,
        "v_end": v[len(v) - 1],
    }


def run_in_process(python: str, module: str, name: str, neuron: bool) -> dict:
    """``module.name(h)`` in a fresh ``python`` process, with NEURON's ``h`` or NeuroQt's;
    returns the dict it printed as JSON (the last line of its output)."""
    import json
    import subprocess
    from pathlib import Path

    here = Path(__file__).resolve().parent
    prefix = "from neuron import h"
    if not neuron:
        prefix = f"sys.path.insert(0,{str(here.parents[1])!r}); from sim import h"
    code = (
        f"import json,sys; {prefix}; sys.path.insert(0,{str(here)!r}); import {module} as b; "
        f"print(json.dumps(b.{name}(h)))"
    )
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def alternating(
    module: str, name: str, rounds: int, neuron_python: str
) -> tuple[dict, dict | None]:
    """``module.name(h)`` under NeuroQt (this python) and NEURON (``neuron_python``) in
    turn, ``rounds`` times, each in a fresh process; each engine's fastest result
    (None for NEURON when ``neuron_python`` is missing).

    Other load on a shared machine comes in bursts of seconds: alternating gives both
    engines the same chances of a quiet spell, so the ratio swings less than the times.
    """
    import sys
    from pathlib import Path

    ours: dict | None = None
    theirs: dict | None = None
    for _ in range(rounds):
        got = run_in_process(sys.executable, module, name, neuron=False)
        ours = got if ours is None or got["seconds"] < ours["seconds"] else ours
        if Path(neuron_python).exists():
            got = run_in_process(neuron_python, module, name, neuron=True)
            theirs = got if theirs is None or got["seconds"] < theirs["seconds"] else theirs
    assert ours is not None
    return ours, theirs
