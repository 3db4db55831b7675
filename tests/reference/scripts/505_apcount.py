# APCount (thresh, n, time, record into a Vector) on a repetitively firing hh cell, and a
# NetCon with an APCount as its source.
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 20
soma.insert("hh")
stim = h.IClamp(soma(0.5))
stim.delay = 2
stim.dur = 40
stim.amp = 0.3
apc = h.APCount(soma(0.5))
print("APCount defaults", apc.thresh, apc.n)
times = h.Vector()
apc.record(times)
apc2 = h.APCount(soma(0.5))
apc2.thresh = 20
src = h.NetCon(apc2, None)
src_times = h.Vector()
src.record(src_times)
h.finitialize(-65)
h.continuerun(50)
print("n", apc.n, "last time", repr(apc.time), "times", [repr(x) for x in times])
print("apc2 n", apc2.n, "time", repr(apc2.time), "netcon from apc2", [repr(x) for x in src_times])
h.finitialize(-65)
print("after finitialize n", apc.n, "times", len(times))
h.continuerun(10)
print("10 ms: n", apc.n, [repr(x) for x in times])
