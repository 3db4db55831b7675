# ExpSyn EPSPs with temporal summation: events from NetCon.event() and a NetStim, two
# weights on one synapse, g and i recorded; an event at te applies at the nearest boundary.
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 20
soma.insert("pas")
syn = h.ExpSyn(soma(0.5))
print("ExpSyn defaults tau e", syn.tau, syn.e)
syn.tau = 2
syn.e = 0
stim = h.NetStim()
stim.start = 2
stim.interval = 3
stim.number = 4
nc = h.NetCon(stim, syn)
nc.weight[0] = 0.002
nc.delay = 1
nc2 = h.NetCon(None, syn)
nc2.weight[0] = 0.0035
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
g = h.Vector().record(syn._ref_g)
i = h.Vector().record(syn._ref_i)
h.finitialize(-70)
nc2.event(5.0125)
nc2.event(5.51)
nc2.event(12.3)
h.continuerun(20)
print("samples", len(t), "peak v", repr(v.max()), "at", repr(t[int(v.max_ind())]), "peak g", repr(g.max()))
for k in range(len(t)):
    if k % 8 == 0 or (g[k] > 0 and k > 0 and g[k - 1] == 0):
        print(repr(t[k]), repr(v[k]), repr(g[k]), repr(i[k]))
