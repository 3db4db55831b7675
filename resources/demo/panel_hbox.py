"""GUI example 4: two panels side by side in an HBox."""

from neuron import gui, h

hbox = h.HBox()
hbox.intercept(1)
h.xpanel("Example 1")
h.xlabel("Hello class")
h.xbutton("Click me")
h.xpanel()
h.xpanel("Example 3")
h.xbutton("Say hello")
h.xpanel()
hbox.intercept(0)
hbox.map()
