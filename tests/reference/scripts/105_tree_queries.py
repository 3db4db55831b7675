# parentseg / trueparentseg / children / subtree / wholetree, SectionRef, seg iteration,
# allseg, and h.section_orientation-free queries on a small tree.
from neuron import h

soma = h.Section(name="soma")
soma.nseg = 3
ap = h.Section(name="ap")
ap.nseg = 2
ap.connect(soma(1))
t1 = h.Section(name="t1")
t1.connect(ap(1))
t2 = h.Section(name="t2")
t2.connect(ap(1))
ob = h.Section(name="ob")
ob.connect(soma(0.5))
bas = h.Section(name="bas")
bas.connect(soma(0))
sub = h.Section(name="sub")
sub.connect(bas(0))
lonely = h.Section(name="lonely")
for sec in (soma, ap, t1, ob, bas, sub, lonely):
    print(sec.name(), "parentseg", sec.parentseg(), "trueparentseg", sec.trueparentseg())
    print("  children", [c.name() for c in sec.children()])
    print("  subtree", [c.name() for c in sec.subtree()])
    print("  wholetree", [c.name() for c in sec.wholetree()])
print("segs", [repr(seg.x) for seg in soma], "allseg", [repr(seg.x) for seg in soma.allseg()])
print("ap segs", [str(seg) for seg in ap.allseg()])
for sec in (soma, ap, sub, lonely):
    sr = h.SectionRef(sec=sec)
    print("SectionRef", sr.sec.name(), "has_parent", sr.has_parent(), "nchild", sr.nchild())
    if sr.has_parent():
        print("  parent", sr.parent.name())
    print("  root", sr.root.name(), "children", [sr.child[i].name() for i in range(int(sr.nchild()))])
    print("  is_cas", sr.is_cas(), "exists", sr.exists())
print("trueparent of ap", h.SectionRef(sec=ap).trueparent.name())
print("root of sub", h.SectionRef(sec=sub).root.name())
