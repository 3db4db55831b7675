# A class indexed by a number gives its live instance of that number (PWManager[0] in
# session files), or an IndexError when there is none.
from neuron import h

try:
    h.PWManager[0]
except IndexError as exc:
    print("none yet: IndexError", exc)
p = h.PWManager()
print("made", p.hname(), h.PWManager[0].hname(), h.PWManager[0] == p)
c = h.CVode()
print("cvode by number", h.CVode[0].hname(), h.CVode[0] == c)
try:
    h.PWManager[1]
except IndexError as exc:
    print("not made: IndexError", exc)
try:
    h.PWManager["a"]
except TypeError:
    print("a name is not a number: TypeError")
h("objref pwm\npwm = PWManager[0]\nprint pwm")
