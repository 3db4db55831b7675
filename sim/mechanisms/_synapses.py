"""Synapses, clamps, spike counters and NetStim, described by data (numerics §6.3-6.8).

Variable order follows NEURON's (PARAMETER, ASSIGNED, STATE); columns that
NEURON does not expose as range variables are listed in ``hidden``.  The
``order`` values put them in NEURON's type order after IClamp (40) and before
hh (200): ExpSyn, Exp2Syn, APCount (AlphaSynapse and SEClamp are in
:mod:`sim.mechanisms._builtin`, with kernels in the core loop); NetStim is an
artificial cell (after every membrane mechanism).  Their kernels live in
:mod:`sim.engine._synkernels`; events in :mod:`sim.engine._events`.
"""

from __future__ import annotations

from sim.mechanisms._base import MechanismType, Var

__all__ = [
    "APCOUNT",
    "EXP2SYN",
    "EXPSYN",
    "NETSTIM",
    "SYNAPSE_MECHANISMS",
]

P, A, S = "parameter", "assigned", "state"

EXPSYN = MechanismType(
    "ExpSyn",
    "point",
    (
        Var("tau", 0.1, "ms", P),
        Var("e", 0.0, "mV", P),
        Var("i", 0.0, "nA", A),
        Var("g", 0.0, "uS", S),
    ),
    order=42,
)

EXP2SYN = MechanismType(
    "Exp2Syn",
    "point",
    (
        Var("tau1", 0.1, "ms", P),
        Var("tau2", 10.0, "ms", P),
        Var("e", 0.0, "mV", P),
        Var("i", 0.0, "nA", A),
        Var("g", 0.0, "uS", A),
        Var("factor", 0.0, "1", A),
        Var("A", 0.0, "uS", S),
        Var("B", 0.0, "uS", S),
    ),
    order=43,
    hidden=("factor",),
)

APCOUNT = MechanismType(
    "APCount",
    "point",
    (
        Var("n", 0.0, "1", P),
        Var("thresh", -20.0, "mV", P),
        Var("time", 0.0, "ms", P),
        Var("firing", 0.0, "1", A),
    ),
    order=46,
    hidden=("firing",),
)

NETSTIM = MechanismType(
    "NetStim",
    "artificial",
    (
        Var("interval", 10.0, "ms", P),
        Var("number", 10.0, "1", P),
        Var("start", 50.0, "ms", P),
        Var("noise", 0.0, "1", P),
        Var("event", 0.0, "ms", A),
        Var("on", 0.0, "1", A),
        Var("ispike", 0.0, "1", A),
    ),
    order=300,
    hidden=("event", "on", "ispike"),
)

SYNAPSE_MECHANISMS = (EXPSYN, EXP2SYN, APCOUNT, NETSTIM)
