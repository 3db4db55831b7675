# Vector.record(ref, Dt) and record(ref, tvec): samples at the step boundary nearest each
# record time; recording _ref_t this way stores the record times themselves.
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.insert("hh")
stim = h.IClamp(soma(0.5))
stim.delay = 0.5
stim.dur = 0.5
stim.amp = 50
tdt = h.Vector().record(h._ref_t, 0.1)
vdt = h.Vector().record(soma(0.5)._ref_v, 0.1)
mdt = h.Vector().record(soma(0.5)._ref_m_hh, 0.3)
tv = h.Vector([0, 0.5, 1.0123, 1.0126, 1.5, 2.0125, 2.0126, 2.7, 2.9999])
vt = h.Vector().record(soma(0.5)._ref_v, tv)
tt = h.Vector().record(h._ref_t, tv)
vall = h.Vector().record(soma(0.5)._ref_v)
h.finitialize(-65)
h.continuerun(3)
print("Dt 0.1 samples", len(tdt), len(vdt), "Dt 0.3", len(mdt), "tvec", len(vt), len(tt), "all", len(vall))
for k in range(len(tdt)):
    print(repr(tdt[k]), repr(vdt[k]))
print("m every 0.3", [repr(x) for x in mdt])
for k in range(len(vt)):
    print("tvec", repr(tv[k]), repr(tt[k]), repr(vt[k]))
print("check nearest", repr(vall[40]), repr(vall[41]), repr(vall[80]), repr(vall[81]))
