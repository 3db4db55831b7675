# reference-tolerance: 1e-3
# Variable step on a soma + 2 dendrites (hh and pas) with discontinuities the integrator must
# stop at: IClamp on/off, an AlphaSynapse onset, an SEClamp that switches off; recorded with
# record(ref, Dt) (interpolated), tight tolerances on both sides.
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 20
soma.insert("hh")
d1 = h.Section(name="d1")
d1.L = 200
d1.diam = 1.5
d1.nseg = 7
d1.connect(soma(1))
d2 = h.Section(name="d2")
d2.L = 150
d2.diam = 1
d2.nseg = 5
d2.connect(soma(0))
for sec in (d1, d2):
    sec.insert("pas")
    sec.g_pas = 0.0002
    sec.e_pas = -65
ic = h.IClamp(soma(0.5))
ic.delay = 2
ic.dur = 1
ic.amp = 0.3
syn = h.AlphaSynapse(d1(0.8))
syn.onset = 9
syn.tau = 0.8
syn.gmax = 0.01
clamp = h.SEClamp(d2(0.5))
clamp.dur1 = 15
clamp.amp1 = -60
clamp.rs = 1
h.cvode_active(1)
h.CVode().atol(1e-9)
h.CVode().rtol(1e-9)
probes = [soma(0.5), d1(0.8), d2(0.5)]
vs = [h.Vector().record(p._ref_v, 0.25) for p in probes]
ivec = h.Vector().record(clamp._ref_i, 0.25)
h.finitialize(-65)
h.continuerun(25)
print("final t", h.t, "samples", len(vs[0]))
for k in range(len(vs[0])):
    print("%.2f" % (0.25 * k), " ".join("%.6f" % v[k] for v in vs), "%.6f" % ivec[k])
h.cvode_active(0)
