# Exp2Syn (tau1 0.5, tau2 5; and tau1 close to tau2, which INITIAL clamps) with summation of
# two events, on a passive cell; A, B, g, i and v recorded.
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 15
soma.insert("pas")
syn = h.Exp2Syn(soma(0.5))
print("Exp2Syn defaults", syn.tau1, syn.tau2, syn.e)
syn.tau1 = 0.5
syn.tau2 = 5
syn.e = -10
syn2 = h.Exp2Syn(soma(0.5))
syn2.tau1 = 3
syn2.tau2 = 3
nc = h.NetCon(None, syn)
nc.weight[0] = 0.001
nc2 = h.NetCon(None, syn2)
nc2.weight[0] = 0.0005
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
rec = [h.Vector().record(r) for r in (syn._ref_A, syn._ref_B, syn._ref_g, syn._ref_i, syn2._ref_g)]
h.finitialize(-65)
print("after init tau1 of syn2", repr(syn2.tau1), "factor-free g", syn.g)
for te in (1.0, 4.0, 4.5):
    nc.event(te)
nc2.event(2.0)
h.continuerun(25)
print("samples", len(t), "peak v", repr(v.max()))
for k in range(0, len(t), 8):
    print(repr(t[k]), repr(v[k]), " ".join(repr(r[k]) for r in rec))
