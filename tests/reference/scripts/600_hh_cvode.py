# reference-tolerance: 1e-3
# The tutorial HH example under h.cvode_active(1) at tight tolerances (atol 1e-9 here; a scipy
# integrator cannot reproduce CVODE's steps, so the comparison is at 1e-3 mV / 1e-3 ms).
# The run must end exactly at tstop; values at 10/20/30/40 ms come from record(ref, tvec).
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
h.cvode_active(1)
cv = h.CVode()
cv.atol(1e-9)
cv.rtol(1e-9)
print("active", cv.active(), "atol", cv.atol(), "rtol", cv.rtol())
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
tgrid = h.Vector().indgen(0, 49, 0.5)
vgrid = h.Vector().record(soma(0.5)._ref_v, tgrid)
mgrid = h.Vector().record(soma(0.5)._ref_m_hh, tgrid)
h.finitialize(-65)
h.continuerun(49.5)
print("final t", h.t, "last recorded t", t[len(t) - 1])
spikes = []
for j in range(len(v) - 1):
    if v[j] <= 0 < v[j + 1]:
        spikes.append(t[j] + (0 - v[j]) * (t[j + 1] - t[j]) / (v[j + 1] - v[j]))
print("zero crossings (interpolated)", ["%.6f" % s for s in spikes])
print("t v m on a 0.5 ms grid")
for k in range(len(tgrid)):
    print("%.1f %.6f %.6f" % (tgrid[k], vgrid[k], mgrid[k]))
h.cvode_active(0)
