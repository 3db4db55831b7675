# Changing nseg keeps values as NEURON does (old nodes move to floor(n_new*x), the rest are
# cloned), for diam and for mechanism ranges, and point processes move with their segment.
from neuron import h

s = h.Section(name="s")
s.nseg = 2
s(0.25).diam = 1
s(0.75).diam = 3
s.insert("hh")
s(0.25).gnabar_hh = 0.2
s(0.75).gnabar_hh = 0.3
stim = h.IClamp(s(0.8))
for n in (3, 4, 2, 5, 7, 1, 6):
    s.nseg = n
    print("nseg", n, "diam", [seg.diam for seg in s], "gnabar", [seg.gnabar_hh for seg in s])
    print("   stim at", repr(stim.get_loc()), "x", [repr(seg.x) for seg in s])
s.nseg = 9
for i, seg in enumerate(s):
    seg.diam = i + 1
for n in (3, 9, 27, 4):
    s.nseg = n
    print("nseg", n, "diam", [seg.diam for seg in s])
print("sec.diam reads middle", s.diam, "ends", s(0).diam, s(1).diam)
try:
    s.nseg = 0
except Exception as e:
    print("nseg 0 rejected", type(e).__name__)
print("nseg still", s.nseg)
