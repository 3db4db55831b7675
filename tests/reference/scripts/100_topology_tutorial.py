# The tutorial's 7-section tree, built the two ways the slides show (direct connects, then
# with helper functions and a dict), printed with h.topology().
from neuron import h

soma = h.Section(name="soma")
papic = h.Section(name="proxApical")
apic1 = h.Section(name="apic1")
apic2 = h.Section(name="apic2")
pb = h.Section(name="proxBasal")
db1 = h.Section(name="distBasal1")
db2 = h.Section(name="distBasal2")
papic.connect(soma)
pb.connect(soma(0))
apic1.connect(papic)
apic2.connect(papic)
db1.connect(pb)
db2.connect(pb)
print("first tree")
h.topology()
del soma, papic, apic1, apic2, pb, db1, db2
print("sections left", len(list(h.allsec())))


def sections(*names):
    return tuple(h.Section(name=n) for n in names)


def connect(connections):
    for parent in connections:
        for child in connections[parent]:
            child.connect(parent)


soma, papic, apic1, apic2, pb, db1, db2 = sections(
    "soma", "proxApical", "apic1", "apic2", "proxBasal", "distBasal1", "distBasal2"
)
connect({soma: [papic], papic: [apic1, apic2], pb: [db1, db2]})
pb.connect(soma(0))
print("second tree")
h.topology()
print("nseg 3 everywhere")
for sec in h.allsec():
    sec.nseg = sec.nseg * 3
h.topology()
