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


def implementations() -> dict[str, Any]:
    """The Qt tools under NEURON's names; ``MechanismStandard`` and the headless
    versions of these tools are h names already (:mod:`sim.builders`)."""
    from app.builders.cellbuilder import CellBuilder, makecellbuilder
    from app.builders.homogeneous import ShowMechanism
    from app.builders.pointman import PointProcessManager
    from app.builders.shapename import ShapeName

    return {
        "makecellbuilder": makecellbuilder,
        "ShowMechanism": ShowMechanism,
        "ShapeName": ShapeName,
        "CellBuild": lambda *a: CellBuilder(map_now=not (a and a[0])),
        "Inserter": Inserter,
        "SingleCompartment": SingleCompartment,
        "makesinglecompartment": lambda: (open_single_compartment(), 0.0)[1],
        "PointProcessManager": PointProcessManager,
    }
