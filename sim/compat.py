"""``import neuron`` under NeuroQt: a compatibility module, never installed.

:func:`install` puts a finder at the front of ``sys.meta_path`` that answers
``neuron``, ``neuron.gui`` and ``neuron.units`` with NeuroQt's objects, for
this process only.  A real NEURON installed in the same environment is not
touched and is used again as soon as :func:`uninstall` runs.

``neuron.gui`` calls the loader set with :func:`set_gui_loader` (the app sets
one that opens the Qt GUI); headless runs keep the stand-ins, as NEURON's
``-nogui`` does.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
import types
from collections.abc import Callable

__all__ = ["install", "installed", "set_gui_loader", "uninstall"]

_gui_loader: Callable[[], None] | None = None

_UNITS = {
    # NEURON's neuron.units: values are multipliers into NEURON's native units.
    "ms": 1.0,
    "s": 1000.0,
    "us": 1e-3,
    "µs": 1e-3,
    "minute": 60000.0,
    "hour": 3600000.0,
    "day": 86400000.0,
    "mV": 1.0,
    "V": 1000.0,
    "uV": 1e-3,
    "µV": 1e-3,
    "um": 1.0,
    "µm": 1.0,
    "mm": 1000.0,
    "cm": 10000.0,
    "m": 1e6,
    "nm": 1e-3,
    "nA": 1.0,
    "uA": 1000.0,
    "µA": 1000.0,
    "pA": 1e-3,
    "mA": 1e6,
    "mM": 1.0,
    "uM": 1e-3,
    "µM": 1e-3,
    "nM": 1e-6,
    "M": 1000.0,
    "nS": 1e-3,
    "uS": 1.0,
    "µS": 1.0,
    "mS": 1000.0,
    "S": 1e6,
    "MOhm": 1.0,
    "kOhm": 1e-3,
    "GOhm": 1000.0,
    "Ohm": 1e-6,
    "pF": 1e-6,
    "nF": 1e-3,
    "uF": 1.0,
    "µF": 1.0,
    "degC": 1.0,
    "celsius": 1.0,
}


def set_gui_loader(loader: Callable[[], None] | None) -> None:
    """What ``from neuron import gui`` does in this process (None: nothing)."""
    global _gui_loader
    _gui_loader = loader


def _make_units() -> types.ModuleType:
    mod = types.ModuleType("neuron.units", "NEURON's unit multipliers (NeuroQt).")
    for name, value in _UNITS.items():
        setattr(mod, name, value)
    return mod


def _make_gui() -> types.ModuleType:
    from sim import h

    mod = types.ModuleType("neuron.gui", "Importing this opens the NeuroQt GUI.")
    # As in NEURON, `from neuron import gui` loads nrngui.hoc (the standard run
    # system) whether or not anything can be drawn.
    h.load_file("nrngui.hoc")
    if _gui_loader is not None:
        _gui_loader()
    return mod


def _make_neuron() -> types.ModuleType:
    from sim import h

    mod = types.ModuleType("neuron", "NeuroQt's stand-in for the neuron package.")
    mod.__path__ = []  # a package, so neuron.gui / neuron.units import
    mod.h = h
    mod.n = h
    mod.hoc = types.SimpleNamespace(HocObject=type(h))
    mod.__version__ = "9.0.2+neuroqt"
    mod.load_mechanisms = lambda *args, **kwargs: True
    mod.nrn_dll_sym = None
    return mod


_FACTORIES = {"neuron": _make_neuron, "neuron.gui": _make_gui, "neuron.units": _make_units}


class _Loader(importlib.abc.Loader):
    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        return _FACTORIES[spec.name]()

    def exec_module(self, module: types.ModuleType) -> None:
        if module.__name__ != "neuron":
            parent = sys.modules.get("neuron")
            if parent is not None:
                setattr(parent, module.__name__.rpartition(".")[2], module)


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        if fullname in _FACTORIES:
            return importlib.machinery.ModuleSpec(
                fullname, _Loader(), is_package=fullname == "neuron"
            )
        if fullname.startswith("neuron."):
            raise ImportError(f"NeuroQt does not provide {fullname!r} (NEURON's own module)")
        return None


_finder = _Finder()


def install() -> None:
    """Let ``import neuron`` resolve to NeuroQt in this process."""
    if _finder not in sys.meta_path:
        for name in list(sys.modules):
            if name == "neuron" or name.startswith("neuron."):
                del sys.modules[name]
        sys.meta_path.insert(0, _finder)


def uninstall() -> None:
    if _finder in sys.meta_path:
        sys.meta_path.remove(_finder)
    for name in list(sys.modules):
        if name == "neuron" or name.startswith("neuron."):
            del sys.modules[name]


def installed() -> bool:
    return _finder in sys.meta_path
