# h.define_shape(): NeuroQt must lay sections out exactly as NEURON does (float32 arithmetic,
# children at 1/0.5/0 and sibling fans), and the diams it writes back (float32, smoothed).
from neuron import h

soma = h.Section(name="soma")
soma.L = 20
soma.diam = 20
a = h.Section(name="a")
a.L = 50
a.diam = 2
a.nseg = 3
b = h.Section(name="b")
b.L = 40
b.diam = 0.7
b.nseg = 2
mid = h.Section(name="mid")
mid.L = 30
mid.diam = 1
back = h.Section(name="back")
back.L = 25
back.diam = 1.5
low = h.Section(name="low")
low.L = 15
low.diam = 1
low.nseg = 2
a.connect(soma(1))
b.connect(soma(1))
mid.connect(soma(0.5))
back.connect(soma(0))
low.connect(a(0.2))
taper = h.Section(name="taper")
taper.L = 40
taper.nseg = 4
for seg, d in zip(taper, [1, 2, 3, 4]):
    seg.diam = d
h.define_shape()
for sec in h.allsec():
    print(sec.name(), "n3d", sec.n3d(), "L", repr(sec.L))
    for i in range(sec.n3d()):
        print("  ", repr(sec.x3d(i)), repr(sec.y3d(i)), repr(sec.z3d(i)), repr(sec.diam3d(i)), repr(sec.arc3d(i)))
    print("   diam", [repr(seg.diam) for seg in sec])
    print("   area", [repr(seg.area()) for seg in sec])
    print("   ri", [repr(seg.ri()) for seg in sec])
