"""HOC built-ins about the process around the model: ``system``, ``machine_name``,
``nrnversion``, ``execerror``, ``show_errmess_always``."""

from __future__ import annotations

import platform
import socket
import subprocess
import sys
from collections.abc import Callable
from typing import Any

from sim.hoc.errors import HocError
from sim.hoc.runtime import unwrap
from sim.hoc.values import StrCell, hoc_name

__all__ = ["NEURON_VERSION", "functions", "nrnversion"]

# The NEURON release whose behaviour NeuroQt reproduces (and reports, for scripts that check).
NEURON_VERSION = "9.0.2"


def _text(value: Any, what: str) -> str:
    value = unwrap(value)
    if not isinstance(value, str):
        raise HocError(f"{what}: expected a string, got {hoc_name(value)}")
    return value


def _store(target: Any, text: str, what: str) -> None:
    if isinstance(target, StrCell):
        target.value = text
    elif hasattr(target, "set"):
        target.set(text)  # h.ref("") from Python
    else:
        raise HocError(f"{what}: the last argument must be a strdef")


def system(command: Any, output: Any = None) -> float:
    """Run a shell command.  Without ``output``: its output goes to ours and the raw wait
    status is returned (exit code 3 gives 768, as C's system()); with a strdef ``output``:
    the command's standard output is stored there and 0 is returned."""
    cmd = _text(command, "system")
    sys.stdout.flush()
    if output is None:
        done = subprocess.run(cmd, shell=True, check=False)  # a shell command, as C system()
        code = done.returncode
        return float(code << 8 if code >= 0 else -code)
    done = subprocess.run(
        cmd, shell=True, check=False, stdout=subprocess.PIPE, text=True, errors="replace"
    )
    _store(output, done.stdout, "system")
    return 0.0


def machine_name(target: Any) -> float:
    """The host's name into a strdef."""
    _store(target, socket.gethostname(), "machine_name")
    return 0.0


def nrnversion(part: Any = 1) -> str:
    """The NEURON version NeuroQt stands in for, in NEURON's pieces (0: "9.0.2", 1: the
    banner, 5: the number again, 7: "NEURON", 8: the platform)."""
    index = int(float(unwrap(part)))
    pieces = {
        0: NEURON_VERSION,
        1: f"NEURON -- VERSION {NEURON_VERSION} (NeuroQt)",
        2: f"VERSION {NEURON_VERSION} (NeuroQt)",
        3: "NeuroQt",
        4: "",
        5: NEURON_VERSION,
        6: "",
        7: "NEURON",
        8: f"{platform.machine()}-{platform.system()}",
        9: "1",
    }
    return pieces.get(index, "")


def execerror(message: Any = "", detail: Any = "") -> float:
    """Stop with an error: ``NEURON: message detail``, as any HOC error."""
    text = " ".join(str(unwrap(m)) for m in (message, detail) if unwrap(m) not in ("", None))
    raise HocError(text or "execerror")


def _raw(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn.hoc_raw_args = True  # type: ignore[attr-defined]
    return fn


def functions() -> dict[str, Callable[..., Any]]:
    """The names this module gives HOC."""
    return {
        "system": _raw(lambda command, output=None: system(command, output)),
        "machine_name": _raw(lambda target: machine_name(target)),
        "nrnversion": nrnversion,
        "execerror": execerror,
        "show_errmess_always": lambda *_a: 0.0,
    }
