# HOC and Python sections share one list: h.allsec() in creation order across both, HOC
# arrays and template sections named as NEURON names them, h.dend[1] from Python, and
# Python sections seen by HOC's forall (NEURON prints them through secname()).
from neuron import h

first = h.Section(name="first")
h("create dend[3]")
middle = h.Section(name="middle")
h("begintemplate Two\npublic a, b\ncreate a, b\nproc init() { create a, b\n connect b(0), a(1) }\nendtemplate Two")
h("objref two\ntwo = new Two()")
last = h.Section(name="last")
print("allsec", [s.name() for s in h.allsec()])
print("h.dend[1]", h.dend[1].name(), h.dend[1].L, "two.b parent", h.two.b.parentseg())
h.dend[1].connect(first(0.5))
h.dend[2].connect(h.dend[1](1))
h.topology()
h("forall print secname(), \" \", nseg")
h("two = new Two()")
print("after replacing two", [s.name() for s in h.allsec()])
