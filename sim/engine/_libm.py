"""Set-up the compiled kernels need before any of them is compiled or loaded.

Imported (for its side effects) by every kernel module, before their first @njit.
"""

from __future__ import annotations

__all__: list[str] = []


def _bind_libm_exp() -> None:
    """Compiled ``math.exp`` calls the C library's default ``exp`` directly.

    Numba binds ``exp`` to its helper library's import of it, which on glibc is the
    compatibility symbol exp@GLIBC_2.2.5: a wrapper (errno handling) around the same
    core, about 1.5x slower per call.  The default exp@@GLIBC_2.29 returns the same
    bits (checked on 5e7 arguments over the whole double range) and is the one
    NEURON's compiled mechanisms call.  exp is a third of the time of a step, so
    this matters.  Must run after numba installs its math symbols (target context
    creation) and before any kernel is compiled or loaded from the cache.
    """
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        import llvmlite.binding as ll
        from numba.core.registry import cpu_target

        cpu_target.target_context  # noqa: B018 - creating it installs numba's math symbols
        addr = ctypes.cast(ctypes.CDLL("libm.so.6").exp, ctypes.c_void_p).value
    except (OSError, AttributeError, ImportError):
        return
    if addr:
        ll.add_symbol("exp", addr)


def _preload_cython_blas() -> None:
    """Load scipy.linalg.cython_blas on its own, without the scipy.linalg package.

    Numba's first compile or cache load checks for BLAS by importing
    scipy.linalg.cython_blas, which runs scipy.linalg's __init__ (~0.4 s, a fifth of
    a fresh process's first run).  The kernels use no BLAS; registering the
    extension module alone satisfies the check, and a later ``import scipy.linalg``
    finds it and works as usual.
    """
    import importlib.util
    import sys
    from pathlib import Path

    name = "scipy.linalg.cython_blas"
    if name in sys.modules or "scipy.linalg" in sys.modules:
        return
    try:
        import scipy

        found = sorted((Path(scipy.__file__).parent / "linalg").glob("cython_blas.*"))
        paths = [p for p in found if p.suffix in (".so", ".pyd")]
        if not paths:
            return
        spec = importlib.util.spec_from_file_location(name, paths[0])
        if spec is None or spec.loader is None:
            return
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    except Exception:  # any failure: numba imports scipy.linalg itself, as before
        sys.modules.pop(name, None)


_bind_libm_exp()
_preload_cython_blas()
