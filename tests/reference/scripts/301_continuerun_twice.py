# continuerun continues from the current t and appends samples; the stopping rule is the
# step boundary nearest tstop (ties to the earlier), e.g. 49.51 -> 1980 steps, 49.52 -> 1981.
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
h.finitialize(-65)
h.continuerun(5)
print("after 5", len(t), repr(h.t), repr(v[len(v) - 1]))
h.continuerun(12.5)
print("after 12.5", len(t), repr(h.t), repr(v[len(v) - 1]))
h.continuerun(12.5)
print("again 12.5", len(t), repr(h.t))
for k in range(0, len(t), 10):
    print(repr(t[k]), repr(v[k]))
for stop in (49.5, 49.51, 49.5125, 49.52, 0.0125, 0.013, 1.0):
    h.finitialize(-65)
    h.continuerun(stop)
    print("continuerun", stop, "samples", len(t), "t", repr(h.t))
print("tstop untouched", h.tstop)
