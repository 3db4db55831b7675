# Crank-Nicolson (secondorder = 2 set before finitialize) on the tutorial HH cell, and
# secondorder = 1 on the same cell; ina/ik under secondorder 2 carry the di/dv correction.
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section()
soma.insert("hh")
iclamps = []
for t0 in [2, 13, 27, 40]:
    stim = h.IClamp(soma(0.5))
    stim.delay = t0
    stim.dur = 0.5
    stim.amp = 50
    iclamps.append(stim)
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
ina = h.Vector().record(soma(0.5)._ref_ina)
ik = h.Vector().record(soma(0.5)._ref_ik)
for order in (2, 1):
    h.secondorder = order
    h.finitialize(-65)
    h.continuerun(49.5)
    st = [t[j] for j in range(len(v) - 1) if v[j] <= 0 and v[j + 1] > 0]
    print("secondorder", order, "samples", len(t), "spikes", st)
    for k in (400, 800, 1200, 1600):
        print(k, repr(t[k]), repr(v[k]), repr(ina[k]), repr(ik[k]))
    for k in range(0, len(t), 20):
        print(repr(v[k]), repr(ina[k]), repr(ik[k]))
h.secondorder = 0
