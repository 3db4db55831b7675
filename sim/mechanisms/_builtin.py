"""The built-in mechanisms' descriptions: pas, the na and k ions, IClamp, hh.

Variable order is NEURON's (psection and mechanism iteration show it); the
``order`` field is NEURON's type order, which fixes the order in which
currents are added to the matrix and states are advanced (numerics §2.3).
Kernels: :mod:`sim.engine._kernels`.
"""

from __future__ import annotations

from sim.mechanisms._base import MechanismType, Var

__all__ = ["ALPHA_SYNAPSE", "BUILTIN", "HH", "ICLAMP", "K_ION", "NA_ION", "PAS", "SECLAMP"]

P, A, S = "parameter", "assigned", "state"

PAS = MechanismType(
    "pas",
    "density",
    (Var("g", 0.001, "S/cm2", P), Var("e", -70.0, "mV", P), Var("i", 0.0, "mA/cm2", A)),
    order=10,
)

NA_ION = MechanismType(
    "na_ion",
    "ion",
    (
        Var("ena", 50.0, "mV", P),
        Var("nai", 10.0, "mM", P),
        Var("nao", 140.0, "mM", P),
        Var("ina", 0.0, "mA/cm2", A),
        Var("dina_dv_", 0.0, "mA/cm2/mV", A),
    ),
    order=20,
)

K_ION = MechanismType(
    "k_ion",
    "ion",
    (
        Var("ek", -77.0, "mV", P),
        Var("ki", 54.4, "mM", P),
        Var("ko", 2.5, "mM", P),
        Var("ik", 0.0, "mA/cm2", A),
        Var("dik_dv_", 0.0, "mA/cm2/mV", A),
    ),
    order=21,
)

ICLAMP = MechanismType(
    "IClamp",
    "point",
    (
        Var("del", 0.0, "ms", P),
        Var("dur", 0.0, "ms", P),
        Var("amp", 0.0, "nA", P),
        Var("i", 0.0, "nA", A),
    ),
    order=40,
    electrode=True,
    aliases={"delay": "del"},
)

ALPHA_SYNAPSE = MechanismType(
    "AlphaSynapse",
    "point",
    (
        Var("onset", 0.0, "ms", P),
        Var("tau", 0.1, "ms", P),
        Var("gmax", 0.0, "uS", P),
        Var("e", 0.0, "mV", P),
        Var("i", 0.0, "nA", A),
        Var("g", 0.0, "uS", A),
    ),
    order=41,
)

SECLAMP = MechanismType(
    "SEClamp",
    "point",
    (
        Var("rs", 1.0, "MOhm", P),
        Var("dur1", 0.0, "ms", P),
        Var("amp1", 0.0, "mV", P),
        Var("dur2", 0.0, "ms", P),
        Var("amp2", 0.0, "mV", P),
        Var("dur3", 0.0, "ms", P),
        Var("amp3", 0.0, "mV", P),
        Var("i", 0.0, "nA", A),
        Var("vc", 0.0, "mV", A),
        Var("tc2", 0.0, "ms", A),
        Var("tc3", 0.0, "ms", A),
        Var("on", 0.0, "1", A),
    ),
    order=44,
    electrode=True,
    hidden=("tc2", "tc3", "on"),
)

HH = MechanismType(
    "hh",
    "density",
    (
        Var("gnabar", 0.12, "S/cm2", P),
        Var("gkbar", 0.036, "S/cm2", P),
        Var("gl", 0.0003, "S/cm2", P),
        Var("el", -54.3, "mV", P),
        Var("gna", 0.0, "S/cm2", A),
        Var("gk", 0.0, "S/cm2", A),
        Var("il", 0.0, "mA/cm2", A),
        Var("minf", 0.0, "1", A),
        Var("hinf", 0.0, "1", A),
        Var("ninf", 0.0, "1", A),
        Var("mtau", 0.0, "ms", A),
        Var("htau", 0.0, "ms", A),
        Var("ntau", 0.0, "ms", A),
        Var("m", 0.0, "1", S),
        Var("h", 0.0, "1", S),
        Var("n", 0.0, "1", S),
    ),
    order=200,
    ions_read=("na", "k"),
    ions_written=("na", "k"),
)

BUILTIN = (PAS, NA_ION, K_ION, ICLAMP, ALPHA_SYNAPSE, SECLAMP, HH)
