"""Hodgkin-Huxley soma: one 50 nA pulse at 2 ms, v(0.5) drawn live while it runs."""

from neuron import gui, h

# morphology and dynamics
soma = h.Section(name="soma")
soma.insert("hh")

# current clamp
i = h.IClamp(soma(0.5))
i.delay = 2  # ms
i.dur = 0.5  # ms
i.amp = 50  # nA

# recording
t = h.Vector()
v = h.Vector()
t.record(h._ref_t)
v.record(soma(0.5)._ref_v)

# a live graph of v(0.5) instead of pyplot: it draws while the run goes on
h.load_file("stdrun.hoc")
g = h.Graph()
g.size(0, 49.5, -80, 50)
g.addvar("soma(0.5).v", soma(0.5)._ref_v)
h.graphList[0].append(g)

# simulation
h.finitialize()
h.continuerun(49.5)

print("samples:", len(t))
print("peak v (mV):", v.max())
