"""The error funnel and the message dock: every error is shown once, with file:line."""

from __future__ import annotations

import sys
import threading
import warnings

import pytest

from app.errors import ErrorFunnel, location_of


def _raise_here():
    raise ValueError("bad parameter")  # the line the report must name


def _caught():
    try:
        _raise_here()
    except ValueError as e:
        return e
    raise AssertionError("unreachable")


def test_location_names_the_users_file_and_line():
    e = _caught()
    where = location_of(e, e.__traceback__)
    line = _raise_here.__code__.co_firstlineno + 1
    assert where == f"{__file__}:{line}"


def test_syntax_error_location_is_the_bad_line():
    try:
        compile("x = 1\ny = (2 +\n", "model.py", "exec")
    except SyntaxError as e:
        assert location_of(e, e.__traceback__).startswith("model.py:2")


def test_an_exception_reported_twice_is_shown_once(qtbot):
    funnel = ErrorFunnel()
    e = _caught()
    with qtbot.waitSignal(funnel.reported) as blocker:
        first = funnel.report_exception(type(e), e, e.__traceback__)
    assert blocker.args[0] is first
    assert first.summary == "ValueError: bad parameter"
    assert funnel.report_exception(type(e), e, e.__traceback__) is None
    assert len(funnel.history) == 1


def test_excepthook_threads_and_warnings_reach_the_funnel(qtbot):
    funnel = ErrorFunnel()
    funnel.install()
    try:
        e = _caught()
        sys.excepthook(type(e), e, e.__traceback__)
        worker = threading.Thread(target=_raise_here, name="worker")
        worker.start()
        worker.join()
        warnings.showwarning(UserWarning("dt changed"), UserWarning, "run.py", 7)
    finally:
        funnel.uninstall()
    summaries = [r.summary for r in funnel.history]
    assert summaries[0] == "ValueError: bad parameter"
    assert summaries[1] == "ValueError: bad parameter (in worker)"
    assert funnel.history[2].level == "warning"
    assert funnel.history[2].headline() == "run.py:7: UserWarning: dt changed"
    assert sys.excepthook is not funnel._excepthook


def test_error_lands_in_the_message_dock_and_a_notification(main_window, qtbot):
    from app.errors import funnel

    e = _caught()
    funnel().report_exception(type(e), e, e.__traceback__)
    qtbot.waitUntil(lambda: main_window.notification.isVisible())
    assert "bad parameter" in main_window.notification.text()
    assert "test_error_funnel.py" in main_window.notification.text()
    assert "ValueError: bad parameter" in main_window.messages.plain_text()
    assert main_window.messages.error_count() == 1
    assert main_window.isVisible()  # the app keeps running


def test_details_button_shows_the_message_dock(main_window, qtbot):
    from app.errors import funnel

    main_window.message_dock.hide()
    e = _caught()
    funnel().report_exception(type(e), e, e.__traceback__)
    qtbot.waitUntil(lambda: main_window.notification.isVisible())
    qtbot.mouseClick(main_window.notification.details, qtbot_left())
    assert main_window.message_dock.isVisible()
    assert not main_window.notification.isVisible()


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_print_output_is_teed_to_the_dock_and_the_terminal(main_window, qtbot, capsys):
    from app.messages import StreamTee

    tee = StreamTee(sys.stdout)
    tee.write("hello!\n")
    qtbot.waitUntil(lambda: "hello!" in main_window.messages.plain_text())
    assert capsys.readouterr().out == "hello!\n"


def test_bad_message_level_is_refused():
    from app.messages import bus

    with pytest.raises(ValueError, match="level"):
        bus().post("x", "loud")
