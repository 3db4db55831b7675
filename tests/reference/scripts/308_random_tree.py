# A seeded random tree (Python's random, same numbers under both simulators): 25 sections with
# mixed nseg/L/diam/Ra/cm, mid-section and reversed connections, hh or pas, several point
# processes on one node; BE then CN. Tests the node order and tree solve at scale.
import random

from neuron import h

h.load_file("stdrun.hoc")
rng = random.Random(20261125)
secs = []
for i in range(25):
    sec = h.Section(name=f"s{i}")
    sec.nseg = rng.choice([1, 2, 3, 5, 7])
    sec.L = rng.uniform(10, 200)
    sec.diam = rng.uniform(0.5, 4)
    sec.Ra = rng.uniform(50, 200)
    sec.cm = rng.uniform(0.7, 1.5)
    if i:
        parent = secs[rng.randrange(i)]
        x = rng.choice([0, 1, 1, 0.5, rng.random()])
        sec.connect(parent(x), rng.choice([0, 0, 0, 1]))
    if rng.random() < 0.4:
        sec.insert("hh")
    else:
        sec.insert("pas")
        sec.g_pas = rng.uniform(1e-5, 1e-3)
        sec.e_pas = rng.uniform(-75, -60)
    secs.append(sec)
for seg in secs[3]:
    seg.diam = rng.uniform(0.5, 3)
h.topology()
stims = []
for k in range(4):
    st = h.IClamp(secs[0](0.5))
    st.delay = 1 + k
    st.dur = 0.7
    st.amp = 0.4 + 0.1 * k
    stims.append(st)
far = h.IClamp(secs[17](0.8))
far.delay = 6
far.dur = 3
far.amp = 0.2
probes = [secs[i](0.5) for i in (0, 3, 8, 12, 17, 24)]
t = h.Vector().record(h._ref_t)
vs = [h.Vector().record(p._ref_v) for p in probes]
for order in (0, 2):
    h.secondorder = order
    h.finitialize(-65)
    h.continuerun(12)
    print("secondorder", order, "samples", len(t))
    for k in range(0, len(t), 15):
        print(" ".join(repr(v[k]) for v in vs))
h.secondorder = 0
