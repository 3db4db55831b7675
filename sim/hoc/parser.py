"""Parsing HOC text into a lark tree (LALR, contextual lexer, cached grammar)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lark import Lark, Token, Tree, UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from sim.hoc.errors import HocError

__all__ = ["GRAMMAR_PATH", "parse", "parse_until_error", "position"]

GRAMMAR_PATH = Path(__file__).with_name("hoc.lark")

# How lark's terminal names read to a person.
_TOKEN_NAMES = {
    "NAME": "a name",
    "NUMBER": "a number",
    "STRING": "a string",
    "DOLLAR": "an argument ($1)",
    "_NL": "end of line",
    "LPAR": "'('",
    "RPAR": "')'",
    "LSQB": "'['",
    "RSQB": "']'",
    "LBRACE": "'{'",
    "RBRACE": "'}'",
    "COMMA": "','",
    "SEMICOLON": "';'",
    "COLON": "':'",
    "ASSIGNOP": "'='",
    "$END": "end of input",
    "BANG": "'!'",
    "MINUS": "'-'",
    "PLUS": "'+'",
    "STAR": "'*'",
    "SLASH": "'/'",
    "PERCENT": "'%'",
    "CIRCUMFLEX": "'^'",
    "DOT": "'.'",
    "AMPERSAND": "'&'",
    "LESSTHAN": "'<'",
    "MORETHAN": "'>'",
    "FUNCKIND": "'proc'",
}


@lru_cache(maxsize=1)
def _parser() -> Lark:
    return Lark(
        GRAMMAR_PATH.read_text(),
        parser="lalr",
        lexer="contextual",
        maybe_placeholders=True,
        cache=True,
    )


def position(node: Tree | Token | None) -> tuple[int | None, int | None]:
    """Line and column of the first token under ``node`` (keywords are not kept)."""
    while isinstance(node, Tree):
        children = [c for c in node.children if c is not None]
        if not children:
            return None, None
        node = children[0]
    if isinstance(node, Token):
        return node.line, node.column
    return None, None


def _describe_expected(expected: set[str] | frozenset[str]) -> str:
    names = set()
    for term in expected:
        if term in _TOKEN_NAMES:
            names.add(_TOKEN_NAMES[term])
        elif term.isupper() and term.isalpha() and len(term) > 1:
            names.add(f"'{term.lower()}'")
        else:
            names.add(term)
    ordered = sorted(names)
    if len(ordered) > 8:
        ordered = [*ordered[:8], "..."]
    return ", ".join(ordered)


def parse(text: str, filename: str | None = None) -> Tree:
    """Parse HOC source; a syntax error raises :class:`HocError` with its place."""
    if not text.endswith("\n"):
        text += "\n"
    try:
        return _parser().parse(text)
    except UnexpectedInput as exc:
        raise _syntax_error(exc, text, filename) from None


def parse_until_error(text: str, filename: str | None = None) -> tuple[Tree, HocError | None]:
    """The top-level statements before the first syntax error, and that error (or None).

    NEURON reads a file statement by statement, so what precedes a syntax error has run
    when the error is reported; the caller runs the returned tree, then raises the error.
    """
    if not text.endswith("\n"):
        text += "\n"
    try:
        return _parser().parse(text), None
    except UnexpectedInput as exc:
        error = _syntax_error(exc, text, filename)
    cut = _last_statement_end(text)
    prefix = _parser().parse(text[:cut]) if cut else Tree("start", [])
    return prefix, error


@lru_cache(maxsize=1)
def _top_level_states() -> frozenset[tuple[int, ...]]:
    """The parser's state stacks just after a separator at top level (between statements).

    An LR state is entered by one grammar symbol only, so a whole stack seen here after
    a separator can only mean "at top level, after a separator" in any other text.
    """
    seen: set[tuple[int, ...]] = set()
    # a statement or a separator first, then every order of the two
    for sample in ("x\nx;\n;x\n\n", "\n;x\n;;\n\nx;\nx\n"):
        interactive = _parser().parse_interactive(sample)
        previous = ""
        for token in interactive.iter_parse():  # the stack as it stands before each token
            if previous in _SEPARATORS:
                seen.add(tuple(interactive.parser_state.state_stack))
            previous = token.type
    return frozenset(seen)


_SEPARATORS = ("_NL", "SEMICOLON")


def _last_statement_end(text: str) -> int:
    """Where the last complete top-level statement before the first syntax error ends."""
    top = _top_level_states()
    interactive = _parser().parse_interactive(text)
    cut, previous, previous_end = 0, "", 0
    try:
        for token in interactive.iter_parse():
            if previous in _SEPARATORS and tuple(interactive.parser_state.state_stack) in top:
                cut = previous_end  # the separator just fed closed a top-level statement
            previous, previous_end = token.type, token.end_pos
    except UnexpectedInput:
        # a word no rule takes (`else` starting a line) fails as it is read, before the loop
        # sees it: the separator before it may still have closed a statement
        if previous in _SEPARATORS and tuple(interactive.parser_state.state_stack) in top:
            cut = previous_end
    return cut


def _syntax_error(exc: UnexpectedInput, text: str, filename: str | None) -> HocError:
    line = getattr(exc, "line", None) or 1
    column = getattr(exc, "column", None) or 1
    lines = text.splitlines()
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    if isinstance(exc, UnexpectedToken):
        tok = exc.token
        found = "end of input" if tok.type == "$END" else repr(str(tok))
        if tok.type == "_NL":
            found = "end of line"
        expected = _describe_expected(exc.expected)
        message = f"syntax error: unexpected {found}; expected {expected}"
    elif isinstance(exc, UnexpectedCharacters):
        char = text[exc.pos_in_stream] if exc.pos_in_stream < len(text) else "?"
        message = f"syntax error: unexpected character {char!r}"
        allowed = getattr(exc, "allowed", None)
        if allowed:
            message += f"; expected {_describe_expected(allowed)}"
    else:
        message = "syntax error: unexpected end of input"
    return HocError(message, filename=filename, line=line, column=column, source_line=source)
