# ruff: noqa: F401, I001
# fmt: off
# The tutorial's "Number fields and classes" example (unchanged).
from neuron import h, gui
class Demo:
    def __init__(self):
        self.value = 7.18
        h.xpanel('Demo')
        h.xvalue('Choose a number:',
                (self, 'value'))
        h.xbutton('Press me',
                self.print_value)
        h.xpanel()
    def print_value(self):
        print ('You chose:')
        print (self.value)

# make two demos
d1 = Demo()
d2 = Demo()
