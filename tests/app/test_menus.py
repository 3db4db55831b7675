"""Every Main Menu item either works or is absent; each opens the right kind of window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from app import dialogs, tools
from layouts.registry import open_window, registry


def _texts(main_window, menu: str) -> list[str]:
    main_window.menus.refresh()
    return [a.text() for a in main_window.menus.menus[menu].actions() if a.isVisible()]


def _visible(main_window) -> dict[str, object]:
    main_window.menus.refresh()
    return {a.text(): a for a in main_window.menus.visible_actions()}


def _fake_window(kind: str, title: str, calls: list):
    def make(*args, **kwargs):
        calls.append((title, args))
        open_window(QLabel(title), title, kind=kind)
        return 0.0

    return make


FAKES = {  # h name -> (kind of window it opens, menu item)
    "nrncontrolmenu": ("panel", "&RunControl"),
    "newPlotV": ("graph", "&Voltage axis"),
    "newPlotI": ("graph", "&Current axis"),
    "newPlotS": ("graph", "&State axis"),
    "newshapeplot": ("shape", "S&hape plot"),
    "makecellbuilder": ("box", "Cell Builder"),
    "nrnallsectionmenu": ("panel", "Name Values"),
}


def test_menu_bar_has_neurons_menus_and_no_edit_menu(main_window):
    titles = [a.text() for a in main_window.menuBar().actions()]
    assert titles == ["&File", "&Build", "&Tools", "&Graph", "&Vector", "&Window", "&Help"]


def test_items_whose_tool_is_a_headless_stand_in_are_absent(main_window, h_symbols):
    from sim import _gui_stubs

    for name in FAKES:
        h_symbols._symbols[name] = _gui_stubs._accept_anything
    h_symbols._symbols["PlotShape"] = _gui_stubs._make_class("PlotShape")
    visible = _visible(main_window)
    for _name, (_kind, item) in FAKES.items():
        assert item not in visible


@pytest.mark.parametrize("name", sorted(FAKES))
def test_item_appears_with_its_implementation_and_opens_its_window(
    name, main_window, h_symbols, qtbot
):
    kind, item = FAKES[name]
    calls: list = []
    h_symbols._symbols[name] = _fake_window(kind, f"{name} window", calls)
    visible = _visible(main_window)
    assert item in visible, f"{item} should be offered once h.{name} is implemented"
    before = len(registry().records())
    visible[item].trigger()
    assert len(calls) == 1
    records = registry().records()
    assert len(records) == before + 1
    assert records[-1].kind == kind
    assert main_window.dock_for(records[-1]).isVisible()


def test_a_failing_item_reports_the_error_and_the_app_keeps_running(main_window, h_symbols, qtbot):
    def broken():
        raise RuntimeError("no section accessed")

    h_symbols._symbols["newPlotV"] = broken
    _visible(main_window)["&Voltage axis"].trigger()
    qtbot.waitUntil(lambda: main_window.notification.isVisible())
    assert "no section accessed" in main_window.notification.text()
    assert main_window.isVisible()


def test_quit_closes_the_main_window(main_window, qtbot):
    _visible(main_window)["&Quit"].trigger()
    qtbot.waitUntil(lambda: not main_window.isVisible())


def test_load_python_runs_the_chosen_script_and_remembers_it(
    main_window, monkeypatch, tmp_path, qtbot
):
    script = tmp_path / "model.py"
    script.write_text("import builtins\nbuiltins._neuroqt_test_ran = 42\n")
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *a: str(script))
    _visible(main_window)["Load &Python…"].trigger()
    import builtins

    assert builtins.__dict__.pop("_neuroqt_test_ran") == 42
    assert tools.recent_files()[0] == str(script.resolve())
    recent = next(
        a.menu() for a in main_window.menus.menus["File"].actions() if a.text() == "Recent &files"
    )
    recent.fill()
    assert recent.actions()[0].text() == str(script.resolve())


def test_working_dir_changes_directory(main_window, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path.parent)
    monkeypatch.setattr(dialogs, "ask_directory", lambda *a: str(tmp_path))
    _visible(main_window)["&Working dir…"].trigger()
    import os

    assert os.getcwd() == str(tmp_path)


def test_help_links_open_the_browser(main_window, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(dialogs, "open_url", lambda url: opened.append(url) or True)
    visible = _visible(main_window)
    for text, url in dialogs.HELP_LINKS:
        visible[text].trigger()
        assert opened[-1] == url


def test_about_box_names_the_version(main_window, qtbot):
    from PySide6.QtWidgets import QMessageBox

    import app

    _visible(main_window)["&About NeuroQt"].trigger()
    box = main_window.findChild(QMessageBox, "aboutBox")
    qtbot.waitUntil(box.isVisible)
    assert app.__version__ in box.text()
    box.close()


def test_guide_opens_as_a_dock(main_window):
    _visible(main_window)["NeuroQt &Guide"].trigger()
    rec = registry().records()[-1]
    assert rec.title == "NeuroQt Guide"
    assert "NeuroQt" in rec.widget.toPlainText()


def test_examples_menu_lists_the_tutorial_examples(main_window):
    help_menu = main_window.menus.menus["Help"]
    examples = next(a.menu() for a in help_menu.actions() if a.text() == "&Examples")
    examples.fill()
    names = [a.text().split(" — ")[0] for a in examples.actions()]
    for expected in (
        "hh_live.py",
        "spike_times.py",
        "morphology.py",
        "myneuron.py",
        "panel_hello.py",
        "panel_button.py",
        "panel_classes.py",
        "panel_hbox.py",
    ):
        assert expected in names


def test_window_menu_hides_and_shows_a_window(main_window, qtbot):
    rec = open_window(QLabel("graph"), "Graph[0]", kind="graph")
    items = {a.text(): a for a in main_window.menus.window_menu.window_actions()}
    assert items["Graph[0]"].isChecked()
    items["Graph[0]"].trigger()  # uncheck: hide
    assert not main_window.is_shown(rec)
    items = {a.text(): a for a in main_window.menus.window_menu.window_actions()}
    assert not items["Graph[0]"].isChecked()
    items["Graph[0]"].trigger()
    assert main_window.is_shown(rec)


def test_vector_menu_saves_and_retrieves_neurons_format(main_window, monkeypatch, tmp_path):
    from app.vector_clipboard import clipboard, set_clipboard

    set_clipboard([-65.0, 10.5, -70.25], [0.0, 0.025, 0.05], "soma.v(.5)")
    out = tmp_path / "v.dat"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *a: str(out))
    _visible(main_window)["Save to File…"].trigger()
    assert out.read_text() == "label:soma.v(.5)\n3\n0\t-65\n0.025\t10.5\n0.05\t-70.25\n"
    set_clipboard([])
    assert "Save to File…" not in _visible(main_window)  # nothing to save: absent
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *a: str(out))
    monkeypatch.setattr(tools, "display_clipboard", lambda: None)
    if "Retrieve from File…" in _visible(main_window):
        _visible(main_window)["Retrieve from File…"].trigger()
        assert clipboard().y == [-65.0, 10.5, -70.25]
        assert clipboard().label == "soma.v(.5)"
    set_clipboard([])


def test_keyboard_shortcut_opens_runcontrol(main_window, h_symbols, qtbot):
    from PySide6.QtCore import Qt

    calls: list = []
    h_symbols._symbols["nrncontrolmenu"] = _fake_window("panel", "RunControl", calls)
    main_window.menus.refresh()
    main_window.activateWindow()
    qtbot.keyClick(main_window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(calls) == 1)
    assert registry().records()[-1].title == "RunControl"
