# h("...") returns True/False (False for a bad statement, with NEURON's error text on stderr),
# HOC procs/funcs called as h.name(args), HOC objects seen from Python (objref g -> h.g), Python
# objects assigned into HOC, and nrnpython() running Python from HOC.
from neuron import h

print("ok statement", h("x_val = 3"))
print("x_val", h.x_val)
print("bad statement", h("x_val = = 3"))
print("undefined name", h("y_val = nosuchfunc(2)"))
print("still usable", h("x_val = x_val + 1"), h.x_val)
h("func twice() { return 2*$1 }")
h("proc showit() { printf(\"showit %g %s\\n\", $1, $s2) }")
print("twice", h.twice(21))
h.showit(1.5, "text")
h("objref gvec")
h("gvec = new Vector(3)")
h.gvec.x[1] = 5
h("print gvec.x[1], \" \", gvec.size()")
v = h.Vector([1, 2, 3])
h("objref pyv")
h.pyv = v
h("print pyv.sum()")
h("strdef msg")
h.msg = "set from python"
h("print msg")
print("msg back", h.msg)
h('nrnpython("print(\'hello from nrnpython\', 6 * 7)")')
h("create hsec")
print("hsec from python", h.hsec.name(), h.hsec.L)
s = h.Section(name="pysec")
h("forall print secname()")
h.x_val = 12.5
h("print x_val")
print("execute returns", h("{x_val = 1}"), h("if (x_val == 1) { print \"one\" }"))
