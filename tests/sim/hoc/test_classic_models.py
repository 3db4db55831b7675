"""Classic-style HOC models run with the same spike times as NEURON 9.0.2.

Each model in ``data/models`` is written the way ModelDB models are (templates,
section arrays, procedures, ``xopen``, stdrun's ``run()``, HOC loops around
``fadvance``).  ``<model>.neuron.txt`` is what real NEURON printed for it
(``h.load_file`` from that directory); here the model runs in a fresh NeuroQt
process and prints the same text, numbers equal to within 1e-9.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

MODELS = Path(__file__).with_name("data") / "models"
ROOT = Path(__file__).resolve().parents[3]
_NUMBER = re.compile(r"-?\d+\.?\d*(?:e[-+]?\d+)?")


def _run_in_neuroqt(name: str) -> str:
    code = f"from sim import h\nh.load_file({name!r})\n"
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=MODELS,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _same_output(expected: str, actual: str) -> None:
    assert _NUMBER.sub("#", actual) == _NUMBER.sub("#", expected)
    for want, got in zip(_NUMBER.findall(expected), _NUMBER.findall(actual), strict=True):
        assert float(got) == pytest.approx(float(want), abs=1e-9), (want, got)


@pytest.mark.slow
@pytest.mark.parametrize("model", ["classic_soma", "classic_cells", "classic_axon"])
def test_classic_model_matches_neuron(model):
    expected = (MODELS / f"{model}.neuron.txt").read_text()
    _same_output(expected, _run_in_neuroqt(f"{model}.hoc"))
    assert "spike" in expected or "arrival" in expected


def test_stdlib_hoc_parts_match_neuron():
    """String, the case iterator and lambda_f (the d_lambda rule), as stdlib.hoc has them."""
    expected = (MODELS / "stdlib_parts.neuron.txt").read_text()
    _same_output(expected, _run_in_neuroqt("stdlib_parts.hoc"))
