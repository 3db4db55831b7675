"""The xpanel family as Qt: ``h.xpanel``, ``h.xbutton``, ``h.xvalue``...

Panels are built modally, as in NEURON: ``xpanel("title")`` opens one, each
x* call appends a control (or a menu item while an ``xmenu`` is open), and
``xpanel()`` closes it and maps it through :func:`layouts.registry.open_window`
(so an intercepting HBox/VBox/Deck adopts it).  Every x* call returns 0.

Misuse (an x* call with no open panel, a second ``xpanel("t")`` before the
first is closed, a menu left open) is reported as NEURON reports it, through
the error funnel (:func:`widgets.binding.report_message`), and the script
carries on.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QButtonGroup

from layouts.registry import open_window
from sim import h
from sim._ref import HocRef
from widgets import panel_mech, panel_menus, panel_refresh
from widgets.binding import (
    Action,
    Binding,
    BindingError,
    PanelError,
    pointer_binding,
    report_message,
    set_value_format,
)
from widgets.panel_controls import (
    ButtonControl,
    CheckControl,
    MenuCheckItem,
    RadioControl,
    SliderControl,
    VarLabel,
)
from widgets.panel_field import ValueField
from widgets.panel_window import Panel

__all__ = [
    "Panel",
    "ValueFieldEditor",
    "doEvents",
    "doNotify",
    "implementations",
    "ivoc_style",
    "refresh_all",
    "xbutton",
    "xcheckbox",
    "xfixedvalue",
    "xlabel",
    "xmenu",
    "xpanel",
    "xpvalue",
    "xradiobutton",
    "xslider",
    "xstatebutton",
    "xvalue",
    "xvarlabel",
]

refresh_all = panel_refresh.refresh_all


class _Builder:
    """The panel being built, its open menus, and the current radio group."""

    def __init__(self) -> None:
        self.panel: Panel | None = None
        self.menus = panel_menus.MenuStack()
        self.radio_group: QButtonGroup | None = None
        self.last_built: Panel | None = None
        self.dynamic = False  # filling a dynamic menu: calls are not remembered

    def require_panel(self, call: str) -> Panel:
        if self.panel is None:
            raise PanelError(f"{call}: No panel is open (call h.xpanel('title') first)")
        return self.panel

    def end_radio_group(self) -> None:
        self.radio_group = None
        self.menus.end_radio_group()


_builder = _Builder()


def _guarded(func: Any) -> Any:
    """Report PanelError/BindingError to the user and return 0, as NEURON's x* calls do."""

    def wrapper(*args: Any, **kwargs: Any) -> float:
        try:
            result = func(*args, **kwargs)
        except (PanelError, BindingError) as e:
            report_message(str(e))
            return 0.0
        _remember(func.__name__, args)
        return float(result) if isinstance(result, (int, float)) else 0.0

    wrapper.__name__ = func.__name__
    wrapper.__qualname__ = func.__qualname__
    wrapper.__doc__ = func.__doc__
    return wrapper


def _remember(name: str, args: tuple[Any, ...]) -> None:
    """Note an item-adding call on the open panel, for saving it as HOC (sessions)."""
    panel = _builder.panel
    if panel is None or name == "xpanel" or not name.startswith("x") or _builder.dynamic:
        return
    panel.calls.append((name, args))


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


# -- xpanel ------------------------------------------------------------------------------


@_guarded
def xpanel(*args: Any) -> None:
    """``xpanel("t"[, 1])`` opens; ``xpanel([left, top][, scroll])`` closes and maps."""
    if args and isinstance(args[0], str):
        _open_panel(args[0], args[1:])
        return
    numbers = list(args)
    if not all(_is_number(a) for a in numbers) or len(numbers) > 3:
        raise PanelError(
            "xpanel: use xpanel('title'[, horizontal]) to open, or "
            f"xpanel([left, top][, scroll]) to close; got {args!r}"
        )
    scroll, geometry = -1, None
    if len(numbers) == 1:
        scroll = int(numbers[0])
    elif len(numbers) >= 2:
        geometry = (int(numbers[0]), int(numbers[1]), -1, -1)
        if len(numbers) == 3:
            scroll = int(numbers[2])
    _close_panel(scroll, geometry)


def _open_panel(title: str, rest: tuple[Any, ...]) -> None:
    horizontal = bool(rest[0]) if rest else False
    if rest and rest[0] not in (0, 1):
        raise PanelError(f"xpanel('{title}', {rest[0]!r}): the second argument must be 0 or 1")
    previous = _builder.panel
    _builder.end_radio_group()
    if previous is not None:
        _builder.panel = None
        _builder.menus.clear()
        previous.deleteLater()
        raise PanelError(
            f"Didn't close the previous panel: '{previous.title}' was still open when "
            f"xpanel('{title}') was called; it is discarded (close a panel with h.xpanel())"
        )
    _builder.panel = Panel(title, horizontal)


def _close_panel(scroll: int, geometry: tuple[int, int, int, int] | None) -> None:
    panel = _builder.require_panel("xpanel()")
    _builder.panel = None
    _builder.end_radio_group()
    menu_left_open = _builder.menus.open_title()
    _builder.menus.clear()
    panel.finish(scroll)
    panel.close_args = (scroll, geometry)
    _builder.last_built = panel
    open_window(panel, panel.title, kind="panel", owner=panel, geometry=geometry)
    if menu_left_open is not None:
        raise PanelError(
            f"A menu is still open: xmenu('{menu_left_open}') in panel '{panel.title}' "
            "was not closed with xmenu()"
        )


# -- simple items ------------------------------------------------------------------------


@_guarded
def xlabel(text: str) -> None:
    """A line of static text."""
    panel = _builder.require_panel("xlabel")
    _builder.end_radio_group()
    panel.add_label(str(text))


@_guarded
def xbutton(label: str, action: Any = None) -> None:
    """A push button (a menu item inside an xmenu); one argument: label = HOC statement."""
    panel = _builder.require_panel("xbutton")
    _builder.end_radio_group()
    act = Action(label if action is None else action)
    if _builder.menus.is_open():
        _builder.menus.add_button(label, act)
    else:
        panel.add_item(ButtonControl(label, act))


@_guarded
def xvarlabel(var: Any) -> None:
    """Text showing a string reference's current contents, refreshed on notify."""
    panel = _builder.require_panel("xvarlabel")
    _builder.end_radio_group()
    if isinstance(var, str) and not _names_a_string(var):
        var = HocRef(var)  # a plain string (or a strdef passed by value): shown as it is
    panel.add_item(VarLabel(Binding(var)), control=True)


def _names_a_string(name: str) -> bool:
    sym = h._lookup(name) if name.isidentifier() else None
    getter = getattr(sym, "__hoc_get__", None)
    try:
        return getter is not None and isinstance(getter(), str)
    except Exception:
        return False


# -- value fields ------------------------------------------------------------------------


@_guarded
def xvalue(*args: Any) -> None:
    """``xvalue("var")``, ``xvalue("prompt", var[, deflt, action, canrun, usepointer])``,
    or ``xvalue("prompt", var, 2)`` (a keep-updated display)."""
    if not args:
        raise PanelError("xvalue needs at least a prompt (the variable name)")
    panel = _builder.require_panel("xvalue")
    _builder.end_radio_group()
    prompt = str(args[0])
    var = args[1] if len(args) > 1 else prompt
    deflt = args[2] if len(args) > 2 else 0
    if deflt == 2:
        field = ValueField(prompt, Binding(var), Action(None))
        panel.add_item(field, control=True)
        panel_refresh.keep_updated(field)
        return
    action = args[3] if len(args) > 3 else None
    canrun = bool(args[4]) if len(args) > 4 else False
    usepointer = bool(args[5]) if len(args) > 5 else False
    binding = pointer_binding(var) if usepointer and isinstance(var, str) else Binding(var)
    field = ValueField(prompt, binding, Action(action), deflt=bool(deflt), canrun=canrun)
    panel.add_item(field, control=True)


@_guarded
def xpvalue(*args: Any) -> None:
    """``xpvalue("prompt", ptr[, deflt, "hoc action", canrun])`` or ``xpvalue("var")``."""
    if not args:
        raise PanelError("xpvalue needs a prompt and a reference")
    panel = _builder.require_panel("xpvalue")
    _builder.end_radio_group()
    prompt = str(args[0])
    if len(args) == 1:
        binding = pointer_binding(prompt)
    else:
        binding = Binding(args[1])
    deflt = bool(args[2]) if len(args) > 2 else False
    action = args[3] if len(args) > 3 else None
    if action is not None and not isinstance(action, str):
        raise PanelError(
            "xpvalue: the action must be a HOC statement string; for a Python callable "
            "use xvalue(prompt, reference, deflt, callable)"
        )
    canrun = bool(args[4]) if len(args) > 4 else False
    panel.add_item(
        ValueField(prompt, binding, Action(action), deflt=deflt, canrun=canrun), control=True
    )


@_guarded
def xfixedvalue(*args: Any) -> None:
    """``xfixedvalue("prompt"[, "var", deflt, usepointer])``: a field with no action."""
    if not args:
        raise PanelError("xfixedvalue needs a prompt")
    panel = _builder.require_panel("xfixedvalue")
    _builder.end_radio_group()
    prompt = str(args[0])
    var = args[1] if len(args) > 1 else prompt
    deflt = bool(args[2]) if len(args) > 2 else False
    usepointer = bool(args[3]) if len(args) > 3 else False
    binding = pointer_binding(var) if usepointer and isinstance(var, str) else Binding(var)
    panel.add_item(ValueField(prompt, binding, Action(None), deflt=deflt), control=True)


# -- check, state and radio buttons ------------------------------------------------------


def _check(call: str, toggle: bool, prompt: str, var: Any, action: Any) -> None:
    panel = _builder.require_panel(call)
    _builder.end_radio_group()
    binding, act = Binding(var), Action(action)
    if _builder.menus.is_open():
        _builder.menus.keep(MenuCheckItem(_builder.menus.top(), prompt, binding, act))
    else:
        panel.add_item(CheckControl(prompt, binding, act, toggle=toggle), control=True)


@_guarded
def xcheckbox(prompt: str, var: Any, action: Any = None) -> None:
    """A check box bound to a variable (0/1); a click sets it, then runs the action."""
    _check("xcheckbox", False, prompt, var, action)


@_guarded
def xstatebutton(prompt: str, var: Any, action: Any = None) -> None:
    """Like xcheckbox, drawn as a toggle button."""
    _check("xstatebutton", True, prompt, var, action)


@_guarded
def xradiobutton(label: str, action: Any = None, selected: float = 0) -> None:
    """One of a group of consecutive radio buttons; 1 pre-selects without running it."""
    panel = _builder.require_panel("xradiobutton")
    act = Action(action)
    if _builder.menus.is_open():
        _builder.menus.add_radio(label, act, bool(selected))
        return
    if _builder.radio_group is None:
        _builder.radio_group = QButtonGroup(panel)
        _builder.radio_group.setExclusive(True)
    button = RadioControl(label, act)
    _builder.radio_group.addButton(button)
    if selected:
        button.setChecked(True)
    panel.add_item(button)


# -- menus and sliders -------------------------------------------------------------------


@_guarded
def xmenu(*args: Any) -> None:
    """``xmenu("t"[, 1])`` opens a menu, ``xmenu()`` closes it; ``xmenu("t", stmt|callable
    [, 1])`` makes a menu rebuilt by running stmt each time it opens."""
    panel = _builder.require_panel("xmenu")
    _builder.end_radio_group()
    if not args:
        if not _builder.menus.is_open():
            raise PanelError("xmenu(): no menu is open")
        _builder.menus.close()
        return
    title = str(args[0])
    rest = args[1:]
    if rest and (isinstance(rest[0], str) or callable(rest[0]) or isinstance(rest[0], tuple)):
        add_to_bar = bool(rest[1]) if len(rest) > 1 else False
        menu = _builder.menus.open(panel, title, add_to_bar)
        _builder.menus.close()
        panel_menus.make_dynamic(menu, Action(rest[0]), lambda m: _build_into(panel, m))
        return
    _builder.menus.open(panel, title, bool(rest[0]) if rest else False)


class _build_into:
    """Context for a dynamic menu's builder: x* calls go into ``menu`` of ``panel``."""

    def __init__(self, panel: Panel, menu: Any) -> None:
        self.panel, self.menu = panel, menu

    def __enter__(self) -> None:
        self.saved = (_builder.panel, _builder.menus, _builder.radio_group, _builder.dynamic)
        _builder.panel = self.panel
        _builder.menus = panel_menus.MenuStack(root=self.menu)
        _builder.radio_group = None
        _builder.dynamic = True

    def __exit__(self, *exc: Any) -> None:
        _builder.panel, _builder.menus, _builder.radio_group, _builder.dynamic = self.saved


@_guarded
def xslider(var: Any, *args: Any) -> None:
    """``xslider(var[, low, high][, action][, vert][, slow])``; range 0-100 by default."""
    panel = _builder.require_panel("xslider")
    _builder.end_radio_group()
    low, high, rest = 0.0, 100.0, list(args)
    if len(rest) >= 2 and _is_number(rest[0]) and _is_number(rest[1]):
        low, high, rest = float(rest[0]), float(rest[1]), rest[2:]
    action = None
    if rest and not _is_number(rest[0]):
        action = rest.pop(0)
    vertical = bool(rest[0]) if rest else False
    slow = bool(rest[1]) if len(rest) > 1 else False
    slider = SliderControl(Binding(var), low, high, Action(action), vertical=vertical, slow=slow)
    panel.add_item(slider, control=True)


# -- notify and events -------------------------------------------------------------------

_events_passes = 0


def doNotify() -> float:
    """Re-read every panel's bound variables (fields being edited are kept)."""
    refresh_all()
    return 0.0


def doEvents() -> float:
    """Process pending window events; keep-updated fields refresh every 10th call."""
    global _events_passes
    app = QApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return 0.0  # only the GUI thread may process window events
    app.processEvents()
    _events_passes += 1
    if _events_passes % 10 == 0:
        panel_refresh.refresh_keep_updated()
    return 0.0


def ivoc_style(name: str, value: str) -> float:
    """``ivoc_style("*xvalue_format", "%.7g")``: the number format of every field."""
    if name.lstrip("*") == "xvalue_format":
        set_value_format(str(value))
        refresh_all()
    return 0.0


class ValueFieldEditor:
    """``h.ValueFieldEditor(xvalue arguments)``: an xvalue row you keep a handle on."""

    def __init__(self, *args: Any) -> None:
        before = _builder.panel.value_fields() if _builder.panel is not None else []
        xvalue(*args)
        after = _builder.panel.value_fields() if _builder.panel is not None else []
        self._field = after[-1] if len(after) > len(before) else None

    def default(self) -> float:
        """Make the current value the default (the default checkbox compares with it)."""
        if self._field is not None:
            self._field.make_default()
        return 0.0


def current_panel() -> Panel | None:
    """The panel being built (between ``xpanel("t")`` and ``xpanel()``), if any."""
    return _builder.panel


def last_panel() -> Panel | None:
    """The most recently closed (mapped) panel."""
    return _builder.last_built


def reset() -> None:
    """Drop a half-built panel and open menus (tests; after a script failed mid-panel)."""
    if _builder.panel is not None:
        _builder.panel.deleteLater()
    _builder.panel = None
    _builder.menus.clear()
    _builder.end_radio_group()


def implementations() -> dict[str, Any]:
    """The Qt implementations of the panel names in ``h``."""
    impls: dict[str, Any] = {
        "xpanel": xpanel,
        "xlabel": xlabel,
        "xbutton": xbutton,
        "xvalue": xvalue,
        "xpvalue": xpvalue,
        "xfixedvalue": xfixedvalue,
        "xvarlabel": xvarlabel,
        "xcheckbox": xcheckbox,
        "xstatebutton": xstatebutton,
        "xradiobutton": xradiobutton,
        "xmenu": xmenu,
        "xslider": xslider,
        "doNotify": doNotify,
        "doEvents": doEvents,
        "ivoc_style": _guarded(ivoc_style),
        "ValueFieldEditor": ValueFieldEditor,
        "nrnpointmenu": _guarded(panel_mech.nrnpointmenu),
        "nrnsecmenu": _guarded(panel_mech.nrnsecmenu),
        "nrnglobalmechmenu": _guarded(panel_mech.nrnglobalmechmenu),
        "nrnallsectionmenu": _guarded(panel_mech.nrnallsectionmenu),
    }
    return impls
