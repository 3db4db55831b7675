"""Render checks: each tutorial example and a panel with every control, at 1x and 2x.

The PNGs committed in ``tests/widgets/screenshots/`` were written by this
module with ``NEUROQT_WRITE_SCREENSHOTS=1`` and looked at; the tests probe
structure and pixels (not golden images) so they hold on any platform style.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from _panel_support import install, type_into
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import QWidget

from sim import h
from widgets import panel
from widgets.theme import EDITED_BACKGROUND

SHOTS = Path(__file__).with_name("screenshots")


@pytest.fixture
def gui(qt_windows, qtbot):
    yield from install(qt_windows, qtbot)


def render(widget: QWidget, dpr: float, name: str, tmp_path: Path) -> QImage:
    """Render ``widget`` at device pixel ratio ``dpr``; keep the PNG if asked to."""
    widget.adjustSize()
    size = widget.size()
    pixmap = QPixmap(size * dpr)
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(widget.palette().window().color())
    widget.render(pixmap)
    folder = SHOTS if os.environ.get("NEUROQT_WRITE_SCREENSHOTS") else tmp_path
    folder.mkdir(exist_ok=True)
    pixmap.save(str(folder / f"{name}@{dpr:g}x.png"))
    return pixmap.toImage()


def colours_in(image: QImage, rect: QRect, dpr: float) -> set[str]:
    found = set()
    r = QRect(rect.topLeft() * dpr, rect.size() * dpr)
    for x in range(r.left() + 1, r.right(), 2):
        for y in range(r.top() + 1, r.bottom(), 2):
            found.add(QColor(image.pixel(x, y)).name())
    return found


def every_control_panel() -> panel.Panel:
    class M:
        x, flag, level = 7.18, 1.0, 30.0

    m = M()
    h.xpanel("Every control")
    h.xmenu("File")
    h.xbutton("Open…", lambda: None)
    h.xmenu()
    h.xmenu("View", 1)
    h.xmenu()
    h.xlabel("A label: every control NeuroQt panels offer")
    h.xvalue("Plain value", (m, "x"))
    h.xvalue("With default", (m, "x"), 1, lambda: None)
    h.xvalue("Runs something", (m, "x"), 0, lambda: None, 1)
    h.xpvalue("Reference", h.ref(-65.0))
    h.xvarlabel(h.ref("xvarlabel: live text"))
    h.xcheckbox("A check box", (m, "flag"))
    h.xstatebutton("A state button", (m, "flag"))
    h.xradiobutton("Radio one", lambda: None, 1)
    h.xradiobutton("Radio two", lambda: None)
    h.xslider((m, "level"), 0, 100)
    h.xbutton("A button", lambda: None)
    h.xpanel(0)  # no scroll box, so the whole panel renders
    return panel.last_panel()


@pytest.mark.parametrize("dpr", [1.0, 2.0])
def test_every_control_panel_renders_aligned_and_crisp(gui, qtbot, tmp_path, dpr):
    p = every_control_panel()
    p.show()
    qtbot.waitExposed(p)
    image = render(p, dpr, "every-control", tmp_path)
    assert (image.width(), image.height()) == (p.width() * dpr, p.height() * dpr)
    fields = p.value_fields()
    # prompts line up: one column, one width
    assert len({(f.prompt.mapTo(p, QPoint(0, 0)).x(), f.prompt.width()) for f in fields}) == 1
    # fields line up too, on both edges, whether or not a row has a default box and stepper
    assert len({f.field.mapTo(p, QPoint(0, 0)).x() for f in fields}) == 1
    assert len({f.field.mapTo(p, QPoint(f.field.width(), 0)).x() for f in fields}) == 1
    # rows do not overlap and each has a visible height
    tops = [w.mapTo(p, QPoint(0, 0)).y() for w in p.items]
    assert tops == sorted(tops) and all(w.height() >= 10 for w in p.items)
    # white field backgrounds really are drawn in the field
    field = fields[0].field
    box = QRect(field.mapTo(p, QPoint(0, 0)), field.size())
    assert any(QColor(c).lightness() > 240 for c in colours_in(image, box, dpr))


@pytest.mark.parametrize("dpr", [1.0, 2.0])
def test_an_edited_field_has_an_amber_prompt(gui, qtbot, tmp_path, dpr):
    class M:
        x = 1.0

    h.xpanel("Editing")
    h.xvalue("Being edited", (M, "x"))
    h.xvalue("Accepted", (M, "x"))
    h.xpanel()
    p = panel.last_panel()
    p.show()
    qtbot.waitExposed(p)
    edited, accepted = p.value_fields()
    type_into(qtbot, edited.field, "2", enter=False)
    image = render(p, dpr, "edited-field", tmp_path)

    def amber(prompt) -> bool:
        rect = QRect(prompt.mapTo(p, QPoint(0, 0)), prompt.size())
        return QColor(EDITED_BACKGROUND).name() in colours_in(image, rect, dpr)

    assert amber(edited.prompt) and not amber(accepted.prompt)


@pytest.mark.parametrize("dpr", [1.0, 2.0])
@pytest.mark.parametrize(
    ("script", "titles"),
    [
        ("example1.py", ["Example 1"]),
        ("example2.py", ["Example 2"]),
        ("demo_class.py", ["Demo", "Demo"]),
    ],
)
def test_tutorial_panels_render(gui, qtbot, tmp_path, script, titles, dpr):
    gui.run_example(script)
    panels = [p for t in dict.fromkeys(titles) for p in gui.panels(t)]
    assert len(panels) == len(titles)
    for i, p in enumerate(panels):
        qtbot.waitExposed(p)
        image = render(p, dpr, f"{Path(script).stem}-{i}", tmp_path)
        # something is drawn: more than the background colour
        bg = p.palette().window().color().name()
        assert colours_in(image, p.rect(), dpr) - {bg}


@pytest.mark.parametrize("dpr", [1.0, 2.0])
def test_tutorial_hbox_renders_both_panels(gui, qtbot, tmp_path, dpr):
    box = gui.run_example("hbox.py")["hbox"]
    qtbot.waitExposed(box.widget)
    image = render(box.widget, dpr, "hbox", tmp_path)
    first, second = gui.panel("Example 1"), gui.panel("Example 3")
    a = QRect(first.mapTo(box.widget, QPoint(0, 0)), first.size())
    b = QRect(second.mapTo(box.widget, QPoint(0, 0)), second.size())
    assert not a.intersects(b) and box.widget.rect().contains(a) and box.widget.rect().contains(b)
    bg = box.widget.palette().window().color().name()
    assert colours_in(image, a, dpr) - {bg} and colours_in(image, b, dpr) - {bg}
