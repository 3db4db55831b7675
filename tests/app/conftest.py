"""Fixtures for the application tests: a Main Menu window hosting the registry's windows."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_neuroqt(*args: str, env_extra: dict | None = None, timeout: float = 120, stdin: str = ""):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NEUROQT_NO_SETTINGS="1")
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
        input=stdin,
    )


@pytest.fixture
def neuroqt():
    """Run the `neuroqt` command (offscreen, no user settings); returns CompletedProcess."""
    return run_neuroqt


@pytest.fixture
def main_window(qtbot, monkeypatch):
    """A shown MainWindow (with fresh in-memory settings) hosting the test's windows."""
    from app import settings as settings_module
    from app.main_window import MainWindow
    from layouts.registry import registry

    monkeypatch.setenv("NEUROQT_NO_SETTINGS", "1")
    monkeypatch.setattr(settings_module, "_settings", None)

    from sim import compat

    shim_was_installed = compat.installed()
    win = MainWindow()
    qtbot.addWidget(win)
    reg = registry()
    reg.set_host(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    reg.close_all()
    reg.set_host(None)
    if not shim_was_installed:  # File ▸ Load Python installs the `neuron` shim
        compat.uninstall()


@pytest.fixture
def h_symbols():
    """``h``, put back as it was after the test (for installing implementations)."""
    import sim

    with sim.snapshot():
        yield sim.h
