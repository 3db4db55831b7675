# Fixed-step runs at dt 0.01, 0.05 and 0.1 (finitialize + continuerun never call setdt), and
# dt changed in the middle of a run: t keeps accumulating half steps.
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 20
soma.insert("hh")
stim = h.IClamp(soma(0.5))
stim.delay = 1
stim.dur = 0.5
stim.amp = 0.5
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
for dt in (0.01, 0.05, 0.1, 0.025):
    h.dt = dt
    h.finitialize(-65)
    h.continuerun(10)
    st = [t[j] for j in range(len(v) - 1) if v[j] <= 0 and v[j + 1] > 0]
    print("dt", dt, "samples", len(t), "final t", repr(h.t), "dt now", h.dt, "spikes", st)
    step = max(1, len(t) // 40)
    for k in range(0, len(t), step):
        print(repr(t[k]), repr(v[k]))
h.dt = 0.025
h.finitialize(-65)
h.continuerun(2)
h.dt = 0.1
h.continuerun(5)
h.dt = 0.0125
h.continuerun(6)
print("mixed dt samples", len(t), "final t", repr(h.t))
for k in range(0, len(t), 5):
    print(repr(t[k]), repr(v[k]))
