"""Build ▸ Cell Builder: NEURON's tabs over a :class:`~app.builders.cellspec.CellSpec`.

- **Topology**: the section tree; "Basename:" names new sections; Add Section (a child of
  the selected section, at its distal end), Delete Section (with its subtree), Change
  Name, Undo Last.
- **Subsets**: ``all`` plus section lists made from a selection of sections.
- **Geometry**: for a subset or section, L, diam and nseg, d_lambda or d_X (NEURON's rules).
- **Biophysics**: for a subset or section, Ra, cm and a check box per mechanism.
- **Management**: a class name; export a HOC template, a Python class, or top-level HOC.
- **Continuous Create** (top row): the cell exists at top level and is rebuilt after
  every change, so the run tools and the PointProcessManager can use it.

Each tab lists the strategy so far (what was specified, in order).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.builders.mechstd import parameter_names
from app.builders.stickfigure import StickFigure
from layouts.registry import open_window
from sim.cellspec import CellSessionCalls, CellSpec
from sim.mechanisms import MECHANISMS

__all__ = ["CellBuilder", "makecellbuilder"]

_count = [0]


def _number(edit: QLineEdit) -> float | None:
    text = edit.text().strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"Cell Builder: {text!r} is not a number") from None


class CellBuilder(QWidget, CellSessionCalls):
    """The Cell Builder window; ``spec`` is what it edits."""

    def __init__(self, spec: CellSpec | None = None, map_now: bool = True) -> None:
        super().__init__()
        self.spec = spec or CellSpec()
        self.index = _count[0]
        _count[0] += 1
        self.message = QLabel("")
        self.message.setStyleSheet("color: #b00020")
        self.continuous = QCheckBox("Continuous Create")
        self.continuous.toggled.connect(self._guard(self._changed))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._topology_page(), "Topology")
        self.tabs.addTab(self._subsets_page(), "Subsets")
        self.tabs.addTab(self._geometry_page(), "Geometry")
        self.tabs.addTab(self._biophysics_page(), "Biophysics")
        self.tabs.addTab(self._management_page(), "Management")
        lay = QVBoxLayout(self)
        lay.addWidget(self.continuous)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.message)
        self._refresh()
        if map_now:
            self.map()

    def hname(self) -> str:
        return f"CellBuild[{self.index}]"

    def priority(self) -> float:
        """Sessions write it before the windows that use its cell."""
        return 1000.0

    # -- pages ------------------------------------------------------------------------
    def _topology_page(self) -> QWidget:
        page = QWidget()
        self.figure = StickFigure(self.pick)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Section"])
        self.tree.setMaximumHeight(110)
        self.tree.currentItemChanged.connect(lambda *_: self._show_selection())
        self.basename = QLineEdit("dend")
        buttons = [
            ("Add Section", self.add_section),
            ("Delete Section", self.delete_section),
            ("Change Name", self.change_name),
            ("Undo Last", self.undo),
        ]
        side = QFormLayout()
        side.addRow("Basename:", self.basename)
        self.topology_buttons = {}
        for text, slot in buttons:
            b = QPushButton(text)
            b.clicked.connect(self._guard(slot))
            side.addRow(b)
            self.topology_buttons[text] = b
        left = QVBoxLayout()
        left.addWidget(self.figure, 1)
        left.addWidget(self.tree)
        row = QHBoxLayout(page)
        row.addLayout(left, 1)
        row.addLayout(side)
        return page

    def pick(self, name: str) -> None:
        """A click on the stick figure selects that section (for Add, Delete, Change Name)."""
        for item in self.tree.findItems(
            name, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
        ):
            self.tree.setCurrentItem(item)

    def _show_selection(self) -> None:
        self.figure.draw(self.spec.names(), self.spec.parent_of, self.selected_section())

    def _subsets_page(self) -> QWidget:
        page = QWidget()
        self.subset_list = QListWidget()
        self.section_list = QListWidget()
        self.section_list.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.subset_name = QLineEdit()
        make = QPushButton("Selection->SecList")
        make.clicked.connect(self._guard(self.selection_to_seclist))
        self.subset_button = make
        side = QFormLayout()
        side.addRow("Subsets", self.subset_list)
        side.addRow("Name:", self.subset_name)
        side.addRow(make)
        row = QHBoxLayout(page)
        row.addWidget(self.section_list, 1)
        row.addLayout(side)
        return page

    def _target_box(self) -> QComboBox:
        box = QComboBox()
        box.setMinimumContentsLength(10)
        return box

    def _geometry_page(self) -> QWidget:
        page = QWidget()
        self.geom_target = self._target_box()
        self.geom_fields = {k: QLineEdit() for k in ("L", "diam", "nseg", "d_lambda", "d_X")}
        self.geom_apply = QPushButton("Specify")
        self.geom_apply.clicked.connect(self._guard(self.apply_geometry))
        self.geom_strategy = QListWidget()
        form = QFormLayout()
        form.addRow("Subset or section:", self.geom_target)
        for k, f in self.geom_fields.items():
            form.addRow(f"{k}{' (µm)' if k in ('L', 'diam') else ''}", f)
        form.addRow(self.geom_apply)
        row = QHBoxLayout(page)
        row.addWidget(self.geom_strategy, 1)
        row.addLayout(form)
        return page

    def _biophysics_page(self) -> QWidget:
        page = QWidget()
        self.bio_target = self._target_box()
        self.bio_fields = {"Ra": QLineEdit(), "cm": QLineEdit()}
        self.mech_boxes = {
            name: QCheckBox(name) for name, m in MECHANISMS.items() if m.kind == "density"
        }
        self.bio_apply = QPushButton("Specify")
        self.bio_apply.clicked.connect(self._guard(self.apply_biophysics))
        self.bio_strategy = QListWidget()
        form = QFormLayout()
        form.addRow("Subset or section:", self.bio_target)
        form.addRow("Ra (ohm cm)", self.bio_fields["Ra"])
        form.addRow("cm (µF/cm²)", self.bio_fields["cm"])
        for box in self.mech_boxes.values():
            form.addRow(box)
        self.bio_params = QLineEdit()
        self.bio_params.setPlaceholderText("e.g. gnabar_hh = 0.12, g_pas = 0.001")
        form.addRow("Parameters:", self.bio_params)
        form.addRow(self.bio_apply)
        row = QHBoxLayout(page)
        row.addWidget(self.bio_strategy, 1)
        row.addLayout(form)
        return page

    def _management_page(self) -> QWidget:
        page = QWidget()
        self.classname = QLineEdit("Cell")
        form = QFormLayout(page)
        form.addRow("Classname:", self.classname)
        self.export_buttons = {}
        for text, slot in (
            ("Save hoc template…", self.save_template),
            ("Save Python class…", self.save_python),
            ("Export top-level hoc…", self.save_export),
        ):
            b = QPushButton(text)
            b.clicked.connect(self._guard(lambda _=False, s=slot: s(self._ask_path())))
            form.addRow(b)
            self.export_buttons[text] = b
        return page

    # -- actions ----------------------------------------------------------------------
    def _guard(self, slot: Any) -> Any:
        def run(*_args: Any) -> None:
            self.message.setText("")
            try:
                slot()
            except (ValueError, OSError) as e:
                self.message.setText(str(e))

        return run

    def selected_section(self) -> str:
        item = self.tree.currentItem()
        return item.text(0) if item is not None else self.spec.names()[0]

    def add_section(self) -> None:
        self.spec.add_section(self.basename.text().strip(), self.selected_section())
        self._changed()

    def delete_section(self) -> None:
        self.spec.delete_section(self.selected_section())
        self._changed()

    def change_name(self) -> None:
        self.spec.rename(self.selected_section(), self.basename.text().strip())
        self._changed()

    def undo(self) -> None:
        if not self.spec.undo():
            raise ValueError("Cell Builder: nothing to undo")
        self._changed()

    def selection_to_seclist(self) -> None:
        members = [i.text() for i in self.section_list.selectedItems()]
        self.spec.add_subset(self.subset_name.text().strip(), members)
        self._changed()

    def apply_geometry(self) -> None:
        values = {k: _number(f) for k, f in self.geom_fields.items()}
        values = {k: (int(v) if k == "nseg" else v) for k, v in values.items() if v is not None}
        if not values:
            raise ValueError("Cell Builder: give L, diam, nseg, d_lambda or d_X")
        self.spec.set_geometry(self.geom_target.currentText(), **values)
        for f in self.geom_fields.values():
            f.clear()
        self._changed()

    def apply_biophysics(self) -> None:
        values: dict[str, Any] = {k: _number(f) for k, f in self.bio_fields.items()}
        mechs: dict[str, dict[str, float]] = {
            name: {} for name, box in self.mech_boxes.items() if box.isChecked()
        }
        for rangename, value in _assignments(self.bio_params.text()):
            mech = next((m for m in mechs if rangename.endswith(f"_{m}")), None)
            var = rangename[: -len(mech) - 1] if mech else ""
            if mech is None or var not in parameter_names(mech):
                raise ValueError(
                    f"Cell Builder: {rangename} is not a parameter of a ticked mechanism "
                    f"({', '.join(mechs) or 'none ticked'})"
                )
            mechs[mech][var] = value
        self.spec.set_biophysics(self.bio_target.currentText(), mechanisms=mechs, **values)
        for f in (*self.bio_fields.values(), self.bio_params):
            f.clear()
        for box in self.mech_boxes.values():
            box.setChecked(False)
        self._changed()

    def _ask_path(self) -> str:
        from app import dialogs

        return dialogs.ask_save_file(self, "Save the cell", "All files (*)")

    def save_template(self, path: str) -> None:
        if path:
            Path(path).write_text(self.spec.hoc_template(self.classname.text().strip()))

    def save_python(self, path: str) -> None:
        if path:
            Path(path).write_text(self.spec.python_class(self.classname.text().strip()))

    def save_export(self, path: str) -> None:
        if path:
            Path(path).write_text(self.spec.hoc_export())

    # -- keeping views and the live cell in step -------------------------------------
    def _changed(self) -> None:
        self._refresh()
        if self.continuous.isChecked():
            self.instantiate()

    def _refresh(self) -> None:
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for name in self.spec.names():
            parent = self.spec.parent_of(name)
            item = QTreeWidgetItem([name])
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                items[parent].addChild(item)
            items[name] = item
        self.tree.expandAll()
        self.tree.setCurrentItem(items[self.spec.names()[0]])
        self._show_selection()
        self.section_list.clear()
        self.section_list.addItems(self.spec.names())
        self.subset_list.clear()
        self.subset_list.addItems(["all", *self.spec.subsets])
        for box in (self.geom_target, self.bio_target):
            current = box.currentText()
            box.clear()
            box.addItems(self.spec.targets())
            if current in self.spec.targets():
                box.setCurrentText(current)
        self.geom_strategy.clear()
        self.geom_strategy.addItems(
            [
                f"{t}: " + "  ".join(f"{k} = {v:g}" for k, v in vars(g).items() if v is not None)
                for t, g in self.spec.geometry
            ]
        )
        self.bio_strategy.clear()
        self.bio_strategy.addItems([f"{t}: {_bio_text(b)}" for t, b in self.spec.biophysics])

    # -- sessions (NeuroQt's own block: NEURON's celbild data format is not followed) --
    def session_text(self) -> str:
        """A block that rebuilds this Cell Builder with its specification and place."""
        spec = self.spec
        body = [f'spec_section("{_base(n)}", "{spec.parent_of(n)}")' for n in spec.names()[1:]]
        body += [f'spec_subset("{k}", "{" ".join(m)}")' for k, m in spec.subsets.items()]
        for t, g in spec.geometry:
            vals = [-1 if v is None else v for v in (g.L, g.diam, g.nseg, g.d_lambda, g.d_X)]
            body.append(f'spec_geom("{t}", {", ".join(f"{v:g}" for v in vals)})')
        for t, b in spec.biophysics:
            ra, cm = (-1 if v is None else v for v in (b.Ra, b.cm))
            body.append(f'spec_biophys("{t}", {ra:g}, {cm:g}, "{_mech_text(b.mechanisms)}")')
        body.append(f'classname_set("{self.classname.text()}")')
        body.append(f"continuous_set({1 if self.continuous.isChecked() else 0})")
        g = self.geometry()
        return (
            "\n".join(
                [
                    f"//Begin {self.hname()}",
                    "{",
                    'load_file("celbild.hoc")',
                    "}",
                    "{",
                    "ocbox_ = new CellBuild(1)",
                    "}",
                    "{object_push(ocbox_)}",
                    "{",
                    *body,
                    "}",
                    "{object_pop() doNotify()}",
                    "{",
                    f'ocbox_.map("{self.hname()}", {g.x()}, {g.y()}, {g.width()}, {g.height()})',
                    "}",
                    "objref ocbox_",
                    f"//End {self.hname()}",
                ]
            )
            + "\n"
        )

    def classname_set(self, name: str) -> float:
        self.classname.setText(str(name))
        return 0.0

    def continuous_set(self, on: float) -> float:
        self.continuous.setChecked(bool(on))
        return 0.0

    def map(self, title: str | None = None, *geometry: float) -> float:
        """Show the window (``map("title", left, top, width, height)`` in a session)."""
        geo = None
        if len(geometry) >= 4:
            left, top, width, height = (round(v) for v in geometry[:4])
            geo = (left, top, width, height)
        open_window(
            self,
            self.hname() if title is None else str(title),
            kind="tool",
            owner=self,
            geometry=geo,
        )
        return 0.0


def _bio_text(b: Any) -> str:
    """One Biophysics strategy line: ``Ra = 100  cm = 1  insert pas (g = 0.0002)``."""
    parts = [f"{k} = {v:g}" for k, v in (("Ra", b.Ra), ("cm", b.cm)) if v is not None]
    for mech, params in b.mechanisms.items():
        given = ", ".join(f"{k} = {v:g}" for k, v in params.items())
        parts.append(f"insert {mech}" + (f" ({given})" if given else ""))
    return "  ".join(parts)


def _assignments(text: str) -> list[tuple[str, float]]:
    """``"gnabar_hh = 0.12, g_pas=0.001"`` as (name, value) pairs."""
    out = []
    for part in (p.strip() for p in text.replace(";", ",").split(",")):
        if not part:
            continue
        name, eq, value = part.partition("=")
        if not eq:
            raise ValueError(f"Cell Builder: write parameters as name = value, not {part!r}")
        number = _number(QLineEdit(value.strip()))
        if number is None:
            raise ValueError(f"Cell Builder: {name.strip()} has no value")
        out.append((name.strip(), number))
    return out


def _mech_text(mechanisms: dict[str, dict[str, float]]) -> str:
    """``hh:gnabar=0.12,gl=0.0003 pas`` (how a session file holds them)."""
    return " ".join(
        m + (":" + ",".join(f"{k}={v!r}" for k, v in p.items()) if p else "")
        for m, p in mechanisms.items()
    )


def _base(name: str) -> str:
    return name.split("[")[0]


def makecellbuilder() -> float:
    """``h.makecellbuilder()``: Build ▸ Cell Builder."""
    CellBuilder()
    return 0.0
