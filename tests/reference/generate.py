"""Regenerate the reference data: run every case under real NEURON and store what it prints.

Run it with the python of an environment where ``pip install ".[reference]"`` installed
``neuron==9.0.2`` (never NeuroQt's own)::

    /path/to/refenv/bin/python tests/reference/generate.py          # every case
    /path/to/refenv/bin/python tests/reference/generate.py 010 5    # stems starting so

Each case runs in a fresh process with the scripts folder as working directory (so HOC
``xopen``/``load_file`` of helper files work); ``.hoc`` cases are loaded with
``h.load_file``.  Standard output goes to ``data/<stem>.txt`` behind one header line
naming the NEURON version; standard error is shown only if the case fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import DATA_DIR, HEADER_PREFIX, case_scripts  # noqa: E402

__all__ = ["main", "neuron_version", "run_under_neuron"]

REQUIRED_VERSION = "9.0.2"
_RUN_HOC = "import sys; from neuron import h; sys.exit(0 if h.load_file(sys.argv[1]) else 1)"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "PYTHONPATH")}
    env["PYTHONHASHSEED"] = "0"
    env["NEURON_MODULE_OPTIONS"] = "-nogui"
    return env


def neuron_version(python: str) -> str:
    """The version of the ``neuron`` package that ``python`` imports."""
    result = subprocess.run(
        [python, "-c", "import neuron; print(neuron.__version__)"],
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"{python} cannot import neuron:\n{result.stderr}")
    return result.stdout.strip().splitlines()[-1]


def run_under_neuron(python: str, script: Path) -> subprocess.CompletedProcess:
    """Run one case under real NEURON; .hoc cases through ``h.load_file``."""
    if script.suffix == ".hoc":
        command = [python, "-c", _RUN_HOC, script.name]
    else:
        command = [python, script.name]
    return subprocess.run(
        command, cwd=script.parent, capture_output=True, text=True, env=_env(), check=False
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    python = sys.executable
    version = neuron_version(python)
    if version != REQUIRED_VERSION:
        raise SystemExit(f"reference data must come from NEURON {REQUIRED_VERSION}, not {version}")
    scripts = [s for s in case_scripts() if not argv or any(s.stem.startswith(a) for a in argv)]
    DATA_DIR.mkdir(exist_ok=True)
    failures = 0
    for script in scripts:
        result = run_under_neuron(python, script)
        if result.returncode != 0:
            failures += 1
            print(f"FAILED {script.name} (exit {result.returncode}):\n{result.stderr}")
            continue
        header = f"{HEADER_PREFIX} with NEURON {version} from scripts/{script.name}\n"
        out = DATA_DIR / f"{script.stem}.txt"
        out.write_text(header + result.stdout, encoding="utf-8")
        print(f"wrote {out.relative_to(HERE)} ({len(result.stdout)} bytes)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
