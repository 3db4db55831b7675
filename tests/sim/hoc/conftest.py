"""Fixtures for the HOC interpreter tests: ``h`` with no sections, and a runner."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from _hocstate import fresh_hoc

from sim import h as _h


def _delete_all_sections() -> None:
    try:
        from sim import section
    except ImportError:
        return
    delete_all = getattr(section, "delete_all_sections", None)
    if delete_all is not None:
        delete_all()


@pytest.fixture
def h() -> Iterator[object]:
    """The one ``h`` with a fresh HOC interpreter and no sections.

    What HOC defines during the test (names, templates) is dropped afterwards.
    """
    _delete_all_sections()
    _h.load_file("stdrun.hoc")  # loaded once per process: keep its names in every test
    with fresh_hoc(_h):
        yield _h


@pytest.fixture
def hoc(h: object, capsys: pytest.CaptureFixture[str]) -> Callable[[str], str]:
    """``hoc(code)`` runs HOC that must succeed and returns what it printed."""

    def run(code: str) -> str:
        capsys.readouterr()
        ok = h(code)  # type: ignore[operator]
        captured = capsys.readouterr()
        assert ok, f"HOC failed:\n{captured.err}"
        return captured.out

    return run
