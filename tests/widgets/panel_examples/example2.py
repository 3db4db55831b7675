# ruff: noqa: F401, I001
# fmt: off
# The tutorial's "Button actions" example; the slide's Python 2 `print 'hello!'`
# is written as Python 3's print('hello!').
from neuron import h, gui


def say_hello():
    print('hello!')


h.xpanel('Example 2')
h.xbutton('Click me',
          say_hello)
h.xpanel()
