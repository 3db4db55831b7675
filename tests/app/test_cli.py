"""The `neuroqt` command as a user types it."""

from __future__ import annotations

import pytest

import app

# NEURON 9.0.2's output for the tutorial's four-pulse HH soma (run in /work/refenv).
SPIKE_TIMES = [3.1750000000000114, 28.149999999998936, 41.6250000000009]


def _last_line(text: str) -> str:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def test_version(neuroqt):
    out = neuroqt("--version")
    assert out.returncode == 0
    assert out.stdout.strip() == f"neuroqt {app.__version__}"


def test_help_documents_the_options(neuroqt):
    out = neuroqt("-h")
    assert out.returncode == 0
    for option in ("-nogui", "-c", "-i", "--demo", "--version", "FILE"):
        assert option in out.stdout


def test_missing_file_is_one_line_naming_it(neuroqt):
    out = neuroqt("no_such_file.py")
    assert out.returncode != 0
    lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1
    assert "no_such_file.py" in lines[0]


def test_a_file_that_is_not_a_script_is_refused_in_one_line(tmp_path, neuroqt):
    data = tmp_path / "data.csv"
    data.write_text("1,2\n")
    out = neuroqt("-nogui", str(data))
    assert out.returncode != 0
    assert [ln for ln in out.stderr.splitlines() if ln.strip()] == [
        f"neuroqt: {str(data)!r} is not a .py, .hoc or .ses file"
    ]


def test_nogui_runs_a_neuron_script_with_arguments_after_double_dash(tmp_path, neuroqt):
    script = tmp_path / "s.py"
    script.write_text("from neuron import h, gui\nimport sys\nprint('args', sys.argv[1:])\n")
    out = neuroqt("-nogui", str(script), "--", "--cells", "3")
    assert out.returncode == 0, out.stderr
    assert "args ['--cells', '3']" in out.stdout


def test_neuron_units_resolve(tmp_path, neuroqt):
    script = tmp_path / "u.py"
    script.write_text("from neuron.units import ms, mV, um\nprint(ms, mV, um)\n")
    out = neuroqt("-nogui", str(script))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "1.0 1.0 1.0"


def test_statements_run_after_the_files_and_see_their_names(tmp_path, neuroqt):
    script = tmp_path / "model.py"
    script.write_text("answer = 6 * 7\n")
    out = neuroqt("-nogui", str(script), "-c", "print('answer', answer)")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "answer 42"


def test_nogui_script_error_exits_nonzero_naming_file_and_line(tmp_path, neuroqt):
    script = tmp_path / "bad.py"
    script.write_text("x = 1\nraise ValueError('broken model')\n")
    out = neuroqt("-nogui", str(script))
    assert out.returncode == 1
    assert _last_line(out.stderr) == f"neuroqt: {script}:2: ValueError: broken model"


def test_sys_exit_code_of_a_script_is_the_exit_status(tmp_path, neuroqt):
    script = tmp_path / "quit.py"
    script.write_text("import sys\nsys.exit(3)\n")
    assert neuroqt("-nogui", str(script)).returncode == 3


def test_hoc_syntax_error_exits_nonzero_with_one_clear_message(tmp_path, neuroqt):
    bad = tmp_path / "bad.hoc"
    bad.write_text("x = 1\ny = (2 +\n")
    out = neuroqt("-nogui", str(bad))
    assert out.returncode == 1
    last = _last_line(out.stderr)
    assert last.startswith(f"neuroqt: {bad}:2: HOC error: syntax error")
    assert "Traceback" not in out.stderr


def test_nogui_prompt_reads_statements(tmp_path, neuroqt):
    out = neuroqt("-nogui", "-i", stdin="print(40 + 2)\n")
    assert out.returncode == 0, out.stderr
    assert "42" in out.stdout


def test_gui_prompt_keeps_windows_live_and_quits_at_end_of_input(neuroqt):
    out = neuroqt("-i", stdin="from neuron import h\nprint('gui', h.t + 42)\n", timeout=60)
    assert out.returncode == 0, out.stderr
    assert "gui 42.0" in out.stdout


def test_gui_run_of_a_failing_script_reports_and_keeps_going(tmp_path, neuroqt):
    bad = tmp_path / "bad.py"
    bad.write_text("raise RuntimeError('oops')\n")
    good = tmp_path / "good.py"
    good.write_text("print('still running')\n")
    out = neuroqt(str(bad), str(good), env_extra={"NEUROQT_EXIT_AFTER_FILES": "1"})
    assert "still running" in out.stdout
    assert f"{bad}:1: RuntimeError: oops" not in out.stdout
    assert "RuntimeError: oops" in out.stderr
    assert out.returncode == 1  # the run had an error (the app itself kept going)


GUI_SCRIPT = """\
from neuron import h, gui

soma = h.Section(name="soma")
soma.insert("hh")
stims = []
for delay in (2, 13, 27, 40):
    stim = h.IClamp(soma(0.5))
    stim.delay = delay
    stim.dur = 0.5
    stim.amp = 50
    stims.append(stim)

h.xpanel("Controls")
h.xbutton("Run", lambda: None)
h.xpanel()
g = h.Graph()
g.size(0, 49.5, -80, 50)
g.addvar("soma(0.5).v", soma(0.5)._ref_v)
ps = h.PlotShape()
ps.show(0)

t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
h.finitialize(-65)
h.continuerun(49.5)
st = [t[j] for j in range(len(v) - 1) if v[j] <= 0 and v[j + 1] > 0]
print(len(t))
print(st)
"""


def _spike_times(stdout: str) -> list[float]:
    import ast

    return ast.literal_eval(stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("mode", ["-nogui", "gui"])
def test_a_gui_script_runs_and_prints_neurons_numbers(mode, tmp_path, neuroqt):
    script = tmp_path / "model.py"
    script.write_text(GUI_SCRIPT)
    args = ("-nogui", str(script)) if mode == "-nogui" else (str(script),)
    out = neuroqt(*args, env_extra={"NEUROQT_EXIT_AFTER_FILES": "1"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-2] == "1981"
    assert _spike_times(out.stdout) == pytest.approx(SPIKE_TIMES, abs=1e-9)


def test_main_menu_appears_before_the_engine_and_pyqtgraph_load(neuroqt):
    out = neuroqt(env_extra={"NEUROQT_STARTUP_PROBE": "1"})
    assert out.returncode == 0, out.stderr
    shown = next(ln for ln in out.stdout.splitlines() if ln.startswith("NEUROQT_MAIN_MENU_SHOWN"))
    assert shown == "NEUROQT_MAIN_MENU_SHOWN heavy="  # nothing heavy imported yet


def test_a_script_that_quits_ends_the_gui_session_with_its_status(tmp_path, neuroqt):
    script = tmp_path / "quit.py"
    script.write_text("from neuron import h, gui\nimport sys\nsys.exit(4)\n")
    assert neuroqt(str(script), timeout=60).returncode == 4


def test_a_module_beside_the_script_imports(tmp_path, neuroqt):
    (tmp_path / "cellmodel.py").write_text("def make():\n    return 'cell made'\n")
    script = tmp_path / "run.py"
    script.write_text("import cellmodel\nprint(cellmodel.make())\n")
    out = neuroqt("-nogui", str(script))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "cell made"


def test_a_syntax_error_names_the_file_and_line(tmp_path, neuroqt):
    script = tmp_path / "typo.py"
    script.write_text("x = 1\ny = (2 +\n")
    out = neuroqt("-nogui", str(script))
    assert out.returncode == 1
    assert _last_line(out.stderr).startswith(f"neuroqt: {script}:2: SyntaxError")
