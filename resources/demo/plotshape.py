"""Viewing a morphology with h.PlotShape: a thick main section and two thin branches."""

from neuron import gui, h

main = h.Section(name="main")
dend1 = h.Section(name="dend1")
dend2 = h.Section(name="dend2")

dend1.connect(main)
dend2.connect(main)

main.diam = 10
dend1.diam = 2
dend2.diam = 2

ps = h.PlotShape()
# use 1 instead of 0 to hide diams
ps.show(0)

h.topology()
