"""Using HOC from Python: load myneuron.hoc (a cell defined in HOC) and print its topology."""

import os

from neuron import h

# NEURON looks for the file in the working directory; this finds it beside this script too
here = os.path.dirname(os.path.abspath(__file__))
h.load_file(os.path.join(here, "myneuron.hoc"))
h.topology()
