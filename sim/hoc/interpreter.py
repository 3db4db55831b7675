"""The HOC interpreter behind ``h("...")`` and ``h.load_file``.

``Interpreter(h).execute(code)`` runs HOC statements at top level and
returns True, or prints the error (file:line:column, the line with a caret,
the call chain) to stderr and returns False; the interpreter stays usable.
The GUI binds fields and actions to HOC text through :meth:`eval_expression`,
:meth:`assign` and :meth:`pointer`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sim._ref import Pointer
from sim.hoc.compiler import Compiler, StopExecution
from sim.hoc.errors import HocError
from sim.hoc.inputtext import InputText, masked
from sim.hoc.objects import Frame, HocFunction, HocObject, PythonScope
from sim.hoc.parser import parse, parse_until_error
from sim.hoc.runtime import Runtime

__all__ = ["Interpreter", "register_library"]

_RECURSION_LIMIT = 30000

# Library files that exist inside NeuroQt rather than on disk.
_LIBRARIES: dict[str, Callable[[Any], Any]] = {}


def register_library(name: str, loader: Callable[[Any], Any]) -> None:
    """Make ``load_file(name)`` call ``loader(h)`` instead of reading a file."""
    _LIBRARIES[name] = loader


_PRELUDE = Path(__file__).with_name("prelude.hoc")


def _load_stdrun(h: Any) -> None:
    try:
        from sim import stdrun
    except ImportError:
        raise HocError("the standard run system (sim.stdrun) is not available") from None
    stdrun.load_stdrun(h)
    if "String" not in h._symbols:  # the HOC-level part of NEURON's stdlib, once
        h._hoc().run_text(_PRELUDE.read_text(), str(_PRELUDE), cache=True)


# NEURON's share/lib/hoc files (names only), for a clearer message when one is missing.
_NEURON_LIBRARY = frozenset(
    f"{stem}.hoc"
    for stem in (
        "atoltool attshape binfo celbild chanbild corenrn electrod family funfit gatherv "
        "grapher impedanc impedanx import3d impratio inserter lincir loadbal logax macload "
        "mkcurve mknrndll modlunit movierun mulfit mview netbild netparmpi nrngui1 parcom "
        "pcchdir pointbsr pointgrp pointman prcellstate runfit shapebox showmech single "
        "single1 subiter thresh varmeth1 vecwrap vplay wingroup"
    ).split()
)

for _name in ("stdrun.hoc", "nrngui.hoc", "stdgui.hoc", "noload.hoc", "stdlib.hoc"):
    register_library(_name, _load_stdrun)

# NEURON's GUI tools: their classes are h names already (sim._gui_stubs headless, app.builders).
for _name in ("pointman.hoc", "single.hoc", "inserter.hoc", "celbild.hoc", "showmech.hoc"):
    register_library(_name, lambda _h: None)


@contextmanager
def _working_directory(folder: Path) -> Iterator[None]:
    """``load_file`` runs a file in its own folder and comes back after (NEURON does so)."""
    try:
        before = os.getcwd()
    except OSError:
        before = None
    try:
        os.chdir(folder)
    except OSError:
        before = None  # stay where we are
    try:
        yield
    finally:
        if before is not None:
            try:
                os.chdir(before)
            except OSError:
                pass


class Interpreter(Runtime):
    """HOC for one ``h``; see the module docstring."""

    def __init__(self, h: Any) -> None:
        super().__init__(h)
        # Each HOC call is a few Python frames; let recursive HOC go as deep as NEURON's.
        if sys.getrecursionlimit() < _RECURSION_LIMIT:
            sys.setrecursionlimit(_RECURSION_LIMIT)
        self.top = Frame()
        self.object_stack: list[HocObject | None] = []
        self.loaded: set[str] = set()
        self.loading: list[Path] = []
        self.inputs: list[InputText] = []
        self.active = 0
        self._expr_cache: dict[str, Any] = {}

    # -- running code -----------------------------------------------------------------
    def execute(self, code: str) -> bool:
        """Run HOC statements; False (and a message on stderr) on error."""
        try:
            self.run_text(code, None)
        except HocError as exc:
            self.report(exc)
            if self.active == 0:
                self._unwind()
            return False
        except StopExecution:
            return True
        return True

    def _unwind(self) -> None:
        """After an error at top level, HOC starts afresh outside any object_push."""
        self.object_stack.clear()
        self.top.obj = None

    def run_text(
        self, code: str, filename: str | None, *, cache: bool = False, is_file: bool = False
    ) -> None:
        """Run ``code`` at top level, one statement at a time as NEURON does: the
        statements before an error (even a syntax error) have run when it is raised.
        ``cache``: keep the parsed tree on disk (files, which are read again).
        ``is_file``: fscan()/getstr() without ropen read the text after the running
        statement, and running goes on after what they read."""
        source = InputText(code, filename) if is_file else None
        if source is not None:
            self.inputs.append(source)
        self.active += 1
        try:
            offset = 0
            while offset is not None:
                offset = self._run_from(code, filename, offset, source, cache)
        finally:
            self.active -= 1
            if source is not None:
                self.inputs.pop()

    def _run_from(
        self, code: str, filename: str | None, offset: int, source: Any, cache: bool
    ) -> int | None:
        """Run the statements from ``offset``; where to go on if fscan read the text, else None."""
        text = code if offset == 0 else masked(code, offset)
        if cache and offset == 0:
            from sim.hoc.treecache import parse_cached

            tree, syntax_error = parse_cached(text, filename)
        else:
            tree, syntax_error = parse_until_error(text, filename)
        compiler = Compiler(self, filename, code)
        for stmt in compiler.statements(tree):
            if source is not None:
                source.start(stmt)
            compiler.stmt(stmt)(self.top)
            if source is not None and source.consumed:
                return source.pos  # what fscan read is data, not HOC
        if syntax_error is not None:
            raise syntax_error
        return None

    def read_input(self, what: str) -> Any:
        """The file being run, for fscan()/getstr() with no file opened by ropen."""
        if not self.inputs:
            raise HocError(f"{what}: no file is open (use ropen first)")
        return self.inputs[-1]

    def report(self, exc: HocError) -> None:
        sys.stderr.write(exc.format() + "\n")
        sys.stderr.flush()

    def call_from_python(self, fn: HocFunction, args: list[Any], obj: HocObject | None) -> Any:
        """``h.proc(...)`` from Python: errors are printed and raised as HocError."""
        args = [float(a) if isinstance(a, int | bool) else a for a in args]
        self.active += 1
        try:
            return self.call_function(fn, args, obj)
        except HocError as exc:
            if self.active == 1:
                self.report(exc)
            raise
        finally:
            self.active -= 1

    def run_iterator(
        self, fn: HocFunction, args: list[Any], obj: HocObject | None, body: Any, caller: Frame
    ) -> Any:
        fr = Frame(obj=obj, args=args, func=fn, local=True)
        fr.iter_body = body
        fr.iter_frame = caller
        self.depth += 1
        try:
            fn.body(fr)
        except HocError as exc:
            exc.chain.append(f"{fn.name}()")
            raise
        finally:
            self.depth -= 1
        return None

    # -- files ------------------------------------------------------------------------
    def resolve(self, name: str) -> Path | None:
        """Find a HOC file: as given, then beside the file being loaded, then the library path."""
        path = Path(os.path.expanduser(name))
        if path.is_absolute():
            return path if path.is_file() else None
        places = [Path.cwd()]
        if self.loading:
            places.append(self.loading[-1].parent)
        for entry in os.environ.get("HOC_LIBRARY_PATH", "").split(os.pathsep):
            if entry:
                places.append(Path(entry))
        for place in places:
            candidate = place / path
            if candidate.is_file():
                return candidate
        return None

    def run_file(self, path: Path, shown: str) -> None:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")  # old files: latin-1 comments
        except OSError as exc:
            raise HocError(f"Can't open {shown}: {exc.strerror}") from None
        self.loading.append(path)
        try:
            self.run_text(text, shown, cache=True, is_file=True)
        except HocError as exc:
            if self.active == 0:  # called from Python: say it, then raise without our frames
                self.report(exc)
                raise exc.with_traceback(None) from None
            raise
        finally:
            self.loading.pop()

    def load_file(self, *args: Any) -> float:
        """NEURON's ``load_file([force,] name [, symbol])``: each file once; 1.0 when loaded."""
        force = False
        if args and not isinstance(args[0], str):
            force = bool(args[0])
            args = args[1:]
        if not args or not isinstance(args[0], str):
            raise HocError("load_file: expected a file name")
        name = args[0]
        if len(args) > 1 and isinstance(args[1], str) and args[1] in self.symbols:
            return 1.0
        library = _LIBRARIES.get(os.path.basename(name)) if not os.path.isfile(name) else None
        if library is not None:
            if force or name not in self.loaded:
                self.loaded.add(name)
                library(self.h)
            return 1.0
        path = self.resolve(name)
        if path is None:
            if os.path.basename(name) in _NEURON_LIBRARY:
                sys.stderr.write(
                    f"NEURON: Couldn't find: {name} (a file of NEURON's own library that "
                    "NeuroQt does not provide)\n"
                )
            else:
                sys.stderr.write(f"NEURON: Couldn't find: {name}\n")
            return 0.0
        key = str(path.resolve())
        if key in self.loaded and not force:
            return 1.0
        self.loaded.add(key)
        with _working_directory(Path(key).parent):  # as NEURON: relative names work
            self.run_file(Path(key), name)
        return 1.0

    def xopen(self, name: str, *_rest: Any) -> float:
        """Run a HOC file every time it is called."""
        library = _LIBRARIES.get(os.path.basename(name)) if not os.path.isfile(name) else None
        if library is not None:
            library(self.h)
            return 1.0
        path = self.resolve(name)
        if path is None:
            raise HocError(f"Can't open {name}: no such file")
        self.run_file(path, name)  # not counted as loaded: load_file still runs it (NEURON)
        return 1.0

    # -- the GUI's entry points -------------------------------------------------------
    def _compiled(self, text: str, want: str) -> Any:
        key = f"{want}\0{text}"
        hit = self._expr_cache.get(key)
        if hit is not None:
            return hit
        tree = parse(text, None)
        stmts = [c for c in tree.children if c is not None]
        if len(stmts) != 1 or stmts[0].data not in ("expr_stmt",):
            raise HocError(f"{text!r} is not a single HOC expression")
        node = stmts[0].children[0]
        compiler = Compiler(self, None, text)
        if want == "value":
            made = compiler.expr(node)
        elif want == "store":
            made = compiler.store(node)
        else:
            made = compiler.pointer(node)
        if len(self._expr_cache) > 2000:
            self._expr_cache.clear()
        self._expr_cache[key] = made
        return made

    def eval_expression(self, text: str) -> Any:
        """The value of a HOC expression (``"tstop*2"``, ``"soma.v(.5)"``)."""
        return self._compiled(text, "value")(self.top)

    def assign(self, lvalue: str, value: Any) -> None:
        """Assign to a HOC lvalue (``"soma.v(.5)"``, ``"tstop"``)."""
        self._compiled(lvalue, "store")(self.top, value)

    def pointer(self, lvalue: str) -> Pointer:
        """A :class:`sim._ref.Pointer` to a HOC lvalue (for ``&var`` and xvalue)."""
        ptr = self._compiled(lvalue, "pointer")(self.top)
        if not isinstance(ptr, Pointer):
            raise HocError(f"&{lvalue}: not a variable")
        return ptr

    # -- object_push / object_pop (session files) -------------------------------------
    def object_push(self, obj: Any) -> None:
        """Run what follows inside ``obj``: a HOC object, or a Python one (its attributes)."""
        if obj is None:
            raise HocError("object_push: the object is NULLobject")
        self.object_stack.append(self.top.obj)
        self.top.obj = obj if isinstance(obj, HocObject) else PythonScope(obj)  # type: ignore[assignment]

    def object_pop(self) -> None:
        if not self.object_stack:
            raise HocError("object_pop: the object stack is empty")
        self.top.obj = self.object_stack.pop()
