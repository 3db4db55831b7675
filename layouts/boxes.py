"""``h.HBox``, ``h.VBox`` and ``h.Deck``: windows that hold other windows.

While a box intercepts (``box.intercept(1)``), every window opened through
:func:`layouts.registry.open_window` (a panel, a Graph, a Shape, another box
or deck) becomes its next child instead of a window of its own; boxes nest to
any depth.  ``map()`` then opens the box itself through ``open_window``, so an
outer intercepting box adopts it, or it becomes a dock (floating at a given
screen position).

The h-level objects (:class:`HBox`, :class:`VBox`, :class:`Deck`) keep
NEURON's method names; their Qt widget is ``.widget``.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from layouts import registry as reg
from layouts.lifetime import WeakAttr
from sim._hocname import HocNamed

__all__ = ["Deck", "HBox", "VBox", "implementations"]

_FRAME_SHAPES = {
    0: (QFrame.Shape.StyledPanel, QFrame.Shadow.Sunken),  # inset
    1: (QFrame.Shape.StyledPanel, QFrame.Shadow.Raised),  # outset
    2: (QFrame.Shape.Panel, QFrame.Shadow.Sunken),  # bright inset
    3: (QFrame.Shape.NoFrame, QFrame.Shadow.Plain),  # none
}


def _run(action: Any) -> None:
    """Run a ``dismiss_action``/``save`` spec: a callable, (callable, args) or HOC text."""
    if action is None:
        return
    if isinstance(action, str):
        from sim import h

        h(action)
    elif isinstance(action, tuple) and len(action) == 2 and callable(action[0]):
        args = action[1] if isinstance(action[1], tuple) else (action[1],)
        action[0](*args)
    elif callable(action):
        action()
    else:
        raise TypeError(f"not a callable or HOC statement: {action!r}")


class _CloseWatcher(QObject):
    """Turns the user closing a box's window into its ``dismiss_action``."""

    def __init__(self, owner: _Container) -> None:
        super().__init__(owner.widget)  # deleted with the box's window, by Qt
        self._owner = weakref.ref(owner)  # the box owns the watcher

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        owner = self._owner()
        if event.type() == QEvent.Type.Close and owner is not None and owner._dismiss is not None:
            event.ignore()
            _run(owner._dismiss)
            return True
        return False


class _Container(HocNamed):
    """What HBox, VBox and Deck share: intercepting, mapping, sessions' bookkeeping."""

    kind = "box"
    _record = WeakAttr()  # the registry holds the record (and through it this box)

    def __init__(self, frame: int = 0) -> None:
        if frame not in _FRAME_SHAPES:
            raise ValueError(
                f"{type(self).__name__}(frame): frame must be 0, 1, 2 or 3, not {frame}"
            )
        self.widget = QFrame()
        self.widget.setObjectName(f"NeuroQt{type(self).__name__}")
        shape, shadow = _FRAME_SHAPES[frame]
        self.widget.setFrameShape(shape)
        self.widget.setFrameShadow(shadow)
        self.children: list[tuple[QWidget, str, str, Any]] = []
        self._intercepting = False
        self._record: reg.WindowRecord | None = None
        self._adopted = False
        self._dismiss: Any = None
        self._save: Any = None
        self._ref: Any = None
        self._priority = 1.0
        self._full_request = False
        self._title = ""
        self._watcher = _CloseWatcher(self)
        self.widget.installEventFilter(self._watcher)

    # -- intercepting -----------------------------------------------------------------
    def intercept(self, on: float = 1) -> float:
        """While on, every new window becomes this box's next child."""
        if on and not self._intercepting:
            reg.push_interceptor(self)
            self._intercepting = True
        elif not on and self._intercepting:
            reg.pop_interceptor(self)
            self._intercepting = False
        return 1.0 if self._intercepting else 0.0

    def adopt(self, widget: QWidget, title: str, kind: str, owner: Any) -> None:
        self.children.append((widget, title, kind, owner))
        self._place_child(widget)
        if isinstance(owner, _Container):
            owner._adopted = True

    def _place_child(self, widget: QWidget) -> None:
        raise NotImplementedError

    # -- mapping ----------------------------------------------------------------------
    def map(self, title: str | None = None, *geometry: float) -> float:
        """``map(["title"[, left, top, width, height]])``; width -1 keeps the natural size."""
        if self._adopted:
            return 0.0
        if self._record is not None:  # mapped before: show it again if the user closed it
            reg.registry().set_shown(self._record, True)
            return 0.0
        if self._intercepting:
            self.intercept(0)
        self._title = title if title is not None else type(self).__name__
        geo = None
        if len(geometry) >= 2:
            vals = [round(g) for g in geometry] + [-1, -1]
            geo = (vals[0], vals[1], vals[2], vals[3])
        self.widget.setWindowTitle(self._title)
        self._record = reg.open_window(
            self.widget, self._title, kind=self.kind, owner=self, geometry=geo
        )
        if self._record is not None:
            self._watch_dock()
        return 0.0

    def _watch_dock(self) -> None:
        parent = self.widget.parentWidget()
        if isinstance(parent, QDockWidget):
            parent.installEventFilter(self._watcher)

    def unmap(self, accept: float = 1) -> float:
        """Close the window (it can be mapped again); its children stay."""
        if self._record is not None:
            reg.registry().remove(self._record)
            self._record = None
        return 0.0

    def ismapped(self) -> float:
        if self._adopted:
            return 1.0
        if self._record is None:
            return 0.0
        return 1.0 if reg.registry().is_shown(self._record) else 0.0

    def size(self, out: Any = None) -> float:
        """Fill ``out[0:4]`` with left, top, width, height (pixels); returns the width."""
        g = self.widget.frameGeometry()
        top_left = self.widget.mapToGlobal(self.widget.rect().topLeft())
        values = [float(top_left.x()), float(top_left.y()), float(g.width()), float(g.height())]
        if out is not None:
            for i, v in enumerate(values):
                out[i] = v
        return values[2]

    # -- behaviour hooks --------------------------------------------------------------
    def dismiss_action(self, action: Any = None) -> float:
        """Run ``action`` (instead of closing) when the user closes the window."""
        self._dismiss = action
        return 0.0

    def save(self, action: Any = None, *_rest: Any) -> float:
        """What the session saver runs for this box (stmt or callable)."""
        self._save = action
        return 0.0

    def ref(self, obj: Any) -> float:
        """Keep ``obj`` alive as long as the box."""
        self._ref = obj
        return 0.0

    def priority(self, n: float | None = None) -> float:
        if n is not None:
            self._priority = float(n)
        return self._priority

    def full_request(self, on: float = 1) -> float:
        self._full_request = bool(on)
        return 0.0

    def dialog(self, label: str = "", accept: str = "Accept", cancel: str = "Cancel") -> float:
        """Show the box in a modal dialog; 1 if accepted, 0 if cancelled."""
        if self._intercepting:
            self.intercept(0)
        dlg = QDialog()
        dlg.setWindowTitle(label or type(self).__name__)
        lay = QVBoxLayout(dlg)
        if label:
            lay.addWidget(QLabel(label))
        lay.addWidget(self.widget)
        buttons = QDialogButtonBox()
        buttons.addButton(accept, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(dlg.accept)
        buttons.rejected.connect(dlg.reject)
        lay.addWidget(buttons)
        self._dialog = dlg
        result = dlg.exec()
        self.widget.setParent(None)
        dlg.deleteLater()
        self._dialog = None
        return 1.0 if result == QDialog.DialogCode.Accepted else 0.0

    # -- sessions ---------------------------------------------------------------------
    def session_text(self) -> str:
        """HOC that rebuilds this box and, recursively, its children (NEURON's form:
        ``ocbox_`` and ``ocbox_list_`` are declared by the session file's header).

        A ``save()`` statement replaces the children's text, as in NEURON; a
        ``save()`` callable is called and may return the text.
        """
        lines = [
            "{",
            f"ocbox_ = new {self._hoc_constructor()}",
            "ocbox_list_.prepend(ocbox_)",
            "ocbox_.intercept(1)",
            "}",
        ]
        lines += self._children_text()
        lines += [
            "{",
            "ocbox_ = ocbox_list_.object(0)",
            "ocbox_.intercept(0)",
            f"ocbox_.map({self._map_args()})",
            "}",
            "objref ocbox_",
        ]
        return "\n".join(lines) + "\n"

    def _hoc_constructor(self) -> str:
        return f"{type(self).__name__}()"

    def _children_text(self) -> list[str]:
        if isinstance(self._save, str):
            return [self._save]
        if callable(self._save):
            made = self._save()
            return [made] if isinstance(made, str) else []
        out = []
        for _widget, title, kind, owner in self.children:
            save = getattr(owner, "session_text", None)
            text = save().rstrip("\n") if save else f"// {kind} {title!r}: not saved"
            if save and not text.startswith(("{", "//")):
                text = "{\n" + text + "\n}"  # NEURON writes each child as a block
            out.append(text)
        return out

    def _map_args(self) -> str:
        title = self._title or type(self).__name__
        g = self.widget.geometry()
        pos = self.widget.mapToGlobal(self.widget.rect().topLeft())
        quoted = title.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{quoted}", {pos.x()}, {pos.y()}, {g.width()}, {g.height()}'


class _Box(_Container):
    """HBox or VBox: children side by side or stacked."""

    _horizontal = True

    def __init__(self, frame: float = 0, scroll: float = 0) -> None:
        super().__init__(int(frame))
        self._outer = QVBoxLayout(self.widget)
        self._outer.setContentsMargins(2, 2, 2, 2)
        self._inner = QWidget()
        self._layout: QBoxLayout = (
            QHBoxLayout(self._inner) if self._horizontal else QVBoxLayout(self._inner)
        )
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._splitter: QSplitter | None = None
        self._adjust_next: float | None = None
        if scroll:
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.Shape.NoFrame)
            area.setWidget(self._inner)
            self._outer.addWidget(area)
        else:
            self._outer.addWidget(self._inner)

    def _place_child(self, widget: QWidget) -> None:
        if self._adjust_next is not None:
            self._start_splitter()
        if self._splitter is not None:
            self._splitter.addWidget(widget)
            if self._adjust_next is not None:
                widget.resize(widget.width(), int(self._adjust_next))
                if not self._horizontal:
                    sizes = self._splitter.sizes()
                    sizes[-1] = int(self._adjust_next)
                    self._splitter.setSizes(sizes)
                self._adjust_next = None
        else:
            if self._layout.count():
                self._layout.addWidget(self._separator())
            self._layout.addWidget(widget)
        widget.show()

    def _separator(self) -> QFrame:
        """A thin line between two children, as a modern toolkit draws groups."""
        line = QFrame()
        line.setObjectName("boxSeparator")
        line.setFrameShape(QFrame.Shape.VLine if self._horizontal else QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        return line

    def _start_splitter(self) -> None:
        if self._splitter is None:
            orient = Qt.Orientation.Horizontal if self._horizontal else Qt.Orientation.Vertical
            self._splitter = QSplitter(orient)
            self._splitter.setChildrenCollapsible(False)
            self._layout.addWidget(self._splitter, 1)

    def adjuster(self, size: float = 0) -> float:
        """The next child gets ``size`` points and a draggable splitter handle."""
        self._adjust_next = float(size)
        return 0.0

    def adjust(self, size: float, index: float = 0) -> float:
        if self._splitter is not None:
            sizes = self._splitter.sizes()
            i = int(index)
            if 0 <= i < len(sizes):
                sizes[i] = int(size)
                self._splitter.setSizes(sizes)
        return 0.0


class HBox(_Box):
    """``h.HBox([frame])``: children side by side."""

    _horizontal = True

    def __init__(self, frame: float = 0) -> None:
        super().__init__(frame)


class VBox(_Box):
    """``h.VBox([frame[, scroll]])``: children stacked top to bottom."""

    _horizontal = False


class Deck(_Container):
    """``h.Deck([frame])``: one card shows at a time (``flip_to``)."""

    kind = "deck"

    def __init__(self, frame: float = 0) -> None:
        super().__init__(int(frame))
        lay = QVBoxLayout(self.widget)
        lay.setContentsMargins(2, 2, 2, 2)
        self.stack = QStackedWidget()
        self._blank = QWidget()
        self.stack.addWidget(self._blank)  # index 0: "show none" (flip_to(-1))
        lay.addWidget(self.stack)

    def _place_child(self, widget: QWidget) -> None:
        self.stack.addWidget(widget)

    def map(self, title: str | None = None, *geometry: float) -> float:
        """``map(["title"[, left, top, w, h]])``: a deck's size is ignored, as in NEURON."""
        return super().map(title, *geometry[:2])

    def flip_to(self, index: float) -> float:
        """Show card ``index`` (0-based); -1 shows none."""
        i = int(index)
        if i < -1 or i >= len(self.children):
            raise IndexError(f"Deck.flip_to({i}): the deck has {len(self.children)} cards")
        self.stack.setCurrentIndex(i + 1)
        return 0.0

    def current(self) -> int:
        """The card showing, or -1."""
        return self.stack.currentIndex() - 1

    def remove_last(self) -> float:
        if self.children:
            self._drop(len(self.children) - 1)
        return 0.0

    def remove(self, index: float) -> float:
        i = int(index)
        if not 0 <= i < len(self.children):
            raise IndexError(f"Deck.remove({i}): the deck has {len(self.children)} cards")
        self._drop(i)
        return 0.0

    def _drop(self, i: int) -> None:
        widget = self.children.pop(i)[0]
        self.stack.removeWidget(widget)
        widget.setParent(None)
        widget.deleteLater()

    def move_last(self, index: float) -> float:
        """Move the last card to position ``index``."""
        i = int(index)
        if not self.children or not 0 <= i < len(self.children):
            raise IndexError(f"Deck.move_last({i}): the deck has {len(self.children)} cards")
        showing = self.stack.currentWidget()
        child = self.children.pop()
        self.children.insert(i, child)
        self.stack.removeWidget(child[0])
        self.stack.insertWidget(i + 1, child[0])
        self.stack.setCurrentWidget(showing)
        return 0.0


def implementations() -> dict[str, Callable[..., Any]]:
    """The Qt implementations of the layout classes in ``h``."""
    return {"HBox": HBox, "VBox": VBox, "Deck": Deck}
