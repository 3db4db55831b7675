# run() = stdinit() + continuerun(tstop); stdinit calls setdt(), which changes dt to fit
# steps_per_ms ("Changed dt" is printed) and init() uses v_init.
from neuron import h

h.load_file("stdrun.hoc")
print("stdrun defaults", h.tstop, h.v_init, h.steps_per_ms, h.dt, h.celsius, h.secondorder)
soma = h.Section(name="soma")
soma.L = soma.diam = 20
soma.insert("hh")
stim = h.IClamp(soma(0.5))
stim.delay = 1
stim.dur = 0.5
stim.amp = 0.5
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
h.tstop = 6
h.run()
print("run: samples", len(t), "t", repr(h.t), "dt", h.dt, "v", repr(v[len(v) - 1]))
h.dt = 0.01
h.run()
print("dt 0.01 under run ->", repr(h.dt), "samples", len(t), "t", repr(h.t))
for k in range(0, len(t), 12):
    print(repr(t[k]), repr(v[k]))
h.steps_per_ms = 10
h.dt = 0.025
h.v_init = -70
h.run()
print("steps_per_ms 10 dt", repr(h.dt), "samples", len(t), "t", repr(h.t), "v0", repr(v[0]))
h.steps_per_ms = 40
h.dt = 0.1
h.tstop = 3
h.run()
print("dt 0.1 steps_per_ms 40 ->", repr(h.dt), "samples", len(t), "t", repr(h.t))
h.stdinit()
print("stdinit t", repr(h.t), "v", repr(soma(0.5).v), "samples", len(t))
