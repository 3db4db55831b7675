# An action potential travelling along a multi-compartment hh axon (soma + 3 sections,
# nseg 1/21/11/5, different diam/Ra/cm): spike time at several points.
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 20
axon = h.Section(name="axon")
axon.L = 1000
axon.diam = 1.5
axon.nseg = 21
axon.Ra = 123
dist = h.Section(name="dist")
dist.L = 500
dist.diam = 1
dist.nseg = 11
dist.cm = 1.5
tip = h.Section(name="tip")
tip.L = 100
tip.diam = 0.8
tip.nseg = 5
axon.connect(soma(1))
dist.connect(axon(1))
tip.connect(dist(1))
for sec in h.allsec():
    sec.insert("hh")
stim = h.IClamp(soma(0.5))
stim.delay = 1
stim.dur = 0.5
stim.amp = 2
probes = [soma(0.5), axon(0.1), axon(0.5), axon(0.95), dist(0.5), tip(0.9)]
t = h.Vector().record(h._ref_t)
vs = [h.Vector().record(p._ref_v) for p in probes]
h.finitialize(-65)
h.continuerun(15)
for p, v in zip(probes, vs):
    st = [t[j] for j in range(len(v) - 1) if v[j] <= 0 and v[j + 1] > 0]
    print(p, "spikes", st, "max", repr(v.max()))
for k in range(0, len(t), 20):
    print(" ".join(repr(v[k]) for v in vs))
