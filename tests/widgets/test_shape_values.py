"""ValueReader: one gather per frame from the engine's arrays, wherever they live."""

from __future__ import annotations

import numpy as np

from widgets.shape_values import ValueReader


class _Ref:
    """Like the engine's references: resolves where the value lives at each call."""

    def __init__(self, sec, i):
        self.sec, self.i = sec, i

    def location(self):
        return self.sec.v, self.i


class _Seg:
    def __init__(self, sec, x):
        self.sec, self.x = sec, x

    @property
    def _ref_v(self):
        return _Ref(self.sec, self.sec.index(self.x))

    @property
    def v(self):
        return float(self.sec.v[self.sec.index(self.x)])


class _Sec:
    """A section whose per-segment v is some array (own, or a view of a shared buffer)."""

    def __init__(self, v):
        self.v = v

    def index(self, x):
        return min(int(x * len(self.v)), len(self.v) - 1)

    def __call__(self, x):
        return _Seg(self, x)


def _reader(secs):
    seg_sec = np.repeat(np.arange(len(secs)), [len(s.v) for s in secs])
    seg_x = np.concatenate([(np.arange(len(s.v)) + 0.5) / len(s.v) for s in secs])
    return ValueReader(secs, seg_sec, seg_x, "v")


def test_views_of_one_buffer_are_read_with_one_gather_and_follow_changes():
    base = np.arange(10.0)
    secs = [_Sec(base[0:3]), _Sec(base[5:9]), _Sec(base[3:5])]
    r = _reader(secs)
    assert r._flat is not None
    assert r.read().tolist() == [0, 1, 2, 5, 6, 7, 8, 3, 4]
    base[6] = -70.0  # the engine advanced: the next frame sees it
    assert r.read()[4] == -70.0


def test_separate_arrays_are_grouped():
    secs = [_Sec(np.array([1.0, 2.0])), _Sec(np.array([3.0]))]
    r = _reader(secs)
    assert r._flat is None and len(r._groups) == 2
    assert r.read().tolist() == [1, 2, 3]


def test_reallocated_arrays_are_found_again():
    sec = _Sec(np.array([1.0, 2.0]))
    r = _reader([sec])
    sec.v = np.array([5.0, 6.0])  # recompiled: new storage
    assert r.read().tolist() == [5, 6]
