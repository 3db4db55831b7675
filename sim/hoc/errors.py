"""HOC errors: where they happened, what was expected, how we got there.

Every problem in HOC code (a syntax error, an undefined name, a division by
zero inside a procedure) becomes a :class:`HocError`.  It carries the file,
line and column, the offending source line, and the chain of HOC calls that
led there, and formats itself the way NEURON's messages read::

    NEURON: division by zero
     in cell.hoc:8:5
     b(0)
         ^
            a(0)
          b(0)
"""

from __future__ import annotations

__all__ = ["HocError"]

_CHAIN_SHOWN = 12  # calls listed in a message (the innermost and the outermost)


class HocError(RuntimeError):
    """An error in HOC code, with its place (``filename``, ``line``, ``column``)."""

    def __init__(
        self,
        message: str,
        *,
        filename: str | None = None,
        line: int | None = None,
        column: int | None = None,
        source_line: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.filename = filename
        self.line = line
        self.column = column
        self.source_line = source_line
        self.chain: list[str] = []

    @property
    def located(self) -> bool:
        return self.line is not None

    def locate(
        self, filename: str | None, line: int, column: int | None, source_line: str | None
    ) -> None:
        """Record where the error happened (the innermost place wins)."""
        if self.line is None:
            self.filename = filename
            self.line = line
            self.column = column
            self.source_line = source_line

    def where(self) -> str:
        """``file:line:column`` (or what of it is known)."""
        name = self.filename or "<hoc>"
        if self.line is None:
            return name
        if self.column is None:
            return f"{name}:{self.line}"
        return f"{name}:{self.line}:{self.column}"

    def format(self) -> str:
        """The full message: what, where, the source line with a caret, the call chain."""
        lines = [f"NEURON: {self.message}", f" in {self.where()}"]
        if self.source_line is not None:
            text = self.source_line.rstrip("\n")
            lines.append(" " + text)
            if self.column is not None:
                lines.append(" " + " " * max(self.column - 1, 0) + "^")
        chain = self.chain
        if len(chain) > _CHAIN_SHOWN:
            hidden = len(chain) - _CHAIN_SHOWN
            chain = [*chain[: _CHAIN_SHOWN // 2], f"... {hidden} more calls ...",
                     *chain[-(_CHAIN_SHOWN // 2) :]]  # fmt: skip
        depth = len(chain)
        for i, call in enumerate(chain):
            lines.append(" " * min(2 * (depth - i) + 2, 40) + call)
        return "\n".join(lines)

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return f"{self.message} ({self.where()})"
