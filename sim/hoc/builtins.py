"""HOC's built-in functions and constants, registered in ``h``.

Math (``sin`` ... ``erf``), constants (``PI``, ``FARADAY``...), output
(``printf``, ``sprint``), running code (``execute``, ``load_file``,
``xopen``, ``nrnpython``), strings and objects (``strcmp``, ``object_id``),
and section helpers that the engine does not define itself.
"""

from __future__ import annotations

import math
import os
import re
import sys
import time
from collections.abc import Callable
from typing import Any

from sim.hoc import environment
from sim.hoc import sections as S
from sim.hoc.errors import HocError
from sim.hoc.files import File, HocFiles
from sim.hoc.runtime import unwrap
from sim.hoc.strfun import StringFunctions
from sim.hoc.values import StrCell, hoc_name, to_number

__all__ = ["format_hoc", "register"]

_CONSTANTS = {
    "PI": math.pi,
    "E": math.e,
    "GAMMA": 0.5772156649015329,
    "DEG": 57.29577951308232,
    "PHI": 1.618033988749895,
    "FARADAY": 96485.33212331001,
    "R": 8.31446261815324,
    "float_epsilon": 1e-11,
    "hoc_ac_": 0.0,
}

_SPEC = re.compile(
    r"%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?(?:hh|h|ll|l|L|q|j|z|t)?([diouxXeEfFgGcs%])"
)


def format_hoc(fmt: str, args: list[Any]) -> str:
    """C ``printf`` formatting as HOC does it (numbers are doubles; ``%d`` truncates)."""
    out: list[str] = []
    pos = 0
    k = 0
    for m in _SPEC.finditer(fmt):
        out.append(fmt[pos : m.start()])
        pos = m.end()
        flags, width, prec, conv = m.groups()
        if conv == "%":
            out.append("%")
            continue
        if k >= len(args):
            raise HocError(f"not enough arguments for the format {fmt!r}")
        value = unwrap(args[k])
        k += 1
        spec = "%" + flags + (width or "") + (f".{prec}" if prec is not None else "")
        if conv in "diouxX":
            conv = "d" if conv in "iu" else conv
            out.append((spec + conv) % int(to_number(value, "printf %" + conv)))
        elif conv == "c":
            out.append((spec + "c") % chr(int(to_number(value, "printf %c"))))
        elif conv == "s":
            text = value if isinstance(value, str) else _as_text(value)
            out.append((spec + "s") % text)
        else:
            out.append((spec + conv) % to_number(value, "printf %" + conv))
    out.append(fmt[pos:])
    return "".join(out)


def _as_text(value: Any) -> str:
    if isinstance(value, float | int):
        return f"{float(value):g}"
    return hoc_name(value)


def _text(value: Any, what: str) -> str:
    value = unwrap(value)
    if not isinstance(value, str):
        raise HocError(f"{what}: expected a string, got {hoc_name(value)}")
    return value


def _raw(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn.hoc_raw_args = True  # type: ignore[attr-defined]
    return fn


def _math(name: str, fn: Callable[..., float]) -> Callable[..., float]:
    def call(*args: Any) -> float:
        try:
            result = fn(*[to_number(a, name) for a in args])
        except OverflowError:
            raise HocError(f"{name} result out of range") from None
        except ValueError:
            raise HocError(f"{name} argument out of domain") from None
        except TypeError:
            raise HocError(f"{name}: wrong number of arguments ({len(args)})") from None
        return float(result)

    call.__name__ = name
    return call


def _exp(x: float) -> float:
    if x > 700:
        raise OverflowError
    return math.exp(x)


def _math_functions() -> dict[str, Callable[..., float]]:
    table: dict[str, Callable[..., float]] = {
        "sin": math.sin,
        "cos": math.cos,
        "atan": math.atan,
        "atan2": math.atan2,
        "tanh": math.tanh,
        "exp": _exp,
        "log": lambda x: math.log(x) if x > 0 else _domain(),
        "log10": lambda x: math.log10(x) if x > 0 else _domain(),
        "sqrt": lambda x: math.sqrt(x) if x >= 0 else _domain(),
        "int": lambda x: float(int(x)),
        "abs": abs,
        "fabs": abs,
        "erf": math.erf,
        "erfc": math.erfc,
        "pow": math.pow,
    }
    return {name: _math(name, fn) for name, fn in table.items()}


def _domain() -> float:
    raise ValueError


def _output_functions(h: Any) -> dict[str, Callable[..., Any]]:
    def printf(fmt: Any, *args: Any) -> float:
        text = format_hoc(_text(fmt, "printf"), list(args))
        sys.stdout.write(text)
        return float(len(text))

    @_raw
    def sprint(target: Any, fmt: Any, *args: Any) -> float:
        text = format_hoc(_text(fmt, "sprint"), list(args))
        if isinstance(target, StrCell):
            target.value = text
        elif hasattr(target, "set"):
            target.set(text)  # an h.ref("") from Python
        else:
            raise HocError("sprint: the first argument must be a strdef")
        return 1.0

    def strcmp(a: Any, b: Any) -> float:
        a, b = _text(a, "strcmp"), _text(b, "strcmp")
        for x, y in zip(a, b, strict=False):
            if x != y:
                return float(ord(x) - ord(y))  # the byte difference, as C's strcmp gives
        if len(a) == len(b):
            return 0.0
        return float(ord(a[len(b)])) if len(a) > len(b) else float(-ord(b[len(a)]))

    return {"printf": _raw(printf), "sprint": sprint, "strcmp": strcmp, "sscanf": sscanf}


_SCAN = re.compile(r"%(l?[fgedi]|s|c)")
_SCAN_PATTERNS = {
    "s": r"(\S+)",
    "c": r"(.)",
    "d": r"([-+]?\d+)",
    "i": r"([-+]?\d+)",
}
_FLOAT = r"([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)"


@_raw
def sscanf(source: Any, fmt: Any, *targets: Any) -> float:
    """C ``sscanf`` into pointers (``&x``) and strdefs; returns how many were read."""
    text, form = _text(source, "sscanf"), _text(fmt, "sscanf")
    pieces, kinds, pos = [], [], 0
    for m in _SCAN.finditer(form):
        pieces.append(r"\s*".join(re.escape(p) for p in form[pos : m.start()].split()))
        conv = m.group(1)[-1]
        kinds.append(conv)
        pieces.append(r"\s*" + _SCAN_PATTERNS.get(conv, _FLOAT))
        pos = m.end()
    count = 0
    match = None
    for n in range(len(kinds), 0, -1):  # the longest prefix of the format that matches
        partial = re.match(_prefix(pieces, n), text)
        if partial:
            match, count = partial, n
            break
    if match is None:
        return 0.0
    for k in range(count):
        _scan_store(targets[k] if k < len(targets) else None, kinds[k], match.group(k + 1))
    return float(count)


def _prefix(pieces: list[str], n: int) -> str:
    out, seen = r"\s*", 0
    for piece in pieces:
        out += piece
        if piece.startswith(r"\s*("):
            seen += 1
            if seen == n:
                break
    return out


def _scan_store(target: Any, conv: str, text: str) -> None:
    if target is None:
        raise HocError("sscanf: more conversions than targets")
    if isinstance(target, StrCell):
        target.value = text
    elif conv in "sc":
        raise HocError("sscanf: %s needs a strdef target")
    elif hasattr(target, "set"):
        target.set(float(text))
    else:
        raise HocError("sscanf: targets must be &variables or strdefs")


def _execute_functions(h: Any) -> dict[str, Callable[..., Any]]:
    def execute(code: Any, obj: Any = None) -> float:
        interp = h._hoc()
        if obj is not None:
            interp.object_push(obj)
        try:
            interp.run_text(_text(code, "execute"), None)
        finally:
            if obj is not None:
                interp.object_pop()
        return 0.0  # NEURON's execute() returns 0

    def execute1(code: Any, obj: Any = None) -> float:
        try:
            execute(code, obj)
            return 1.0
        except HocError as exc:
            h._hoc().report(exc)
            return 0.0

    def nrnpython(code: Any) -> float:
        import traceback

        import __main__

        try:
            exec(_text(code, "nrnpython"), __main__.__dict__)
        except Exception:
            traceback.print_exc()
            return 0.0
        return 1.0

    return {"execute": execute, "execute1": execute1, "nrnpython": nrnpython}


def _loader(h: Any, function: str) -> Callable[..., float]:
    """``load_proc``/``load_func``/``load_template``: run the file defining each name."""

    def load(*names: Any) -> float:
        from sim.hoc.autoload import load_definitions

        return load_definitions(h._hoc(), function, tuple(unwrap(n) for n in names))

    load.__name__ = function
    return load


def _code_functions(h: Any) -> dict[str, Callable[..., Any]]:
    return {
        **_execute_functions(h),
        "load_file": lambda *a: h._hoc().load_file(*a),
        "xopen": lambda *a: h._hoc().xopen(*a),
        "load_proc": _loader(h, "load_proc"),
        "load_func": _loader(h, "load_func"),
        "load_template": _loader(h, "load_template"),
        "object_push": lambda obj: (h._hoc().object_push(obj), 1.0)[1],
        "object_pop": lambda: (h._hoc().object_pop(), 1.0)[1],
        "name_declared": lambda name, *_: float(_text(name, "name_declared") in h._symbols),
        "object_id": lambda obj, *_: 0.0 if obj is None else float(id(obj)),
        "nrn_load_dll": nrn_load_dll,
        "unix_mac_pc": lambda: 1.0,
        "getcwd": lambda: os.getcwd() + "/",
        "chdir": lambda path: _chdir(_text(path, "chdir")),
        "neuronhome": lambda: "",
        "quit": _quit,
        # Session files place the window manager first; headless, there is none.
        "pwman_place": lambda *a: 0.0,
        "startsw": time.perf_counter,
        "stopsw": time.perf_counter,
    }


def nrn_load_dll(path: Any) -> float:
    """Compiled NMODL libraries cannot be loaded: say so (the model may still run)."""
    sys.stderr.write(
        f"NEURON: nrn_load_dll({unwrap(path)!r}): NeuroQt has no compiled mechanisms; "
        "only its built-in mechanisms are available\n"
    )
    return 0.0


def _chdir(path: str) -> float:
    try:
        os.chdir(path)
    except OSError:
        return -1.0
    return 0.0


def _quit(*_args: Any) -> float:
    raise SystemExit(0)


def _section_functions(h: Any) -> dict[str, Callable[..., Any]]:
    """Section helpers the engine may not define (registered only when missing)."""

    def secname(sec: Any = None) -> str:
        from sim.section import hoc_secname

        return hoc_secname(sec if sec is not None else S.current_section())

    def push_section(target: Any) -> float:
        if isinstance(target, str):
            for sec in h.allsec():
                if S.section_name(sec) == target:
                    S.push_section(sec)
                    return 1.0
            raise HocError(f"push_section: no section named {target}")
        S.push_section(target)
        return 1.0

    def issection(pattern: Any) -> float:
        return float(S.section_matches(_text(pattern, "issection"), S.current_section()))

    def ismembrane(name: Any) -> float:
        sec = S.current_section()
        if _text(name, "ismembrane") == "capacitance":  # every section has it (cm)
            return 1.0
        has = getattr(sec, "has_membrane", None)
        if has is not None:
            return float(bool(has(_text(name, "ismembrane"))))
        return float(hasattr(sec(0.5), _text(name, "ismembrane")))

    def parent_connection(sec: Any = None) -> float:
        parent = (sec if sec is not None else S.current_section()).parentseg()
        return float(parent.x) if parent is not None else 0.0

    def section_orientation(sec: Any = None) -> float:
        return float((sec if sec is not None else S.current_section()).orientation())

    def disconnect(sec: Any = None) -> float:
        (sec if sec is not None else S.current_section()).disconnect()
        return 0.0

    return {
        "parent_connection": parent_connection,
        "section_orientation": section_orientation,
        "disconnect": disconnect,
        "secname": secname,
        "sectionname": _raw(lambda target: (target.__hoc_set__(secname()), 1.0)[1]),
        "push_section": push_section,
        "pop_section": lambda: (S.pop_section(), 1.0)[1],
        "this_section": lambda *a: S.current_section(),
        "issection": issection,
        "ismembrane": ismembrane,
    }


def register(h: Any) -> None:
    """Register HOC's built-ins in ``h`` (the engine's own definitions win)."""
    for name, value in _CONSTANTS.items():
        if h._lookup(name) is None:
            h._define_var(name, value)
    for table in (
        _math_functions(),
        _output_functions(h),
        _code_functions(h),
        _section_functions(h),
        HocFiles(lambda what: h._hoc().read_input(what)).functions(),
        environment.functions(),
    ):
        for name, fn in table.items():
            if name == "load_file" or h._lookup(name) is None:
                h._register(name, fn)
    if h._lookup("File") is None:
        h._register("File", File)
    if h._lookup("StringFunctions") is None:
        h._register("StringFunctions", StringFunctions)
