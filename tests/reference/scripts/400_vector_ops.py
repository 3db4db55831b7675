# Vector: constructors (size, list, numpy array; copy of another Vector), indgen, sum, mean, stdev,
# max, min, c, add/sub/mul/div with scalars and vectors, append, resize, fill, size,
# to_python/from_python, as_numpy sharing memory, printf output.
import numpy

from neuron import h

a = h.Vector(5)
print("size ctor", a.size(), len(a), list(a))
b = h.Vector([1.5, -2, 3.25, 4])
print("list ctor", b.to_python(), b.x[2], b[3])
c = h.Vector(numpy.arange(0.0, 1.0, 0.125))
print("numpy ctor", c.to_python())
# NEURON 9.0.2 rejects h.Vector(another_vector) ("is not a PythonObject"); copy() is the way.
d = h.Vector().copy(b)
d.x[0] = 99
print("copy ctor independent", b[0], d[0])
e = h.Vector(6).indgen()
print("indgen", e.to_python(), h.Vector(5).indgen(0.5).to_python(), h.Vector().indgen(2, 7, 1.5).to_python())
print("sum mean stdev", repr(e.sum()), repr(e.mean()), repr(e.stdev()), repr(b.stdev()), repr(b.var()))
print("max min", b.max(), b.min(), "imax imin", b.max_ind(), b.min_ind())
f = e.c()
f.add(1)
print("c + add scalar", e.to_python(), f.to_python())
f.sub(0.5).mul(3)
print("sub mul chained", f.to_python())
f.div(2)
print("div", f.to_python())
g = h.Vector([1, 2, 3, 4, 5, 6])
f.add(g)
print("add vec", f.to_python())
f.sub(g).mul(g).div(g)
print("sub mul div vec", f.to_python())
g.append(7)
g.append(8.5, 9)
print("append", g.to_python(), g.size())
g.resize(3)
print("resize down", g.to_python())
g.resize(5)
print("resize up", g.size(), g.x[0], g.x[2])
g.fill(2.5)
print("fill", g.to_python())
p = h.Vector()
p.from_python([3, 1, 2])
print("from_python", p.to_python())
arr = p.as_numpy()
arr[1] = 42.0
print("as_numpy shares", p[1], p.x[1])
p.x[0] = -1
print("and back", arr[0])
n = numpy.array(p)
n[2] = 7
print("numpy.array copies", p[2], n.tolist())
print("printf:")
h.Vector([1, 2.5, -3.125, 1e-7, 123456.789]).printf()
b.printf("%g\n")
b.printf("%5.2f ", 1, 3)
print()
print("contains", b.contains(3.25), b.contains(3.2))
print("reverse", h.Vector([1, 2, 3]).reverse().to_python(), "sort", h.Vector([3, 1, 2]).sort().to_python())
print("dot", h.Vector([1, 2, 3]).dot(h.Vector([4, 5, 6])), "mag", repr(h.Vector([3, 4]).mag()))
