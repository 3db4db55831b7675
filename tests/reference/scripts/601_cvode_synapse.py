# reference-tolerance: 1e-3
# Variable step with events: NetStim -> ExpSyn on an hh cell under cvode_active(1) at tight
# tolerances, threshold spikes from a NetCon, values on a 0.25 ms grid.
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 20
soma.insert("hh")
syn = h.ExpSyn(soma(0.5))
syn.tau = 2
ns = h.NetStim()
ns.start = 3
ns.interval = 8
ns.number = 3
nc = h.NetCon(ns, syn)
nc.delay = 1
nc.weight[0] = 0.01
spk = h.Vector()
det = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
det.threshold = 0
det.record(spk)
h.cvode_active(1)
h.CVode().atol(1e-9)
h.CVode().rtol(1e-9)
tgrid = h.Vector().indgen(0, 30, 0.25)
vgrid = h.Vector().record(soma(0.5)._ref_v, tgrid)
ggrid = h.Vector().record(syn._ref_g, tgrid)
h.finitialize(-65)
h.continuerun(30)
print("final t", h.t)
print("threshold spikes", ["%.6f" % x for x in spk])
for k in range(len(tgrid)):
    print("%.2f %.6f %.6f" % (tgrid[k], vgrid[k], ggrid[k]))
h.cvode_active(0)
