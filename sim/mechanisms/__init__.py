"""Membrane mechanisms and point processes, described by data.

``MECHANISMS`` maps every known mechanism name to its :class:`MechanismType`
in NEURON's type order.  Sections insert density mechanisms by name; point
process classes (``h.IClamp``) are made from their types by
:func:`point_process_class`.  Issue-4 mechanisms (ExpSyn, NetStim...) slot in
by adding a type here and a kernel in :mod:`sim.engine._kernels`.
"""

from __future__ import annotations

from typing import Any

from sim.mechanisms._base import MechanismType, Var
from sim.mechanisms._builtin import BUILTIN, HH, ICLAMP, K_ION, NA_ION, PAS
from sim.mechanisms._synapses import SYNAPSE_MECHANISMS

__all__ = [
    "HH",
    "ICLAMP",
    "K_ION",
    "MECHANISMS",
    "NA_ION",
    "PAS",
    "MechanismType",
    "Var",
    "add_mechanism",
    "density_names",
    "find_range_variable",
    "ion_type",
    "register",
    "unknown_mechanism",
]

MECHANISMS: dict[str, MechanismType] = {}


def add_mechanism(mech: MechanismType) -> MechanismType:
    """Make a mechanism known (kept sorted by type order)."""
    MECHANISMS[mech.name] = mech
    ordered = sorted(MECHANISMS.values(), key=lambda m: m.order)
    MECHANISMS.clear()
    MECHANISMS.update((m.name, m) for m in ordered)
    return mech


for _m in BUILTIN + SYNAPSE_MECHANISMS:
    add_mechanism(_m)


def density_names() -> list[str]:
    """Names that ``sec.insert`` accepts."""
    return [name for name, m in MECHANISMS.items() if m.kind == "density"]


def unknown_mechanism(name: str) -> ValueError:
    known = ", ".join(density_names())
    return ValueError(f"argument not a density mechanism name: {name!r} (known: {known})")


def ion_type(ion: str) -> MechanismType:
    """``"na"`` -> the ``na_ion`` type."""
    return MECHANISMS[f"{ion}_ion"]


def find_range_variable(name: str) -> tuple[MechanismType, str] | None:
    """``gnabar_hh`` -> (hh, "gnabar"); ``ena`` -> (na_ion, "ena"); unknown -> None."""
    for mech in MECHANISMS.values():
        if mech.kind == "ion":
            if mech.index(name) is not None:
                return mech, name
        elif mech.kind == "density":
            suffix = "_" + mech.name
            if name.endswith(suffix) and mech.index(name[: -len(suffix)]) is not None:
                return mech, name[: -len(suffix)]
    return None


def register(h: Any) -> None:
    """``h.IClamp`` and the hh table switch ``h.usetable_hh``."""
    from sim.mechanisms._point import point_process_class

    for mech in MECHANISMS.values():
        if mech.is_point:
            h._register(mech.name, point_process_class(mech))
    h._define_var("usetable_hh", 1.0)
