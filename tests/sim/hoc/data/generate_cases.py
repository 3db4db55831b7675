"""Re-run the HOC cases under real NEURON and store what it printed.

Usage: ``/path/to/refenv/bin/python tests/sim/hoc/data/generate_cases.py``.
Each case in ``*_cases.json`` holds HOC lines (``hoc``) and NEURON's
standard output (``neuron_output``, split into lines); each case runs in a
fresh NEURON process through ``h(code)``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_PROGRAM = "from neuron import h\nimport sys\nassert h({code!r})\nsys.stdout.flush()\n"


def main() -> None:
    for path in sorted(HERE.glob("*_cases.json")):
        cases = json.loads(path.read_text())
        for case in cases.values():
            code = "\n".join(case["hoc"])
            run = subprocess.run(
                [sys.executable, "-c", _PROGRAM.format(code=code)],
                capture_output=True,
                text=True,
                check=True,
            )
            case["neuron_output"] = run.stdout.split("\n")
        path.write_text(json.dumps(cases, indent=1) + "\n")


if __name__ == "__main__":
    main()
