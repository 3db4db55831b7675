"""NeuroQt demo: the tutorial's Hodgkin-Huxley soma with four current pulses, and its examples."""

import os
import runpy

from neuron import gui, h

# the model: the tutorial's HH soma, stimulated at 2, 13, 27 and 40 ms
soma = h.Section(name="soma")
soma.insert("hh")
stims = []
for delay in (2, 13, 27, 40):
    stim = h.IClamp(soma(0.5))
    stim.delay = delay
    stim.dur = 0.5
    stim.amp = 50
    stims.append(stim)

# the run tools: RunControl and a voltage graph that draws while the run goes on
h.load_file("stdrun.hoc")
h.tstop = 49.5
h.nrncontrolmenu()
g = h.Graph()
g.size(0, 49.5, -80, 50)
g.addvar("soma(0.5).v", soma(0.5)._ref_v)
h.graphList[0].append(g)

# the other tutorial examples, one button each
HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = [
    ("Spike times and ISIs", "spike_times.py"),
    ("Seven-section morphology", "morphology.py"),
    ("PlotShape", "plotshape.py"),
    ("HOC from Python (myneuron.hoc)", "myneuron.py"),
    ("Panel: label and button", "panel_hello.py"),
    ("Panel: a Python action", "panel_button.py"),
    ("Panels from a class", "panel_classes.py"),
    ("HBox layout", "panel_hbox.py"),
]
opened = []  # what each example made stays alive


def open_example(filename):
    opened.append(runpy.run_path(os.path.join(HERE, filename), run_name="__main__"))


h.xpanel("Tutorial examples")
h.xlabel("Press Init & Run in RunControl, or open an example:")
for title, filename in EXAMPLES:
    h.xbutton(title, (open_example, filename))
h.xpanel()
