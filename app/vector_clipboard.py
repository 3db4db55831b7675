"""The Vector menu's clipboard and NEURON's clipboard file format.

NEURON keeps one picked curve (a Graph's "Pick Vector", or Vector ▸ Retrieve
from File) as a pair of vectors, y and x.  Its file format is plain text:

    label:<label>
    <count>
    <x>\t<y>        (count lines, numbers printed like C's %g)

On reading, the ``label:`` line and the count line are optional; without a
count, pairs are read to the end of the file, and a line holding a single
number is a y value whose x is its index.

Graph views may fill the clipboard with :func:`set_clipboard` (their "Pick
Vector"); the Vector menu reads it with :func:`clipboard`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "Curve",
    "VectorFileError",
    "clipboard",
    "read_vector_file",
    "set_clipboard",
    "write_vector_file",
]


class VectorFileError(ValueError):
    """A clipboard file that cannot be read; the message names the file and line."""


@dataclass
class Curve:
    """y against x, with a label (what NEURON's clipboard holds)."""

    y: list[float] = field(default_factory=list)
    x: list[float] = field(default_factory=list)
    label: str = ""

    def __len__(self) -> int:
        return len(self.y)


_clipboard = Curve()


def clipboard() -> Curve:
    return _clipboard


def set_clipboard(y: Iterable[float], x: Iterable[float] | None = None, label: str = "") -> Curve:
    """Put a curve on the clipboard (x defaults to 0, 1, 2...)."""
    global _clipboard
    ys = [float(v) for v in y]
    xs = [float(v) for v in x] if x is not None else [float(i) for i in range(len(ys))]
    if len(xs) != len(ys):
        raise ValueError(f"x has {len(xs)} values but y has {len(ys)}; they must match")
    _clipboard = Curve(ys, xs, label)
    return _clipboard


def write_vector_file(path: str | Path, curve: Curve) -> None:
    """Write ``curve`` in NEURON's clipboard format."""
    lines = [f"label:{curve.label}", str(len(curve.y))]
    lines += [f"{x:g}\t{y:g}" for x, y in zip(curve.x, curve.y)]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _numbers(line: str, path: Path, lineno: int) -> list[float]:
    try:
        return [float(tok) for tok in line.split()]
    except ValueError:
        raise VectorFileError(
            f"{path}:{lineno}: expected numbers (x<TAB>y), found {line.strip()!r}"
        ) from None


def read_vector_file(path: str | Path) -> Curve:
    """Read a clipboard file (see the module docstring for what is accepted)."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise VectorFileError(f"cannot read {p}: {e.strerror or e}") from None
    label, start, count = "", 0, None
    if lines and lines[0].startswith("label:"):
        label, start = lines[0][len("label:") :].strip(), 1
    if start < len(lines) and len(lines[start].split()) == 1:
        first = _numbers(lines[start], p, start + 1)[0]
        if first.is_integer() and first >= 0 and start + 1 < len(lines):
            count, start = int(first), start + 1
    xs: list[float] = []
    ys: list[float] = []
    for i, line in enumerate(lines[start:], start=start + 1):
        if count is not None and len(ys) == count:
            break
        if not line.strip():
            continue
        nums = _numbers(line, p, i)
        if len(nums) == 1:
            xs.append(float(len(ys)))
            ys.append(nums[0])
        else:
            xs.append(nums[0])
            ys.append(nums[1])
    if count is not None and len(ys) < count:
        raise VectorFileError(f"{p}: the count line says {count} points but the file has {len(ys)}")
    return Curve(ys, xs, label)
