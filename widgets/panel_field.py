"""The value field row of ``xvalue``/``xpvalue``/``xfixedvalue``.

``[prompt (units)] [default checkbox] [field] [stepper]``

Typing marks the field edited (the prompt turns amber); Enter or clicking the
prompt evaluates the text (a number or a HOC expression), assigns it, then
runs the action (or, with none, refreshes every panel); Esc restores the
shown value and drops focus, Ctrl+G restores and keeps focus.  Bad text is
refused with a message and the old value stays.  A field being edited (typed
into, not yet accepted) is never overwritten by a refresh.  Keyboard focus
alone does not freeze a field: Qt gives the first field of an active window
focus without the user asking, and that field must keep refreshing.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QFontMetrics, QGuiApplication, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from widgets import panel_refresh
from widgets.binding import (
    Action,
    Binding,
    NoValue,
    evaluate,
    format_value,
    report_error,
    report_message,
)
from widgets.theme import FIELD_MIN_CHARS, literal_label

__all__ = ["ValueField", "digit_place", "least_significant_step"]

DOESNT_EXIST = "Doesn't exist"
FREED = "Free'd"
REPEAT_GROWTH_STEPS = 20  # holding the stepper: the increment grows x10 every 20 steps


def least_significant_step(text: str) -> float:
    """The value of the last digit shown in ``text`` (``"7.18"`` -> 0.01, ``"0"`` -> 1)."""
    try:
        exponent = Decimal(text.strip()).as_tuple().exponent
    except InvalidOperation:
        return 1.0
    if not isinstance(exponent, int):
        return 1.0
    return 10.0**exponent


def digit_place(text: str, index: int) -> float | None:
    """The place value of the digit at ``index`` of a shown number (``"7.18"``, 2 -> 0.1)."""
    mantissa, _, exponent = text.lower().partition("e")
    if not 0 <= index < len(mantissa) or not mantissa[index].isdigit():
        return None
    dot = mantissa.find(".")
    dot = len(mantissa) if dot < 0 else dot
    power = dot - index - 1 if index < dot else dot - index
    try:
        power += int(exponent) if exponent else 0
    except ValueError:
        return None
    return 10.0**power


class _FieldEdit(QLineEdit):
    """A line edit that reports Esc and Ctrl+G instead of swallowing them, and turns a
    middle-button drag over a digit into steps of that digit (NEURON's digit drag)."""

    restore_requested = Signal(bool)  # keep focus?
    nudged = Signal(float)  # add this much
    nudge_finished = Signal()

    DRAG_PIXELS_PER_STEP = 6

    def __init__(self) -> None:
        super().__init__()
        self._drag: list[float] | None = None  # [place, start y, steps applied]

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            index = self.cursorPositionAt(event.position().toPoint())
            place = digit_place(self.text(), index)
            if place is None:
                place = digit_place(self.text(), index - 1)
            if place is not None:
                self._drag = [place, event.position().y(), 0]
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag is None:
            super().mouseMoveEvent(event)
            return
        place, y0, done = self._drag
        steps = int((y0 - event.position().y()) / self.DRAG_PIXELS_PER_STEP)
        if steps != done:
            self._drag[2] = steps
            self.nudged.emit((steps - done) * place)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag is not None and event.button() == Qt.MouseButton.MiddleButton:
            moved = self._drag[2] != 0
            self._drag = None
            if moved:
                self.nudge_finished.emit()
            return
        super().mouseReleaseEvent(event)

    def event(self, event: QEvent) -> bool:
        """Claim Esc and Ctrl+G before window shortcuts (the Main Menu's Ctrl+G) take them."""
        if event.type() == QEvent.Type.ShortcutOverride and self._is_restore_key(event):
            event.accept()
            return True
        return super().event(event)

    @staticmethod
    def _is_restore_key(event: QKeyEvent) -> bool:
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        return event.key() == Qt.Key.Key_Escape or (event.key() == Qt.Key.Key_G and ctrl)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.restore_requested.emit(False)
            return
        if event.key() == Qt.Key.Key_G and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.restore_requested.emit(True)
            return
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # Enter accepts the field; it must not also press a dialog's OK


class _Stepper(QWidget):
    """Two small arrow buttons; holding repeats, the action runs on release."""

    stepped = Signal(int)  # +1 / -1
    released = Signal()

    def __init__(self) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.up = self._arrow(Qt.ArrowType.UpArrow, +1)
        self.down = self._arrow(Qt.ArrowType.DownArrow, -1)
        lay.addWidget(self.up)
        lay.addWidget(self.down)

    def _arrow(self, arrow: Qt.ArrowType, sign: int) -> QToolButton:
        b = QToolButton()
        b.setArrowType(arrow)
        b.setAutoRepeat(True)
        b.setAutoRepeatDelay(400)
        b.setAutoRepeatInterval(60)
        b.setFixedSize(18, 12)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.setToolTip("Click to step; hold to repeat; right-click to choose the step")
        b.clicked.connect(lambda: self._clicked(sign))
        return b

    def _clicked(self, sign: int) -> None:
        self.stepped.emit(sign)
        held = QGuiApplication.mouseButtons() & Qt.MouseButton.LeftButton
        if not held:  # the last step of a click or of a held (auto-repeating) press
            self.released.emit()


class ValueField(QWidget):
    """One value row bound to a variable; see the module docstring for behaviour."""

    def __init__(
        self,
        prompt: str,
        binding: Binding,
        action: Action,
        *,
        deflt: bool = False,
        canrun: bool = False,
    ) -> None:
        super().__init__()
        self.binding = binding
        self.action = action
        self._edited = False
        self._shown: str | None = None
        self._invalid = False
        self._step_mode = ("res", 0.0)  # ("res"|"mul"|"add", amount)
        self._repeat_count = 0
        self._press_inc = 1.0
        self.default_box: QCheckBox | None = None
        self.stepper: _Stepper | None = None
        self._default = math.nan
        self._other: float | None = None
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addWidget(self._make_prompt(prompt, canrun))
        if deflt:
            lay.addWidget(self._make_default_box())
        lay.addWidget(self._make_field(), 1)
        if deflt:
            lay.addWidget(self._make_stepper())
        self.refresh(force=True)
        if deflt:
            self._default = self._current_or_nan()
            self._sync_default_box()

    def _make_prompt(self, prompt: str, canrun: bool) -> QPushButton:
        units = self.binding.units
        self.prompt = QPushButton(literal_label(f"{prompt} ({units})" if units else prompt))
        self.prompt.setProperty("role", "prompt")
        self.prompt.setProperty("canrun", bool(canrun))
        self.prompt.setProperty("edited", False)
        self.prompt.setAutoDefault(False)
        self.prompt.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.prompt.setToolTip(f"{self.binding.describe()}: click (or press Enter) to accept")
        self.prompt.clicked.connect(self.accept)
        return self.prompt

    def _make_default_box(self) -> QCheckBox:
        box = QCheckBox()
        box.setToolTip("Checked when the value differs from its default")
        box.clicked.connect(self._toggle_default)
        box.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        box.customContextMenuRequested.connect(self._default_menu)
        self.default_box = box
        return box

    def _make_field(self) -> _FieldEdit:
        self.field = _FieldEdit()
        self.field.setProperty("role", "field")
        self.field.setAccessibleName(self.prompt.text())
        self.field.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        chars = QFontMetrics(self.field.font()).horizontalAdvance("0" * FIELD_MIN_CHARS)
        self.field.setMinimumWidth(chars + 12)
        self.field.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.field.textEdited.connect(self._on_text_edited)
        self.field.returnPressed.connect(self.accept)
        self.field.restore_requested.connect(self.restore)
        self.field.nudged.connect(self._nudge)
        self.field.nudge_finished.connect(self._step_released)
        return self.field

    def _make_stepper(self) -> _Stepper:
        stepper = _Stepper()
        stepper.stepped.connect(self.step)
        stepper.released.connect(self._step_released)
        stepper.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        stepper.customContextMenuRequested.connect(self._step_menu)
        self.stepper = stepper
        return stepper

    def reserve_columns(self, default_width: int, stepper_width: int) -> None:
        """Leave room for a default box / stepper this row lacks, so that the fields of
        a panel line up (some rows have them, some do not)."""
        lay = self.layout()
        if self.default_box is None and default_width:
            lay.insertSpacing(1, default_width + lay.spacing())
        if self.stepper is None and stepper_width:
            lay.addSpacing(stepper_width + lay.spacing())

    # -- state ------------------------------------------------------------------------
    @property
    def edited(self) -> bool:
        """True while the text typed has not been accepted."""
        return self._edited

    def _set_edited(self, on: bool) -> None:
        if on == self._edited:
            return
        self._edited = on
        self.prompt.setProperty("edited", on)
        self.prompt.style().unpolish(self.prompt)
        self.prompt.style().polish(self.prompt)

    def _on_text_edited(self, _text: str) -> None:
        self._set_edited(True)

    def _current_or_nan(self) -> float:
        try:
            return self.binding.get_float()
        except Exception:
            return math.nan

    # -- refresh ----------------------------------------------------------------------
    def refresh(self, force: bool = False) -> None:
        """Show the variable's value, unless the user is editing the field."""
        if self._edited and not force:
            return
        try:
            text = format_value(self.binding.get())
            invalid = False
        except NoValue as e:
            text, invalid = str(e), True
        except Exception:
            freed = self.binding.kind == "pointer" and not self.binding.valid()
            text, invalid = (FREED if freed else DOESNT_EXIST), True
        if force or text != self._shown:
            self._shown = text
            self.field.setText(text)
            if self._invalid != invalid:
                self._invalid = invalid
                self.field.setProperty("invalid", invalid)
                self.field.style().unpolish(self.field)
                self.field.style().polish(self.field)
        if self.default_box is not None:
            self._sync_default_box()

    def restore(self, keep_focus: bool = False) -> None:
        """Esc / Ctrl+G: put the variable's value back."""
        self._set_edited(False)
        self.refresh(force=True)
        if not keep_focus:
            self.field.clearFocus()

    # -- accepting --------------------------------------------------------------------
    def accept(self) -> None:
        """Evaluate the text, assign it, run the action (or refresh all panels)."""
        text = self.field.text()
        try:
            value = evaluate(text)
        except ValueError as e:
            report_message(f"{self.prompt.text()}: {e}; the value stays {self._shown}")
            self.restore(keep_focus=True)
            return
        if not self._assign(value):
            return
        self._set_edited(False)
        self.refresh(force=True)
        self._after_change()

    def _assign(self, value: float) -> bool:
        try:
            self.binding.set(value)
        except Exception:
            report_error()
            self.restore(keep_focus=True)
            return False
        return True

    def _after_change(self) -> None:
        if self.action:
            self.action.run()
        panel_refresh.refresh_all()

    # -- default checkbox -------------------------------------------------------------
    def _sync_default_box(self) -> None:
        box = self.default_box
        if box is None:
            return
        current = self._current_or_nan()
        both_nan = math.isnan(current) and math.isnan(self._default)
        differs = not (current == self._default or both_nan)
        if box.isChecked() != differs:
            box.setChecked(differs)

    def _toggle_default(self) -> None:
        current = self._current_or_nan()
        if current != self._default:
            self._other = current
            target = self._default
        elif self._other is not None:
            target = self._other
        else:
            self._sync_default_box()
            return
        if self._assign(target):
            self.refresh(force=True)
            self._after_change()

    def _default_menu(self, pos: QPoint) -> None:
        current = self._current_or_nan()
        menu = QMenu(self)
        act = QAction(
            f"Permanently replace default value {format_value(self._default)} "
            f"with {format_value(current)}",
            menu,
        )
        act.triggered.connect(self.make_default)
        menu.addAction(act)
        menu.popup(self.default_box.mapToGlobal(pos))  # type: ignore[union-attr]

    def make_default(self) -> None:
        """Make the current value the default (ValueFieldEditor.default())."""
        self._default = self._current_or_nan()
        self._sync_default_box()

    # -- stepper ----------------------------------------------------------------------
    def set_step(self, mode: str, amount: float = 0.0) -> None:
        """``("res")`` last digit, ``("mul", f)`` geometric, ``("add", d)`` fixed."""
        if mode not in ("res", "mul", "add"):
            raise ValueError(f"unknown step mode {mode!r}")
        self._step_mode = (mode, float(amount))

    def step(self, sign: int) -> None:
        """One stepper click: +/- the increment (or x/÷ for a geometric step)."""
        current = self._current_or_nan()
        if math.isnan(current):
            return
        mode, amount = self._step_mode
        if self._repeat_count == 0:  # the step is fixed for a whole press
            self._press_inc = least_significant_step(format_value(current))
        growth = 10.0 ** (self._repeat_count // REPEAT_GROWTH_STEPS)
        self._repeat_count += 1
        if mode == "mul":
            factor = amount**growth if growth > 1 else amount
            value = current * factor if sign > 0 else current / factor
        else:
            inc = amount if mode == "add" else self._press_inc
            value = current + sign * inc * growth
        if self._assign(value):
            self.refresh(force=True)
            panel_refresh.refresh_all()

    def _nudge(self, delta: float) -> None:
        current = self._current_or_nan()
        if not math.isnan(current) and self._assign(current + delta):
            self._set_edited(False)
            self.refresh(force=True)

    def _step_released(self) -> None:
        self._repeat_count = 0
        self._press_inc = 1.0
        if self.action:
            self.action.run()
            panel_refresh.refresh_all()

    def _step_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        choices: list[tuple[str, str, float]] = [
            ("Res (last digit)", "res", 0.0),
            ("*10", "mul", 10.0),
            ("*10^.1", "mul", 10.0**0.1),
            ("*e", "mul", math.e),
            ("*e^.1", "mul", math.e**0.1),
            ("*2", "mul", 2.0),
            ("*2^.1", "mul", 2.0**0.1),
        ]
        choices += [(f"+{d:g}", "add", d) for d in (1000, 100, 10, 1, 0.1, 0.01, 0.001)]
        for label, mode, amount in choices:
            act = menu.addAction(label)
            act.setCheckable(True)
            same = self._step_mode == (mode, amount) or mode == "res" == self._step_mode[0]
            act.setChecked(same)
            act.triggered.connect(lambda _=False, m=mode, a=amount: self.set_step(m, a))
        menu.popup(self.stepper.mapToGlobal(pos))  # type: ignore[union-attr]
