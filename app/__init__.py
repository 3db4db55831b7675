"""The NeuroQt application: main window, the ``neuroqt`` command, the GUI install.

Scripts written for NeuroQt use ``from app import h, gui``; importing
``app.gui`` opens the GUI (what ``from neuron import gui`` means under
``neuroqt``).
"""

from __future__ import annotations

from typing import Any

from sim import h

__all__ = ["__version__", "h"]

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "gui":
        import importlib

        return importlib.import_module("app.gui")
    raise AttributeError(name)
