# hh temperature dependence: q10 = 3^((celsius-6.3)/10), tables rebuilt when celsius changes.
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = 30
soma.diam = 30
soma.insert("hh")
stim = h.IClamp(soma(0.5))
stim.delay = 1
stim.dur = 1
stim.amp = 0.5
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
for temp in (6.3, 16.3, 25.0, 37.0, 6.3):
    h.celsius = temp
    h.finitialize(-65)
    h.continuerun(20)
    st = [t[j] for j in range(len(v) - 1) if v[j] <= 0 and v[j + 1] > 0]
    print("celsius", temp, "spikes", st)
    print(" m h n at end", repr(soma(0.5).m_hh), repr(soma(0.5).h_hh), repr(soma(0.5).n_hh))
    for k in range(0, len(v), 40):
        print(repr(v[k]))
