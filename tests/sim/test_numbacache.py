"""numba's cache folder follows the engine's sources, so an upgrade never loads stale kernels."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from sim.engine import _numbacache

ENGINE = Path(_numbacache.__file__).resolve().parent
ROOT = ENGINE.parents[1]


def test_a_change_in_any_engine_file_gives_another_folder(tmp_path: Path) -> None:
    copy = tmp_path / "engine"
    shutil.copytree(ENGINE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = _numbacache.engine_hash(copy)
    assert before == _numbacache.engine_hash(ENGINE)
    hh = copy / "_hh.py"  # inlined into the step loop, which lives in another file
    hh.write_text(hh.read_text() + "\n# changed\n")
    assert _numbacache.engine_hash(copy) != before


def _numba_cache_dir(env: dict[str, str]) -> str:
    code = "import sim.engine, numba; print(numba.config.CACHE_DIR)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    return out.stdout.strip()


def test_the_engine_caches_in_its_own_versioned_folder(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    env["NEUROQT_CACHE_DIR"] = str(tmp_path)
    stale = tmp_path / "numba" / "0123456789abcdef"
    for i in range(6):  # folders of older engine versions: the oldest go
        (tmp_path / "numba" / f"old{i}").mkdir(parents=True)
    stale.mkdir()
    folder = _numba_cache_dir(env)
    assert folder == str(tmp_path / "numba" / _numbacache.engine_hash())
    assert len(list((tmp_path / "numba").iterdir())) == 1 + _numbacache._KEEP
