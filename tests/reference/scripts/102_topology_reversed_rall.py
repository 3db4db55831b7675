# Reversed connections (child end 1 attached), rallbranch, connecting at the 0 end of a
# child section, disconnect() and reconnect, and connect(parent, x, childend) forms.
from neuron import h

trunk = h.Section(name="trunk")
trunk.nseg = 3
rev = h.Section(name="rev")
rev.nseg = 4
rev.connect(trunk(1), 1)
fwd = h.Section(name="fwd")
fwd.nseg = 2
fwd.connect(trunk, 0.5, 0)
rall = h.Section(name="rall")
rall.nseg = 2
rall.rallbranch = 3
rall.connect(trunk(0))
grand = h.Section(name="grand")
grand.connect(rev(0))
h.topology()
print("rev orientation", rev.orientation(), "parent end", rev.parentseg().x, "fwd", fwd.orientation())
print("rallbranch", rall.rallbranch, trunk.rallbranch)
fwd.disconnect()
h.topology()
fwd.connect(rev(0.2))
h.topology()
print("fwd parent", fwd.parentseg())
print("grand trueparent", grand.trueparentseg(), "parent", grand.parentseg())
