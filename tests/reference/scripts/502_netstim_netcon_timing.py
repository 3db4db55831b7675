# NetStim -> NetCon -> ExpSyn timing: NetStim spike times recorded with NetCon.record, an
# event at spike+delay applied at the nearest step boundary, delays that are not multiples
# of dt, weights per connection, active(0) connections and threshold-crossing sources.
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 20
soma.insert("hh")
syn = h.ExpSyn(soma(0.5))
syn.tau = 1
ns = h.NetStim()
print("NetStim defaults", ns.interval, ns.number, ns.start, ns.noise)
ns.start = 5
ns.interval = 10
ns.number = 3
spikes_ns = h.Vector()
rec_nc = h.NetCon(ns, None)
rec_nc.record(spikes_ns)
c1 = h.NetCon(ns, syn, 0, 1, 0.05)
print("netcon", c1.threshold, c1.delay, c1.weight[0], "valid", c1.valid(), "active", c1.active())
c2 = h.NetCon(ns, syn)
c2.delay = 2.0126
c2.weight[0] = 0.01
c3 = h.NetCon(ns, syn)
c3.delay = 0.3
c3.weight[0] = 0.5
c3.active(0)
vspk = h.Vector()
vid = h.Vector()
det = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
det.threshold = -20
det.record(vspk)
print("det threshold", det.threshold, "pre", det.pre(), "syn", det.syn(), "c1 pre", c1.pre(), "c1 syn", c1.syn())
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
g = h.Vector().record(syn._ref_g)
h.finitialize(-65)
h.continuerun(40)
print("NetStim spikes", [repr(x) for x in spikes_ns])
print("threshold spikes", [repr(x) for x in vspk])
first = [repr(t[k]) for k in range(1, len(g)) if g[k] > 0 and g[k - 1] <= g[k] and (k < 2 or g[k - 1] == 0 or g[k] - g[k - 1] > 0.001)]
print("g rises at", first)
for k in range(0, len(t), 20):
    print(repr(t[k]), repr(v[k]), repr(g[k]))
