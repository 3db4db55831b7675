# AlphaSynapse (onset, tau, gmax, e): g = gmax*(t-onset)/tau*exp(1-(t-onset)/tau) evaluated at
# the step midpoint; two synapses, one reversed (e = -80). Its g is not a RANGE variable in
# NEURON (no _ref_g), so i is recorded.
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 20
soma.insert("pas")
a = h.AlphaSynapse(soma(0.5))
print("AlphaSynapse defaults", a.onset, a.tau, a.gmax, a.e)
a.onset = 1.01
a.tau = 0.7
a.gmax = 0.002
b = h.AlphaSynapse(soma(0.5))
b.onset = 4
b.tau = 2
b.gmax = 0.001
b.e = -80
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
ia = h.Vector().record(a._ref_i)
ib = h.Vector().record(b._ref_i)
h.finitialize(-65)
h.continuerun(30)
print("samples", len(t), "max v", repr(v.max()), "min v", repr(v.min()))
for k in range(len(t)):
    if k % 10 == 0 or 38 <= k <= 46:
        print(repr(t[k]), repr(v[k]), repr(ia[k]), repr(ib[k]))
