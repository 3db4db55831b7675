"""h.RangeVarPlot headless: the path, its abscissa and its values, as NEURON 9.0.2 gives them.

Every expected list below was printed by real NEURON 9.0.2 (/work/refenv) running the
same model: each node's v set to its index in ``allsec``/``allseg`` order, so a
value names the node it was read from.
"""

from __future__ import annotations

import pytest

from sim import h

section = pytest.importorskip("sim.section")


class _Vec(list):
    """Just enough of a Vector for to_vector (Vector may not exist yet)."""

    def resize(self, n: int) -> None:
        self[:] = [0.0] * n


@pytest.fixture
def tree():
    """soma, d, d2 at soma(0), m and m2 at soma(0.5), rev reversed at d(0.5), g at d(0)."""
    if hasattr(section, "delete_all_sections"):
        section.delete_all_sections()
    soma = h.Section(name="soma")
    soma.L, soma.nseg = 20, 3
    d = h.Section(name="d")
    d.L, d.nseg = 100, 5
    d.connect(soma(1))
    d2 = h.Section(name="d2")
    d2.L, d2.nseg = 50, 2
    d2.connect(soma(0))
    m = h.Section(name="m")
    m.L, m.nseg = 30, 3
    m.connect(soma(0.5))
    m2 = h.Section(name="m2")
    m2.L, m2.nseg = 30, 1
    m2.connect(soma(0.5))
    rev = h.Section(name="rev")
    rev.L, rev.nseg = 40, 2
    rev.connect(d(0.5), 1)
    g = h.Section(name="g")
    g.L, g.nseg = 10, 2
    g.connect(d(0), 0)
    secs = {"soma": soma, "d": d, "d2": d2, "m": m, "m2": m2, "rev": rev, "g": g}
    for s in secs.values():
        s.insert("pas")
    i = 0
    for s in h.allsec():
        for seg in s.allseg():
            seg.v = i
            i += 1
    yield secs
    if hasattr(section, "delete_all_sections"):
        section.delete_all_sections()


def _xy(rvp):
    y, x = _Vec(), _Vec()
    n = rvp.to_vector(y, x)
    assert n == len(y) == len(x)
    return [round(v, 4) for v in x], list(y)


# (begin, end, origin, expected x, expected y) -- NEURON 9.0.2 output
CASES = [
    (("d", 0.3), ("soma", 0.5), 5, [-35, -15, -5, -1.6667, 5], [7, 6, 28, 3, 21]),
    (("m", 1), ("m2", 1), 0, [-30, -25, -15, -5, 0, 15, 30], [20, 19, 18, 17, 21, 22, 23]),
    (
        ("m", 0.5),
        ("d", 1),
        0,
        [-15, -5, 0, 6.6667, 10, 20, 40, 60, 80, 100, 110],
        [18, 17, 21, 3, 28, 6, 7, 27, 9, 10, 11],
    ),
    (
        ("rev", 0),
        ("d2", 1),
        0,
        [-110, -100, -80, -70, -50, -30, -20, -16.6667, -10, -3.3333, 0, 12.5, 37.5, 50],
        [24, 25, 26, 27, 7, 6, 28, 3, 21, 1, 12, 13, 14, 15],
    ),
    (("rev", 0.5), ("d", 1), 0, [-10, 0, 20, 40, 50], [26, 27, 9, 10, 11]),
    (
        ("rev", 0.2),
        ("g", 0.7),
        0,
        [-80, -60, -50, -30, -10, 0, 2.5, 7.5],
        [25, 26, 27, 7, 6, 28, 29, 30],
    ),
    (
        ("g", 1),
        ("m", 0.6),
        0,
        [-20, -17.5, -12.5, -10, -6.6667, 0, 5, 15],
        [31, 30, 29, 28, 3, 21, 17, 18],
    ),
    (("soma", 1), ("soma", 0), 0, [-20, -16.6667, -10, -3.3333, 0], [28, 3, 21, 1, 12]),
    (("d", 0), ("g", 0), 0, [0], [28]),
    (("d", 0.3), ("d", 0.3), 0, [0], [7]),
]


@pytest.mark.parametrize(("b", "e", "origin", "xs", "ys"), CASES)
def test_v_path_matches_neuron(tree, b, e, origin, xs, ys):
    rvp = h.RangeVarPlot("v", tree[b[0]](b[1]), tree[e[0]](e[1]))
    rvp.origin(origin)
    x, y = _xy(rvp)
    assert x == pytest.approx(xs, abs=1e-4)
    assert y == ys
    assert rvp.left() == pytest.approx(xs[0], abs=1e-4)
    assert rvp.right() == pytest.approx(xs[-1], abs=1e-4)


def test_other_variables_skip_section_end_nodes(tree):
    """For e_pas, diam... only segment centres and the path's own two ends are sampled."""
    t = tree
    x, y = _xy(h.RangeVarPlot("e_pas", t["d2"](1), t["d"](1)))
    assert x == pytest.approx([-50, -37.5, -12.5, 3.3333, 10, 16.6667, 30, 50, 70, 90, 110, 120])
    assert y == [-70.0] * 12
    x, _ = _xy(h.RangeVarPlot("diam", t["d2"](0), t["d"](0.5)))
    assert x == pytest.approx([0, 3.3333, 10, 16.6667, 30, 50, 70])


def test_abscissa_is_float32_like_neuron(tree):
    x, _ = _xy(h.RangeVarPlot("v", tree["soma"](0), tree["soma"](1)))
    assert x[1] == 3.3333  # rounded view
    y, xv = _Vec(), _Vec()
    h.RangeVarPlot("v", tree["soma"](0), tree["soma"](1)).to_vector(y, xv)
    assert xv[1] == 3.3333332538604736  # NEURON prints this float32 value


def test_begin_end_with_sec_keyword_and_list(tree):
    t = tree
    rvp = h.RangeVarPlot("v")
    assert _xy(rvp) == ([], [])
    rvp.begin(0.5, sec=t["soma"])
    rvp.end(0.7, sec=t["d"])
    x, _ = _xy(rvp)
    assert x == pytest.approx([0, 6.6667, 10, 20, 40, 60, 80], abs=1e-4)
    sl = h.SectionList()
    h.RangeVarPlot("v", t["rev"](0), t["d2"](1)).list(sl)
    assert [s.name() for s in sl] == ["rev", "d", "soma", "d2"]


def test_bad_construction_is_explained(tree):
    with pytest.raises(TypeError, match="both"):
        h.RangeVarPlot("v", tree["soma"](0.5))
    other = h.Section(name="island")
    with pytest.raises(ValueError, match="different trees"):
        h.RangeVarPlot("v", tree["soma"](0.5), other(0.5)).left()


def test_callable_variable_and_vector(tree):
    t = tree
    got = []

    def f(x):  # NEURON 9.0.2: called with x (float32) and the section pushed
        got.append((section.current_section(), x))
        return 100 * x

    rvp = h.RangeVarPlot(f, t["soma"](0), t["soma"](1))
    x, y = _xy(rvp)
    assert x == pytest.approx([0, 3.3333, 10, 16.6667, 20], abs=1e-4)
    assert y == pytest.approx([0, 100 / 6, 50, 500 / 6, 100], rel=1e-6)
    assert [g[1] for g in got[:5]] == [0.0, 0.1666666716337204, 0.5, 0.8333333134651184, 1.0]
    assert all(g[0] is t["soma"] for g in got)
    if h._lookup("Vector") is not None:
        assert list(h.RangeVarPlot("v", t["soma"](0), t["soma"](1)).vector()) == [12, 1, 21, 3, 28]
