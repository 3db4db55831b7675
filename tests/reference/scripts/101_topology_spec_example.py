# The topology example of the numerics spec (section 8.1): children at 1, 0.5, 0.3 and 0,
# mixed nseg, printed depth first in reverse sibling order; then a second cell.
from neuron import h

soma = h.Section(name="soma")
d1 = h.Section(name="d1")
d1.nseg = 5
d1.connect(soma(1))
d5 = h.Section(name="d5")
d5.nseg = 2
d5.connect(d1(1))
d4 = h.Section(name="d4")
d4.nseg = 3
d4.connect(d1(0.3))
d2 = h.Section(name="d2")
d2.nseg = 4
d2.connect(soma(0.5))
d3 = h.Section(name="d3")
d3.nseg = 3
d3.connect(soma(0))
h.topology()
other = h.Section(name="other")
other.nseg = 4
kid_a = h.Section(name="kid_a")
kid_b = h.Section(name="kid_b")
kid_a.connect(other(0.6))
kid_b.connect(other(0.6))
kid_c = h.Section(name="kid_c")
kid_c.nseg = 2
kid_c.connect(other(0.9))
h.topology()
print("children order", [s.name() for s in other.children()])
print("soma children", [s.name() for s in soma.children()])
