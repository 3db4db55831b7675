"""HOC's files: the global ``wopen``/``fprint``/``ropen``/``fscan``/``getstr``
pair of files, and the ``File`` class (``f = new File()``, ``f.ropen(name)``...)."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from typing import Any

from sim._hocname import HocNamed
from sim.hoc.errors import HocError
from sim.hoc.inputtext import number_in
from sim.hoc.runtime import unwrap
from sim.hoc.values import StrCell, hoc_name

__all__ = ["File", "HocFiles"]


def _text(value: Any, what: str) -> str:
    value = unwrap(value)
    if not isinstance(value, str):
        raise HocError(f"{what}: expected a string, got {hoc_name(value)}")
    return value


def _raw(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn.hoc_raw_args = True  # type: ignore[attr-defined]
    return fn


def _format(fmt: Any, args: tuple[Any, ...], what: str) -> str:
    from sim.hoc.builtins import format_hoc

    return format_hoc(_text(fmt, what), list(args))


class HocFiles:
    """HOC's one output file (``wopen``/``fprint``) and one input file (``ropen``/``fscan``)."""

    def __init__(self, running_file: Callable[[str], Any] | None = None) -> None:
        self.out: Any = None
        self.inp: Any = None
        self.tokens: list[str] = []
        # With no ropen file, fscan/getstr read the HOC file being run (see sim.hoc.inputtext).
        self.running_file = running_file

    def wopen(self, name: Any = "", mode: Any = "w") -> float:
        if self.out is not None:
            self.out.close()
            self.out = None
        name = _text(name, "wopen")
        if not name:
            return 1.0
        try:
            self.out = open(name, _text(mode, "wopen"))  # closed by wopen()
        except OSError:
            return 0.0
        return 1.0

    def ropen(self, name: Any = "") -> float:
        if self.inp is not None:
            self.inp.close()
            self.inp = None
        self.tokens = []
        name = _text(name, "ropen")
        if not name:
            return 1.0
        try:
            self.inp = open(name)  # closed by ropen()
        except OSError:
            return 0.0
        return 1.0

    def fprint(self, fmt: Any, *args: Any) -> float:
        text = _format(fmt, args, "fprint")
        (self.out or sys.stdout).write(text)
        return float(len(text))

    def fscan(self) -> float:
        if self.inp is None and not self.tokens and self.running_file is not None:
            return self.running_file("fscan").read_number()
        while True:  # words that are not numbers are skipped, as NEURON does
            while not self.tokens:
                if self.inp is None:
                    raise HocError("fscan: no file is open (use ropen first)")
                line = self.inp.readline()
                if not line:
                    raise HocError("fscan: end of file")
                self.tokens = line.split()
            number = number_in(self.tokens.pop(0))
            if number is not None:
                return number

    def getstr(self, target: Any) -> float:
        if not isinstance(target, StrCell):
            raise HocError("getstr: the argument must be a strdef")
        if self.inp is None and self.running_file is not None:
            line = self.running_file("getstr").read_line()
        elif self.inp is None:
            raise HocError("getstr: no file is open (use ropen first)")
        else:
            line = self.inp.readline()
        if not line:
            raise HocError("EOF in getstr")
        if not line.endswith("\n"):
            line += "\n"  # NEURON ends the last line too
        target.value = line
        return float(len(line))

    def functions(self) -> dict[str, Callable[..., Any]]:
        return {
            "wopen": self.wopen,
            "ropen": self.ropen,
            "fprint": _raw(lambda *a: self.fprint(*a)),
            "fscan": self.fscan,
            "getstr": _raw(lambda target: self.getstr(target)),
        }


class File(HocNamed):
    """NEURON's ``File``: one file, opened for reading or writing."""

    def __init__(self, name: Any = "") -> None:
        self._name = _text(name, "File") if name else ""
        self._handle: Any = None
        self._tokens: list[str] = []

    def _open(self, name: Any, mode: str) -> float:
        self.close()
        if name:
            self._name = _text(name, "File")
        try:
            self._handle = open(self._name, mode)  # closed by close() or the next open
        except OSError:
            return 0.0
        return 1.0

    def ropen(self, name: Any = "") -> float:
        return self._open(name, "r")

    def wopen(self, name: Any = "") -> float:
        return self._open(name, "w")

    def aopen(self, name: Any = "") -> float:
        return self._open(name, "a")

    def close(self) -> float:
        if self._handle is not None:
            self._handle.close()
        self._handle = None
        self._tokens = []
        return 0.0

    def isopen(self) -> float:
        return float(self._handle is not None)

    def _need(self, what: str) -> Any:
        if self._handle is None:
            raise HocError(f"{self.hname()}.{what}: the file is not open")
        return self._handle

    def printf(self, fmt: Any, *args: Any) -> float:
        text = _format(fmt, args, "File.printf")
        self._need("printf").write(text)
        return float(len(text))

    def flush(self) -> float:
        self._need("flush").flush()
        return 0.0

    def _token(self, what: str) -> str:
        while not self._tokens:
            line = self._need(what).readline()
            if not line:
                raise HocError(f"{self.hname()}.{what}: end of file")
            self._tokens = line.split()
        return self._tokens.pop(0)

    def scanvar(self) -> float:
        """The next number; words that are not numbers are skipped, as NEURON does."""
        while True:
            number = number_in(self._token("scanvar"))
            if number is not None:
                return number

    def scanstr(self, target: Any) -> float:
        word = self._token("scanstr")
        _store(target, word, "scanstr")
        return float(len(word))

    def gets(self, target: Any) -> float:
        line = self._need("gets").readline()
        _store(target, line, "gets")
        return float(len(line)) if line else -1.0

    def getname(self, target: Any = None) -> str:
        if target is not None:
            _store(target, self._name, "getname")
        return self._name

    def eof(self) -> float:
        handle = self._need("eof")
        if self._tokens:
            return 0.0
        here = handle.tell()
        more = handle.read(1)
        handle.seek(here)
        return float(not more)

    def tell(self) -> float:
        return float(self._need("tell").tell())

    def seek(self, offset: Any = 0, whence: Any = 0) -> float:
        self._tokens = []
        self._need("seek").seek(int(offset), int(whence))
        return 0.0

    def unlink(self) -> float:
        self.close()
        try:
            os.unlink(self._name)
        except OSError:
            return 0.0
        return 1.0

    def mktemp(self) -> float:
        fd, self._name = tempfile.mkstemp()
        os.close(fd)
        return 1.0


def _store(target: Any, text: str, what: str) -> None:
    if isinstance(target, StrCell):
        target.value = text
    elif hasattr(target, "set"):
        target.set(text)  # h.ref("") from Python
    else:
        raise HocError(f"File.{what}: the argument must be a strdef")


# strdef arguments are written back: File methods get the cells themselves
for _method in ("scanstr", "gets", "getname"):
    _raw(getattr(File, _method))
