"""Where numba keeps the engine's compiled functions: one folder per version of the engine.

numba's own cache (``cache=True``) checks only the file that defines a function.  The
step loop inlines functions from other files (hh's table and currents, the synapses,
the event queue), so after an upgrade that changed only those files numba would load
the old loop: stale code with a stale data layout, and wrong numbers without an error.
Keying the folder by a hash of every engine source makes any change start afresh.

The folder is ``<NeuroQt cache>/numba/<hash>`` (see :mod:`sim._cachedir`); this runs
when :mod:`sim.engine` imports this module, before any kernel is defined.  Folders of other
versions are removed, keeping the few most recent (another installed version may be
using one).  With caching off (``NEUROQT_CACHE_DIR=""``) numba's default applies.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

from sim._cachedir import user_cache_dir

__all__ = ["configure"]

_KEEP = 4  # folders of other engine versions kept


def engine_hash(folder: Path | None = None) -> str:
    """A hash of every Python source of the engine (names and contents)."""
    folder = folder or Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    for path in sorted(folder.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def configure() -> Path | None:
    """Point numba's cache at this engine version's folder; returns it (None: unchanged)."""
    base = user_cache_dir("numba")
    if base is None:
        return None
    try:
        folder = base / engine_hash()
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # no writable cache folder: numba's default (beside the sources)
    os.environ["NUMBA_CACHE_DIR"] = str(folder)
    numba = sys.modules.get("numba")
    if numba is not None:  # already imported: its config has read the environment
        numba.config.CACHE_DIR = str(folder)
    _prune(base, folder)
    return folder


def _prune(base: Path, keep: Path) -> None:
    try:
        others = [p for p in base.iterdir() if p.is_dir() and p != keep]
        others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in others[_KEEP:]:
            shutil.rmtree(old, ignore_errors=True)
    except OSError:
        pass


configure()
