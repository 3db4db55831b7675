"""HOC objects print as NEURON names them: ``List[6]``, ``SectionRef[0]``, ``Graph[1]``.

The expected text is what NEURON 9.0.2 printed for the same script (/work/refenv).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sim import h

_ROOT = Path(__file__).resolve().parents[2]

_SCRIPT = """\
from neuron import h
a = h.List(); b = h.List(); print(a, b)
del a
c = h.List(); print(c)
del b, c
print(h.List(), h.List())
h("begintemplate TT\\nendtemplate TT")
print(h.TT(), h.TT()); a = h.TT(); print(a, h.TT()); del a; print(h.TT())
h("objref nt\\nnt = new TT()\\nprint nt")
print(h.TT)
h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
lst = h.List()
print(lst, repr(lst), lst.hname(), h.List())
print(h.SectionList(), h.SectionList(), h.SectionRef(sec=soma))
print(h.StringFunctions(), h.Graph(), h.Graph(), h.PlotShape(False), h.HBox(), h.VBox(), h.File())
print([h.Vector(3), h.List()])
h("objref l2\\nl2 = new List()\\nprint l2\\nl2.append(new SectionList())\\nprint l2.o(0)")
"""

# NEURON 9.0.2's output.  Numbers restart at 0 once no instance of the class is left;
# stdrun.hoc makes six Lists and one StringFunctions before the script's own.
_NEURON_OUTPUT = "".join(
    line + "\n"
    for line in (
        "List[0] List[1]",
        "List[2]",
        "List[0] List[1]",
        "TT[0] TT[1]",
        "TT[0] TT[1]",
        "TT[0]",
        "TT[0] ",
        "TT()",
        "List[6] List[6] List[6] List[7]",
        "SectionList[0] SectionList[1] SectionRef[0]",
        "StringFunctions[1] Graph[0] Graph[1] PlotShape[0] HBox[0] VBox[0] File[0]",
        "[Vector[0], List[8]]",
        "List[9] ",
        "\t1 ",
        "SectionList[0] ",
    )
)


def test_a_fresh_script_prints_neurons_object_names(tmp_path: Path) -> None:
    script = tmp_path / "names.py"
    script.write_text(_SCRIPT)
    env = {**os.environ, "PYTHONPATH": str(_ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "sim", str(script)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == _NEURON_OUTPUT


def test_hoc_templates_number_their_objects_like_neuron(capsys) -> None:
    h("begintemplate NamesTT\nendtemplate NamesTT")
    try:
        print(h.NamesTT(), h.NamesTT())
        a = h.NamesTT()
        print(a, h.NamesTT())
        del a
        print(h.NamesTT())
        h("objref nt\nnt = new NamesTT()\nprint nt")
        out = capsys.readouterr().out
        assert out == "NamesTT[0] NamesTT[1]\nNamesTT[0] NamesTT[1]\nNamesTT[0]\nNamesTT[0] \n"
    finally:
        h("objref nt")
        h._symbols.pop("NamesTT", None)
        h._symbols.pop("nt", None)


def test_headless_windows_and_files_have_hoc_names() -> None:
    g = h.Graph()
    assert g.hname() == str(g) == repr(g)
    assert g.hname().startswith("Graph[")
    f = h.File()
    assert repr(f).startswith("File[") and f.hname() == str(f)
    sf = h.StringFunctions()
    assert str(sf).startswith("StringFunctions[")
