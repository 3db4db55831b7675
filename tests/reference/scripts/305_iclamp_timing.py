# IClamp is on while the step midpoint t_n + dt/2 lies in [del, del+dur): del 2.01 dur 0.3 is
# on for 12 steps. Several IClamps on one node; a negative amp; passive response.
from neuron import h

h.load_file("stdrun.hoc")
cell = h.Section(name="cell")
cell.L = cell.diam = 10
cell.insert("pas")
a = h.IClamp(cell(0.5))
a.delay = 2.01
a.dur = 0.3
a.amp = 0.02
b = h.IClamp(cell(0.5))
b.delay = 2.1
b.dur = 1
b.amp = -0.015
c = h.IClamp(cell(1))
c.delay = 0
c.dur = 0.1
c.amp = 0.005
t = h.Vector().record(h._ref_t)
v = h.Vector().record(cell(0.5)._ref_v)
ia = h.Vector().record(a._ref_i)
ib = h.Vector().record(b._ref_i)
ic = h.Vector().record(c._ref_i)
h.finitialize(-70)
h.continuerun(4)
print("samples", len(t))
for k in range(len(t)):
    if ia[k] != 0 or ib[k] != 0 or ic[k] != 0 or k % 10 == 0:
        print(repr(t[k]), repr(v[k]), ia[k], ib[k], ic[k])
print("on steps a", int(sum(1 for x in ia if x != 0)), "b", int(sum(1 for x in ib if x != 0)), "c", int(sum(1 for x in ic if x != 0)))
