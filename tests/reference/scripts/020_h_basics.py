# The top-level namespace: hname(), the globals and their defaults before and after
# stdrun.hoc, references (h._ref_t, seg._ref_v, pp._ref_i, h.ref) read and written via [0].
from neuron import h

print("hname", h.hname())
print("t dt celsius secondorder", h.t, h.dt, h.celsius, h.secondorder)
print("has tstop before stdrun", hasattr(h, "tstop"))
print("load_file", h.load_file("stdrun.hoc"), "again", h.load_file("stdrun.hoc"))
print("tstop v_init steps_per_ms realtime stoprun", h.tstop, h.v_init, h.steps_per_ms, h.realtime, h.stoprun)
r = h.ref(3.0)
print("ref", r[0])
r[0] = 4.5
print("ref set", r[0])
sref = h.ref("text")
print("string ref", sref[0])
s = h.Section(name="s")
vref = s(0.5)._ref_v
print("seg v via ref", vref[0])
vref[0] = -42.0
print("written through ref", s(0.5).v, s.v)
stim = h.IClamp(s(0.5))
stim.amp = 0.1
print("pp ref", stim._ref_amp[0], stim._ref_i[0])
tref = h._ref_t
h.t = 1.25
print("t via ref", tref[0])
h.t = 0
h.dt = 0.05
h.celsius = 20
print("changed", h.dt, h.celsius)
h.dt = 0.025
h.celsius = 6.3
print("section count", len(list(h.allsec())))
