"""The seven-section cell of the tutorial, built with helper functions; topology and shape."""

from neuron import gui, h


# helper functions
def sections(*names):
    secs = [h.Section(name=n) for n in names]
    return tuple(secs)


def connect(connections):
    for parent in connections:
        for child in connections[parent]:
            child.connect(parent)


# define, connect, print
soma, papic, apic1, apic2, pb, db1, db2 = sections(
    "soma", "proxApical", "apic1", "apic2", "proxBasal", "distBasal1", "distBasal2"
)

connect({soma: [papic], papic: [apic1, apic2], pb: [db1, db2]})
pb.connect(soma(0))

h.topology()

# the morphology, drawn
ps = h.PlotShape()
ps.show(0)
