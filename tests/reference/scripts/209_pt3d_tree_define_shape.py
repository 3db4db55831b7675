# A tree mixing sections with 3-D points and without: define_shape lays out the point-less
# ones and translates the ones with points to their attachment; then nseg changes and L
# rescaling on a section with points; area/ri recomputed.
from neuron import h

soma = h.Section(name="soma")
for x, d in ((0, 12), (6, 14.5), (12, 13), (18, 9)):
    soma.pt3dadd(x, 0.5 * x, 0, d)
ap = h.Section(name="ap")
ap.connect(soma(1))
for x, y, d in ((100, 100, 3), (110, 160, 2.5), (130, 240, 1.5)):
    ap.pt3dadd(x, y, 0, d)
b1 = h.Section(name="b1")
b1.L = 60
b1.diam = 1.1
b1.nseg = 3
b1.connect(soma(0))
b2 = h.Section(name="b2")
b2.L = 45
b2.diam = 0.9
b2.connect(soma(0.5))
tuft = h.Section(name="tuft")
tuft.L = 30
tuft.diam = 0.6
tuft.nseg = 2
tuft.connect(ap(1))
h.define_shape()


def show():
    for sec in h.allsec():
        print(sec.name(), "n3d", sec.n3d(), "L", repr(sec.L), "nseg", sec.nseg)
        for i in range(sec.n3d()):
            print("  ", repr(sec.x3d(i)), repr(sec.y3d(i)), repr(sec.z3d(i)), repr(sec.diam3d(i)))
        print("   area", [repr(seg.area()) for seg in sec], "ri", [repr(seg.ri()) for seg in sec])


show()
ap.nseg = 5
ap.L = 150
soma.nseg = 3
print("after nseg/L changes")
show()
h.distance(0, soma(0.5))
print("distances", [repr(h.distance(s(1))) for s in h.allsec()])
