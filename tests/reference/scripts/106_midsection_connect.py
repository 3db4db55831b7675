# Mid-section connections attach to the centre node of the parent segment containing x
# (0.3 and 0.39 on nseg 5 are the same node): topology, distance and a passive simulation.
from neuron import h

h.load_file("stdrun.hoc")
trunk = h.Section(name="trunk")
trunk.nseg = 5
trunk.L = 200
trunk.diam = 3
b1 = h.Section(name="b1")
b1.L = 80
b1.diam = 1
b1.nseg = 4
b2 = h.Section(name="b2")
b2.L = 80
b2.diam = 1
b2.nseg = 4
b1.connect(trunk(0.3))
b2.connect(trunk(0.39))
b3 = h.Section(name="b3")
b3.nseg = 3
b3.L = 50
b3.diam = 2
b3.connect(trunk(0.5))
b4 = h.Section(name="b4")
b4.L = 40
b4.diam = 0.7
b4.connect(b3(0.7))
h.topology()
for sec in h.allsec():
    sec.insert("pas")
    sec.g_pas = 0.0002
    sec.e_pas = -65
stim = h.IClamp(b4(1))
stim.delay = 0.5
stim.dur = 3
stim.amp = 0.05
probes = [trunk(0.1), trunk(0.3), trunk(0.5), trunk(0.9), b1(1), b2(1), b3(0.5), b4(0.5), b4(1)]
vs = [h.Vector().record(p._ref_v) for p in probes]
h.finitialize(-65)
h.continuerun(6)
for p, v in zip(probes, vs):
    print(p, "max", repr(v.max()), "end", repr(v[len(v) - 1]))
for k in range(0, len(vs[0]), 10):
    print(" ".join(repr(v[k]) for v in vs))
h.distance(0, trunk(0.5))
for p in probes:
    print("distance", p, repr(h.distance(p)))
print("b1 vs b2 at 0", repr(h.distance(b1(0), b2(0))), repr(h.distance(b1(0.5), b2(0.5))))
