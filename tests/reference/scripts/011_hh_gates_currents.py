# hh traces of v, m, h, n, ina, ik and IClamp.i recorded with every spelling of a reference
# (seg._ref_v, seg._ref_m_hh, seg.hh._ref_h, _ref_n_hh, seg._ref_ina, seg._ref_ik, pp._ref_i).
# Sample 0 of assigned variables comes from the setup at t = 0; IClamp.i is on while the
# step's midpoint is in [del, del+dur).
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = 20
soma.diam = 20
soma.insert("hh")
stim = h.IClamp(soma(0.5))
stim.delay = 1.01
stim.dur = 0.3
stim.amp = 0.6
seg = soma(0.5)
refs = [
    ("t", h._ref_t),
    ("v", seg._ref_v),
    ("m", seg._ref_m_hh),
    ("h", seg.hh._ref_h),
    ("n", soma(0.5)._ref_n_hh),
    ("ina", seg._ref_ina),
    ("ik", seg._ref_ik),
    ("il", seg._ref_il_hh),
    ("i", stim._ref_i),
]
vecs = []
for name, ref in refs:
    vec = h.Vector()
    vec.record(ref)
    vecs.append(vec)
h.finitialize(-65)
print("after finitialize: m h n", seg.hh.m, seg.hh.h, seg.hh.n)
print("ina ik il i at t=0", seg.ina, seg.ik, seg.il_hh, stim.i)
print("ena ek", seg.ena, seg.ek, "gna gk", seg.gna_hh, seg.gk_hh)
h.continuerun(12)
print("samples", len(vecs[0]))
print(" ".join(name for name, _ in refs))
for k in range(len(vecs[0])):
    if k < 60 or k % 8 == 0:
        print(" ".join(repr(vec[k]) for vec in vecs))
print("final", repr(h.t), repr(seg.v), repr(seg.hh.m), repr(seg.hh.h), repr(seg.hh.n))
