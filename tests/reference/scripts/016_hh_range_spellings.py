# Range variables in every spelling (seg.hh.gnabar, seg.gnabar_hh, sec.gnabar_hh), iteration
# over a segment's mechanisms, ion variables (ena, ek, nai...), insert/uninsert/has_membrane,
# and a user's seg.ena surviving finitialize.
from neuron import h

h.load_file("stdrun.hoc")
sec = h.Section(name="axon")
sec.nseg = 3
print("has hh before", sec.has_membrane("hh"))
sec.insert("hh")
sec.insert("pas")
print("has hh/pas", sec.has_membrane("hh"), sec.has_membrane("pas"))
seg = sec(0.5)
print("gnabar", seg.hh.gnabar, seg.gnabar_hh, sec.gnabar_hh, "gkbar", seg.hh.gkbar, "gl el", seg.hh.gl, seg.hh.el)
sec(0.1).hh.gnabar = 0.2
sec(0.9).gnabar_hh = 0.25
print("per segment gnabar", [s.gnabar_hh for s in sec])
sec.gkbar_hh = 0.05
print("per segment gkbar", [s.hh.gkbar for s in sec])
print("mechanisms at seg", sorted(m.name() for m in seg))
print("ion values", seg.ena, seg.ek, seg.nai, seg.nao, seg.ki, seg.ko)
sec(0.5).ena = 55
h.finitialize(-60)
print("after finitialize(-60) ena", [s.ena for s in sec], "ek", sec(0.5).ek)
print("states", repr(seg.m_hh), repr(seg.hh.h), repr(seg.n_hh))
print("currents", repr(seg.ina), repr(seg.ik), repr(seg.il_hh), repr(seg.i_pas))
h.continuerun(2)
print("t", repr(h.t), "v", [repr(s.v) for s in sec])
print("ina per segment", [repr(s.ina) for s in sec])
sec.uninsert("pas")
print("has pas after uninsert", sec.has_membrane("pas"), sorted(m.name() for m in seg))
h.finitialize(-65)
h.continuerun(1)
print("t", repr(h.t), "v", [repr(s.v) for s in sec])
