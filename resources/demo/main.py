"""NeuroQt demo: the tutorial's Hodgkin-Huxley soma with four current pulses."""

from neuron import gui, h

soma = h.Section(name="soma")
soma.insert("hh")
stims = []
for delay in (2, 13, 27, 40):
    stim = h.IClamp(soma(0.5))
    stim.delay = delay
    stim.dur = 0.5
    stim.amp = 50
    stims.append(stim)

h.load_file("stdrun.hoc")
h.tstop = 49.5
h.nrncontrolmenu()
g = h.Graph()
g.size(0, 49.5, -80, 50)
g.addvar("soma(0.5).v", soma(0.5)._ref_v)
h.graphList[0].append(g)
