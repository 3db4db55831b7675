"""Window placement: the registry every window opens through, and the box intercept stack.

A view never shows itself: it calls :func:`layouts.registry.open_window`,
which gives the widget to the innermost intercepting box if one is active,
else to the window host (the main window, which docks it), else shows it
as a top-level window.
"""
