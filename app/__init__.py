"""The NeuroQt application: main window, the ``neuroqt`` command, the GUI install.

Scripts written for NeuroQt use ``from app import h, gui``; importing
``app.gui`` opens the GUI (what ``from neuron import gui`` means under
``neuroqt``).
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["__version__", "gui", "h"]

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # Both are imported on first use, so `neuroqt` can show its window before the engine loads.
    if name == "h":
        return importlib.import_module("sim").h
    if name == "gui":
        return importlib.import_module("app.gui")
    raise AttributeError(f"module 'app' has no attribute {name!r}")
