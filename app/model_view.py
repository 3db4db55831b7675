"""Tools ▸ Model View: the model as a tree of sections, mechanisms and point processes.

Built from ``h.allsec()`` and each section's ``psection()`` (NEURON 9's dict:
``name``, ``nseg``, ``Ra``, ``morphology``, ``density_mechs``,
``point_processes``...).  Refresh re-reads the model.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

__all__ = ["ModelView", "describe_model"]


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.5g}"
    if isinstance(value, list | tuple):
        if len(value) > 0 and all(v == value[0] for v in value):
            return _fmt(value[0]) if len(value) == 1 else f"{_fmt(value[0])} (all {len(value)})"
        return ", ".join(_fmt(v) for v in value[:6]) + (" …" if len(value) > 6 else "")
    return str(value)


def _section_node(ps: dict[str, Any]) -> dict[str, Any]:
    morph = ps.get("morphology", {}) or {}
    parent = morph.get("parent")
    props = {
        "nseg": ps.get("nseg"),
        "L (µm)": morph.get("L"),
        "diam (µm)": morph.get("diam"),
        "Ra (Ω·cm)": ps.get("Ra"),
        "cm (µF/cm²)": ps.get("cm"),
        "parent": str(parent) if parent is not None else "none (root)",
    }
    mechs = {
        name: {param: _fmt(vals) for param, vals in (params or {}).items()}
        for name, params in (ps.get("density_mechs") or {}).items()
    }
    points = {
        kind: sorted(str(p) for p in instances)
        for kind, instances in (ps.get("point_processes") or {}).items()
    }
    return {
        "name": str(ps.get("name", "?")),
        "properties": {k: _fmt(v) for k, v in props.items() if v is not None},
        "mechanisms": mechs,
        "point_processes": points,
    }


def describe_model() -> list[dict[str, Any]]:
    """One plain dict per section: name, properties, mechanisms, point processes."""
    from sim import h

    return [_section_node(sec.psection()) for sec in h.allsec()]


class ModelView(QWidget):
    """A tree: sections ▸ properties / density mechanisms / point processes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelView")
        self.summary = QLabel(self)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Item", "Value"])
        self.tree.setAlternatingRowColors(True)
        self.tree.setColumnWidth(0, 220)
        refresh = QPushButton("Refresh", self)
        refresh.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(refresh)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.tree)
        self.resize(420, 480)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the tree from the current model."""
        self.tree.clear()
        sections = describe_model()
        n_pp = sum(len(v) for s in sections for v in s["point_processes"].values())
        self.summary.setText(f"{len(sections)} sections, {n_pp} point processes")
        for sec in sections:
            self.tree.addTopLevelItem(self._section_item(sec))
        if self.tree.topLevelItemCount() == 1:
            self.tree.topLevelItem(0).setExpanded(True)

    @staticmethod
    def _section_item(sec: dict[str, Any]) -> QTreeWidgetItem:
        item = QTreeWidgetItem([sec["name"], ""])
        props = QTreeWidgetItem(item, ["Properties", ""])
        for key, value in sec["properties"].items():
            QTreeWidgetItem(props, [key, value])
        props.setExpanded(True)
        if sec["mechanisms"]:
            mechs = QTreeWidgetItem(item, ["Density mechanisms", ", ".join(sec["mechanisms"])])
            for name, params in sec["mechanisms"].items():
                mech = QTreeWidgetItem(mechs, [name, ""])
                for param, value in params.items():
                    QTreeWidgetItem(mech, [param, value])
        if sec["point_processes"]:
            pps = QTreeWidgetItem(item, ["Point processes", ""])
            for kind, names in sec["point_processes"].items():
                group = QTreeWidgetItem(pps, [kind, str(len(names))])
                for name in names:
                    QTreeWidgetItem(group, [name, ""])
        return item

    def item_texts(self) -> list[str]:
        """Every item's first column, depth first (what a reader of the tree sees)."""
        out: list[str] = []

        def walk(item: QTreeWidgetItem) -> None:
            out.append(item.text(0))
            for i in range(item.childCount()):
                walk(item.child(i))

        for i in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(i))
        return out
