"""Bad HOC: every kind of error names the file and line, and the interpreter stays usable."""

from __future__ import annotations

import pytest

from sim.hoc import HocError

# (what is wrong, HOC text, line of the error, words the message must contain)
BAD_FILES = [
    ("syntax", "x = 1\ny = (x +\n", 2, ["syntax error", "expected"]),
    ("undefined variable", "a = 1\nb = a + nosuchvar\n", 2, ["undefined variable nosuchvar"]),
    ("undefined function", "\n\nq = nosuchfunc(2)\n", 3, ["nosuchfunc undefined function"]),
    (
        "missing argument",
        "proc two() { print $1 + $2 }\ntwo(1)\n",
        1,
        ["two", "not enough arguments"],
    ),
    ("division by zero", "proc d() {\n  print 1/$1\n}\nd(0)\n", 2, ["division by zero"]),
    ("not a section", "xs = 3\nxs { L = 10 }\n", 2, ["not a section"]),
    ("subscript", "double arr[3]\narr[3] = 1\n", 2, ["subscript out of range"]),
    (
        "not public",
        "begintemplate Priv\nx = 0\nendtemplate Priv\nobjref p\np = new Priv()\nprint p.x\n",
        6,
        ["'x' not a public member of 'Priv'"],
    ),
    ("number into objref", "objref o\no = 5\n", 2, ["o is an objref", "number"]),
    ("redeclared", "proc same() { }\ndouble same[2]\n", 2, ["same already declared as a function"]),
    ("proc over a variable", "\nproc t() { }\n", 2, ["t : Redeclaring at top level"]),
    ("math domain", "\nprint sqrt(-1)\n", 2, ["sqrt argument out of domain"]),
    ("printf arguments", 'printf("%g %g\\n", 1)\n', 1, ["not enough arguments for the format"]),
    ("bad character", "x = 1 @ 2\n", 1, ["unexpected character '@'"]),
    (
        "template twice",
        "begintemplate Twice\nendtemplate Twice\nbegintemplate Twice\nendtemplate Twice\n",
        3,
        ["Twice : a template cannot be redefined"],
    ),
    ("unknown class", "objref o\no = new NoSuchClass()\n", 2, ["NoSuchClass", "not defined"]),
    ("local at top level", "local z\n", 1, ["local", "only allowed inside"]),
    ("func without value", "func nr() { x = 1 }\nprint nr()\n", 2, ["nr (func) returns no value"]),
]


@pytest.mark.parametrize("kind, code, line, words", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_load_file_error_names_file_and_line(h, tmp_path, capsys, kind, code, line, words):
    path = tmp_path / "bad.hoc"
    path.write_text(code)
    with pytest.raises(HocError) as info:
        h.load_file(str(path))
    err = info.value
    assert err.filename == str(path)
    assert err.line == line
    for word in words:
        assert word in err.message
    printed = capsys.readouterr().err
    assert f"{path}:{line}" in printed
    assert words[0] in printed
    # the interpreter is still usable
    assert h("still_ok = 1") is True


def test_syntax_error_shows_line_caret_and_expected(h, capsys):
    assert h("x = 1\nif x > 2 print x\n") is False
    err = capsys.readouterr().err
    assert "NEURON: syntax error: unexpected 'x'; expected '('" in err
    assert ":2:4" in err
    lines = err.splitlines()
    caret_row = lines.index(" if x > 2 print x") + 1
    assert lines[caret_row] == "    ^"


def test_runtime_error_reports_the_call_chain(h, capsys):
    h("proc inner() { print 1/$1 }\nproc outer() { inner($1 - 1) }")
    assert h("outer(1)") is False
    err = capsys.readouterr().err
    assert "division by zero" in err
    assert "inner(0)" in err
    assert "outer(1)" in err
    assert h("outer(3)") is True  # still usable


def test_error_in_a_file_loaded_from_another_file(h, tmp_path, capsys):
    (tmp_path / "lib.hoc").write_text("proc boom() {\n  x = 1/0\n}\n")
    (tmp_path / "main.hoc").write_text('load_file("lib.hoc")\nboom()\n')
    with pytest.raises(HocError) as info:
        h.load_file(str(tmp_path / "main.hoc"))
    assert info.value.filename == "lib.hoc"
    assert info.value.line == 2
    assert "boom()" in info.value.chain


def test_h_returns_false_for_a_bad_statement(h, capsys):
    assert h("x_ok = 3") is True
    assert h("x_ok = = 3") is False
    assert h("y_bad = nosuchfunc(2)") is False
    assert h("x_ok = x_ok + 1") is True
    assert h.x_ok == 4.0
    err = capsys.readouterr().err
    assert "syntax error" in err and "nosuchfunc undefined function" in err


def test_missing_file(h, capsys):
    assert h.load_file("no_such_file_anywhere.hoc") == 0.0
    assert "Couldn't find: no_such_file_anywhere.hoc" in capsys.readouterr().err
    assert h('xopen("no_such_file_anywhere.hoc")') is False
    assert "Can't open no_such_file_anywhere.hoc" in capsys.readouterr().err


def test_error_from_a_hoc_proc_called_in_python(h, capsys):
    h("proc failing() { print nothing_here }")
    with pytest.raises(RuntimeError, match="undefined variable nothing_here"):
        h.failing()
    assert "failing()" in capsys.readouterr().err


def test_section_stack_is_restored_after_an_error(h, capsys):
    h("create ok_a, ok_b\naccess ok_a\nproc bad() { ok_b { print 1/0 } }")
    assert h("bad()") is False
    assert h.secname() == "ok_a"


def test_an_error_leaves_object_push_scope(h, capsys):
    h("begintemplate Scoped\npublic q\nendtemplate Scoped\nobjref sc1\nsc1 = new Scoped()")
    assert h("object_push(sc1)\nq = 1/0") is False
    assert h("outside_value = 3") is True
    assert h.outside_value == 3.0  # top level again, not inside sc1
