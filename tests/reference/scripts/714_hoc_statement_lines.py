# At top level a HOC statement ends at the end of its line: two on one line are a syntax
# error (inside braces they need no separator), and the statements on the lines before
# the error have run.
from neuron import h


def run(code):
    ok = h(code)
    print(repr(code), "->", ok)


run("a = 1 b = 2")
run("print 1 print 2")
run("{a = 3 b = 4}")
print("a b", h.a, h.b)
run("proc p() { a = 5 b = 6 }\np()")
print("a b", h.a, h.b)
run("a = 7\nb = 8 a = 9")
print("a b", h.a, h.b)
run("if (1) { a = 10 } else { a = 11 } b = 12")
run("for i=0,1 { a = i } b = 13")
run("proc q() { } proc r() { }")
run("create soma\nsoma L = 20 diam = 10")
run("soma { L = 30 diam = 15 }")
print("L diam", h.soma.L, h.soma.diam)
run("begintemplate T1\npublic a objref b\nendtemplate T1")
run("begintemplate T2\npublic a\nproc a() { x = 1 y = 2 }\nendtemplate T2")
