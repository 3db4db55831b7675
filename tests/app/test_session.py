"""Sessions: save the workspace as NEURON's .ses HOC, close everything, load it back."""

from __future__ import annotations

import pytest
from _session_support import NRN_PYTHON, gui_installed

from app import dialogs, session
from app import gui as app_gui  # importing it makes the app's main window (as the app does)
from layouts.registry import registry
from sim import h
from widgets.runcontrol import RunProgress


@pytest.fixture
def gui(qt_windows):
    """Qt implementations in h, the standard run system, and a soma with hh."""
    with gui_installed(True) as soma:
        yield soma
    qt_windows.close_all()


def _field(item: dict, prompt: str) -> str:
    return next(text for p, text in item["fields"] if p.startswith(prompt))


def _windows() -> dict[str, object]:
    return {r.title: r for r in registry().records()}


def _build_workspace() -> None:
    h.nrncontrolmenu()
    h.tstop = 12
    h.v_init = -70
    h("amp_demo = 3.5\ndelay_demo = 2")
    h.xpanel("Stimulus")
    h.xvalue("amplitude", "amp_demo", 1)
    h.xvalue("delay", "delay_demo", 1)
    h.xpanel(40, 420)
    g = h.Graph(0)
    g.size(0, 12, -80, 40)
    g.view(0, -90, 12, 140, 420, 30, 320, 220)
    g.addvar("soma.v(0.5)", 2, 1)
    g.addexpr("soma.m_hh(0.5)*100 - 80", 3, 1)
    h.graphList[0].append(g)
    g.save_name("graphList[0].")
    ps = h.PlotShape(0)
    ps.variable("v")
    ps.view(-30, -30, 60, 60, 780, 30, 240, 220)
    box = h.HBox()
    box.intercept(1)
    h.xpanel("inside")
    h.xbutton("tstop to 20", "tstop = 20")
    h.xpanel()
    box.intercept(0)
    box.map("A box", 300, 480, 260, 90)
    h.doNotify()  # the fields show the values set from Python


def _state() -> dict[str, object]:
    """What a user sees: each window's title, place, and its values / lines / views."""
    h.doNotify()  # fields show their variables' present values (the periodic refresh, now)
    out: dict[str, object] = {}
    for rec in registry().records():
        owner = rec.owner
        where = session.placement(rec)
        kind_title = (rec.kind, rec.title if rec.kind != "graph" and rec.kind != "shape" else "")
        item: dict[str, object] = {"place": where[:2]}
        if rec.kind == "panel":
            item["fields"] = [(f.prompt.text(), f.field.text()) for f in owner.value_fields()]
        elif rec.kind == "graph":
            item["lines"] = [(ln.label, ln.color) for ln in owner.live_lines()]
            item["view"] = [owner.size(i) for i in (1, 2, 3, 4)]
            item["size"] = where[2:]
        elif rec.kind == "shape":
            item["view"] = [round(owner.size(i), 3) for i in (1, 2, 3, 4)]  # %g in the file
            item["variable"] = owner._var
        elif rec.kind == "box":
            item["children"] = [c[1] for c in owner.children]
        out[f"{kind_title}"] = item
    return out


def test_a_saved_workspace_comes_back_in_place_with_its_values(gui, tmp_path, qtbot):
    _build_workspace()
    before = _state()
    assert len(before) == 5
    path = tmp_path / "work.ses"
    assert h.save_session(str(path)) == 1.0
    text = path.read_text()
    assert text.startswith('{load_file("nrngui.hoc")}')
    assert 'xpanel("RunControl", 0)' in text and "tstop = 12" in text

    registry().close_all()
    qtbot.waitUntil(lambda: not registry().records())
    h.tstop, h.v_init, h.amp_demo = 5, -65, 0
    opened = session.load_session(path)

    assert len(opened) == 5
    assert (h.tstop, h.v_init, h.amp_demo, h.delay_demo) == (12, -70, 3.5, 2)
    after = _state()
    for key, item in before.items():
        assert after[key] == item, key
    run_control = next(r.owner for r in registry().records() if r.title == "RunControl")
    assert run_control.findChildren(RunProgress)  # the real RunControl, not a plain panel


def test_the_saved_file_is_neurons_dialect(gui, tmp_path):
    _build_workspace()
    text = session.session_text()
    assert "objectvar save_window_, rvp_" in text
    assert "save_window_ = new Graph(0)" in text
    assert "{save_window_.view(0, -90, 12, 140, 420, 30, 320, 220)}" in text
    assert 'save_window_.addvar("soma.v(0.5)", 2, 1,' in text
    assert 'save_window_.addexpr("soma.m_hh(0.5)*100 - 80", 3, 1,' in text
    assert 'ocbox_.map("A box", 300, 480, 260, 90)' in text
    assert "xpanel(40,420)" in text
    assert text.rstrip().endswith("{doNotify()}")


def test_saving_is_atomic_a_failed_save_leaves_the_old_file(gui, tmp_path, monkeypatch):
    path = tmp_path / "keep.ses"
    path.write_text("// the old session\n")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(session.os, "replace", broken_replace)
    h.xpanel("p")
    h.xpanel()
    with pytest.raises(OSError):
        session.save_session(path)
    assert path.read_text() == "// the old session\n"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.ses"]  # no temp file left


def test_a_syntax_error_opens_nothing_and_names_the_line(gui, tmp_path):
    path = tmp_path / "bad.ses"
    path.write_text('{\nxpanel("one", 0)\nxpanel(10,10)\n}\n{ xpanel("two" 0) }\n')
    with pytest.raises(session.SessionLoadError) as err:
        session.load_session(path)
    assert err.value.line == 5
    assert "bad.ses, line 5" in str(err.value)
    assert registry().records() == []


def test_a_failing_session_closes_the_windows_it_opened(gui, tmp_path, qtbot):
    h.xpanel("already open")
    h.xpanel()
    path = tmp_path / "half.ses"
    path.write_text('{\nxpanel("one", 0)\nxpanel(10,10)\n}\nobjref nil_\n{\nnil_.count()\n}\n')
    with pytest.raises(session.SessionLoadError) as err:
        session.load_session(path)
    assert err.value.line == 7
    assert "nil_" in str(err.value) or "NULL" in str(err.value)
    assert [r.title for r in registry().records()] == ["already open"]


def test_a_graph_inside_a_box_is_saved_with_the_box(gui, tmp_path, qtbot):
    box = h.VBox()
    box.intercept(1)
    g = h.Graph()
    g.size(0, 5, -80, 40)
    g.addvar("soma.v(0.5)", 2, 1)
    box.intercept(0)
    box.map("Graph box", 50, 60, 300, 250)
    path = tmp_path / "box.ses"
    h.save_session(str(path))
    registry().close_all()
    opened = session.load_session(path)
    assert [r.title for r in opened] == ["Graph box"]
    (child,) = opened[0].owner.children
    assert child[2] == "graph"
    assert [ln.label for ln in child[3].live_lines()] == ["soma.v(0.5)"]


@pytest.mark.skipif(not NRN_PYTHON.exists(), reason="real NEURON 9.0.2 is not installed")
def test_a_neuroqt_session_loads_in_real_neuron(gui, tmp_path):
    import subprocess

    _build_workspace()
    path = tmp_path / "for_neuron.ses"
    h.save_session(str(path))
    script = (
        "from neuron import h, gui\n"
        "h('create soma')\nh.soma.insert('hh')\n"
        f"assert h.load_file(1, {str(path)!r}) == 1\n"
        "print(h.tstop, h.v_init, h.amp_demo, h.delay_demo, h.graphList[0].count())\n"
    )
    out = subprocess.run(
        [str(NRN_PYTHON), "-c", script], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert "error" not in out.stderr.lower(), out.stderr
    assert out.stdout.split()[-5:] == ["12.0", "-70.0", "3.5", "2.0", "1"]


def test_graphs_keep_their_keep_lines_phase_plane_and_family(gui, tmp_path, qtbot):
    kept = h.Graph(0)
    kept.size(0, 5, -80, 40)
    kept.view(0, -80, 5, 120, 100, 100, 300, 200)
    kept.addvar("soma.v(0.5)", 2, 1)
    kept.exec_menu("Keep Lines")
    phase = h.Graph(0)
    phase.size(-80, 40, 0, 1)
    phase.view(-80, 0, 120, 1, 420, 100, 300, 200)
    phase.xexpr("soma.v(0.5)", 0)
    phase.addexpr("soma.m_hh(0.5)", 2, 1)
    h.graphList[3].append(phase)
    phase.save_name("graphList[3].")
    family = h.Graph(0)
    family.size(0, 5, -80, 40)
    family.view(0, -80, 5, 120, 740, 100, 300, 200)
    family.addvar("soma.v(0.5)", 1, 1)
    family.family("celsius")
    path = tmp_path / "graphs.ses"
    h.save_session(str(path))
    text = path.read_text()
    # NEURON's own lines for the family label and the phase plane (as in
    # resources/sessions/neuron_runcontrol_graph.ses); Keep Lines, which NEURON's saver
    # drops, as the menu command both programs run
    assert 'save_window_.family("celsius")\ngraphList[0]' not in text  # not in a run list
    assert 'save_window_.family("celsius")' in text
    assert (
        'graphList[3].append(save_window_)\nsave_window_.save_name("graphList[3].")\n'
        'save_window_.xexpr("soma.v(0.5)", 0)\nsave_window_.addexpr("soma.m_hh(0.5)", 2, 1,'
    ) in text
    assert text.count('save_window_.exec_menu("Keep Lines")') == 1

    registry().close_all()
    qtbot.waitUntil(lambda: not registry().records())
    for lst in h.graphList:
        lst.remove_all()
    kept2, phase2, family2 = (r.owner for r in session.load_session(path))
    assert kept2.keep_lines() and not phase2.keep_lines()
    assert phase2._xexpr.expression == "soma.v(0.5)" and phase2 in list(h.graphList[3])
    assert family2._family_label == "celsius" and not family2.keep_lines()

    if NRN_PYTHON.exists():  # the same file runs in real NEURON
        import subprocess

        script = (
            "from neuron import h, gui\n"
            "h('create soma')\nh.soma.insert('hh')\n"
            f"assert h.load_file(1, {str(path)!r}) == 1\n"
            "print(h.graphList[3].count())\n"
        )
        out = subprocess.run(
            [str(NRN_PYTHON), "-c", script], capture_output=True, text=True, timeout=120
        )
        assert out.returncode == 0 and "error" not in out.stderr.lower(), out.stderr
        assert out.stdout.split()[-1] == "1"


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen floating docks
def test_file_menu_saves_a_session_of_docked_windows(main_window, qtbot, tmp_path, monkeypatch):
    """In the app, windows are docks: File ▸ Save session… writes them, loading restores
    them (a graph opened at a screen place floats there again)."""
    monkeypatch.setattr(app_gui, "_main_window", main_window)  # the session's nrngui.hoc
    saved = dict(h._symbols)
    gui_loaded = h._gui_loaded
    app_gui._install_implementations()
    h.load_file(1, "stdrun.hoc")
    h("create soma")
    try:
        h.nrncontrolmenu()
        h.tstop = 8
        g = h.Graph(0)
        g.size(0, 8, -80, 40)
        g.view(0, -80, 8, 120, 500, 120, 300, 200)
        g.addvar("soma.v(0.5)", 2, 1)
        path = tmp_path / "app.ses"
        monkeypatch.setattr(dialogs, "ask_save_file", lambda *a: str(path))
        main_window.menus.refresh()
        save = next(a for a in main_window.menus.visible_actions() if a.text() == "Sa&ve session…")
        save.trigger()
        assert path.exists()
        text = path.read_text()
        assert "tstop = 8" in text and "500, 120, 300, 200)}" in text

        registry().close_all()
        h.tstop = 5
        opened = session.load_session(path)
        assert sorted(r.kind for r in opened) == ["graph", "panel"]
        assert h.tstop == 8
        graph = next(r for r in opened if r.kind == "graph")
        dock = main_window.dock_for(graph)
        assert dock is not None and dock.isFloating()
        assert session.placement(graph) == (500, 120, 300, 200)
    finally:
        registry().close_all()
        for lst in h.graphList:
            lst.remove_all()
        h._symbols.clear()
        h._symbols.update(saved)
        object.__setattr__(h, "_gui_loaded", gui_loaded)
        from sim import section

        section.delete_all_sections()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_dock_layout_comes_back_with_the_session(main_window, qtbot, tmp_path, monkeypatch):
    """The user moved a graph to the left side and tabbed it with RunControl; the session
    file keeps that (as comments NEURON skips) and loading puts the docks back so."""
    from PySide6.QtCore import Qt

    monkeypatch.setattr(app_gui, "_main_window", main_window)
    saved = dict(h._symbols)
    gui_loaded = h._gui_loaded
    app_gui._install_implementations()
    h.load_file(1, "stdrun.hoc")
    h("create soma")
    left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
    try:
        h.nrncontrolmenu()
        for _ in range(2):
            g = h.Graph()
            g.addvar("soma.v(0.5)", 2, 1)
        run_control, _g1, g2 = (main_window.dock_for(r) for r in registry().records())
        assert main_window.dockWidgetArea(g2) == right  # where a graph docks by itself
        main_window.addDockWidget(left, g2)  # the user drags it to the left...
        main_window.tabifyDockWidget(run_control, g2)  # ...onto RunControl
        path = tmp_path / "layout.ses"
        session.save_session(path)
        text = path.read_text()
        assert "//NeuroQt-docks: panel,graph,graph\n//NeuroQt-layout: " in text

        registry().close_all()
        opened = session.load_session(path)
        run_control, g1, g2 = (main_window.dock_for(r) for r in opened)
        assert [main_window.dockWidgetArea(d) for d in (run_control, g1, g2)] == [
            left,
            right,
            left,
        ]
        assert main_window.tabifiedDockWidgets(run_control) == [g2]
        assert not any(d.isFloating() for d in (run_control, g1, g2))
        assert [d.objectName().startswith("dock:") for d in (run_control, g1, g2)] == [True] * 3

        if NRN_PYTHON.exists():  # NEURON reads the layout lines as comments
            import subprocess

            script = (
                "from neuron import h, gui\nh('create soma')\n"
                f"assert h.load_file(1, {str(path)!r}) == 1\nprint(h.graphList[0].count())\n"
            )
            out = subprocess.run(
                [str(NRN_PYTHON), "-c", script], capture_output=True, text=True, timeout=120
            )
            assert out.returncode == 0 and "error" not in out.stderr.lower(), out.stderr
    finally:
        registry().close_all()
        for lst in h.graphList:
            lst.remove_all()
        h._symbols.clear()
        h._symbols.update(saved)
        object.__setattr__(h, "_gui_loaded", gui_loaded)
        from sim import section

        section.delete_all_sections()


def test_an_error_inside_a_tool_block_leaves_the_top_level_scope(gui, tmp_path):
    path = tmp_path / "pushed.ses"
    path.write_text(
        "objref ocbox_\n{\nocbox_ = new List()\n}\n{object_push(ocbox_)}\n"
        "{\nno_such_method_here(1)\n}\n{object_pop()}\n"
    )
    with pytest.raises(session.SessionLoadError):
        session.load_session(path)
    # HOC runs at top level again: List's count() is no longer a name there
    assert h._hoc().execute("session_probe_var = count()") is False


def test_file_load_session_path_is_all_or_nothing(gui, tmp_path):
    """File ▸ Load session, recent files and the command line all run files through
    app.runner.run_file: a session that fails there opens nothing and names its line."""
    from app.runner import run_file

    path = tmp_path / "half.ses"
    path.write_text('{\nxpanel("one", 0)\nxpanel(10,10)\n}\nobjref nil_\n{\nnil_.count()\n}\n')
    with pytest.raises(session.SessionLoadError, match=r"half\.ses, line 7"):
        run_file(path)
    assert registry().records() == []
