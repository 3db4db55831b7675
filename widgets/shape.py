"""``h.Shape`` and ``h.PlotShape`` on pyqtgraph (neuron-gui-api.md §4).

The pieces: :mod:`widgets.shape_geometry` (sections -> pieces, projection,
picking; numpy only), :mod:`widgets.shape_item` (one batched item),
:mod:`widgets.shape_view` (the window, menu and tools),
:mod:`widgets.shape_base` (``Shape``), :mod:`widgets.shape_plot`
(``PlotShape``) and :mod:`widgets.shape_spaceplot` (its Time/Space Plot graphs).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sim import h
from widgets.shape_base import Shape
from widgets.shape_plot import PlotShape

__all__ = ["PlotShape", "Shape", "implementations", "newshapeplot"]


def newshapeplot() -> PlotShape:
    """stdrun's Graph ▸ Shape plot: a PlotShape kept on ``fast_flush_list``."""
    ps = PlotShape()
    lst = h._lookup("fast_flush_list")
    if lst is not None:
        getattr(lst, "__hoc_get__", lambda: lst)().append(ps)
        ps.save_name("fast_flush_list.")
    return ps


def implementations() -> dict[str, Callable[..., Any]]:
    """The Qt implementations app.gui installs in ``h``."""
    return {"Shape": Shape, "PlotShape": PlotShape, "newshapeplot": newshapeplot}
