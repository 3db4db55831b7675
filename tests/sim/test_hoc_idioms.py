"""HOC idioms found in ModelDB models that NEURON 9.0.2 accepts (each checked in
/work/refenv): ``vec.x(i)`` for ``vec.x[i]``, ``access`` of a section array, and number
readers that skip words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from _hocstate import fresh_hoc

from sim import h as _h


@pytest.fixture
def h(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[object]:
    monkeypatch.chdir(tmp_path)
    from sim.section import delete_all_sections

    delete_all_sections()
    with fresh_hoc(_h):
        yield _h


def test_vector_elements_with_parentheses(h, capsys):
    assert h("objref vv\nvv = new Vector(5, 1)\nvv.x(0) = 340\nprint vv.x(0), vv.x[0], vv.x(1)")
    assert capsys.readouterr().out == "340 340 1 \n"


def test_access_of_a_section_array_means_its_first_section(h, capsys):
    assert h("create somaA[2]\naccess somaA\nprint secname()")
    assert capsys.readouterr().out == "somaA[0]\n"


def test_fscan_and_scanvar_skip_words_that_are_not_numbers(h, tmp_path):
    (tmp_path / "sv.txt").write_text("Sections: 12 words\nnext 3.5e1 x\n")
    f = h.File()
    f.ropen("sv.txt")
    assert (f.scanvar(), f.scanvar(), f.eof()) == (12.0, 35.0, 0.0)
    f.close()
    assert h('ropen("sv.txt")\nfirst = fscan()\nsecond = fscan()\nropen()')
    assert (h.first, h.second) == (12.0, 35.0)


def test_setpointer_parses_and_says_why_it_cannot_run(h, capsys):
    assert h("x = 1\nsetpointer syn.vpre, soma.v(0.5)\nx = 2") is False
    assert h.x == 1
    err = capsys.readouterr().err
    assert "setpointer" in err and "POINTER" in err and "<hoc>:2:" in err


def test_stdrun_objrefs_may_be_declared_again(h, capsys):
    """ModelDB 147538: `objref cvode` after stdrun.hoc; NEURON prints NULLobject."""
    h.load_file("stdrun.hoc")
    assert h("objref cvode\nprint cvode\nobjref graphList[4]\nprint graphList[0]")
    assert capsys.readouterr().out == "NULLobject \nNULLobject \n"
    assert h("cvode = new CVode()\nx = cvode.active()")
    assert h.x == 0
    assert h("objref t") is False  # t is a variable: NEURON refuses too
    assert "t already declared" in capsys.readouterr().err
