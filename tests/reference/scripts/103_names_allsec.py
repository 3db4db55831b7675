# Section names (name=, cell=), h.allsec() in creation order, sections disappearing when no
# longer referenced, str/repr of sections and segments, equality and hashing.
from neuron import h


class Cell:
    def __init__(self, gid):
        self.gid = gid
        self.soma = h.Section(name="soma", cell=self)
        self.dend = h.Section(name="dend", cell=self)
        self.dend.connect(self.soma)

    def __str__(self):
        return f"Cell[{self.gid}]"


a = h.Section(name="a")
c1 = Cell(1)
b = h.Section(name="b")
c2 = Cell(2)
print("names", [s.name() for s in h.allsec()])
print("str/repr", str(a), repr(c1.soma), str(c2.dend(0.5)), repr(b(0.25)))
print("cell", c1.soma.cell() is c1, b.cell())
alias = a
print("same section", alias == a, a == b, hash(a) == hash(alias))
print("seg equality", a(0.5) == a(0.5), a(0.5).sec == a)
del c1
print("after del c1", [s.name() for s in h.allsec()])
del a
print("after del a (alias remains)", [s.name() for s in h.allsec()])
del alias
print("after del alias", [s.name() for s in h.allsec()])
z = h.Section(name="z")
print("new last", [s.name() for s in h.allsec()])
h.topology()
