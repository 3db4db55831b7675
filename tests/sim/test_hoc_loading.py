"""Loading HOC as NEURON does: statement by statement up to a syntax error, and
``load_proc``/``load_func``/``load_template`` finding the file that defines a name.

Expected behaviour and output come from NEURON 9.0.2 (/work/refenv) on the same files.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from _hocstate import fresh_hoc

from sim import h as _h
from sim.hoc import HocError


@pytest.fixture
def h(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[object]:
    """``h`` with a fresh HOC interpreter in an empty working directory; HOC's names dropped."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HOC_LIBRARY_PATH", raising=False)
    with fresh_hoc(_h):
        yield _h


_BROKEN = """\
x = 1
print "before ", x
proc p() {
  print "in p"
}
p()
y = 3 +* 2
print "after"
z = 5
"""


def test_a_file_runs_up_to_its_syntax_error_then_reports_file_line_column(h, tmp_path, capsys):
    (tmp_path / "syn.hoc").write_text(_BROKEN)
    with pytest.raises(HocError) as caught:
        h.load_file("syn.hoc")
    out, err = capsys.readouterr()
    assert out == "before 1 \nin p\n"  # NEURON ran these, and nothing after the error
    assert h.x == 1 and "z" not in h._symbols and "y" not in h._symbols
    assert (caught.value.filename, caught.value.line, caught.value.column) == ("syn.hoc", 7, 8)
    assert "syntax error" in err and "syn.hoc:7:8" in err
    assert " y = 3 +* 2\n" in err and "\n        ^" in err


def test_an_error_inside_a_definition_stops_before_the_definition(h, capsys):
    assert h("q = 5\nw = 3 +* 2\nq = 6") is False
    assert h.q == 5
    assert h("proc pp() {\n  print 1\n  w = 3 +* 2\n}\nq = 7") is False
    assert h.q == 5 and "pp" not in h._symbols
    assert "<hoc>:3:10" in capsys.readouterr().err


def test_statements_before_an_error_on_the_same_line_run(h, capsys):
    assert h("a1 = 1; a2 = 2; a3 = 3 +* 1") is False
    assert (h.a1, h.a2) == (1, 2) and "a3" not in h._symbols
    assert h("b1 = 1\nb2 = 2\n{ b3 = 3\n") is False  # an unclosed block: end of input
    assert (h.b1, h.b2) == (1, 2) and "b3" not in h._symbols
    assert "unexpected end of input" in capsys.readouterr().err


def test_a_syntax_error_in_a_nested_file_stops_the_outer_file_too(h, tmp_path, capsys):
    (tmp_path / "syn.hoc").write_text(_BROKEN)
    (tmp_path / "outer.hoc").write_text('a = 1\nload_file("syn.hoc")\nprint "outer after"\na = 2\n')
    with pytest.raises(HocError):
        h.load_file("outer.hoc")
    assert capsys.readouterr().out == "before 1 \nin p\n"
    assert (h.a, h.x) == (1, 1)


def _library(tmp_path: Path) -> None:
    (tmp_path / "a.hoc").write_text('print "loading a.hoc"\nproc foo() { print "foo ", $1 }\n')
    (tmp_path / "b.oc").write_text('print "loading b.oc"\nfunc bar() { return $1 * 2 }\n')
    (tmp_path / "zz.hoc").write_text('print "loading zz.hoc"\nproc foo() { print "zz foo" }\n')
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "c.hoc").write_text(
        'print "loading c.hoc"\nbegintemplate Tpl\npublic x\nproc init() { x = 7 }\n'
        "endtemplate Tpl\n"
    )


def test_load_proc_and_load_func_run_the_first_file_defining_the_name(h, tmp_path, capsys):
    _library(tmp_path)
    assert h.load_proc("foo") == 1.0
    h.foo(3)
    assert h.load_proc("foo") == 1.0  # defined now: nothing is loaded
    assert h.load_func("bar") == 1.0
    assert h.bar(4) == 8.0
    out, err = capsys.readouterr()
    assert out == "loading a.hoc\nfoo 3 \nloading b.oc\n"  # a.hoc before zz.hoc, as NEURON
    assert err == "Getting foo from ./a.hoc\nGetting bar from ./b.oc\n"


def test_load_template_searches_hoc_library_path(h, tmp_path, capsys, monkeypatch):
    _library(tmp_path)
    assert h.load_template("Tpl") == 1.0  # not in the working directory
    assert "Tpl" not in h._symbols
    assert capsys.readouterr().err == "Couldn't find a file that declares Tpl\n"
    monkeypatch.setenv("HOC_LIBRARY_PATH", str(tmp_path / "lib"))
    assert h.load_template("Tpl") == 1.0
    assert h.Tpl().x == 7
    out, err = capsys.readouterr()
    assert out == "loading c.hoc\n"
    assert err == f"Getting Tpl from {tmp_path / 'lib'}/c.hoc\n"


def test_load_proc_looks_for_the_right_kind_and_whole_lines(h, tmp_path, capsys):
    (tmp_path / "a.oc").write_text("func foo() { return 1 }\n")
    (tmp_path / "b2.hoc").write_text('proc foo(){ print "b2" }\n')
    (tmp_path / "g.hoc").write_text('   proc gg() { print "indented" }\n')
    assert h.load_proc("foo", "gg") == 1.0  # several names in one call
    h.foo()
    out, err = capsys.readouterr()
    assert out == "b2\n"
    assert err == "Getting foo from ./b2.hoc\nCouldn't find a file that declares gg\n"


def test_load_proc_from_hoc_and_its_errors(h, tmp_path, capsys):
    _library(tmp_path)
    assert h('load_proc("foo")')
    assert capsys.readouterr().out == "loading a.hoc\n\t1 \n"
    h("x = 3")
    assert h.load_proc("x") == 1.0  # a defined name of any kind: nothing to do
    assert h.load_file("a.hoc") == 1.0  # load_proc did not count as load_file (NEURON)
    assert capsys.readouterr().out == "loading a.hoc\n"
    with pytest.raises(HocError, match="load_proc"):
        h.load_proc(1)


def test_load_proc_of_a_standard_run_name_loads_the_standard_run_system(h, capsys):
    h._symbols.pop("tstop", None)
    interp = h._hoc()
    interp.loaded.clear()
    assert h.load_proc("nrnmainmenu") == 1.0
    assert h.tstop == 5.0  # NEURON loads stdrun.hoc for nrnmainmenu
    assert "Getting nrnmainmenu from stdrun.hoc" in capsys.readouterr().err


_READS_ITSELF = """\
proc g() { a = fscan()  b = fscan() }
g()
HEADER WORDS: here
 1.5  2.5
print a, b
x = fscan()
9
print x
strdef s
getstr(s)
this is a line
print s
"""


def test_fscan_and_getstr_without_ropen_read_the_file_being_run(h, tmp_path, capsys):
    (tmp_path / "reads.hoc").write_text(_READS_ITSELF)
    assert h.load_file("reads.hoc") == 1.0
    # NEURON 9.0.2's output: the words before the numbers are skipped, and what fscan and
    # getstr read is not run as HOC
    assert capsys.readouterr().out == "1.5 2.5 \n9 \n\t15 \nthis is a line\n\n"


def test_an_old_morphology_file_reads_its_points_with_fscan(h, tmp_path):
    (tmp_path / "cell.hoc").write_text(
        "proc geometry() { local i, n\n"
        "  create soma\n"
        "  soma { pt3dclear() n = fscan() for i = 1, n pt3dadd(fscan(), fscan(), fscan(),"
        " fscan()) }\n"
        "}\n"
        "geometry()\n"
        "\n"
        "SOMA COORDINATES AND DIAMETERS:\n"
        "    2\n"
        "   -1.32      0.7     1.72     5.86\n"
        "   -2.91      2.5     0.33     5.86\n"
        "npts = soma.n3d()\n"
    )
    h.load_file("cell.hoc")
    assert h.npts == 2
    assert h.soma.x3d(1) == pytest.approx(-2.91, abs=1e-6) and h.soma.diam3d(0) == pytest.approx(
        5.86, abs=1e-6
    )


def test_getstr_from_a_ropen_file_ends_lines_and_stops_at_the_end(h, tmp_path, capsys):
    (tmp_path / "gs.txt").write_text("abc\n\nxyz")
    h('strdef s\nropen("gs.txt")')
    capsys.readouterr()
    assert h("print getstr(s), s\nprint getstr(s), s\nprint getstr(s), s")
    assert capsys.readouterr().out == "4 abc\n\n1 \n\n4 xyz\n\n"  # NEURON's output
    assert h("getstr(s)") is False
    assert "EOF in getstr" in capsys.readouterr().err


def test_load_file_runs_a_file_in_its_folder_and_comes_back(h, tmp_path, capsys):
    """NEURON 9.0.2's output for the same files (ModelDB 114359 builds paths with getcwd())."""
    (tmp_path / "sub" / "inner").mkdir(parents=True)
    (tmp_path / "sub" / "a.hoc").write_text(
        'print "in a: ", getcwd()\nchdir("inner")\nprint "after chdir: ", getcwd()\n'
    )
    (tmp_path / "sub" / "b.hoc").write_text('print "in b: ", getcwd()\n')
    h.load_file("sub/a.hoc")
    after_load = h.getcwd()
    h.xopen("sub/b.hoc")
    h.load_file(str(tmp_path / "sub" / "b.hoc"))  # xopen did not count as loading it
    base = f"{tmp_path}/"
    assert after_load == base == h.getcwd()
    assert capsys.readouterr().out == (
        f"in a: {base}sub/\n\t0 \nafter chdir: {base}sub/inner/\nin b: {base}\nin b: {base}sub/\n"
    )
