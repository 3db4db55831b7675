"""GUI example 1: a panel with a label and a button."""

from neuron import gui, h

h.xpanel("Example 1")
h.xlabel("Hello class")
h.xbutton("Click me")
h.xpanel()
