"""HOC files parsed once are read back from the user's cache: same behaviour, no parsing,
and any trouble with the cache just means parsing again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from _hocstate import fresh_hoc

from sim import h as _h
from sim.hoc import parser, treecache

_MODEL = """\
create soma
soma { L = 20 diam = 20 insert hh }
proc grow() { soma.L = soma.L * $1 }
grow(2)
print "L is ", soma.L
"""


@pytest.fixture
def h(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[object]:
    """``h`` with a fresh interpreter, the cache in ``tmp_path/cache``, files in ``tmp_path``."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEUROQT_CACHE_DIR", str(tmp_path / "cache"))
    from sim.section import delete_all_sections

    delete_all_sections()
    with fresh_hoc(_h):
        yield _h


def _fresh(h) -> None:
    """Forget the model and the interpreter, as a new process would start."""
    from sim.section import delete_all_sections

    delete_all_sections()
    object.__setattr__(h, "_interpreter", None)


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = treecache.parse_until_error

    def counting(text, filename=None):
        calls.append(filename)
        return real(text, filename)

    monkeypatch.setattr(treecache, "parse_until_error", counting)
    return calls


def test_a_file_loaded_again_is_not_parsed_and_runs_the_same(h, tmp_path, monkeypatch, capsys):
    (tmp_path / "model.hoc").write_text(_MODEL)
    parses = _count_parses(monkeypatch)
    h.load_file("model.hoc")
    _fresh(h)
    h.load_file("model.hoc")
    assert parses == ["model.hoc"]  # the second load read the tree from the cache
    assert capsys.readouterr().out == "L is 40 \nL is 40 \n"
    assert len(list((tmp_path / "cache" / "hoc").glob("*.json"))) == 1


def test_an_edited_file_is_parsed_again(h, tmp_path, monkeypatch, capsys):
    model = tmp_path / "model.hoc"
    model.write_text(_MODEL)
    parses = _count_parses(monkeypatch)
    h.load_file("model.hoc")
    model.write_text(_MODEL.replace("grow(2)", "grow(3)"))
    _fresh(h)
    h.load_file("model.hoc")
    assert len(parses) == 2
    assert capsys.readouterr().out == "L is 40 \nL is 60 \n"


def test_a_damaged_cache_entry_means_parsing_again(h, tmp_path, monkeypatch, capsys):
    (tmp_path / "model.hoc").write_text(_MODEL)
    h.load_file("model.hoc")
    for entry in (tmp_path / "cache" / "hoc").glob("*.json"):
        entry.write_text('{"format": "neuroqt-hoc-tree-1", "tree": [1, 2')
    parses = _count_parses(monkeypatch)
    _fresh(h)
    h.load_file("model.hoc")
    assert len(parses) == 1
    assert capsys.readouterr().out == "L is 40 \nL is 40 \n"


def test_an_unusable_cache_folder_or_none_changes_nothing(h, tmp_path, monkeypatch, capsys):
    (tmp_path / "model.hoc").write_text(_MODEL)
    (tmp_path / "blocked").write_text("a file where the cache folder would go")
    monkeypatch.setenv("NEUROQT_CACHE_DIR", str(tmp_path / "blocked"))
    h.load_file("model.hoc")
    monkeypatch.setenv("NEUROQT_CACHE_DIR", "")
    assert treecache.cache_dir() is None
    _fresh(h)
    h.load_file("model.hoc")
    assert capsys.readouterr().out == "L is 40 \nL is 40 \n"
    assert not (tmp_path / "cache").exists()


def test_a_file_with_a_syntax_error_is_not_kept(h, tmp_path, capsys):
    (tmp_path / "bad.hoc").write_text("x = 1\ny = 3 +* 2\n")
    with pytest.raises(RuntimeError, match="syntax error"):
        h.load_file("bad.hoc")
    assert h.x == 1
    assert not list((tmp_path / "cache").glob("hoc/*.json"))


def test_the_cached_tree_equals_the_parsed_one(h, tmp_path):
    tree, error = treecache.parse_cached(_MODEL, "model.hoc")
    assert error is None
    again, _ = treecache.parse_cached(_MODEL, "model.hoc")
    assert again == parser.parse(_MODEL) == tree
    token = next(again.children[0].scan_values(lambda v: True))  # `soma` in `create soma`
    assert (token.line, token.column) == (1, 8)  # positions survive, for error messages
