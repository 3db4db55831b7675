# CVode objects are numbered like every HOC object: CVode[0], CVode[1]; once none is
# left, numbering starts from 0 again.
from neuron import h

a = h.CVode()
b = h.CVode()
print("cvode", a.hname(), b.hname(), str(a), str(b), repr(a))
del a, b
c = h.CVode()
print("again", c.hname())
h.load_file("stdrun.hoc")
print("stdrun's", h.cvode.hname())
