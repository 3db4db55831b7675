# `else` belongs to the if before it on the same line: at the start of a line it is a
# syntax error (what came before it on earlier lines has run), not a name.
from neuron import h


def run(code):
    ok = h(code)
    print(repr(code), "->", ok)


run('x = 0\nif (x) {\n  print "yes"\n}\nelse {\n  print "no"\n}')
run('proc p() {\n  if ($1) { print "a" }\n  else print "b"\n}')
run("print 14\nelse\nprint 15")
run('if (x) { print "yes" } else { print "no" }')
run('if (x) print "yes" else print "no"')
run("elsewhere = 16\nprint elsewhere")
