"""What NeuroQt remembers between launches: window geometry, dock layout, recent files.

Backed by :class:`QSettings` (organisation "NeuroQt", application "NeuroQt").
With ``NEUROQT_NO_SETTINGS=1`` in the environment (the test suite sets it) the
store lives in memory only: nothing is read from or written to the user's
settings.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

__all__ = ["MAX_RECENT", "Settings", "settings"]

MAX_RECENT = 10


class Settings:
    """A small typed face over QSettings (or a dict when settings are disabled)."""

    def __init__(self, persistent: bool | None = None) -> None:
        if persistent is None:
            persistent = os.environ.get("NEUROQT_NO_SETTINGS", "") in ("", "0")
        self._qs: QSettings | None = QSettings("NeuroQt", "NeuroQt") if persistent else None
        self._mem: dict[str, Any] = {}

    @property
    def persistent(self) -> bool:
        return self._qs is not None

    # -- raw values -------------------------------------------------------------------
    def value(self, key: str, default: Any = None) -> Any:
        if self._qs is None:
            return self._mem.get(key, default)
        return self._qs.value(key, default)

    def set_value(self, key: str, value: Any) -> None:
        if self._qs is None:
            self._mem[key] = value
        else:
            self._qs.setValue(key, value)

    def sync(self) -> None:
        if self._qs is not None:
            self._qs.sync()

    # -- window state -----------------------------------------------------------------
    def bytes_value(self, key: str) -> QByteArray | None:
        raw = self.value(key)
        if isinstance(raw, QByteArray) and not raw.isEmpty():
            return raw
        if isinstance(raw, bytes | bytearray) and raw:
            return QByteArray(bytes(raw))
        return None

    # -- recent files -----------------------------------------------------------------
    def recent_files(self) -> list[str]:
        raw = self.value("recent/files", [])
        if isinstance(raw, str):  # QSettings hands a one-item list back as a str
            raw = [raw]
        return [str(p) for p in (raw or []) if p]

    def add_recent_file(self, path: str | Path) -> list[str]:
        """Put ``path`` first in the recent-file list (absolute, no duplicates)."""
        p = str(Path(path).resolve())
        files = [p] + [f for f in self.recent_files() if f != p]
        files = files[:MAX_RECENT]
        self.set_value("recent/files", files)
        return files

    def clear_recent_files(self) -> None:
        self.set_value("recent/files", [])


_settings: Settings | None = None


def settings() -> Settings:
    """The process-wide settings (decides persistence on first use)."""
    global _settings
    if _settings is None:
        _settings = Settings()
    return _settings
