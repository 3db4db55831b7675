"""The Main Menu with the real Qt tools installed: every offered item opens its window or acts.

These use the other packages' implementations (widgets.panel, widgets.graph,
widgets.shape, widgets.runcontrol...) exactly as `neuroqt` installs them.
"""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from app import dialogs, install
from app.errors import funnel
from layouts.registry import registry
from sim import h

# Known items and the kind of window each opens.
KINDS = {
    "&RunControl": "panel",
    "&Voltage axis": "graph",
    "&Current axis": "graph",
    "&State axis": "graph",
    "S&hape plot": "shape",
    "Vector movie": "graph",
    "Phase &Plane": "graph",
    "&Model View": "tool",
    "celsius": "panel",
    "globalRa": "panel",
    "RunButton": "panel",
}
SKIP = {
    "&Quit",
    "&About NeuroQt",
    "Load &session…",
    "Load &hoc…",
    "Load &Python…",
    "Sa&ve session…",
    "&Working dir…",
    "Save to File…",
    "Retrieve from File…",
    "Show all",
    "Hide all",
    "NeuroQt &Guide",
} | {text for text, _ in dialogs.HELP_LINKS}


RUN_GLOBALS = ("tstop", "dt", "v_init", "celsius", "steps_per_ms", "t")


def _forget_recordings() -> None:
    """Graphs this test made stop recording (their sections die with the test)."""
    import gc

    from app import tools
    from widgets.graph import all_graphs

    tools._keep.clear()
    for g in all_graphs():
        for line in g.live_lines():
            line.detach_recording()
    gc.collect()


@pytest.fixture
def real_gui(main_window, qtbot):
    """The main window with every Qt implementation installed, and a soma with hh.

    Afterwards the headless stand-ins are back and the run lists are empty, so no
    graph of this test's (deleted) sections takes part in a later test's run.
    """
    from sim import h

    install.load_standard_run()  # once per process, before the snapshot (as tests/sim do)
    saved = dict(h._symbols)
    gui_loaded = h._gui_loaded
    installed = install.install_implementations()
    globals_before = {n: getattr(h, n) for n in RUN_GLOBALS if h._lookup(n) is not None}
    sections_before = list(h.allsec())
    soma = h.Section(name="soma")
    soma.insert("hh")
    yield main_window, soma
    registry().close_all()
    _forget_recordings()
    del soma
    for sec in list(h.allsec()):  # sections the tools made (builders keep theirs alive)
        if not any(sec == old for old in sections_before):
            h.delete_section(sec=sec)
    for name, value in globals_before.items():
        setattr(h, name, value)
    for name in ("graphList", "flush_list", "fast_flush_list"):
        lists = h._lookup(name)
        lists = getattr(lists, "__hoc_get__", lambda lists=lists: lists)()
        for lst in lists if name == "graphList" else [lists]:
            if lst is not None:
                lst.remove_all()
    for name in installed:
        if name in saved:
            h._symbols[name] = saved[name]
        else:
            h._symbols.pop(name, None)
    object.__setattr__(h, "_gui_loaded", gui_loaded)


def _offered(main_window) -> dict:
    main_window.menus.refresh()
    return {a.text(): a for a in main_window.menus.visible_actions()}


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen floating windows
def test_every_offered_tool_item_opens_a_window_of_its_kind(real_gui, monkeypatch, qtbot):
    window, _soma = real_gui
    monkeypatch.setattr(dialogs, "ask_text", lambda *a: "v(.5)")
    tried = []
    for text, action in _offered(window).items():
        if text in SKIP:
            continue
        before, errors = len(registry().records()), len(funnel().history)
        action.trigger()
        qtbot.waitUntil(lambda b=before: len(registry().records()) > b, timeout=3000)
        assert len(funnel().history) == errors, funnel().history[-1].headline()
        if text in KINDS:
            assert registry().records()[-1].kind == KINDS[text], text
        tried.append(text)
    for must in ("&RunControl", "&Voltage axis", "&Model View"):
        assert must in tried


def test_model_view_shows_sections_mechanisms_and_point_processes(real_gui):
    window, soma = real_gui
    stim = h.IClamp(soma(0.5))
    _offered(window)["&Model View"].trigger()
    view = registry().records()[-1].widget
    texts = view.item_texts()
    assert "soma" in texts
    assert "hh" in texts
    assert "IClamp" in texts
    assert "IClamp[0]" in texts or any(t.startswith("IClamp[") for t in texts)
    del stim


@pytest.fixture
def widget_errors_to_the_funnel():
    """What app.gui does at start-up: the widgets' error hook reports to the funnel."""
    from widgets.binding import set_error_handler

    old = set_error_handler(funnel().report_exception)
    yield
    set_error_handler(old)


def test_an_exception_in_a_button_callback_is_shown_once_and_the_app_keeps_running(
    real_gui, widget_errors_to_the_funnel, qtbot
):
    window, _soma = real_gui

    def broken():
        raise ZeroDivisionError("callback divided by zero")

    h.xpanel("Broken")
    h.xbutton("Press me", broken)
    h.xpanel()
    panel = registry().records()[-1].widget
    button = next(b for b in panel.findChildren(QAbstractButton) if b.text() == "Press me")
    errors = len(funnel().history)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.notification.isVisible)
    assert len(funnel().history) == errors + 1
    report = funnel().history[-1]
    assert report.summary == "ZeroDivisionError: callback divided by zero"
    assert report.location.endswith(f"test_real_tools.py:{broken.__code__.co_firstlineno + 1}")
    assert "callback divided by zero" in window.notification.text()
    assert window.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # still works: reported again
    assert len(funnel().history) == errors + 2


def test_hoc_syntax_error_in_a_loaded_file_is_one_message(real_gui, monkeypatch, tmp_path, qtbot):
    window, _soma = real_gui
    bad = tmp_path / "bad.hoc"
    bad.write_text("x = 1\ny = (2 +\n")
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *a: str(bad))
    errors = len(funnel().history)
    _offered(window)["Load &hoc…"].trigger()
    qtbot.waitUntil(window.notification.isVisible)
    new = funnel().history[errors:]
    assert len(new) == 1
    assert new[0].location == f"{bad}:2"
    assert new[0].summary.startswith("HOC error: syntax error")
    assert window.isVisible()


def test_point_process_viewer_lists_instances_by_location(real_gui):
    window, soma = real_gui
    stim = h.IClamp(soma(0.5))
    tools_menu = window.menus.menus["Tools"]
    window.menus.refresh()
    pp_menu = next(a.menu() for a in tools_menu.actions() if a.text() == "Point Processes")
    viewers = next(a.menu() for a in pp_menu.actions() if a.text() == "Viewers")
    viewers.fill()
    iclamp = next(a for a in viewers.actions() if a.text() == "IClamp")
    iclamp.trigger()
    rec = registry().records()[-1]
    assert rec.title == "IClamp instances"
    from PySide6.QtWidgets import QAbstractButton, QLabel

    texts = [w.text() for w in rec.widget.findChildren(QLabel)]
    texts += [w.text() for w in rec.widget.findChildren(QAbstractButton)]
    assert any(t.startswith("IClamp[") and t.endswith("at soma(0.5)") for t in texts), texts
    del stim


@contextlib.contextmanager
def teed_stderr():
    """stderr teed into the message dock with HOC messages taken by the funnel, as in the app.

    (Entered inside the test body: pytest swaps sys.stderr between test phases.)
    """
    from app.messages import install_tees, remove_tees

    install_tees(stderr_intercept=funnel().note_stderr)
    try:
        yield
    finally:
        remove_tees()


def test_hoc_error_from_a_button_statement_is_one_error(real_gui, qtbot):
    window, _soma = real_gui
    h.xpanel("HOC action")
    h.xbutton("Bad statement", "x = (1 +")
    h.xpanel()
    panel = registry().records()[-1].widget
    button = next(b for b in panel.findChildren(QAbstractButton) if b.text() == "Bad statement")
    errors = len(funnel().history)
    with teed_stderr():
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.notification.isVisible)
    new = funnel().history[errors:]
    assert len(new) == 1
    assert new[0].summary.startswith("HOC error: syntax error")
    qtbot.waitUntil(lambda: "HOC error: syntax error" in window.messages.plain_text())


def test_printed_and_raised_hoc_error_of_a_loaded_file_is_shown_once(
    real_gui, monkeypatch, tmp_path, qtbot
):
    window, _soma = real_gui
    bad = tmp_path / "bad2.hoc"
    bad.write_text("x = 1\ny = (2 +\n")
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *a: str(bad))
    errors = len(funnel().history)
    with teed_stderr():
        _offered(window)["Load &hoc…"].trigger()
    qtbot.waitUntil(window.notification.isVisible)
    new = funnel().history[errors:]
    assert [(r.location, r.summary.split(":")[0]) for r in new] == [(f"{bad}:2", "HOC error")]


def test_a_model_loaded_from_the_file_menu_stays_alive(real_gui, monkeypatch, tmp_path):
    from app import runner

    monkeypatch.setattr(runner, "_session", None)  # a session namespace for this test only
    window, _soma = real_gui
    script = tmp_path / "cell.py"
    script.write_text("from neuron import h\ndend = h.Section(name='kept_dend')\n")
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *a: str(script))
    _offered(window)["Load &Python…"].trigger()
    import gc

    gc.collect()
    assert "kept_dend" in [s.name() for s in h.allsec()]
    runner._session.clear()


def test_run_button_runs_when_checked(real_gui, qtbot):
    from PySide6.QtWidgets import QCheckBox

    window, _soma = real_gui
    h.tstop = 5
    _offered(window)["RunButton"].trigger()
    rec = registry().records()[-1]
    assert rec.title == "Run"
    box = next(b for b in rec.widget.findChildren(QAbstractButton) if "Init" in b.text())
    assert isinstance(box, QCheckBox)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: abs(h.t - 5) < 1e-9, timeout=10000)
    qtbot.waitUntil(lambda: not box.isChecked())


def test_load_session_and_load_hoc_run_their_files(real_gui, monkeypatch, tmp_path):
    window, _soma = real_gui
    ses = tmp_path / "rig.ses"
    ses.write_text('{load_file("nrngui.hoc")}\ntstop = 123\n')
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *a: str(ses))
    _offered(window)["Load &session…"].trigger()
    assert h.tstop == 123
    hoc = tmp_path / "cell.hoc"
    hoc.write_text("create axon\naxon { L = 250 }\n")
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *a: str(hoc))
    _offered(window)["Load &hoc…"].trigger()
    try:
        assert h.axon.L == 250
        assert window.windowTitle().startswith("cell.hoc")
    finally:
        h.delete_section(sec=h.axon)  # HOC sections outlive the test otherwise


def test_demo_buttons_open_the_tutorial_examples(real_gui, monkeypatch, qtbot, capsys):
    from app import runner, tools

    monkeypatch.setattr(runner, "_session", None)
    window, _soma = real_gui
    assert tools.open_file(runner.demo_files()[0], window)
    titles = [r.title for r in registry().records()]
    assert {"RunControl", "Tutorial examples"} <= set(titles)
    examples = next(r.widget for r in registry().records() if r.title == "Tutorial examples")
    button = next(
        b for b in examples.findChildren(QAbstractButton) if b.text() == "Spike times and ISIs"
    )
    capsys.readouterr()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    out = capsys.readouterr().out
    # NEURON 9.0.2 prints exactly this for the tutorial's spike-time example
    assert "[3.1750000000000114, 28.149999999998936, 41.6250000000009]" in out
    runner._session.clear()


def test_mechanism_globals_viewer_opens_a_panel_for_hh(real_gui):
    window, _soma = real_gui
    window.menus.refresh()
    tools_menu = window.menus.menus["Tools"]
    dm = next(a.menu() for a in tools_menu.actions() if a.text() == "Distributed Mechanisms")
    viewers = next(a.menu() for a in dm.actions() if a.text() == "Viewers")
    globals_menu = next(a.menu() for a in viewers.actions() if a.text() == "Globals")
    if not globals_menu.menuAction().isVisible():
        pytest.skip("h.nrnglobalmechmenu has no Qt implementation yet")
    globals_menu.fill()
    names = [a.text() for a in globals_menu.actions()]
    assert "hh" in names and "pas" in names
    before = len(registry().records())
    next(a for a in globals_menu.actions() if a.text() == "hh").trigger()
    assert len(registry().records()) == before + 1


def test_welcome_button_opens_the_demo(real_gui, monkeypatch, qtbot):
    from PySide6.QtWidgets import QPushButton

    from app import runner

    monkeypatch.setattr(runner, "_session", None)
    window, _soma = real_gui
    button = next(
        b for b in window.welcome.findChildren(QPushButton) if b.text() == "Open the demo"
    )
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    titles = {r.title for r in registry().records()}
    assert {"RunControl", "Tutorial examples"} <= titles
    assert any(r.kind == "graph" for r in registry().records())
    assert not window.welcome.isVisible()  # the graph fills the workspace now
    runner._session.clear()
