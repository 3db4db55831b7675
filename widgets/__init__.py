"""The Qt views: panel controls, value bindings, Graph, Shape/PlotShape, RunControl.

Views take their model (``sim`` objects, bindings), build their widgets, sync
once, and redraw on GUI-thread timers.  They never import :mod:`app`.
"""
