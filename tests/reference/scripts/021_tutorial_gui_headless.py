# The tutorial's GUI scripts without a display: `from neuron import h, gui` (which also loads
# stdrun), xpanel/xlabel/xbutton/xvalue with (obj, 'attr'), HBox intercept/map, PlotShape and
# the HH example's run; every call is accepted and the model side behaves as in NEURON.
from neuron import gui, h  # noqa: F401

print("stdrun loaded by gui", hasattr(h, "tstop"), h.tstop)


class Demo:
    def __init__(self):
        self.value = 7.18
        h.xpanel("Demo")
        h.xvalue("Choose a number:", (self, "value"))
        h.xbutton("Press me", self.print_value)
        h.xpanel()

    def print_value(self):
        print("You chose:")
        print(self.value)


d1 = Demo()
d2 = Demo()
d1.print_value()
hbox = h.HBox()
hbox.intercept(1)
h.xpanel("Example 1")
h.xlabel("Hello class")
h.xbutton("Click me")
h.xpanel()
hbox.intercept(0)
hbox.map()
main = h.Section(name="main")
dend1 = h.Section(name="dend1")
dend1.connect(main)
main.diam = 10
dend1.diam = 2
ps = h.PlotShape()
ps.show(0)
print("PlotShape made; dend1 3-D points", dend1.n3d())
soma = h.Section()
soma.insert("hh")
stim = h.IClamp(soma(0.5))
stim.delay = 2
stim.dur = 0.5
stim.amp = 50
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
h.finitialize()
h.continuerun(49.5)
print("spike times", [t[j] for j in range(len(v) - 1) if v[j] <= 0 and v[j + 1] > 0])
