"""The Main Menu's submenus whose items change at run time.

Recent files and directories, the mechanism viewers (one item per type), the
Window menu (one check item per window) and Help ▸ Examples.  Each fills
itself when it opens, and says with ``update_visibility()`` whether it has
anything to offer (an empty submenu is hidden, never dead).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from app.errors import funnel
from app.tools import mechanism_names, open_file, point_process_list
from layouts.registry import registry

__all__ = ["ExamplesMenu", "MechanismViewerMenu", "RecentMenu", "WindowMenu", "example_files"]


class RecentMenu(QMenu):
    """A submenu listing ``entries()``; choosing one calls ``choose(entry)``."""

    dynamic = True

    def __init__(
        self,
        title: str,
        parent: QWidget,
        entries: Callable[[], list[str]],
        choose: Callable[[str], Any],
    ) -> None:
        super().__init__(title, parent)
        self._entries = entries
        self._choose = choose
        self.aboutToShow.connect(self.fill)

    def update_visibility(self) -> bool:
        shown = bool(self._entries())
        self.menuAction().setVisible(shown)
        return shown

    def fill(self) -> None:
        self.clear()
        for entry in self._entries():
            act = self.addAction(entry)
            act.triggered.connect(lambda _c=False, e=entry: self._choose(e))


class MechanismViewerMenu(QMenu):
    """One item per mechanism type: point-process instances or a density mechanism's globals."""

    dynamic = True

    def __init__(self, title: str, parent: QWidget, *, point: bool) -> None:
        super().__init__(title, parent)
        self.point = point
        self.aboutToShow.connect(self.fill)

    def _available(self) -> bool:
        from app.menus import engine_has, implemented

        if self.point:
            return implemented("xpanel") and engine_has("List") and bool(mechanism_names(True))
        return implemented("nrnglobalmechmenu") and bool(mechanism_names(False))

    def update_visibility(self) -> bool:
        shown = self._available()
        self.menuAction().setVisible(shown)
        return shown

    def fill(self) -> None:
        self.clear()
        for name in mechanism_names(self.point):
            act = self.addAction(name)
            act.triggered.connect(lambda _c=False, n=name: self._open(n))

    def _open(self, name: str) -> None:
        from sim import h

        try:
            if self.point:
                point_process_list(name)
            else:
                h.nrnglobalmechmenu(name)
        except Exception as e:
            funnel().report_exception(type(e), e, e.__traceback__)


# -- Window --------------------------------------------------------------------------
class WindowMenu:
    """Window: Show all / Hide all, one check item per window, the Messages dock."""

    def __init__(self, menu: QMenu, window: Any) -> None:
        self.menu = menu
        self.window = window
        menu.aboutToShow.connect(self.fill)
        self.fill()

    def fill(self) -> None:
        m = self.menu
        m.clear()
        records = registry().records()
        show_all = m.addAction("Show all")
        show_all.triggered.connect(lambda: self._set_all(True))
        hide_all = m.addAction("Hide all")
        hide_all.triggered.connect(lambda: self._set_all(False))
        m.addSeparator()
        for rec in records:
            act = m.addAction(rec.title)
            act.setCheckable(True)
            act.setChecked(registry().is_shown(rec))
            act.toggled.connect(lambda on, r=rec: registry().set_shown(r, on))
        if records:
            m.addSeparator()
        m.addAction(self.window.message_dock.toggleViewAction())

    def window_actions(self) -> list[QAction]:
        self.fill()
        return [a for a in self.menu.actions() if a.isCheckable()]

    @staticmethod
    def _set_all(shown: bool) -> None:
        for rec in registry().records():
            registry().set_shown(rec, shown)


# -- Help ----------------------------------------------------------------------------
def example_files() -> list[Path]:
    """The bundled tutorial examples (resources/demo), in tutorial order."""
    from app.runner import demo_dir

    return sorted(
        p
        for p in demo_dir().iterdir()
        if p.suffix in (".py", ".hoc", ".ses") and not p.name.startswith("_")
    )


class ExamplesMenu(QMenu):
    """Help ▸ Examples: each bundled tutorial example; choosing one runs it."""

    dynamic = True

    def __init__(self, title: str, parent: QWidget, window: Any) -> None:
        super().__init__(title, parent)
        self.aboutToShow.connect(self.fill)
        self.fill()

    def update_visibility(self) -> bool:
        shown = bool(example_files())
        self.menuAction().setVisible(shown)
        return shown

    def fill(self) -> None:
        self.clear()
        for path in example_files():
            act = self.addAction(_example_title(path))
            act.setStatusTip(str(path))
            act.triggered.connect(lambda _c=False, p=path: open_file(p))


def _example_title(path: Path) -> str:
    """``file — what it shows``, from the file's first line (its docstring or comment)."""
    first = path.read_text(encoding="utf-8").lstrip().splitlines()[:1]
    text = first[0].strip('"#/ .') if first else ""
    text = text.split(":")[0].strip()
    return f"{path.name} — {text}" if text else path.name
