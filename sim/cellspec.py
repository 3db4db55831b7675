"""The Cell Builder's specification: topology, subsets, geometry and biophysics, and the
code it writes (a top-level HOC export, a HOC template, a Python class).

Section names are NEURON's: a base name plus an index when a base has several
(``dend[0]``, ``dend[1]``).  Every child connects at its parent's distal end (1).
Geometry and biophysics are given per *target* (a subset name or a section name), applied
in the order given (general first, then specific).  The d_lambda rule is NEURON's:
``nseg = int((L/(d_lambda*lambda_f(100)) + .999)/2)*2 + 1``.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Biophysics", "CellSessionCalls", "CellSpec", "Geometry", "parse_mech_text"]


@dataclass
class Geometry:
    L: float | None = None
    diam: float | None = None
    nseg: int | None = None
    d_lambda: float | None = None
    d_X: float | None = None  # nseg = int((L/d_X + .999)/2)*2 + 1


@dataclass
class Biophysics:
    Ra: float | None = None
    cm: float | None = None
    mechanisms: dict[str, dict[str, float]] = field(default_factory=dict)


@dataclass
class _Section:
    base: str
    parent: str | None  # parent section's full name


def _base_of(name: str) -> str:
    return re.sub(r"\[\d+\]$", "", name)


class CellSpec:
    """What the Cell Builder's tabs edit; ``hoc_export()`` etc. turn it into code."""

    def __init__(self) -> None:
        self._sections: list[_Section] = [_Section("soma", None)]
        self.subsets: dict[str, list[str]] = {}
        self.geometry: list[tuple[str, Geometry]] = []
        self.biophysics: list[tuple[str, Biophysics]] = []
        self._undo: list[Any] = []

    # -- topology ---------------------------------------------------------------------
    def names(self) -> list[str]:
        """Full section names in creation order (``soma``, ``dend[0]``, ``dend[1]``...)."""
        counts: dict[str, int] = {}
        for s in self._sections:
            counts[s.base] = counts.get(s.base, 0) + 1
        seen: dict[str, int] = {}
        out = []
        for s in self._sections:
            i = seen.get(s.base, 0)
            seen[s.base] = i + 1
            out.append(s.base if counts[s.base] == 1 else f"{s.base}[{i}]")
        return out

    def parent_of(self, name: str) -> str | None:
        return self._sections[self.names().index(name)].parent

    def _snapshot(self) -> None:
        self._undo.append(copy.deepcopy((self._sections, self.subsets)))

    def _renamed(self, mapping: dict[str, str]) -> None:
        for s in self._sections:
            if s.parent in mapping:
                s.parent = mapping[s.parent]
        for key, members in self.subsets.items():
            self.subsets[key] = [mapping.get(m, m) for m in members]

    def add_section(self, base: str, parent: str) -> str:
        """A new section ``base`` connected to ``parent(1)``; returns its name."""
        if not re.fullmatch(r"[A-Za-z_]\w*", base):
            raise ValueError(f"Cell Builder: {base!r} is not a valid section name")
        if parent not in self.names():
            raise ValueError(f"Cell Builder: there is no section {parent!r} to connect to")
        self._snapshot()
        before = self.names()
        self._sections.append(_Section(base, parent))
        after = self.names()
        self._renamed({b: a for b, a in zip(before, after, strict=False) if b != a})
        return after[-1]

    def delete_section(self, name: str) -> None:
        """Delete ``name`` and its subtree (the root cannot be deleted)."""
        names = self.names()
        i = names.index(name)
        if self._sections[i].parent is None:
            raise ValueError("Cell Builder: the root section cannot be deleted")
        self._snapshot()
        doomed = {name}
        for n, s in zip(names, self._sections, strict=True):
            if s.parent in doomed:
                doomed.add(n)
        keep = [(n, s) for n, s in zip(names, self._sections, strict=True) if n not in doomed]
        self._sections = [s for _, s in keep]
        self._renamed(dict(zip([n for n, _ in keep], self.names(), strict=True)))
        for key in self.subsets:
            self.subsets[key] = [m for m in self.subsets[key] if m not in doomed]

    def rename(self, name: str, base: str) -> str:
        """Give section ``name`` a new base name; returns its new full name."""
        if not re.fullmatch(r"[A-Za-z_]\w*", base):
            raise ValueError(f"Cell Builder: {base!r} is not a valid section name")
        self._snapshot()
        names = self.names()
        self._sections[names.index(name)].base = base
        self._renamed(dict(zip(names, self.names(), strict=True)))
        return self.names()[names.index(name)]

    def undo(self) -> bool:
        """Undo the last topology change; False if there is none."""
        if not self._undo:
            return False
        self._sections, self.subsets = self._undo.pop()
        return True

    def topology_text(self) -> list[str]:
        """The ``connect`` statements, children in creation order."""
        return [
            f"connect {n}(0), {s.parent}(1)"
            for n, s in zip(self.names(), self._sections, strict=True)
            if s.parent is not None
        ]

    # -- subsets, geometry, biophysics -----------------------------------------------
    def add_subset(self, name: str, members: list[str]) -> None:
        if name == "all" or not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise ValueError(f"Cell Builder: {name!r} cannot name a subset")
        unknown = [m for m in members if m not in self.names()]
        if unknown:
            raise ValueError(f"Cell Builder: no section named {', '.join(unknown)}")
        self.subsets[name] = list(members)

    def targets(self) -> list[str]:
        return ["all", *self.subsets, *self.names()]

    def members(self, target: str) -> list[str]:
        if target == "all":
            return self.names()
        if target in self.subsets:
            return list(self.subsets[target])
        return [target]

    def set_geometry(self, target: str, **values: Any) -> None:
        self.geometry.append((target, Geometry(**values)))

    def set_biophysics(self, target: str, **values: Any) -> None:
        self.biophysics.append((target, Biophysics(**values)))

    # -- code -------------------------------------------------------------------------
    def _declarations(self) -> list[str]:
        counts: dict[str, int] = {}
        for s in self._sections:
            counts[s.base] = counts.get(s.base, 0) + 1
        return [b if n == 1 else f"{b}[{n}]" for b, n in counts.items()]

    def _forsec(self, target: str) -> str:
        return "forall" if target == "all" and not self.subsets else f"forsec {target}"

    def procs(self) -> list[str]:
        """``topol``, ``subsets``, ``geom``, ``geom_nseg``, ``biophys`` as HOC procs."""
        out = ["proc topol() {", *[f"  {c}" for c in self.topology_text()], "}"]
        out += ["proc subsets() {", "  all = new SectionList()"]
        out += [f"  {n} all.append()" for n in self.names()]
        for key, members in self.subsets.items():
            out += [f"  {key} = new SectionList()", *[f"  {m} {key}.append()" for m in members]]
        out.append("}")
        out += (
            ["proc geom() {"]
            + [
                f"  forsec {t} {{ {g} }}" if t in ("all", *self.subsets) else f"  {t} {{ {g} }}"
                for t, g in self._geom_statements(nseg=False)
            ]
            + ["}"]
        )
        out += (
            ["proc geom_nseg() {"]
            + [
                f"  forsec {t} {{ {g} }}" if t in ("all", *self.subsets) else f"  {t} {{ {g} }}"
                for t, g in self._geom_statements(nseg=True)
            ]
            + ["}"]
        )
        out += ["proc biophys() {"]
        for t, b in self.biophysics:
            body = []
            if b.Ra is not None:
                body.append(f"Ra = {b.Ra:g}")
            if b.cm is not None:
                body.append(f"cm = {b.cm:g}")
            for mech, params in b.mechanisms.items():
                body.append(f"insert {mech}")
                body += [f"{p}_{mech} = {v:g}" for p, v in params.items()]
            head = f"forsec {t}" if t in ("all", *self.subsets) else t
            out.append(f"  {head} {{ {'  '.join(body)} }}")
        out.append("}")
        return out

    def _geom_statements(self, nseg: bool) -> list[tuple[str, str]]:
        out = []
        for t, g in self.geometry:
            if nseg:
                if g.d_lambda is not None:
                    out.append((t, f"nseg = int((L/({g.d_lambda:g}*lambda_f(100))+.999)/2)*2 + 1"))
                elif g.d_X is not None:
                    out.append((t, f"nseg = int((L/{g.d_X:g}+.999)/2)*2 + 1"))
                elif g.nseg is not None:
                    out.append((t, f"nseg = {int(g.nseg)}"))
                continue
            parts = [f"{k} = {v:g}" for k, v in (("L", g.L), ("diam", g.diam)) if v is not None]
            if parts:
                out.append((t, "  ".join(parts)))
        return out

    def hoc_export(self) -> str:
        """Top-level HOC: ``proc celldef()`` and its procs, then ``celldef()``."""
        lines = [
            "// Created by NeuroQt's Cell Builder",
            '{load_file("stdlib.hoc")}  // lambda_f',
            "",
            "proc celldef() {",
            "  topol()",
            "  subsets()",
            "  geom()",
            "  biophys()",
            "  geom_nseg()",
            "}",
            "",
        ]
        lines += [f"create {', '.join(self._declarations())}", ""]
        lines += [f"objref {', '.join(['all', *self.subsets])}", ""]
        lines += self.procs()
        lines += ["", f"access {self.names()[0]}", "", "celldef()", ""]
        return "\n".join(lines)

    def hoc_template(self, classname: str) -> str:
        """A HOC template ``classname`` (what Management ▸ Cell Type saves)."""
        public = ["init", "topol", "subsets", "geom", "biophys", "geom_nseg", "x", "y", "z"]
        decl = self._declarations()
        public += [re.sub(r"\[\d+\]$", "", d) for d in decl] + ["all", *self.subsets]
        lines = [
            '{load_file("stdlib.hoc")}  // lambda_f',
            f"begintemplate {classname}",
            f"public {', '.join(public)}",
            "external lambda_f",
            f"create {', '.join(decl)}",
            f"objref {', '.join(['all', *self.subsets])}",
            "proc init() {",
            "  topol()",
            "  subsets()",
            "  geom()",
            "  biophys()",
            "  geom_nseg()",
            "  x = y = z = 0",
            "}",
        ]
        lines += self.procs()
        lines += [f"endtemplate {classname}", ""]
        return "\n".join(lines)

    def python_class(self, classname: str) -> str:
        """A Python class that builds the same cell with ``h.Section`` objects."""
        names = self.names()
        py = {n: re.sub(r"\[(\d+)\]$", r"_\1", n) for n in names}
        lines = ["from neuron import h", "", "", f"class {classname}:", "    def __init__(self):"]
        for n in names:
            lines.append(f"        self.{py[n]} = h.Section(name={n!r}, cell=self)")
        for n in names:
            parent = self.parent_of(n)
            if parent is not None:
                lines.append(f"        self.{py[n]}.connect(self.{py[parent]}(1))")
        lines.append(f"        self.all = [{', '.join('self.' + py[n] for n in names)}]")
        for key, members in self.subsets.items():
            lines.append(f"        self.{key} = [{', '.join('self.' + py[m] for m in members)}]")
        lines.append("        self._geom()")
        lines.append("        self._biophys()")
        lines.append("        self._geom_nseg()")
        lines += self._python_methods(py)
        lines.append("")
        lines.append(f"    def __repr__(self):\n        return {classname!r}")
        return "\n".join(lines) + "\n"

    def _py_group(self, target: str, py: dict[str, str]) -> str:
        if target == "all" or target in self.subsets:
            return f"self.{target}"
        return f"[self.{py[target]}]"

    def _python_methods(self, py: dict[str, str]) -> list[str]:
        out = ["", "    def _geom(self):"]
        for t, g in self.geometry:
            for k in ("L", "diam"):
                v = getattr(g, k)
                if v is not None:
                    out.append(f"        for sec in {self._py_group(t, py)}:")
                    out.append(f"            sec.{k} = {v!r}")
        out.append("        pass")
        out += ["", "    def _geom_nseg(self):"]
        for t, g in self.geometry:
            if g.d_lambda is not None:
                out.append(f"        for sec in {self._py_group(t, py)}:")
                out.append(
                    "            lam = 1e5 * (sec.diam / (4 * 3.141592653589793 * 100"
                    " * sec.Ra * sec.cm)) ** 0.5"
                )
                out.append(
                    f"            sec.nseg = int((sec.L / ({g.d_lambda!r} * lam)"
                    " + 0.999) / 2) * 2 + 1"
                )
            elif g.d_X is not None:
                out.append(f"        for sec in {self._py_group(t, py)}:")
                out.append(f"            sec.nseg = int((sec.L / {g.d_X!r} + 0.999) / 2) * 2 + 1")
            elif g.nseg is not None:
                out.append(f"        for sec in {self._py_group(t, py)}:")
                out.append(f"            sec.nseg = {int(g.nseg)}")
        out.append("        pass")
        out += ["", "    def _biophys(self):"]
        for t, b in self.biophysics:
            out.append(f"        for sec in {self._py_group(t, py)}:")
            if b.Ra is not None:
                out.append(f"            sec.Ra = {b.Ra!r}")
            if b.cm is not None:
                out.append(f"            sec.cm = {b.cm!r}")
            for mech, params in b.mechanisms.items():
                out.append(f"            sec.insert({mech!r})")
                for p, v in params.items():
                    out.append(
                        f"            for seg in sec:\n                seg.{p}_{mech} = {v!r}"
                    )
            out.append("            pass")
        out.append("        pass")
        return out


def parse_mech_text(text: str) -> dict[str, dict[str, float]]:
    """``"hh:gnabar=0.12,gl=0.0003 pas"`` (a session's mechanisms) as a dict."""
    out: dict[str, dict[str, float]] = {}
    for word in text.split():
        name, _, params = word.partition(":")
        out[name] = {k: float(v) for k, _, v in (p.partition("=") for p in params.split(",") if p)}
    return out


class CellSessionCalls:
    """What a Cell Builder session block calls (``spec_section``, ``spec_geom``...), and
    making the cell from the specification; shared by the Qt Cell Builder and the
    headless one.  Needs ``self.spec`` (a :class:`CellSpec`) and ``hname()``."""

    spec: CellSpec

    def hname(self) -> str:  # pragma: no cover - provided by the tool
        raise NotImplementedError

    def _refresh(self) -> None:
        """Hook: the specification changed (the Qt tool redraws its views)."""

    def spec_section(self, base: str, parent: str) -> float:
        self.spec.add_section(str(base), str(parent))
        self._refresh()
        return 0.0

    def spec_subset(self, name: str, members: str) -> float:
        self.spec.add_subset(str(name), str(members).split())
        self._refresh()
        return 0.0

    def spec_geom(self, target: str, L: float, diam: float, nseg: float, *spatial: float) -> float:
        """``spec_geom(target, L, diam, nseg, d_lambda[, d_X])``, -1 for "not given"."""
        d_lambda, d_x = (*spatial, -1, -1)[:2]
        values = {"L": L, "diam": diam, "nseg": nseg, "d_lambda": d_lambda, "d_X": d_x}
        given = {k: (int(v) if k == "nseg" else float(v)) for k, v in values.items() if v != -1}
        self.spec.set_geometry(str(target), **given)
        self._refresh()
        return 0.0

    def spec_biophys(self, target: str, Ra: float, cm: float, mechs: str) -> float:
        self.spec.set_biophysics(
            str(target),
            Ra=None if Ra == -1 else float(Ra),
            cm=None if cm == -1 else float(cm),
            mechanisms=parse_mech_text(str(mechs)),
        )
        self._refresh()
        return 0.0

    def instantiate(self) -> None:
        """Make (or remake) the cell at top level from the specification."""
        from sim import h
        from sim.hoc.errors import HocError

        interp = h._hoc()
        inside = interp.top.obj
        if interp.object_stack:  # called from a session's object_push(): top level is below
            interp.top.obj = interp.object_stack[0]
        try:
            interp.run_text(self.spec.hoc_export(), f"{self.hname()} (Continuous Create)")
        except HocError as e:
            raise ValueError(f"Cell Builder: could not make the cell: {e}") from None
        finally:
            interp.top.obj = inside
