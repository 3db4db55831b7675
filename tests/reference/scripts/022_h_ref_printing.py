# h.ref(...) as print() and repr() show it, and what r[0] gives back: NEURON keeps a number
# as a double (printed %f), a string as a string, an object by its name.
from neuron import h

for value in (3, 3.5, -2, 1e20, True):
    r = h.ref(value)
    print("number", repr(value), str(r), repr(r), repr(r[0]), type(r[0]).__name__)
r = h.ref(3)
r[0] = 5
print("set", str(r), repr(r[0]))
s = h.ref("abc")
print("string", str(s), repr(s), repr(s[0]))
s[0] = "xyz"
print("string set", str(s))
v = h.Vector()
o = h.ref(v)
print("object", str(o), str(o[0]))
print("null", str(h.ref(None)))
