"""A HOC file as the interpreter's input: ``fscan()`` and ``getstr()`` with no file opened
by ``ropen`` read the text that follows the running statement, as in NEURON.

Old morphology files rely on it: ``proc geometry() { ... fscan() ... }`` then
``geometry()``, then the numbers (with headings such as ``SOMA COORDINATES AND
DIAMETERS:`` among them, which fscan skips).  What fscan consumed is not HOC: the
interpreter goes on reading statements after it.
"""

from __future__ import annotations

import re
from typing import Any

from lark import Token, Tree

from sim.hoc.errors import HocError

__all__ = ["InputText", "masked", "number_in"]

_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?:nan|inf)", re.I)
_SPACE = re.compile(r"\s*")
_WORD = re.compile(r"\S+")


def number_in(word: str) -> float | None:
    """The number a word starts with (as C's scanf %lf reads it), or None: fscan skips it."""
    found = _NUMBER.match(word)
    return float(found.group()) if found else None


class InputText:
    """The text of the file being run, and where reading it may continue."""

    def __init__(self, text: str, filename: str | None) -> None:
        self.text = text
        self.filename = filename
        self.statement: Tree | None = None  # the top-level statement running now
        self.pos: int | None = None  # set once fscan/getstr has read something

    def start(self, statement: Tree) -> None:
        self.statement = statement
        self.pos = None

    @property
    def consumed(self) -> bool:
        return self.pos is not None

    def _position(self) -> int:
        """Where reading goes on: the start of the line after the running statement."""
        if self.pos is not None:
            return self.pos
        end = _last_end(self.statement) if self.statement is not None else 0
        newline = self.text.find("\n", end)
        return len(self.text) if newline < 0 else newline + 1

    def read_number(self) -> float:
        """The next number in the text; words that are not numbers are skipped."""
        pos = self._position()
        text = self.text
        while True:
            pos = _SPACE.match(text, pos).end()
            if pos >= len(text):
                self.pos = pos
                raise HocError(f"fscan: end of {self.filename or 'input'} while reading a number")
            word = _WORD.match(text, pos)
            pos = word.end()
            number = number_in(word.group())
            if number is not None:
                self.pos = pos
                return number

    def read_line(self) -> str:
        """The rest of the present line (with its newline), "" at the end."""
        pos = self._position()
        newline = self.text.find("\n", pos)
        end = len(self.text) if newline < 0 else newline + 1
        self.pos = end
        return self.text[pos:end]


def _last_end(node: Any) -> int:
    """The end offset of the last token under ``node``."""
    end = 0
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Token):
            if item.end_pos is not None and item.end_pos > end:
                end = item.end_pos
        elif isinstance(item, Tree):
            stack.extend(item.children)
    return end


def masked(text: str, offset: int) -> str:
    """``text`` with everything before ``offset`` blanked (newlines kept, so lines and
    columns of what follows stay where they were)."""
    head = text[:offset]
    return re.sub(r"[^\n]", " ", head) + text[offset:]
