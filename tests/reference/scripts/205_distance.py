# h.distance in its call forms: origin at sec(0) (sec= form), distance(0, seg), distance(0, x,
# sec=), distance(seg), distance(1, seg), distance(seg1, seg2); locations are nodes.
from neuron import h

soma = h.Section(name="soma")
soma.L = 20
d1 = h.Section(name="d1")
d1.L = 100
d1.nseg = 5
d1.connect(soma(1))
d2 = h.Section(name="d2")
d2.L = 60
d2.nseg = 3
d2.connect(d1(1))
d3 = h.Section(name="d3")
d3.L = 33
d3.nseg = 2
d3.connect(d1(0.3))
ax = h.Section(name="ax")
ax.L = 200
ax.nseg = 7
ax.connect(soma(0))
targets = [soma(0), soma(0.5), soma(1), d1(0.3), d1(0.31), d1(1), d2(0.5), d2(1), d3(0), d3(0.6), ax(0.5), ax(1)]
h.distance(sec=soma)
print("origin soma(0):", [repr(h.distance(t)) for t in targets])
h.distance(0, soma(0.5))
print("origin soma(0.5):", [repr(h.distance(t)) for t in targets])
print("1-form:", [repr(h.distance(1, t)) for t in targets])
h.distance(0, 0.75, sec=d1)
print("origin d1(0.75):", [repr(h.distance(t)) for t in targets])
print("x form:", repr(h.distance(0.5, sec=d2)), repr(h.distance(1, 0.5, sec=d2)))
print("pairs:", repr(h.distance(d2(1), d3(1))), repr(h.distance(ax(1), d2(1))), repr(h.distance(d1(0.3), d1(0.39))))
print("origin unchanged:", repr(h.distance(d1(0.75))), repr(h.distance(soma(0.5))))
print("tutorial form:")
h.distance(0, 0.5, sec=soma)
print(repr(h.distance(1, sec=d2)))
