# h.psection(sec=s): the HOC text NEURON prints, for a root, a child at 0.5 with hh and
# pas, a section with point processes, and a reversed child.
from neuron import h

soma = h.Section(name="soma")
soma.L = 20
soma.diam = 20
soma.insert("hh")
dend = h.Section(name="dend")
dend.nseg = 3
dend.L = 123.5
dend.Ra = 150
dend.connect(soma(0.5))
dend.insert("pas")
dend.insert("hh")
dend.gnabar_hh = 0.05
stim = h.IClamp(soma(0.5))
rev = h.Section(name="rev")
rev.connect(dend(1), 1)
for sec in (soma, dend, rev):
    h.psection(sec=sec)
print("done")
