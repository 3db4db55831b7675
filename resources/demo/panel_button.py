"""GUI example 2: a button whose action is a Python function."""

from neuron import gui, h


def say_hello():
    print("hello!")


h.xpanel("Example 2")
h.xbutton("Click me", say_hello)
h.xpanel()
