"""The house rules of DESIGN.md, checked on the source: imports point one way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

QT_MODULES = {"PySide6", "shiboken6", "pyqtgraph"}

# package -> top-level modules it must never import
FORBIDDEN = {
    "sim": QT_MODULES | {"layouts", "widgets", "app"},
    "layouts": {"widgets", "app"},
    "widgets": {"app"},
}


def imported_top_levels(path: Path) -> set[tuple[str, int]]:
    """Every top-level module a file imports (at any depth: lazy imports count too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[tuple[str, int]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.add((alias.name.split(".")[0], node.lineno))
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add((node.module.split(".")[0], node.lineno))
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add((node.args[0].value.split(".")[0], node.lineno))
    return found


def violations(package: str, root: Path = ROOT) -> list[str]:
    bad = []
    for path in sorted((root / package).rglob("*.py")):
        for mod, line in sorted(imported_top_levels(path)):
            if mod in FORBIDDEN[package]:
                bad.append(f"{path.relative_to(root)}:{line} imports {mod}")
    return bad


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_point_one_way(package):
    assert violations(package) == []


def test_rule_catches_a_qt_import_in_sim(tmp_path):
    """The checker itself works: a sim module importing PySide6 is reported."""
    (tmp_path / "sim").mkdir()
    (tmp_path / "sim" / "bad.py").write_text("def f():\n    import PySide6.QtCore\n")
    assert violations("sim", tmp_path) == ["sim/bad.py:2 imports PySide6"]


def test_sim_imports_without_qt():
    """`import sim` in a process where Qt cannot be imported at all."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'):\n"
        "            raise ImportError('Qt is blocked in this test')\n"
        "sys.meta_path.insert(0, Block())\n"
        "from sim import h\n"
        "soma = h.Section(name='soma')\n"
        "print(soma.name(), 'PySide6' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "soma False"
