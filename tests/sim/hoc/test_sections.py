"""The section language in HOC, checked against NEURON 9.0.2's output for the same code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).with_name("data") / "sections_cases.json"
NEURON_OUTPUT = {
    name: ("\n".join(case["hoc"]), "\n".join(case["neuron_output"]))
    for name, case in json.loads(DATA.read_text()).items()
}


@pytest.mark.parametrize("case", sorted(NEURON_OUTPUT))
def test_output_matches_neuron(hoc, case):
    code, expected = NEURON_OUTPUT[case]
    assert hoc(code) == expected
