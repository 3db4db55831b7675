# Backward Euler and Crank-Nicolson on a branched tree with hh and pas, mixed nseg/Ra/cm and
# non-uniform diam (the tree solve must follow NEURON's node order bit for bit).
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 18
soma.insert("hh")
dends = []
for i, (n, L, d, parent, x) in enumerate([(5, 200, 2, None, 1), (3, 120, 1.2, 0, 1), (4, 90, 0.9, 0, 1), (7, 300, 1.5, None, 0), (2, 50, 0.6, 3, 0.5)]):
    sec = h.Section(name=f"dend{i}")
    sec.nseg = n
    sec.L = L
    sec.diam = d
    sec.Ra = 80 + 20 * i
    sec.cm = 1 + 0.1 * i
    sec.insert("pas")
    sec.g_pas = 0.0001 * (i + 1)
    sec.connect(soma(x) if parent is None else dends[parent](x))
    dends.append(sec)
dends[0](0.1).diam = 3
dends[0](0.9).diam = 1
dends[1].insert("hh")
dends[1].gnabar_hh = 0.05
stim = h.IClamp(soma(0.5))
stim.delay = 1
stim.dur = 0.5
stim.amp = 1
syn = h.IClamp(dends[4](0.9))
syn.delay = 6
syn.dur = 2
syn.amp = 0.3
probes = [soma(0.5), dends[0](0.5), dends[1](1), dends[2](0.3), dends[3](0.9), dends[4](0.5)]
t = h.Vector().record(h._ref_t)
vs = [h.Vector().record(p._ref_v) for p in probes]
h.topology()
for order in (0, 2):
    h.secondorder = order
    h.finitialize(-65)
    h.continuerun(12)
    print("secondorder", order, "samples", len(t))
    for k in range(0, len(t), 12):
        print(" ".join(repr(v[k]) for v in vs))
h.secondorder = 0
