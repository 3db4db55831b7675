# ruff: noqa: F401, I001
# fmt: off
# The tutorial's "Example 1": a label and a button (unchanged).
from neuron import h, gui

h.xpanel('Example 1')
h.xlabel('Hello class')
h.xbutton('Click me')
h.xpanel()
