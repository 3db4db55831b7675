"""Point-and-click model building (issue 10): Build ▸ single compartment, the
Distributed Mechanism Inserter, the PointProcessManager.

Menu actions: :func:`open_single_compartment`, :func:`open_inserter`,
:func:`open_point_manager`.  :func:`implementations` gives h NEURON's names for them
(``SingleCompartment``, ``Inserter``, ``PointProcessManager``, ``makesinglecompartment``).
"""

from __future__ import annotations

from typing import Any

from app.builders.inserter import Inserter, SingleCompartment, open_single_compartment

__all__ = [
    "Inserter",
    "SingleCompartment",
    "implementations",
    "open_cell_builder",
    "open_inserter",
    "open_point_manager",
    "open_shape_name",
    "open_single_compartment",
]


def open_cell_builder() -> Any:
    """Build ▸ Cell Builder."""
    from app.builders.cellbuilder import CellBuilder

    return CellBuilder()


def open_shape_name() -> Any:
    """Tools ▸ Distributed Mechanisms ▸ Viewers ▸ Shape Name."""
    from app.builders.shapename import ShapeName

    return ShapeName()


def open_inserter() -> Inserter:
    """Tools ▸ Distributed Mechanisms ▸ Managers ▸ Inserter."""
    return Inserter()


def open_point_manager() -> Any:
    """Tools ▸ Point Processes ▸ Managers ▸ Point Manager."""
    from app.builders.pointman import PointProcessManager

    return PointProcessManager()


def _library_files() -> None:
    """``load_file("pointman.hoc")`` etc. in session files: the tools are built in."""
    from sim.hoc.interpreter import register_library

    for name in ("pointman.hoc", "single.hoc", "inserter.hoc", "celbild.hoc", "showmech.hoc"):
        register_library(name, lambda _h: None)


def implementations() -> dict[str, Any]:
    from app.builders.mechstd import MechanismStandard
    from app.builders.pointman import PointProcessManager
    from sim import h

    _library_files()
    has_std = h._lookup("MechanismStandard") is not None
    extra = {} if has_std else {"MechanismStandard": MechanismStandard}
    from app.builders.cellbuilder import CellBuilder, makecellbuilder
    from app.builders.homogeneous import ShowMechanism
    from app.builders.shapename import ShapeName

    return {
        **extra,
        "makecellbuilder": makecellbuilder,
        "ShowMechanism": ShowMechanism,
        "ShapeName": ShapeName,
        "CellBuild": lambda *a: CellBuilder(map_now=not (a and a[0])),
        "Inserter": Inserter,
        "SingleCompartment": SingleCompartment,
        "makesinglecompartment": lambda: (open_single_compartment(), 0.0)[1],
        "PointProcessManager": PointProcessManager,
    }
