# Event edge cases in fixed step: deliveries exactly half a step after a boundary (ties go to
# the earlier boundary, subject to t's roundoff), several synapses of one type on one node,
# negative weights, a NetCon threshold crossed repeatedly, delays that are not multiples of dt.
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 20
soma.insert("hh")
syns = []
for k, (tau, e) in enumerate([(1, 0), (3, -80), (0.5, 0)]):
    s = h.ExpSyn(soma(0.5))
    s.tau = tau
    s.e = e
    syns.append(s)
ncs = [h.NetCon(None, s) for s in syns]
ncs[0].weight[0] = 0.02
ncs[1].weight[0] = 0.01
ncs[2].weight[0] = -0.004
spk = h.Vector()
det = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
det.threshold = -30
det.record(spk)
fb = h.NetCon(soma(0.5)._ref_v, syns[1], sec=soma)
fb.threshold = -30
fb.delay = 1.0125
fb.weight[0] = 0.005
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
gs = [h.Vector().record(s._ref_g) for s in syns]
h.finitialize(-65)
for te in (1.0125, 1.0375, 5.0, 5.0125, 9.98749, 9.98751):
    ncs[0].event(te)
for te in (2.5, 7.3333):
    ncs[2].event(te)
h.continuerun(25)
print("spikes", [repr(x) for x in spk])
for k in range(len(t)):
    if k % 10 == 0 or any(g[k] != 0 and (k == 0 or g[k - 1] == 0) for g in gs):
        print(repr(t[k]), repr(v[k]), " ".join(repr(g[k]) for g in gs))
