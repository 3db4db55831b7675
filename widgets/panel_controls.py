"""Panel controls other than value fields: buttons, check/state buttons, radio
buttons, sliders, variable labels, and their menu-item forms.

Each control that shows a variable has ``refresh()``.  Each user action goes
through :func:`run_then_notify`: the button is disabled while its callable
runs, an exception reaches the error funnel, the button works again, and
every panel refreshes afterwards (NEURON notifies after an action).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QRadioButton,
    QSlider,
    QWidget,
)

from widgets import panel_refresh
from widgets.binding import Action, Binding, report_error
from widgets.theme import literal_label

__all__ = [
    "ButtonControl",
    "CheckControl",
    "MenuCheckItem",
    "RadioControl",
    "SliderControl",
    "VarLabel",
    "run_then_notify",
]


def run_then_notify(action: Action, trigger: QWidget | QAction | None = None) -> bool:
    """Run ``action`` with ``trigger`` disabled meanwhile, then refresh every panel."""
    if trigger is not None:
        trigger.setEnabled(False)
    try:
        ok = action.run() if action else True
    finally:
        if trigger is not None:
            try:
                trigger.setEnabled(True)
            except RuntimeError:  # the action deleted its own button
                pass
    panel_refresh.refresh_all()
    return ok


class ButtonControl(QPushButton):
    """``xbutton``: a push button running its action."""

    def __init__(self, label: str, action: Action) -> None:
        super().__init__(literal_label(label))
        self.action = action
        self.setAutoDefault(False)
        if action:
            self.setToolTip(action.describe())
        self.clicked.connect(self._clicked)

    def _clicked(self) -> None:
        run_then_notify(self.action, self)


class CheckControl(QWidget):
    """``xcheckbox`` (a check box) or ``xstatebutton`` (a toggle button) bound to a variable."""

    def __init__(self, prompt: str, binding: Binding, action: Action, *, toggle: bool) -> None:
        super().__init__()
        self.binding = binding
        self.action = action
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.button: QAbstractButton
        if toggle:
            self.button = QPushButton(literal_label(prompt))
            self.button.setCheckable(True)
            self.button.setAutoDefault(False)
        else:
            self.button = QCheckBox(literal_label(prompt))
        self.button.setToolTip(binding.describe())
        self.button.clicked.connect(self._clicked)
        lay.addWidget(self.button)
        lay.addStretch(1)
        self.refresh()

    def _clicked(self, checked: bool) -> None:
        try:
            self.binding.set(1.0 if checked else 0.0)
        except Exception:
            report_error()
            self.refresh()
            return
        run_then_notify(self.action, self.button)

    def refresh(self) -> None:
        try:
            on = bool(self.binding.get())
        except Exception:
            self.button.setEnabled(False)
            return
        self.button.setEnabled(True)
        if self.button.isChecked() != on:
            self.button.setChecked(on)


class MenuCheckItem:
    """``xcheckbox``/``xstatebutton`` inside an ``xmenu``: a checkable menu item."""

    def __init__(self, menu: QMenu, prompt: str, binding: Binding, action: Action) -> None:
        self.binding = binding
        self.action = action
        self.qaction = menu.addAction(literal_label(prompt))
        self.qaction.setCheckable(True)
        self.qaction.triggered.connect(self._triggered)
        menu.aboutToShow.connect(self.refresh)
        self.refresh()

    def _triggered(self, checked: bool) -> None:
        try:
            self.binding.set(1.0 if checked else 0.0)
        except Exception:
            report_error()
            return
        run_then_notify(self.action)

    def refresh(self) -> None:
        try:
            self.qaction.setChecked(bool(self.binding.get()))
        except Exception:
            pass


class RadioControl(QRadioButton):
    """``xradiobutton``: one of an exclusive group; clicking it runs its action."""

    def __init__(self, label: str, action: Action) -> None:
        super().__init__(literal_label(label))
        self.action = action
        self.clicked.connect(self._clicked)

    def _clicked(self, checked: bool) -> None:
        if checked:
            run_then_notify(self.action, self)


class SliderControl(QSlider):
    """``xslider``: a slider over ``[low, high]`` in 100 steps; the action runs on every move."""

    STEPS = 100

    def __init__(
        self,
        binding: Binding,
        low: float,
        high: float,
        action: Action,
        *,
        vertical: bool = False,
        slow: bool = False,
    ) -> None:
        orient = Qt.Orientation.Vertical if vertical else Qt.Orientation.Horizontal
        super().__init__(orient)
        if high == low:
            high = low + 1.0
        self.binding = binding
        self.low = float(low)
        self.high = float(high)
        self.action = action
        self.setRange(0, self.STEPS)
        self.setSingleStep(1)
        self.setPageStep(self.STEPS // 10)
        self.setTracking(not slow)
        self.setToolTip(f"{binding.describe()}: {self.low:g} to {self.high:g}")
        if vertical:
            self.setMinimumHeight(120)
        else:
            self.setMinimumWidth(160)
        self.refresh()
        self.valueChanged.connect(self._moved)

    def value_at(self, position: int) -> float:
        return self.low + position * (self.high - self.low) / self.STEPS

    def _moved(self, position: int) -> None:
        try:
            self.binding.set(self.value_at(position))
        except Exception:
            report_error()
            return
        if self.action:
            self.action.run()
        panel_refresh.refresh_all()

    def refresh(self) -> None:
        if self.isSliderDown():
            return
        try:
            value = self.binding.get_float()
        except Exception:
            return
        pos = round((value - self.low) / (self.high - self.low) * self.STEPS)
        pos = max(0, min(self.STEPS, pos))
        if pos != self.value():
            self.blockSignals(True)
            self.setValue(pos)
            self.blockSignals(False)


class VarLabel(QLabel):
    """``xvarlabel``: shows the current contents of a string reference."""

    def __init__(self, binding: Binding) -> None:
        super().__init__()
        self.binding = binding
        self.setProperty("role", "label")
        self.refresh()

    def refresh(self) -> None:
        try:
            text = str(self.binding.get())
        except Exception:
            text = ""
        if text != self.text():
            self.setText(text)
