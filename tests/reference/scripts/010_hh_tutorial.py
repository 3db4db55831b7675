# The tutorial's Hodgkin-Huxley example (Erice 2015 slides): default soma, hh, four 50 nA
# 0.5 ms IClamps at 2, 13, 27, 40 ms, finitialize() with no argument, continuerun(49.5).
# NEURON: spike times 3.1750000000000114, 28.149999999998936, 41.6250000000009; 1981 samples.
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section()
soma.insert("hh")
iclamps = []
for t in [2, 13, 27, 40]:
    i = h.IClamp(soma(0.5))
    i.delay = t
    i.dur = 0.5
    i.amp = 50
    iclamps.append(i)
t = h.Vector()
v = h.Vector()
t.record(h._ref_t)
v.record(soma(0.5)._ref_v)
h.finitialize()
h.continuerun(49.5)
st = [t[j] for j in range(len(v) - 1) if v[j] <= 0 and v[j + 1] > 0]
print("spike times:")
print(st)
isis = [nxt - last for nxt, last in zip(st[1:], st[:-1])]
print("ISIs:")
print(isis)
print("samples", len(t), len(v))
print("final t", repr(h.t))
for k in (400, 800, 1200, 1600, 1980):
    print(k, repr(t[k]), repr(v[k]))
print("max v", repr(v.max()), "min v", repr(v.min()))
print("trace t v (every 10th sample)")
for k in range(0, len(t), 10):
    print(repr(t[k]), repr(v[k]))
