"""The same objects from both sides: HOC names from Python, Python objects in HOC, GUI calls."""

from __future__ import annotations

import pytest

from sim._ref import Pointer
from sim.hoc import HocError


def test_hoc_names_are_visible_from_python(h):
    h('objref gvec, empty\ngvec = new Vector(3)\nstrdef label\nlabel = "hello"\nnum = 2.5')
    assert h.gvec.size() == 3
    assert h.empty is None  # NULLobject
    assert h.label == "hello"
    assert h.num == 2.5
    h("double arr[3]\narr[2] = 7")
    assert h.arr[2] == 7.0
    h.arr[1] = 4
    assert h("check = arr[1] + arr[2]") and h.check == 11.0


def test_python_objects_and_values_assigned_into_hoc(h, hoc):
    h("objref pyv\nstrdef msg\nx_val = 0")
    h.pyv = h.Vector([1, 2, 3])
    h.msg = "set from python"
    h.x_val = 12.5
    assert hoc("print pyv.sum(), x_val\nprint msg") == "6 12.5 \nset from python\n"
    with pytest.raises(HocError):
        h.msg = 3.0


def test_hoc_procs_and_funcs_called_from_python(h, capsys):
    h('func twice() { return 2*$1 }\nproc showit() { printf("showit %g %s\\n", $1, $s2) }')
    assert h.twice(21) == 42.0
    assert h.showit(1.5, "text") == 0.0  # a proc returns 0, as in NEURON
    assert capsys.readouterr().out == "showit 1.5 text\n"
    h("obfunc makevec() { localobj v\n v = new Vector($1)\n return v }")
    assert h.makevec(4).size() == 4


def test_pointer_argument_from_python(h):
    h("proc setref() { $&1 = $2 }")
    r = h.ref(0.0)
    h.setref(r, 9)
    assert r[0] == 9.0


def test_template_objects_from_python(h):
    h(
        "begintemplate Pair\npublic a, b, sum\nproc init() { a = $1  b = $2 }\n"
        "func sum() { return a + b }\nendtemplate Pair"
    )
    p = h.Pair(2, 3)
    assert str(p) == "Pair[0]"
    assert (p.a, p.b, p.sum()) == (2.0, 3.0, 5.0)
    p.a = 10
    assert p.sum() == 13.0
    h("objref pp\npp = Pair[0]")
    assert h.pp is p
    with pytest.raises(AttributeError, match="not a public member"):
        p.hidden  # noqa: B018


def test_nrnpython_runs_python_in_main(h, capsys):
    import __main__

    assert h('nrnpython("hoc_made_this = 6 * 7")') is True
    assert __main__.__dict__.pop("hoc_made_this") == 42
    assert h('ok_py = nrnpython("raise ValueError(1)")') is True
    assert h.ok_py == 0.0


def test_sections_created_in_hoc_are_python_sections(h):
    h("create hsec, arr_sec[2]\nhsec.L = 33")
    assert h.hsec.name() == "hsec"
    assert h.hsec.L == 33.0
    assert [s.name() for s in h.arr_sec] == ["arr_sec[0]", "arr_sec[1]"]
    py = h.Section(name="made_in_python")
    h("objref keep\nkeep = new SectionList()")
    h.keep.append(sec=py)
    assert h("forsec keep L = 77") is True
    assert py.L == 77.0


def test_expression_assignment_and_pointer_for_the_gui(h):
    interp = h._hoc()
    h("create gsec\ngsec.L = 5\ntstop_like = 3")
    assert interp.eval_expression("tstop_like * 2") == 6.0
    assert interp.eval_expression("gsec.L + 1") == 6.0
    interp.assign("gsec.v(0.5)", -30.0)
    assert h.gsec(0.5).v == -30.0
    ptr = interp.pointer("tstop_like")
    assert isinstance(ptr, Pointer)
    ptr[0] = 8
    assert h.tstop_like == 8.0
    vptr = interp.pointer("gsec.v(0.5)")
    vptr[0] = -12.0
    assert h.gsec(0.5).v == -12.0
    with pytest.raises(HocError):
        interp.eval_expression("no_such_name_here + 1")
    with pytest.raises(HocError):
        interp.assign("1 + 2", 3.0)


def test_gui_calls_from_hoc_use_the_same_functions_as_h(h, hoc):
    from sim import _gui_stubs

    # The headless stand-ins, whatever GUI an earlier test installed (the fixture restores h).
    for name in _gui_stubs.GUI_FUNCTIONS:
        h._symbols.pop(name, None)
    for name in _gui_stubs.GUI_CLASSES:
        h._symbols.pop(name, None)
    _gui_stubs.install_stubs(h)
    calls = []
    h._symbols["xbutton"] = lambda *args: calls.append(("xbutton", args)) or 0.0
    h._symbols["xvalue"] = lambda *args: calls.append(("xvalue", args)) or 0.0
    hoc('{xpanel("t")\nxbutton("Run", "run()")\nxvalue("tstop")\nxpanel()}')
    assert calls == [("xbutton", ("Run", "run()")), ("xvalue", ("tstop",))]
    hoc('objref box, gr\nbox = new VBox()\ngr = new Graph()\ngr.addvar("v(.5)")')
    assert type(h.box).__name__ == "VBox"
    assert type(h.gr).__name__ == "Graph"


def test_object_push_runs_statements_inside_an_object(h):
    h(
        "begintemplate Holder\npublic value\nproc init() { value = 1 }\nendtemplate Holder\n"
        "objref ho\nho = new Holder()"
    )
    assert h("object_push(ho)\nvalue = 5\nobject_pop()") is True
    assert h.ho.value == 5.0


def test_a_session_file_runs_headless(h, monkeypatch):
    """A .ses file (NEURON's layout: Graph, RunControl panel) is plain HOC at top level."""
    from pathlib import Path

    calls = []
    h._symbols["xvalue"] = lambda *args: calls.append(args) or 0.0
    h("create ses_soma")
    session = Path(__file__).with_name("data") / "runcontrol_graph.ses"
    assert h.load_file(str(session)) == 1.0
    assert (h.v_init, h.tstop, h.runStopAt) == (-70.0, 12.0, 5.0)
    assert [c[1] for c in calls] == ["v_init", "runStopAt", "t", "tstop"]
    assert len(h.scene_vector_) == 1  # re-declared at the end, as NEURON's sessions do


def test_string_references_from_python(h):
    h('proc greet() { sprint($s1, "hello %s", $s2) }\nproc shout() { $s1 = "HEY" }')
    out = h.ref("")
    h.greet(out, "world")
    assert out[0] == "hello world"
    h.shout(out)
    assert out[0] == "HEY"


def test_hoc_can_redefine_stdrun_init(h):
    """Classic models redefine proc init(); stdrun's run() must call the HOC version."""
    code = (
        "create init_soma\ninit_soma insert hh\ninits = 0\n"
        "proc init() { inits += 1  finitialize(v_init) }\ntstop = 0.5\nrun()\nrun()"
    )
    assert h(code) is True
    assert h.inits == 2.0
    assert h.t == pytest.approx(0.5)


def test_xvarlabel_gets_a_live_reference_to_a_strdef(h):
    seen = []
    h._symbols["xvarlabel"] = lambda ref: seen.append(ref) or 0.0
    assert h('strdef status\nstatus = "idle"\n{xvarlabel(status)}\nstatus = "running"') is True
    (ref,) = seen
    assert isinstance(ref, Pointer)
    assert ref[0] == "running"


def test_object_push_of_a_python_object_resolves_its_attributes(h):
    """Session files restore tool windows with object_push(tool) ... object_pop()."""

    class Tool:
        def __init__(self):
            self.level = 1.0
            self.picked = []

        def select(self, name):
            self.picked.append(name)
            return 0.0

    tool = Tool()
    h("objref tool\ntop_level_value = 4")
    h.tool = tool
    code = 'object_push(tool)\nselect("IClamp")\nlevel = top_level_value + 1\nobject_pop()'
    assert h(code) is True
    assert tool.picked == ["IClamp"]
    assert tool.level == 5.0
