"""Undo the one guess the grammar makes wrongly: a call taken for a section prefix.

HOC lets statements follow each other on a line, and a section name may
prefix a statement (``soma L = 20``).  The LALR grammar cannot tell
``f() for i = 0, 2 g(i)`` (two statements) from a section prefix, so it
parses a *section statement* whose "section" is ``f()``.  Only a name, an
element or a member can name a section; for any other prefix this pass
splits the statement back in two: the prefix becomes an expression statement
where it stood, and what followed becomes the next statement of the
enclosing list (after the outermost statement that ended with the prefix).
"""

from __future__ import annotations

from lark import Tree

__all__ = ["split_statements"]

_SECTION_SHAPES = {"name", "index", "attr"}
# Statements whose last child is a statement that may end with a prefix.
_TRAILING_BODY = {
    "if_stmt",
    "while_stmt",
    "cfor_stmt",
    "range_for_stmt",
    "iter_for_stmt",
    "seg_for_stmt",
    "forall_stmt",
    "forsec_stmt",
    "ifsec_stmt",
    "sec_stmt",
}


def _names_section(prefix: Tree) -> bool:
    node = prefix
    while isinstance(node, Tree) and node.data in ("index", "attr"):
        node = node.children[0]
    return isinstance(node, Tree) and node.data == "name" and prefix.data in _SECTION_SHAPES


def _detach(stmt: Tree) -> Tree | None:
    """Split the rightmost mis-parsed section statement in ``stmt``; return what follows."""
    parent, index, node = None, -1, stmt
    while isinstance(node, Tree) and node.data in _TRAILING_BODY:
        if node.data == "sec_stmt" and not _names_section(node.children[0]):
            prefix, rest = node.children
            replacement = Tree("expr_stmt", [prefix])
            if parent is None:
                stmt.data, stmt.children = replacement.data, replacement.children
            else:
                parent.children[index] = replacement
            return rest
        index = _last_statement(node)
        if index < 0:
            return None
        parent, node = node, node.children[index]
    return None


def _last_statement(node: Tree) -> int:
    for i in range(len(node.children) - 1, -1, -1):
        if isinstance(node.children[i], Tree):
            return i
    return -1


def split_statements(stmts: list[Tree]) -> list[Tree]:
    """The statement list with every mis-parsed section prefix split off."""
    out: list[Tree] = []
    pending = list(reversed([s for s in stmts if isinstance(s, Tree)]))
    while pending:
        stmt = pending.pop()
        rest = _detach(stmt)
        out.append(stmt)
        if rest is not None:
            if rest.data in ("assign", "name", "call", "attr", "index"):
                rest = Tree("expr_stmt", [rest])
            pending.append(rest)
    return out
