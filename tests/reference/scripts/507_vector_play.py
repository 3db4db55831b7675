# Vector.play into IClamp.amp: continuous play with a time vector (interpolated), play with a
# Dt, and discrete play; the passive response and the played values recorded.
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 20
soma.insert("pas")
stim = h.IClamp(soma(0.5))
stim.delay = 0
stim.dur = 1e9
tvec = h.Vector([0, 1, 1, 3, 4.01, 6, 8])
avec = h.Vector([0, 0, 0.05, 0.05, -0.02, 0.03, 0])
avec.play(stim._ref_amp, tvec, 1)
stim2 = h.IClamp(soma(0.5))
stim2.delay = 0
stim2.dur = 1e9
wave = h.Vector([0, 0.01, 0.02, 0.01, 0, -0.01, 0])
wave.play(stim2._ref_amp, 1.5)
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
amp = h.Vector().record(stim._ref_amp)
amp2 = h.Vector().record(stim2._ref_amp)
i1 = h.Vector().record(stim._ref_i)
h.finitialize(-65)
h.continuerun(12)
print("samples", len(t))
for k in range(0, len(t), 4):
    print(repr(t[k]), repr(v[k]), repr(amp[k]), repr(amp2[k]), repr(i1[k]))
avec.play_remove()
wave.play_remove()
stim.amp = 0
stim2.amp = 0
steps = h.Vector([0.02, -0.01, 0.0])
times = h.Vector([2.0, 5.0125, 7.3])
steps.play(stim._ref_amp, times)
h.finitialize(-65)
h.continuerun(10)
print("discrete play samples", len(t))
for k in range(0, len(t), 5):
    print(repr(t[k]), repr(v[k]), repr(amp[k]))
