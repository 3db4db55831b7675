# secondorder is a C int in NEURON: h.secondorder reads an int, Python may assign ints
# only, and HOC assignment truncates a double toward zero.
from neuron import h

print("default", repr(h.secondorder), type(h.secondorder).__name__)
h.secondorder = 2
print("python 2", repr(h.secondorder))
h.secondorder = True
print("python True", repr(h.secondorder))
for value in (2.0, 0.5, "1"):
    try:
        h.secondorder = value
        print("python", repr(value), "accepted", repr(h.secondorder))
    except TypeError:
        print("python", repr(value), "TypeError")
for text in ("2.9", "1", "0.5", "-2.5"):
    h("secondorder = " + text)
    print("hoc", text, repr(h.secondorder))
h("print secondorder")
h.secondorder = 0
