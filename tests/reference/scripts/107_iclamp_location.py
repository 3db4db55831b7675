# IClamp location rules (centre of the containing segment, ends), get_segment, get_loc,
# loc() moves, h.List('IClamp') count / indexing / iteration, deletion.
from neuron import h

s = h.Section(name="s")
s.nseg = 5
d = h.Section(name="d")
d.connect(s(1))
pps = [h.IClamp(s(x)) for x in (0.2, 0.5, 0, 1, 0.99)]
for pp in pps:
    seg = pp.get_segment()
    print(pp, "get_loc", repr(pp.get_loc()), "segment", seg, seg.sec.name(), repr(seg.x))
    h.pop_section()
pps[0].loc(d(0.5))
print("moved", pps[0].get_segment())
pps[1].loc(0.75, sec=s)
print("moved", pps[1].get_segment())
pps[2].delay = 3
pps[2].dur = 2
pps[2].amp = 0.25
print("del dur amp", pps[2].delay, pps[2].dur, pps[2].amp, "i", pps[2].i)
lst = h.List("IClamp")
print("count", lst.count(), "first", lst[0], "last", lst.o(int(lst.count()) - 1))
print("iter", [str(x) for x in lst])
del pps[3]
del lst
print("after del", h.List("IClamp").count(), [str(x) for x in h.List("IClamp")])
print("has_loc", pps[0].has_loc())
