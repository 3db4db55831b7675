# Editing 3-D points: pt3dchange (position and diameter only), pt3dinsert, pt3dremove,
# pt3dclear; setting L rescales the points about point 0; setting diam overwrites them.
from neuron import h


def show(sec, label):
    print(label, "n3d", sec.n3d(), "L", repr(sec.L))
    for i in range(sec.n3d()):
        print("  ", repr(sec.x3d(i)), repr(sec.y3d(i)), repr(sec.z3d(i)), repr(sec.diam3d(i)), repr(sec.arc3d(i)))
    print("   diam", [repr(seg.diam) for seg in sec], "area", [repr(seg.area()) for seg in sec])


s = h.Section(name="s")
s.nseg = 3
for i in range(5):
    s.pt3dadd(i * 10.0, i * 1.5, 0, 1 + 0.25 * i)
show(s, "start")
s.pt3dchange(2, 20, 8, 1, 3.5)
show(s, "pt3dchange(2, x,y,z,d)")
s.pt3dchange(1, 0.6)
show(s, "pt3dchange(1, d)")
s.pt3dinsert(1, 5, -2, 0, 2)
show(s, "pt3dinsert(1)")
s.pt3dremove(3)
show(s, "pt3dremove(3)")
s.L = 100
show(s, "L = 100")
s.diam = 1.7
show(s, "diam = 1.7")
s(0.1).diam = 3
show(s, "s(0.1).diam = 3")
s.pt3dclear()
print("after pt3dclear n3d", s.n3d(), "L", repr(s.L), "diam", [repr(seg.diam) for seg in s])
s.L = 30
s.diam = 4
print("without points area", [repr(seg.area()) for seg in s])
