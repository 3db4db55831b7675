"""``xmenu``: menubar rows, cascades, menu items, and menus rebuilt each time they open."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from widgets.binding import Action, PanelError
from widgets.panel_controls import run_then_notify
from widgets.theme import literal_label

__all__ = ["MenuStack", "make_dynamic"]


class MenuStack:
    """The menus open while a panel is built (innermost last).

    ``root`` is the menu a dynamic menu's statement fills: items go there
    when no explicit ``xmenu("t")`` is open.
    """

    def __init__(self, root: QMenu | None = None) -> None:
        self._stack: list[QMenu] = []
        self._root = root
        self._radio: QActionGroup | None = None

    def is_open(self) -> bool:
        return bool(self._stack) or self._root is not None

    def top(self) -> QMenu:
        if self._stack:
            return self._stack[-1]
        if self._root is None:
            raise PanelError("no menu is open")
        return self._root

    def open_title(self) -> str | None:
        """The title of the innermost explicitly opened menu (None if none)."""
        return self._stack[-1].title() if self._stack else None

    def open(self, panel: Any, title: str, add_to_bar: bool) -> QMenu:
        """Open a menu: a cascade in the open menu, or in the panel's menubar row."""
        self._radio = None
        if self.is_open():
            menu = self.top().addMenu(title)
        else:
            menu = panel.menubar(new_row=not add_to_bar).addMenu(title)
        menu.setToolTipsVisible(True)
        self._stack.append(menu)
        return menu

    def close(self) -> None:
        self._radio = None
        if not self._stack:
            raise PanelError("xmenu(): no menu is open")
        self._stack.pop()

    def clear(self) -> None:
        self._stack.clear()
        self._radio = None

    def end_radio_group(self) -> None:
        self._radio = None

    def keep(self, item: Any) -> None:
        """Keep a Python helper (a check item) alive as long as its menu."""
        menu = self.top()
        kept = getattr(menu, "_neuroqt_items", None)
        if kept is None:
            kept = []
            menu._neuroqt_items = kept  # type: ignore[attr-defined]
        kept.append(item)

    def add_button(self, label: str, action: Action) -> QAction:
        self._radio = None
        qaction = self.top().addAction(literal_label(label))
        if action:
            qaction.setToolTip(action.describe())
        qaction.triggered.connect(lambda _checked=False: run_then_notify(action))
        return qaction

    def add_radio(self, label: str, action: Action, selected: bool) -> QAction:
        menu = self.top()
        if self._radio is None:
            self._radio = QActionGroup(menu)
            self._radio.setExclusive(True)
        qaction = menu.addAction(literal_label(label))
        qaction.setCheckable(True)
        self._radio.addAction(qaction)
        if selected:
            qaction.setChecked(True)
        qaction.triggered.connect(lambda _checked=False: run_then_notify(action))
        return qaction


def make_dynamic(
    menu: QMenu,
    action: Action,
    building_into: Callable[[QMenu], AbstractContextManager[Any]],
) -> None:
    """Rebuild ``menu`` each time it opens by running ``action`` inside ``building_into``."""

    def rebuild() -> None:
        menu.clear()
        menu._neuroqt_items = []  # type: ignore[attr-defined]
        with building_into(menu):
            action.run()
        if menu.isEmpty():
            empty = menu.addAction("(empty)")
            empty.setEnabled(False)

    menu.aboutToShow.connect(rebuild)
