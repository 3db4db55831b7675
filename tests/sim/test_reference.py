"""NeuroQt reproduces real NEURON 9.0.2 on the reference corpus (tests/reference/).

One test per script in ``tests/reference/scripts``: it runs under NeuroQt in a fresh
process and its output must match what NEURON printed (``tests/reference/data``).
Scripts whose features are not implemented yet are listed in ``tests/reference/pending.txt``
and expected to fail (strictly: a script that starts passing must leave the list).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

_HARNESS_PATH = Path(__file__).resolve().parents[1] / "reference" / "harness.py"


def _load_harness():
    spec = importlib.util.spec_from_file_location("reference_harness", _HARNESS_PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up by name
    spec.loader.exec_module(module)
    return module


harness = _load_harness()
PENDING = harness.load_pending()
SCRIPTS = harness.case_scripts()
# Cases run as subprocesses, a few at a time (each waits mostly on its own process).
JOBS = max(1, int(os.environ.get("NEUROQT_REFERENCE_JOBS", "2")))


def _outcome(script: Path) -> str | None:
    try:
        harness.check_script(script)
    except harness.ReferenceMismatch as exc:
        return str(exc)
    return None


@pytest.fixture(scope="module")
def outcomes(request) -> dict[Path, Future]:
    """Start every selected case at once (JOBS in parallel); each test waits for its own."""
    selected = [
        item.callspec.params["script"]
        for item in request.session.items
        if getattr(item, "originalname", "") == "test_script_matches_neuron"
    ]
    with ThreadPoolExecutor(max_workers=JOBS) as pool:
        yield {script: pool.submit(_outcome, script) for script in selected}
        pool.shutdown(cancel_futures=True)


def _param(script: Path):
    marks = []
    if script.stem in PENDING:
        marks.append(pytest.mark.xfail(strict=True, reason=f"not yet: {PENDING[script.stem]}"))
    return pytest.param(script, id=script.stem, marks=marks)


@pytest.mark.parametrize("script", [_param(s) for s in SCRIPTS])
def test_script_matches_neuron(script: Path, outcomes: dict[Path, Future]) -> None:
    problem = outcomes[script].result()
    if problem:
        raise harness.ReferenceMismatch(problem)


def test_corpus_is_complete_and_pending_list_is_truthful() -> None:
    stems = {s.stem for s in SCRIPTS}
    assert len(stems) >= 25, "the corpus must cover every engine bullet (at least 25 cases)"
    missing = [s for s in sorted(stems) if not (harness.DATA_DIR / f"{s}.txt").exists()]
    assert not missing, f"scripts without NEURON output (run generate.py): {missing}"
    unknown = sorted(set(PENDING) - stems)
    assert not unknown, f"pending.txt names scripts that do not exist: {unknown}"


def test_data_files_name_the_neuron_version() -> None:
    for script in SCRIPTS:
        first = (harness.DATA_DIR / f"{script.stem}.txt").read_text(encoding="utf-8")
        assert first.startswith(harness.HEADER_PREFIX + " with NEURON 9.0.2 "), script.stem


def test_harness_accepts_equal_output_and_rounding_within_tolerance() -> None:
    expected = "spike times:\n[3.1750000000000114, 28.149999999998936]\n|-|       soma(0-1)\n"
    actual = "spike times:\n[3.1750000000000116, 28.1499999999995]\n|-|       soma(0-1)\n"
    assert harness.compare_outputs(expected, expected) is None
    assert harness.compare_outputs(expected, actual) is None  # differences below 1e-9


def test_harness_reports_first_differing_number_with_both_values() -> None:
    expected = "t v\n0.0 -65.0\n0.025 -64.99298476733401\n0.05 -64.5\n"
    actual = "t v\n0.0 -65.0\n0.025 -64.99298476\n0.05 -64.6\n"
    message = harness.compare_outputs(expected, actual)
    assert message is not None
    assert message.startswith("line 3:")
    assert "-64.99298476733401" in message and "-64.99298476" in message


def test_harness_catches_text_line_count_and_token_differences() -> None:
    topo = "\n|-|       soma(0-1)\n   `|       dend(0-1)\n\n"
    assert "text differs" in harness.compare_outputs(topo, topo.replace("`|", "'|"))
    assert "line 3" in harness.compare_outputs(topo, topo.replace("dend", "dend2"))
    short = harness.compare_outputs("a 1\nb 2\n", "a 1\n")
    assert short is not None and "NEURON printed 2 lines, NeuroQt 1" in short
    assert "tokens" in harness.compare_outputs("x 1 2\n", "x 1 \n")
    assert harness.compare_outputs("v nan\n", "v nan\n") is None
    assert harness.compare_outputs("v nan\n", "v 0.0\n") is not None


def test_harness_uses_the_tolerance_a_script_declares(tmp_path: Path) -> None:
    script = tmp_path / "900_cvode.py"
    script.write_text("# reference-tolerance: 1e-3 (variable step)\nprint(1)\n")
    assert harness.script_tolerance(script) == 1e-3
    assert harness.compare_outputs("v -65.0\n", "v -65.0004\n", 1e-3) is None
    assert harness.compare_outputs("v -65.0\n", "v -65.002\n", 1e-3) is not None
    plain = tmp_path / "901_plain.py"
    plain.write_text("print(1)\n")
    assert harness.script_tolerance(plain) == 1e-9
