# Non-uniform diam set per segment (sec(x).diam sets the segment containing x), reading
# diam at x, per-segment cm, Ra changes, and the area/ri that result.
from neuron import h

s = h.Section(name="taper")
s.L = 150
s.nseg = 5
for seg, d in zip(s, [4, 3.5, 2.25, 1.5, 0.8]):
    seg.diam = d
print("diam", [seg.diam for seg in s], "sec.diam", s.diam)
print("diam at x", [s(x).diam for x in (0, 0.1, 0.2, 0.21, 0.5, 0.79, 0.8, 0.99, 1)])
s(0.55).diam = 2.5
print("after s(0.55).diam", [seg.diam for seg in s])
s(0.3).cm = 2
print("cm", [seg.cm for seg in s], "sec.cm", s.cm)
for Ra in (35.4, 100, 250.5):
    s.Ra = Ra
    print("Ra", Ra, "ri", [repr(seg.ri()) for seg in s.allseg()])
print("area", [repr(seg.area()) for seg in s.allseg()])
k = h.Section(name="k")
k.nseg = 3
k.L = 20
k.diam = 1
k.connect(s(0.5))
print("k ri", [repr(seg.ri()) for seg in k.allseg()])
try:
    s.L = -1
except Exception as e:
    print("negative L rejected", type(e).__name__)
print("L still", s.L)
