# rallbranch changes the electrical load a child puts on its parent (a_i = -100*rall*rinv/area_p):
# a soma with one dendrite standing for 1, 3 and 0.5 identical branches, passive, current
# injected at the soma; the soma's v must follow NEURON's.
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 15
dend = h.Section(name="dend")
dend.L = 300
dend.diam = 1
dend.nseg = 9
dend.connect(soma(1))
for sec in (soma, dend):
    sec.insert("pas")
    sec.g_pas = 0.0001
    sec.e_pas = -65
stim = h.IClamp(soma(0.5))
stim.delay = 0.5
stim.dur = 5
stim.amp = 0.05
t = h.Vector().record(h._ref_t)
vs = h.Vector().record(soma(0.5)._ref_v)
vd = h.Vector().record(dend(0.9)._ref_v)
for rall in (1, 3, 0.5):
    dend.rallbranch = rall
    h.finitialize(-65)
    h.continuerun(8)
    print("rallbranch", dend.rallbranch, "samples", len(t), "soma max", repr(vs.max()), "dend max", repr(vd.max()))
    for k in range(0, len(t), 16):
        print(repr(t[k]), repr(vs[k]), repr(vd[k]))
