# finitialize(v) sets every node; finitialize() keeps v as it stands (the end of the previous
# run, the second time round). fadvance() by hand, and t after each step.
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.insert("hh")
dend = h.Section(name="dend")
dend.nseg = 3
dend.connect(soma(1))
dend.insert("pas")
stim = h.IClamp(soma(0.5))
stim.delay = 2
stim.dur = 0.5
stim.amp = 50
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
h.finitialize()
print("first finitialize()", repr(soma(0.5).v), [repr(s.v) for s in dend.allseg()])
h.continuerun(5)
print("end of run", repr(h.t), repr(soma(0.5).v), repr(dend(1).v))
h.finitialize()
print("finitialize() again", repr(h.t), repr(soma(0.5).v), repr(soma(0.5).m_hh), repr(dend(0.5).v))
h.continuerun(5)
print("second run end", repr(soma(0.5).v), "samples", len(v))
for k in range(0, len(v), 10):
    print(repr(t[k]), repr(v[k]))
h.finitialize(-70.5)
print("finitialize(-70.5)", [repr(s.v) for s in soma.allseg()], [repr(s.v) for s in dend.allseg()])
print("m h n", repr(soma(0.5).m_hh), repr(soma(0.5).h_hh), repr(soma(0.5).n_hh))
for i in range(5):
    h.fadvance()
    print("fadvance", i, repr(h.t), repr(soma(0.5).v), repr(dend(0.5).v))
soma(0.5).v = -50
h.finitialize()
print("v set by hand kept", repr(soma(0.5).v), repr(soma(0.5).m_hh))
