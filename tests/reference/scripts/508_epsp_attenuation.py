# EPSP attenuation along a passive dendrite: an ExpSyn at the distal end, peak amplitude and
# time of peak at points along the dendrite and at the soma.
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 20
dend = h.Section(name="dend")
dend.L = 800
dend.diam = 1.2
dend.nseg = 41
dend.Ra = 150
dend.connect(soma(1))
for sec in (soma, dend):
    sec.insert("pas")
    sec.g_pas = 5e-5
    sec.e_pas = -70
syn = h.ExpSyn(dend(0.95))
syn.tau = 3
nc = h.NetCon(None, syn)
nc.weight[0] = 0.001
xs = [0.95, 0.8, 0.6, 0.4, 0.2, 0.05]
probes = [soma(0.5)] + [dend(x) for x in xs]
t = h.Vector().record(h._ref_t)
vs = [h.Vector().record(p._ref_v) for p in probes]
h.finitialize(-70)
nc.event(1)
h.continuerun(40)
h.distance(0, soma(0.5))
for p, v in zip(probes, vs):
    k = int(v.max_ind())
    print(p, "distance", repr(h.distance(p)), "peak", repr(v.max() + 70), "at", repr(t[k]))
for k in range(0, len(t), 25):
    print(" ".join(repr(v[k]) for v in vs))
