# The tutorial's HOC example: h.load_file('myneuron.hoc') (create/connect/L/diam in a section
# stack), then h.topology(); the HOC sections are seen from Python.
from neuron import h

print("load_file", h.load_file("myneuron.hoc"))
h.topology()
print("again", h.load_file("myneuron.hoc"), "forced", h.load_file(1, "myneuron.hoc"))
h.topology()
print("names", [s.name() for s in h.allsec()])
print("soma L diam", h.soma.L, h.soma.diam, "apic parent", h.apic.parentseg(), "basal parent", h.basal.parentseg())
print("area", repr(h.soma(0.5).area()), "apic L", h.apic.L)
h.distance(0, 0.5, sec=h.soma)
print("distance to apic(1)", h.distance(1, sec=h.apic))
