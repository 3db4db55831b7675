"""Parsed HOC files kept on disk, so a file read again needs no parsing.

Parsing runs in Python at about 10 us per character (a 100 KB model file takes
a second); reading the tree back from JSON is about ten times faster, and skips
building the parser at all when nothing else needs it.  An entry is keyed by the
SHA-256 of the text, the grammar and lark's version, so an edited file or a new
grammar never reads a stale tree.  Every failure (no cache folder, a damaged or
foreign file, a full disk) just means parsing as usual.

The folder is ``$NEUROQT_CACHE_DIR`` when set (empty: no cache), else the user's
cache folder (``~/.cache/neuroqt/hoc`` on Linux, ``~/Library/Caches/neuroqt/hoc``
on macOS, ``%LOCALAPPDATA%\\neuroqt\\cache\\hoc`` on Windows).  JSON, not pickle:
reading a cache file never runs code.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import lark
from lark import Token, Tree

from sim._cachedir import user_cache_dir
from sim.hoc.errors import HocError
from sim.hoc.parser import GRAMMAR_PATH, parse_until_error

__all__ = ["cache_dir", "parse_cached"]

_FORMAT = "neuroqt-hoc-tree-1"
_MAX_ENTRIES = 256


def cache_dir() -> Path | None:
    """Where parsed trees are kept (None: caching is off)."""
    return user_cache_dir("hoc")


@lru_cache(maxsize=1)
def _grammar_stamp() -> str:
    grammar = GRAMMAR_PATH.read_bytes()
    return hashlib.sha256(grammar + lark.__version__.encode()).hexdigest()


def _key(text: str) -> str:
    digest = hashlib.sha256(f"{_FORMAT}\0{_grammar_stamp()}\0".encode())
    digest.update(text.encode("utf-8", errors="surrogatepass"))
    return digest.hexdigest()


def parse_cached(text: str, filename: str | None) -> tuple[Tree, HocError | None]:
    """:func:`~sim.hoc.parser.parse_until_error`, reading and keeping whole parses on disk."""
    folder = cache_dir()
    if folder is None:
        return parse_until_error(text, filename)
    key = _key(text)
    tree = _read(folder / f"{key}.json")
    if tree is not None:
        return tree, None
    tree, error = parse_until_error(text, filename)
    if error is None:
        _write(folder, key, tree)
    return tree, error


def _read(path: Path) -> Tree | None:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        if data.get("format") != _FORMAT:
            return None
        tree = _decode(data["tree"])
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None  # absent, unreadable or damaged: parse instead
    return tree if isinstance(tree, Tree) else None


def _write(folder: Path, key: str, tree: Tree) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        payload = json.dumps({"format": _FORMAT, "tree": _encode(tree)}, separators=(",", ":"))
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(payload)
        os.replace(tmp, folder / f"{key}.json")  # readers see a whole file or none
        _prune(folder)
    except (OSError, ValueError, RecursionError):
        pass  # a cache that cannot be written is no cache


def _prune(folder: Path) -> None:
    """Keep the most recently written entries only."""
    entries = [e for e in os.scandir(folder) if e.name.endswith((".json", ".tmp"))]
    if len(entries) <= _MAX_ENTRIES:
        return
    entries.sort(key=lambda e: e.stat().st_mtime)
    for entry in entries[: len(entries) - _MAX_ENTRIES]:
        try:
            os.unlink(entry.path)
        except OSError:
            pass


def _encode(node: Any) -> Any:
    if node is None:
        return None
    if isinstance(node, Token):
        return [node.type, str(node), node.start_pos, node.line, node.column,
                node.end_line, node.end_column, node.end_pos]  # fmt: skip
    return {"d": str(node.data), "c": [_encode(c) for c in node.children]}


def _decode(data: Any) -> Any:
    if data is None:
        return None
    if isinstance(data, list):
        return Token(*data)
    return Tree(data["d"], [_decode(c) for c in data["c"]])
