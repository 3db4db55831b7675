"""Spike times and interspike intervals of the HH soma under four current pulses."""

from neuron import gui, h

soma = h.Section(name="soma")
soma.insert("hh")
# current clamps
iclamps = []
for t in [2, 13, 27, 40]:
    i = h.IClamp(soma(0.5))
    i.delay = t  # ms
    i.dur = 0.5  # ms
    i.amp = 50
    iclamps.append(i)
# recording
t = h.Vector()
v = h.Vector()
t.record(h._ref_t)
v.record(soma(0.5)._ref_v)
# a live graph of the membrane potential (the tutorial used pyplot after the run)
g = h.Graph()
g.size(0, 49.5, -80, 50)
g.addvar("soma(0.5).v", soma(0.5)._ref_v)
h.graphList[0].append(g)
# simulation
h.finitialize()
h.continuerun(49.5)
# compute spike times
st = [t[j] for j in range(len(v) - 1) if v[j] <= 0 and v[j + 1] > 0]
print("spike times:")
print(st)
# interspike intervals
isis = [next - last for next, last in zip(st[1:], st[:-1])]
print("ISIs:")
print(isis)
