"""``MechanismStandard``: a named set of a mechanism's parameter values.

It lives with the rest of the builders' model logic in :mod:`sim.builders` (so
session files that use it load headless too); this module keeps the app's names.
"""

from __future__ import annotations

from sim.builders import MechanismStandard, parameter_names

__all__ = ["MechanismStandard", "parameter_names"]
