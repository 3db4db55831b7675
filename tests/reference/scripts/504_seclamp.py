# SEClamp voltage steps on an hh cell (dur1..3, amp1..3, rs) and the clamp current; i is
# recomputed after the voltage update; the clamp switches off after dur1+dur2+dur3.
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 20
soma.insert("hh")
clamp = h.SEClamp(soma(0.5))
print("SEClamp defaults rs", clamp.rs, "dur1 amp1", clamp.dur1, clamp.amp1)
clamp.dur1 = 2
clamp.amp1 = -70
clamp.dur2 = 3
clamp.amp2 = -10
clamp.dur3 = 2.01
clamp.amp3 = -40
clamp.rs = 0.5
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
i = h.Vector().record(clamp._ref_i)
vc = h.Vector().record(clamp._ref_vc)
ina = h.Vector().record(soma(0.5)._ref_ina)
h.finitialize(-65)
h.continuerun(9)
print("samples", len(t), "min i", repr(i.min()), "max i", repr(i.max()))
for k in range(len(t)):
    if k % 4 == 0 or 78 <= k <= 84 or 198 <= k <= 204 or 278 <= k <= 284:
        print(repr(t[k]), repr(v[k]), repr(i[k]), repr(vc[k]), repr(ina[k]))
