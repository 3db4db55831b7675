# pas: i = g_pas*(v - e_pas), g 0.001 S/cm2, e -70 mV. Relaxation from -65 and a current step,
# plus a cell with pas and hh together and a changed e_pas/g_pas.
from neuron import h

h.load_file("stdrun.hoc")
cell = h.Section(name="cell")
cell.L = 50
cell.diam = 10
cell.insert("pas")
print("defaults g e", cell(0.5).g_pas, cell(0.5).e_pas, cell(0.5).pas.g, cell(0.5).pas.e)
stim = h.IClamp(cell(0.5))
stim.delay = 5
stim.dur = 10
stim.amp = 0.01
t = h.Vector().record(h._ref_t)
v = h.Vector().record(cell(0.5)._ref_v)
ip = h.Vector().record(cell(0.5)._ref_i_pas)
h.finitialize(-65)
h.continuerun(25)
print("samples", len(v))
for k in range(0, len(v), 25):
    print(repr(t[k]), repr(v[k]), repr(ip[k]))
cell.insert("hh")
cell.g_pas = 0.0002
cell(0.5).pas.e = -60
stim.amp = 0.3
h.finitialize(-65)
h.continuerun(25)
st = [t[j] for j in range(len(v) - 1) if v[j] <= 0 and v[j + 1] > 0]
print("with hh spikes", st)
for k in range(0, len(v), 25):
    print(repr(v[k]), repr(ip[k]))
