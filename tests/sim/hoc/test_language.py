"""HOC language semantics, checked against what NEURON 9.0.2 printed for the same code.

Each case in ``data/language_cases.json`` is HOC text and NEURON's standard
output for it, produced by ``data/generate_cases.py`` (``h(code)`` in a fresh
NEURON process).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).with_name("data") / "language_cases.json"
NEURON_OUTPUT = {
    name: ("\n".join(case["hoc"]), "\n".join(case["neuron_output"]))
    for name, case in json.loads(DATA.read_text()).items()
}


@pytest.mark.parametrize("case", sorted(NEURON_OUTPUT))
def test_output_matches_neuron(hoc, case):
    code, expected = NEURON_OUTPUT[case]
    assert hoc(code) == expected


def test_statements_share_a_line_only_inside_braces(hoc, h):
    assert hoc("{a1 = 1 b1 = 2 c1 = a1 + b1}\nprint c1") == "3 \n"
    assert not h("a1 = 4 b1 = 5")  # NEURON 9.0.2: a syntax error at top level
    assert h.a1 == 1


def test_comments_and_semicolons(hoc):
    code = "/* block\ncomment */ k1 = 2; k1 *= 3 // trailing\nprint k1"
    assert hoc(code) == "6 \n"


def test_and_or_evaluate_both_operands(hoc):
    # NEURON prints "side" for both calls: && and || do not short-circuit.
    out = hoc('func side2() { print "side" return $1 }\nprint 0 && side2(1)')
    assert out == "side\n0 \n"


def test_return_ends_the_line(hoc):
    code = 'proc early() {\n  if ($1) return\n  print "not early"\n}\nearly(1)\nearly(0)'
    assert hoc(code) == "not early\n"


def test_stop_abandons_execution(hoc):
    assert hoc('print "before"\nstop\nprint "after"') == "before\n"
