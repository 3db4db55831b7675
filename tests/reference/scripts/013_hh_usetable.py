# hh with its rate table off (usetable_hh = 0) and on again: the table changes v by up to
# 0.5 mV during spikes. Also the steady-state gates at a few voltages through finitialize(v).
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.insert("hh")
stim = h.IClamp(soma(0.5))
stim.delay = 2
stim.dur = 0.5
stim.amp = 50
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
print("usetable_hh default", h.usetable_hh)
for use in (0, 1):
    h.usetable_hh = use
    for v0 in (-80, -65, -64.5, -30.25, 0, 120):
        h.finitialize(v0)
        s = soma(0.5)
        print("usetable", use, "v0", v0, repr(s.m_hh), repr(s.h_hh), repr(s.n_hh))
    h.finitialize(-65)
    h.continuerun(15)
    st = [t[j] for j in range(len(v) - 1) if v[j] <= 0 and v[j + 1] > 0]
    print("usetable", use, "spikes", st, "max", repr(v.max()))
    for k in range(0, len(v), 10):
        print(repr(t[k]), repr(v[k]))
