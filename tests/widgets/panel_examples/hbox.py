# ruff: noqa: F401, I001
# fmt: off
# The tutorial's "Layout: HBox and VBox" example (unchanged, including its
# extra h.xpanel(), which NEURON reports as "No panel is open").
from neuron import h, gui
hbox = h.HBox()
hbox.intercept(1)
h.xpanel('Example 1')
h.xlabel('Hello class')
h.xbutton('Click me')
h.xpanel()
h.xpanel('Example 3')
h.xbutton('Say hello')
h.xpanel()
h.xpanel()
hbox.intercept(0)
hbox.map()
