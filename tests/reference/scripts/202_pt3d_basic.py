# 3-D points: pt3dadd (stored as float32), n3d, x3d/y3d/z3d/diam3d/arc3d, L from the path,
# per-segment diam/area/ri integrated along the points.
from neuron import h

s = h.Section(name="s")
pts = [(0, 0, 0, 2), (3.3, 4.1, 0.7, 2.2), (10.05, 4.1, -1.3, 1.1), (17.7, 11.9, 2.2, 0.7), (25, 12, 2, 0.5)]
for x, y, z, d in pts:
    s.pt3dadd(x, y, z, d)
print("n3d", s.n3d(), "L", repr(s.L))
for i in range(s.n3d()):
    print(i, repr(s.x3d(i)), repr(s.y3d(i)), repr(s.z3d(i)), repr(s.diam3d(i)), repr(s.arc3d(i)))
for n in (1, 2, 3, 5, 9):
    s.nseg = n
    print("nseg", n, "diam", [repr(seg.diam) for seg in s])
    print("  area", [repr(seg.area()) for seg in s])
    print("  ri", [repr(seg.ri()) for seg in s.allseg()])
c = h.Section(name="c")
c.connect(s(1))
h.pt3dadd(25, 12, 2, 1.5, sec=c)
h.pt3dadd(45, 22, 12, 1.5, sec=c)
print("c L", repr(c.L), "n3d", h.n3d(sec=c), "x3d(1)", repr(h.x3d(1, sec=c)))
print("c area", repr(c(0.5).area()), "ri", repr(c(0.5).ri()))
