"""NeuroQt's folder for things it keeps between runs (parsed HOC files, compiled kernels).

``$NEUROQT_CACHE_DIR`` when set (set but empty: keep nothing), else the user's cache
folder: ``~/.cache/neuroqt`` on Linux (``$XDG_CACHE_HOME`` respected),
``~/Library/Caches/neuroqt`` on macOS, ``%LOCALAPPDATA%\\neuroqt\\cache`` on Windows.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["user_cache_dir"]


def user_cache_dir(kind: str) -> Path | None:
    """The folder for ``kind`` (say ``"hoc"``), or None when caching is off."""
    chosen = os.environ.get("NEUROQT_CACHE_DIR")
    if chosen is not None:
        return Path(chosen).expanduser() / kind if chosen else None
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
        return base / "neuroqt" / "cache" / kind
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "neuroqt" / kind
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "neuroqt" / kind
