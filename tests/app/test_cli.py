"""The `neuroqt` command as a user types it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import app

ROOT = Path(__file__).resolve().parents[2]


def neuroqt(*args: str, env_extra: dict | None = None, timeout: float = 60):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env_extra or {}))
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
    )


def test_version():
    out = neuroqt("--version")
    assert out.returncode == 0
    assert out.stdout.strip() == f"neuroqt {app.__version__}"


def test_help_documents_the_options():
    out = neuroqt("-h")
    assert out.returncode == 0
    for option in ("-nogui", "-c", "-i", "--demo", "--version", "FILE"):
        assert option in out.stdout


def test_missing_file_is_one_line_naming_it():
    out = neuroqt("no_such_file.py")
    assert out.returncode != 0
    lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1
    assert "no_such_file.py" in lines[0]


def test_nogui_runs_a_neuron_script(tmp_path):
    script = tmp_path / "s.py"
    script.write_text("from neuron import h, gui\nimport sys\nprint('args', sys.argv[1:])\n")
    out = neuroqt("-nogui", str(script), "--", "--cells", "3")
    assert out.returncode == 0, out.stderr
    assert "args ['--cells', '3']" in out.stdout


def test_nogui_script_error_exits_nonzero(tmp_path):
    script = tmp_path / "bad.py"
    script.write_text("raise ValueError('broken model')\n")
    out = neuroqt("-nogui", str(script))
    assert out.returncode != 0
    assert "ValueError: broken model" in out.stderr
