# Area and axial resistance of the default section (L 100, diam 500, Ra 35.4) for nseg 1..7,
# at every node (seg.area() is 0 at the ends; ri at the root node is 1e30), and of a child.
from neuron import h

s = h.Section(name="s")
print("defaults L diam nseg Ra cm", s.L, s.diam, s.nseg, s.Ra, s.cm, s.rallbranch)
for n in range(1, 8):
    s.nseg = n
    print("nseg", n)
    print("  area", [repr(seg.area()) for seg in s.allseg()])
    print("  ri", [repr(seg.ri()) for seg in s.allseg()])
s.nseg = 3
s.L = 37.5
s.diam = 2.25
s.Ra = 210
c = h.Section(name="c")
c.L = 12.3
c.diam = 0.75
c.nseg = 2
c.connect(s(1))
for sec in (s, c):
    print(sec.name(), "area", [repr(seg.area()) for seg in sec.allseg()])
    print(sec.name(), "ri", [repr(seg.ri()) for seg in sec.allseg()])
    print(sec.name(), "total area", repr(sum(seg.area() for seg in sec)))
