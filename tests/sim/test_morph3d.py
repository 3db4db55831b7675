"""3-D points (sim.morph3d): storage, edits, L/diam changes and define_shape, vs NEURON 9.0.2.

Every expected number here was printed by NEURON 9.0.2 (/work/refenv) running
the same operations (scripts: pt3dadd the points, apply the edits, print
x3d/y3d/z3d/diam3d, L, seg.diam and seg.area() after each; build the tree
below and call h.define_shape()).  The pure functions are driven through a
stand-in carrying the Section data contract.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from _standin import StandIn, connect_standin

from sim import geometry, morph3d, topology


@pytest.fixture
def sections(monkeypatch):
    """A private list of stand-ins that define_shape/topology see as 'all sections'."""
    import sim.section

    made: list[StandIn] = []
    monkeypatch.setattr(sim.section, "all_sections", lambda: list(made), raising=False)
    monkeypatch.setattr(sim.section, "structure_changed", lambda: None, raising=False)

    def new(name, **kw):
        s = StandIn(name, **kw)
        made.append(s)
        return s

    return new


def _read(sec):
    """What NEURON returns on reading (3-D diams are written back lazily on read)."""
    g = geometry.segment_geometry(sec)
    sec._diam = g.diam
    pts = [(float(x), float(y), float(z), abs(float(d))) for x, y, z, d in sec._pt3d]
    return geometry.section_length(sec), g.diam.tolist(), g.area.tolist(), pts


# -- storing points -------------------------------------------------------------------------
def test_points_are_float32_and_arcs_double():
    s = StandIn()
    morph3d.pt3dadd(s, 0, 0, 0, 1)
    morph3d.pt3dadd(s, 1.1, 0, 0, 2)
    assert morph3d.n3d(s) == 2
    assert morph3d.x3d(s, 1) == 1.100000023841858  # NEURON 9.0.2
    assert s._L == 1.100000023841858
    assert morph3d.arc3d(s, 1) == 1.100000023841858
    assert s._pt3d.dtype == np.float32 and s._arc3d.dtype == np.float64


def test_one_point_gives_length_1e_minus_9():
    s = StandIn()
    morph3d.pt3dadd(s, 0, 0, 0, 2)
    assert geometry.section_length(s) == 1e-09  # NEURON 9.0.2


def test_negative_diameter_marks_a_spine_and_reads_back_positive():
    s = StandIn()
    morph3d.pt3dadd(s, 0, 0, 0, 2)
    morph3d.pt3dadd(s, 3, 4, 0, -2)
    assert morph3d.diam3d(s, 1) == 2.0
    assert morph3d.spine3d(s, 1) == 1.0 and morph3d.spine3d(s, 0) == 0.0
    assert s._L == 5.0
    assert geometry.segment_geometry(s).area.tolist() == [31.41592653589793]  # NEURON 9.0.2


def test_pt3dclear_keeps_the_length():
    s = StandIn()
    morph3d.pt3dadd(s, 0, 0, 0, 2)
    morph3d.pt3dadd(s, 3, 4, 0, 2)
    assert morph3d.pt3dclear(s) == 0
    assert morph3d.n3d(s) == 0
    assert s._L == 5.0  # NEURON 9.0.2: L stays 5 after pt3dclear


def test_vector_form_replaces_all_points():
    s = StandIn()
    morph3d.pt3dadd(s, 9, 9, 9, 9)
    morph3d.pt3dadd(s, [0, 3, 3], [0, 4, 4], [0, 0, 1], [1, 1, 2])
    assert morph3d.n3d(s) == 3
    assert [morph3d.arc3d(s, i) for i in range(3)] == [0.0, 5.0, 6.0]


def test_bad_indices_and_arguments_are_clear_errors():
    s = StandIn(name="dend")
    morph3d.pt3dadd(s, 0, 0, 0, 1)
    with pytest.raises(IndexError, match=r"x3d: index 3 out of range 0..0 for dend"):
        morph3d.x3d(s, 3)
    with pytest.raises(IndexError, match="pt3dremove"):
        morph3d.pt3dremove(s, 1)
    with pytest.raises(TypeError, match="numbers"):
        morph3d.pt3dadd(s, "a", 0, 0, 1)
    with pytest.raises(TypeError, match="pt3dchange takes"):
        morph3d.pt3dchange(s, 0, 1, 2)
    with pytest.raises(ValueError, match="L must be > 0"):
        morph3d.set_L(s, -3)


def test_deleted_section_is_refused():
    s = StandIn()
    s._deleted = True
    with pytest.raises(ReferenceError, match="deleted section"):
        morph3d.pt3dadd(s, 0, 0, 0, 1)


# -- editing: L rescale, diam overwrite, insert/change/remove, nseg ---------------------------
def _resize(sec, n):
    """numerics §1.5: nseg changes keep values (the engine's job; mirrored for the stand-in)."""
    old, n1 = sec._diam, len(sec._diam)
    new = np.empty(n)
    if n1 < n:
        filled = np.zeros(n, bool)
        for i1 in range(n1):
            i2 = int(n * ((i1 + 0.5) / n1))
            new[i2], filled[i2] = old[i1], True
        for i2 in np.flatnonzero(~filled):
            new[i2] = old[int(n1 * ((i2 + 0.5) / n))]
    else:
        for i2 in range(n):
            new[i2] = old[int(n1 * ((i2 + 0.5) / n))]
    sec._diam, sec._nseg = new, n


def _apply(sec, op, v):
    if op == "L":
        morph3d.set_L(sec, v)
    elif op == "diam":
        morph3d.set_diam_all(sec, v)
    elif op == "segdiam":  # sec(x).diam = d
        x, d = v
        sec._diam[min(int(sec._nseg * x), sec._nseg - 1)] = d
        morph3d.diam_changed(sec)
    elif op == "insert":
        morph3d.pt3dinsert(sec, *v)
    elif op in ("change1", "change4"):
        morph3d.pt3dchange(sec, *v)
    elif op == "remove":
        morph3d.pt3dremove(sec, v)
    elif op == "nseg":
        _resize(sec, v)


# NEURON 9.0.2 after each operation: L, seg.diam, seg.area(), (x3d, y3d, z3d, diam3d).
NEURON_EDITS = [
    {
        "nseg": 2,
        "pts": [(-14.6959, -0.2739, -0.5051, 2.7109), (17.3234, -24.3684, -4.7165, 3.3923)],
        "ops": [
            (
                "L",
                105.896,
                {
                    "L": 105.896,
                    "diam": [2.8812500238418575, 3.2219499349594116],
                    "area": [479.2726284749995, 535.9453019921629],
                    "xyz": [
                        (
                            -14.695899963378906,
                            -0.27390000224113464,
                            -0.5051000118255615,
                            2.710900068283081,
                        ),
                        (
                            69.45582580566406,
                            -63.59801483154297,
                            -11.57331657409668,
                            3.3922998905181885,
                        ),
                    ],
                },
            ),
            (
                "change1",
                [0, 2.487],
                {
                    "L": 105.896,
                    "diam": [2.7133249640464783, 3.1659749150276184],
                    "area": [451.3414408085281, 526.6363958046514],
                    "xyz": [
                        (
                            -14.695899963378906,
                            -0.27390000224113464,
                            -0.5051000118255615,
                            2.486999988555908,
                        ),
                        (
                            69.45582580566406,
                            -63.59801483154297,
                            -11.57331657409668,
                            3.3922998905181885,
                        ),
                    ],
                },
            ),
        ],
    },
    {
        "nseg": 1,
        "pts": [
            (-28.1646, -28.4732, 0.4141, 3.7749),
            (-7.1277, -17.004, -0.7788, 0.4075),
            (-16.6985, -3.7267, -0.0419, 1.1624),
            (-16.148, -16.8731, -0.404, 1.3722),
        ],
        "ops": [
            (
                "L",
                65.346,
                {
                    "L": 65.346,
                    "diam": [1.4888782740482565],
                    "area": [305.98048520843685],
                    "xyz": [
                        (
                            -28.164600372314453,
                            -28.47319984436035,
                            0.4140999913215637,
                            3.774899959564209,
                        ),
                        (
                            -2.4872939586639404,
                            -14.474076271057129,
                            -1.0419347286224365,
                            0.4074999988079071,
                        ),
                        (
                            -14.169260025024414,
                            1.7319843769073486,
                            -0.1424863487482071,
                            1.1624000072479248,
                        ),
                        (
                            -13.497329711914062,
                            -14.314302444458008,
                            -0.5844598412513733,
                            1.3722000122070312,
                        ),
                    ],
                },
            ),
            (
                "diam",
                1.092,
                {
                    "L": 65.346,
                    "diam": [1.0920000076293945],
                    "area": [224.177242353537],
                    "xyz": [
                        (
                            -28.164600372314453,
                            -28.47319984436035,
                            0.4140999913215637,
                            1.0920000076293945,
                        ),
                        (
                            -2.4872939586639404,
                            -14.474076271057129,
                            -1.0419347286224365,
                            1.0920000076293945,
                        ),
                        (
                            -14.169260025024414,
                            1.7319843769073486,
                            -0.1424863487482071,
                            1.0920000076293945,
                        ),
                        (
                            -13.497329711914062,
                            -14.314302444458008,
                            -0.5844598412513733,
                            1.0920000076293945,
                        ),
                    ],
                },
            ),
            (
                "change1",
                [0, 3.05],
                {
                    "L": 65.346,
                    "diam": [1.5306926467356499],
                    "area": [314.3431299327926],
                    "xyz": [
                        (
                            -28.164600372314453,
                            -28.47319984436035,
                            0.4140999913215637,
                            3.049999952316284,
                        ),
                        (
                            -2.4872939586639404,
                            -14.474076271057129,
                            -1.0419347286224365,
                            1.0920000076293945,
                        ),
                        (
                            -14.169260025024414,
                            1.7319843769073486,
                            -0.1424863487482071,
                            1.0920000076293945,
                        ),
                        (
                            -13.497329711914062,
                            -14.314302444458008,
                            -0.5844598412513733,
                            1.0920000076293945,
                        ),
                    ],
                },
            ),
        ],
    },
    {
        "nseg": 5,
        "pts": [
            (-11.7979, 5.2548, 3.8248, 3.4309),
            (0.317, 5.3401, -4.6547, 1.1981),
            (17.8443, -5.1412, -3.2699, 2.3306),
        ],
        "ops": [
            (
                "change4",
                [0, -3.662, 2.0, -1.0, 2.181],
                {
                    "L": 26.82085296236341,
                    "diam": [
                        1.7659655132957703,
                        1.31094914214997,
                        1.5886351222465747,
                        1.885421082655806,
                        2.1822070430650378,
                    ],
                    "area": [
                        29.849064126722833,
                        22.11092382214663,
                        26.781982927021943,
                        31.78534487801508,
                        36.78870682900823,
                    ],
                    "xyz": [
                        (-3.6619999408721924, 2.0, -1.0, 2.180999994277954),
                        (
                            0.31700000166893005,
                            5.340099811553955,
                            -4.654699802398682,
                            1.198099970817566,
                        ),
                        (
                            17.84429931640625,
                            -5.141200065612793,
                            -3.26990008354187,
                            2.3306000232696533,
                        ),
                    ],
                },
            ),
            (
                "segdiam",
                [0.9, 4.232],
                {
                    "L": 26.82085296236341,
                    "diam": [
                        1.573832507861777,
                        1.5722441177189708,
                        2.318254127837603,
                        3.083752426348558,
                        3.8492507248595125,
                    ],
                    "area": [
                        26.539294178440112,
                        26.5549392474863,
                        39.16663300444597,
                        52.09963744226085,
                        65.03264188007574,
                    ],
                    "xyz": [
                        (-3.6619999408721924, 2.0, -1.0, 1.765965461730957),
                        (
                            0.31700000166893005,
                            5.340099811553955,
                            -4.654699802398682,
                            1.3109490871429443,
                        ),
                        (
                            17.84429931640625,
                            -5.141200065612793,
                            -3.26990008354187,
                            4.23199987411499,
                        ),
                    ],
                },
            ),
            (
                "change4",
                [1, 13.966, 2.0, -1.0, 2.036],
                {
                    "L": 26.065440240298404,
                    "diam": [
                        1.805893810746759,
                        1.885750508778363,
                        1.9656072068099673,
                        2.2897154187879116,
                        3.553598566751413,
                    ],
                    "area": [
                        29.57671120439579,
                        30.884594581237717,
                        32.192477958079635,
                        37.70969096148583,
                        58.68942841380681,
                    ],
                    "xyz": [
                        (-3.6619999408721924, 2.0, -1.0, 1.765965461730957),
                        (13.965999603271484, 2.0, -1.0, 2.0360000133514404),
                        (
                            17.84429931640625,
                            -5.141200065612793,
                            -3.26990008354187,
                            4.23199987411499,
                        ),
                    ],
                },
            ),
        ],
    },
    {
        "nseg": 1,
        "pts": [
            (-2.5112, -28.3215, -2.7039, 0.9557),
            (5.0677, 21.6605, 2.9844, 3.2493),
            (18.9862, -14.6824, 3.4174, 2.7905),
            (-25.006, -28.9986, -4.8544, 3.0957),
        ],
        "ops": [
            (
                "insert",
                [2, -23.431, 1.5, 0.5, 2.612],
                {
                    "L": 178.35897518398593,
                    "diam": [2.6392102167836544],
                    "area": [1478.9337068906275],
                    "xyz": [
                        (
                            -2.511199951171875,
                            -28.321500778198242,
                            -2.703900098800659,
                            0.9556999802589417,
                        ),
                        (
                            5.067699909210205,
                            21.660499572753906,
                            2.9844000339508057,
                            3.249300003051758,
                        ),
                        (-23.430999755859375, 1.5, 0.5, 2.611999988555908),
                        (
                            18.9862003326416,
                            -14.68239974975586,
                            3.4173998832702637,
                            2.7904999256134033,
                        ),
                        (
                            -25.006000518798828,
                            -28.998600006103516,
                            -4.854400157928467,
                            3.0957000255584717,
                        ),
                    ],
                },
            ),
            (
                "change4",
                [2, -25.829, 2.0, -1.0, 0.891],
                {
                    "L": 182.72987200976786,
                    "diam": [2.2433837989805965],
                    "area": [1288.1079046723069],
                    "xyz": [
                        (
                            -2.511199951171875,
                            -28.321500778198242,
                            -2.703900098800659,
                            0.9556999802589417,
                        ),
                        (
                            5.067699909210205,
                            21.660499572753906,
                            2.9844000339508057,
                            3.249300003051758,
                        ),
                        (-25.82900047302246, 2.0, -1.0, 0.890999972820282),
                        (
                            18.9862003326416,
                            -14.68239974975586,
                            3.4173998832702637,
                            2.7904999256134033,
                        ),
                        (
                            -25.006000518798828,
                            -28.998600006103516,
                            -4.854400157928467,
                            3.0957000255584717,
                        ),
                    ],
                },
            ),
            (
                "segdiam",
                [0.9, 1.51],
                {
                    "L": 182.72987200976786,
                    "diam": [1.5099999904632568],
                    "area": [866.8348580062179],
                    "xyz": [
                        (
                            -2.511199951171875,
                            -28.321500778198242,
                            -2.703900098800659,
                            1.5099999904632568,
                        ),
                        (
                            5.067699909210205,
                            21.660499572753906,
                            2.9844000339508057,
                            1.5099999904632568,
                        ),
                        (-25.82900047302246, 2.0, -1.0, 1.5099999904632568),
                        (
                            18.9862003326416,
                            -14.68239974975586,
                            3.4173998832702637,
                            1.5099999904632568,
                        ),
                        (
                            -25.006000518798828,
                            -28.998600006103516,
                            -4.854400157928467,
                            1.5099999904632568,
                        ),
                    ],
                },
            ),
        ],
    },
    {
        "nseg": 5,
        "pts": [
            (-0.459, 26.2772, -1.0994, 2.1652),
            (-28.968, 6.7277, -0.9768, 1.341),
            (-20.5821, 21.4522, 3.1114, 2.3844),
        ],
        "ops": [
            (
                "segdiam",
                [0.5, 2.26],
                {
                    "L": 51.99943401741072,
                    "diam": [500.0, 500.0, 500.0000000000001, 500.0, 500.0],
                    "area": [
                        16336.103989992467,
                        16336.103989992467,
                        16336.103989992473,
                        16336.103989992462,
                        16336.103989992473,
                    ],
                    "xyz": [
                        (-0.45899999141693115, 26.27720069885254, -1.0994000434875488, 500.0),
                        (-28.968000411987305, 6.727700233459473, -0.9768000245094299, 500.0),
                        (-20.58209991455078, 21.452199935913086, 3.1113998889923096, 500.0),
                    ],
                },
            ),
            (
                "change1",
                [2, 0.657],
                {
                    "L": 51.99943401741072,
                    "diam": [
                        500.0,
                        500.0,
                        500.0000000000001,
                        431.9092048056722,
                        149.61700512399892,
                    ],
                    "area": [
                        16336.103989992467,
                        16336.103989992467,
                        16336.103989992473,
                        131931.50937350962,
                        70186.95344000112,
                    ],
                    "xyz": [
                        (-0.45899999141693115, 26.27720069885254, -1.0994000434875488, 500.0),
                        (-28.968000411987305, 6.727700233459473, -0.9768000245094299, 500.0),
                        (
                            -20.58209991455078,
                            21.452199935913086,
                            3.1113998889923096,
                            0.6570000052452087,
                        ),
                    ],
                },
            ),
            (
                "remove",
                2,
                {
                    "L": 34.56820919999549,
                    "diam": [500.0, 500.0, 500.0000000000001, 500.0000000000002, 499.9999999999997],
                    "area": [
                        10859.923207046095,
                        10859.923207046095,
                        10859.923207046097,
                        10859.923207046098,
                        10859.923207046088,
                    ],
                    "xyz": [
                        (-0.45899999141693115, 26.27720069885254, -1.0994000434875488, 500.0),
                        (-28.968000411987305, 6.727700233459473, -0.9768000245094299, 500.0),
                    ],
                },
            ),
        ],
    },
    {
        "nseg": 2,
        "pts": [
            (14.6404, -23.83, 4.1076, 1.6996),
            (28.2158, 24.5534, -2.0598, 1.2376),
            (-1.3794, -23.9923, 1.5205, 0.4466),
        ],
        "ops": [
            (
                "L",
                119.095,
                {
                    "L": 119.095,
                    "diam": [1.4536934867005005, 0.8200945532990808],
                    "area": [271.95069883339676, 153.42137682439613],
                    "xyz": [
                        (
                            14.640399932861328,
                            -23.829999923706055,
                            4.107600212097168,
                            1.6995999813079834,
                        ),
                        (
                            29.66647720336914,
                            29.72368621826172,
                            -2.718852996826172,
                            1.2375999689102173,
                        ),
                        (
                            -3.091287851333618,
                            -24.0096435546875,
                            1.2440404891967773,
                            0.4465999901294708,
                        ),
                    ],
                },
            ),
            (
                "change1",
                [2, 2.507],
                {
                    "L": 119.095,
                    "diam": [1.4570706366966206, 1.9076143671818742],
                    "area": [272.58292293473005, 356.8831061876319],
                    "xyz": [
                        (
                            14.640399932861328,
                            -23.829999923706055,
                            4.107600212097168,
                            1.6995999813079834,
                        ),
                        (
                            29.66647720336914,
                            29.72368621826172,
                            -2.718852996826172,
                            1.2375999689102173,
                        ),
                        (
                            -3.091287851333618,
                            -24.0096435546875,
                            1.2440404891967773,
                            2.506999969482422,
                        ),
                    ],
                },
            ),
            (
                "nseg",
                4,
                {
                    "L": 119.095,
                    "diam": [
                        1.5768689530372786,
                        1.3372723203559636,
                        1.6079215660316006,
                        2.2073071683321475,
                    ],
                    "area": [
                        147.4968353334855,
                        125.0860876012445,
                        150.40776921783598,
                        206.47533696979596,
                    ],
                    "xyz": [
                        (
                            14.640399932861328,
                            -23.829999923706055,
                            4.107600212097168,
                            1.6995999813079834,
                        ),
                        (
                            29.66647720336914,
                            29.72368621826172,
                            -2.718852996826172,
                            1.2375999689102173,
                        ),
                        (
                            -3.091287851333618,
                            -24.0096435546875,
                            1.2440404891967773,
                            2.506999969482422,
                        ),
                    ],
                },
            ),
        ],
    },
]


@pytest.mark.parametrize("case", NEURON_EDITS, ids=lambda c: "-".join(o[0] for o in c["ops"]))
def test_edits_match_neuron_bit_for_bit(case):
    s = StandIn(nseg=case["nseg"])
    for p in case["pts"]:
        morph3d.pt3dadd(s, *p)
    # no read here: NEURON too keeps the stale 500 µm segment diams until something reads them
    for op, v, exp in case["ops"]:
        _apply(s, op, v)
        length, diam, area, pts = _read(s)
        assert (op, length) == (op, exp["L"])
        assert (op, diam) == (op, exp["diam"])
        assert (op, area) == (op, exp["area"])
        assert (op, pts) == (op, [tuple(p) for p in exp["xyz"]])


def test_setting_L_rescales_about_the_first_point():
    s = StandIn()
    morph3d.pt3dadd(s, 1, 1, 0, 1)
    morph3d.pt3dadd(s, 4, 5, 0, 1)
    morph3d.set_L(s, 10)
    assert [morph3d.x3d(s, 1), morph3d.y3d(s, 1)] == [7.0, 9.0]
    assert s._L == 10.0


def test_setting_diam_overwrites_point_diameters_per_segment():
    s = StandIn(nseg=2)
    for x in (0, 4, 6, 10):
        morph3d.pt3dadd(s, x, 0, 0, 1)
    s._diam[:] = [2.0, 3.0]
    morph3d.diam_changed(s)
    assert [morph3d.diam3d(s, i) for i in range(4)] == [2.0, 2.0, 3.0, 3.0]


# -- define_shape -----------------------------------------------------------------------------
# The tree (name, nseg, L, per-segment diams, parent index, x, child end, own 3-D points) and
# what NEURON 9.0.2 gave after h.define_shape(): every point, each seg.diam, then h.topology().
SPEC = [
    ("soma", 1, 20.0, [12.0], None, 0, 0, None),
    ("a", 3, 55.5, [2.0, 1.5, 1.0], 0, 1.0, 0, None),
    ("b", 2, 40.0, [1.0, 1.0], 0, 1.0, 0, None),
    ("c", 1, 33.3, [0.7], 0, 1.0, 0, None),
    ("up", 4, 70.0, [1, 2, 3, 4], 0, 0.5, 0, None),
    ("back", 1, 25.0, [3.0], 0, 0.0, 0, None),
    ("rev", 3, 60.0, [1.2, 0.9, 0.6], 1, 0.4, 1, None),
    ("onrev", 2, 15.0, [0.5, 0.5], 6, 0.25, 0, None),
    ("atrev0", 1, 10.0, [0.4], 6, 0.0, 0, None),
    ("traced", 1, 1.0, [1.0], 2, 1.0, 0, [(100, 100, 5, 2), (110, 105, 5, 1.5), (115, 120, 6, 1)]),
    ("zero", 2, 12.0, [1.0, 1.0], 4, 0.0, 0, None),
    ("cell2", 2, 30.0, [5.0, 5.0], None, 0, 0, None),
    ("c2kid", 1, 18.0, [1.0], 11, 0.7, 0, None),
]
NEURON_POINTS = {
    "soma": [(0.0, 0.0, 0.0, 12.0), (10.0, 0.0, 0.0, 12.0), (20.0, 0.0, 0.0, 12.0)],
    "a": [
        (20.0, 0.0, 0.0, 2.0),
        (28.519813537597656, 3.6021194458007812, 0.0, 2.0),
        (45.55944061279297, 10.806358337402344, 0.0, 1.5),
        (62.59906768798828, 18.010597229003906, 0.0, 1.0),
        (71.11888122558594, 21.612716674804688, 0.0, 1.0),
    ],
    "b": [
        (20.0, 0.0, 0.0, 1.0),
        (30.0, 0.0, 0.0, 1.0),
        (50.0, 0.0, 0.0, 1.0),
        (60.0, 0.0, 0.0, 1.0),
    ],
    "c": [
        (20.0, 0.0, 0.0, 0.699999988079071),
        (35.335662841796875, -6.4838151931762695, 0.0, 0.699999988079071),
        (50.671329498291016, -12.967630386352539, 0.0, 0.699999988079071),
    ],
    "up": [
        (10.0, 0.0, 0.0, 1.0),
        (10.0, 8.75, 0.0, 1.0),
        (9.999999046325684, 26.25, 0.0, 2.0),
        (9.999998092651367, 43.75, 0.0, 3.0),
        (9.99999713897705, 61.25, 0.0, 4.0),
        (9.99999713897705, 70.0, 0.0, 4.0),
    ],
    "back": [
        (0.0, 0.0, 0.0, 3.0),
        (-12.5, 1.0927847142738756e-06, 0.0, 3.0),
        (-25.0, 2.185569428547751e-06, 0.0, 3.0),
    ],
    "rev": [
        (40.44755172729492, 8.645086288452148, 0.0, 0.6000000238418579),
        (44.34173583984375, -0.5655234456062317, 0.0, 0.6000000238418579),
        (52.130104064941406, -18.986743927001953, 0.0, 0.8999999761581421),
        (59.91847229003906, -37.407962799072266, 0.0, 1.2000000476837158),
        (63.81265640258789, -46.61857223510742, 0.0, 1.2000000476837158),
    ],
    "onrev": [
        (57.97138214111328, -32.80265808105469, 0.0, 0.5),
        (61.42536163330078, -31.34233856201172, 0.0, 0.5),
        (68.33332061767578, -28.421701431274414, 0.0, 0.5),
        (71.78730010986328, -26.961381912231445, 0.0, 0.5),
    ],
    "atrev0": [
        (63.81265640258789, -46.61857223510742, 0.0, 0.4000000059604645),
        (65.75975036621094, -51.223876953125, 0.0, 0.4000000059604645),
        (67.70684051513672, -55.82918167114258, 0.0, 0.4000000059604645),
    ],
    "traced": [(60.0, 0.0, 0.0, 2.0), (70.0, 5.0, 0.0, 1.5), (75.0, 20.0, 1.0, 1.0)],
    "zero": [
        (10.0, 0.0, 0.0, 1.0),
        (10.0, -3.0, 0.0, 1.0),
        (10.000000953674316, -9.0, 0.0, 1.0),
        (10.000000953674316, -12.0, 0.0, 1.0),
    ],
    "cell2": [
        (0.0, 0.0, 1100.0, 5.0),
        (7.5, 0.0, 1100.0, 5.0),
        (22.5, 0.0, 1100.0, 5.0),
        (30.0, 0.0, 1100.0, 5.0),
    ],
    "c2kid": [(21.0, 0.0, 1100.0, 1.0), (21.0, 9.0, 1100.0, 1.0), (21.0, 18.0, 1100.0, 1.0)],
}
NEURON_DIAMS = {
    "soma": [12.0],
    "a": [1.9374999859940614, 1.4999999439762473, 1.062499957982194],
    "b": [1.0, 1.0],
    "c": [0.699999988079071],
    "up": [1.1249999999999998, 2.0, 3.0, 3.8749999999999982],
    "back": [3.0],
    "rev": [1.1625000321726717, 0.8999999768088908, 0.6375000167892688],
    "onrev": [0.5, 0.5],
    "atrev0": [0.4000000059604645],
    "traced": [1.456864666028506],
    "zero": [1.0, 1.0],
    "cell2": [5.0, 5.0],
    "c2kid": [1.0],
}

NEURON_TOPOLOGY = """
|-|       soma(0-1)
   `--|       a(0-1)
     `--|       rev(1-0)
         `|       atrev0(0-1)
        `-|       onrev(0-1)
   `-|       b(0-1)
      `|       traced(0-1)
   `|       c(0-1)
  `---|       up(0-1)
  `-|       zero(0-1)
 `|       back(0-1)
|--|       cell2(0-1)
   `|       c2kid(0-1)

"""


def _build(new):
    secs = []
    for name, nseg, length, diams, parent, x, end, pts in SPEC:
        s = new(name, nseg=nseg, L=length)
        s._diam[:] = diams
        if parent is not None:
            connect_standin(s, secs[parent], x, end)
        for p in pts or ():
            morph3d.pt3dadd(s, *p)
        secs.append(s)
    return secs


def test_define_shape_layout_is_bit_exact(sections):
    secs = _build(sections)
    morph3d.define_shape()
    for s in secs:
        _length, diam, _area, pts = _read(s)
        assert (s._name, pts) == (s._name, [tuple(p) for p in NEURON_POINTS[s._name]])
        assert (s._name, diam) == (s._name, NEURON_DIAMS[s._name])
    assert topology.topology_text() == NEURON_TOPOLOGY


def test_define_shape_angles_follow_the_spec(sections):
    soma = sections("soma", L=20.0)
    a, b = sections("a"), sections("b")
    up, back = sections("up"), sections("back")
    connect_standin(a, soma, 1.0)
    connect_standin(b, soma, 1.0)  # connected later: goes first among the two
    connect_standin(up, soma, 0.5)
    connect_standin(back, soma, 0.0)
    morph3d.define_shape()

    def angle(s):
        return math.atan2(s._pt3d[-1, 1] - s._pt3d[0, 1], s._pt3d[-1, 0] - s._pt3d[0, 0])

    assert angle(b) == pytest.approx(-0.4, abs=1e-6)
    assert angle(a) == pytest.approx(0.4, abs=1e-6)
    assert angle(up) == pytest.approx(math.pi / 2, abs=1e-6)
    assert abs(angle(back)) == pytest.approx(math.pi, abs=1e-6)
    assert tuple(up._pt3d[0, :2]) == (10.0, 0.0)  # starts at soma(0.5)
    assert back._L == 100.0 and back._arc3d[-1] == 100.0


def test_define_shape_puts_each_root_100_um_higher(sections):
    r0, r1 = sections("r0"), sections("r1")
    morph3d.define_shape()
    assert float(r0._pt3d[0, 2]) == 0.0 and float(r1._pt3d[0, 2]) == 100.0


# -- through h (the engine's Section) -------------------------------------------------------
@pytest.fixture
def model():
    from sim.section import delete_all_sections

    delete_all_sections()
    yield
    delete_all_sections()


def _h_cell():
    """soma, a (diams 1..4), b (diam 0.7), c (own 3-D points, reversed-free), r (reversed)."""
    from sim import h

    soma = h.Section(name="soma")
    soma.L, soma.diam = 20, 20
    a = h.Section(name="a")
    a.nseg = 4
    a.connect(soma(1))
    for seg, d in zip(a, [1, 2, 3, 4]):
        seg.diam = d
    b = h.Section(name="b")
    b.connect(soma(1))
    b.diam, b.L = 0.7, 33
    c = h.Section(name="c")
    c.connect(soma(0.5))
    c.nseg = 3
    for p in [(0, 0, 0, 3), (10, 0, 0, 2), (12, 5, 0, 0.5)]:
        c.pt3dadd(*p)
    r = h.Section(name="r")
    r.connect(a(0.5), 1)
    r.nseg = 2
    h.define_shape()
    return soma, a, b, c, r


# NEURON 9.0.2 after h.define_shape(): per section seg.area(), seg.ri(), s(1).ri() and points
NEURON_H_CELL = {
    "soma": ([1256.6370614359173], [0.011268169970906192], 0.01126816997090619),
    "a": (
        [88.36711063942508, 157.1110478281509, 235.66658063971235, 304.3712427021464],
        [5.634084985453089, 5.6340848363352345, 1.8780282039367102, 0.9390140796873359],
        0.3521303115908184,
    ),
    "b": ([72.57078906205103], [15.177535579797013], 15.177535579797013),
    "c": (
        [44.25788771019357, 35.97986158436771, 19.75178249668489],
        [0.1404188161405835, 0.37768284616603504, 0.7566835974059054],
        1.9036641664065732,
    ),
    "r": (
        [78539.81633974482, 78539.81633974482],
        [9.014535976724953e-05, 4.5072679883624766e-05],
        1.8780282039367102,
    ),
}
NEURON_H_POINTS = {
    "a": [
        (20.0, 0.0, 0.0, 1.0, 0.0),
        (31.513261795043945, 4.867729187011719, 0.0, 1.0, 12.499999383972156),
        (54.53978729248047, 14.603187561035156, 0.0, 2.0, 37.4999999087009),
        (77.5663070678711, 24.338645935058594, 0.0, 3.0, 62.49999516307642),
        (100.59283447265625, 34.07410430908203, 0.0, 4.0, 87.49999744458961),
        (112.10609436035156, 38.94183349609375, 0.0, 4.0, 100.0),
    ],
    "c": [
        (10.0, 0.0, 0.0, 3.0, 0.0),
        (20.0, 0.0, 0.0, 2.0, 10.0),
        (22.0, 5.0, 0.0, 0.5, 15.385164807134505),
    ],
    "r": [
        (66.05304718017578, 19.470916748046875, 0.0, 500.0, 0.0),
        (56.317588806152344, 42.497440338134766, 0.0, 500.0, 24.999998767944312),
        (36.8466682434082, 88.55049133300781, 0.0, 500.0, 75.00000130291494),
        (27.111209869384766, 111.57701110839844, 0.0, 500.0, 100.0),
    ],
}


def test_h_define_shape_area_ri_and_points(model):
    from sim import h

    cell = _h_cell()
    for s in cell:
        area, ri, ri1 = NEURON_H_CELL[s.name()]
        assert (s.name(), [seg.area() for seg in s]) == (s.name(), area)
        assert (s.name(), [seg.ri() for seg in s], s(1).ri()) == (s.name(), ri, ri1)
        assert all(type(seg.ri()) is float for seg in s)
        if s.name() in NEURON_H_POINTS:
            n = int(h.n3d(sec=s))
            pts = [
                (
                    h.x3d(i, sec=s),
                    h.y3d(i, sec=s),
                    h.z3d(i, sec=s),
                    h.diam3d(i, sec=s),
                    h.arc3d(i, sec=s),
                )
                for i in range(n)
            ]
            assert (s.name(), pts) == (s.name(), NEURON_H_POINTS[s.name()])


def test_h_edits_after_points_exist(model):
    _soma, _a, _b, c, _r = _h_cell()
    c.L = 30
    assert c.L == 30.0
    assert [c.x3d(i) for i in range(c.n3d())] == [10.0, 29.499303817749023, 33.399166107177734]
    assert [seg.area() for seg in c] == [86.22045755208474, 70.0746410174437, 38.24359827941773]
    c.diam = 1.3
    assert [c.diam3d(i) for i in range(c.n3d())] == [1.2999999523162842] * 3
    c(0.9).diam = 2.5
    assert [c.diam3d(i) for i in range(c.n3d())] == [1.2999999523162842, 1.2999999523162842, 2.5]
    c.nseg = 5
    assert [seg.area() for seg in c] == [
        24.50442179918352,
        24.50442179918352,
        24.50442179918352,
        28.176490067850782,
        40.727936660497335,
    ]


def test_h_diam_reads_follow_the_points(model):
    _soma, a, b, c, _r = _h_cell()
    # NEURON 9.0.2: float32 rounding and smoothing of the define_shape'd diams
    assert [seg.diam for seg in a] == [
        1.1250000096969133,
        2.0000000300037346,
        3.000000158341261,
        3.8750000625157637,
    ]
    assert b.diam == 0.699999988079071
    assert [seg.diam for seg in c] == [2.7435805865477585, 2.2295940219878667, 1.2142383454426295]


def test_many_points_added_one_by_one_stay_exact():
    """Appending reuses spare capacity; the section still sees exactly its n points."""
    rng = np.random.default_rng(3)
    pts = np.cumsum(rng.normal(size=(300, 3)), axis=0)
    s = StandIn()
    for x, y, z in pts:
        morph3d.pt3dadd(s, x, y, z, 1.5)
    assert s._pt3d.shape == (300, 4) and len(s._arc3d) == 300
    f = pts.astype(np.float32)
    steps = [float(np.float32(f[i, c] - f[i - 1, c])) for i in range(1, 300) for c in range(3)]
    arcs = [0.0]
    for i in range(299):
        dx, dy, dz = steps[3 * i : 3 * i + 3]
        arcs.append(arcs[-1] + math.sqrt(dx * dx + dy * dy + dz * dz))
    assert s._arc3d.tolist() == arcs
    morph3d.pt3dinsert(s, 0, -1, -1, -1, 2)  # edits after appends still work
    morph3d.pt3dadd(s, 0, 0, 0, 2)
    assert morph3d.n3d(s) == 302 and morph3d.x3d(s, 0) == -1.0 and morph3d.arc3d(s, 0) == 0.0


def test_logical_connection_and_pt3dconst(model):
    """pt3dstyle(1, x, y, z) moves a section by its logical point; pt3dconst freezes points."""
    from sim import h

    soma = h.Section(name="soma")
    soma.L = soma.diam = 20
    d, e = h.Section(name="d"), h.Section(name="e")
    for s in (d, e):
        s.connect(soma(0.5))
        for p in [(50, 50, 0, 2), (80, 60, 0, 1)]:
            s.pt3dadd(*p)
    assert (e.pt3dstyle(), e.pt3dstyle(1, 3.5, 4.25, 1), e.pt3dstyle()) == (False, True, True)
    x, y, z = h.ref(0), h.ref(0), h.ref(0)
    assert h.pt3dstyle(1, x, y, z, sec=e) == 1.0
    assert (x[0], y[0], z[0]) == (3.5, 4.25, 1.0)
    h.define_shape()
    # NEURON 9.0.2: d snaps onto soma(0.5); e moves by what its logical point moved
    assert [(d.x3d(i), d.y3d(i), d.z3d(i)) for i in range(2)] == [
        (10.0, 0.0, 0.0),
        (40.0, 10.0, 0.0),
    ]
    assert [(e.x3d(i), e.y3d(i), e.z3d(i)) for i in range(2)] == [
        (56.5, 45.75, -1.0),
        (86.5, 55.75, -1.0),
    ]
    h.pt3dstyle(1, x, y, z, sec=e)
    assert (x[0], y[0], z[0]) == (10.0, 0.0, 0.0)
    try:
        assert (h.pt3dconst(), h.pt3dconst(1), h.pt3dconst()) == (0.0, 0.0, 1.0)
        d.L = 10
        assert (d.L, d.x3d(1)) == (31.622776601683793, 40.0)  # ignored while constant
        d.diam = 5
        assert d.diam3d(0) == 2.0
        soma.L = 40
        h.define_shape()
        assert (d.x3d(0), e.x3d(0)) == (10.0, 56.5)
    finally:
        h.pt3dconst(0)
    soma.L = 60
    h.define_shape()
    assert (d.x3d(0), e.x3d(0)) == (30.0, 76.5)
    assert (e.pt3dstyle(0), e.pt3dstyle()) == (False, False)


def test_define_shape_on_a_laid_out_model_is_not_an_edit(model):
    """A PlotShape redraw calls define_shape again; a running simulation must not see a change."""
    from sim import h
    from sim.section import structure_version

    soma, dend = h.Section(name="soma"), h.Section(name="dend")
    dend.connect(soma(1))
    h.define_shape()
    before = structure_version()
    h.define_shape()
    assert structure_version() == before
    soma.L = 50  # the child must follow: that is a change
    h.define_shape()
    assert structure_version() != before
    assert dend.x3d(0) == 50.0


def test_fractional_and_negative_point_indices(model):
    from sim import h

    s = h.Section(name="s")
    for x in (0, 5, 7):
        s.pt3dadd(x, 0, 0, 1)
    # NEURON 9.0.2: the index is range-checked as given, then truncated
    assert h.x3d(1.7, sec=s) == 5.0
    with pytest.raises(IndexError, match="out of range"):
        h.x3d(2.5, sec=s)
    with pytest.raises(IndexError, match="out of range"):
        h.x3d(-0.5, sec=s)


def test_length_of_a_zero_length_point_list_cannot_be_set():
    s = StandIn(name="tip")
    morph3d.pt3dadd(s, 1, 2, 3, 1)
    with pytest.raises(ValueError, match=r"tip: cannot rescale 3-D points that span no length"):
        morph3d.set_L(s, 10)
    assert morph3d.x3d(s, 0) == 1.0 and geometry.section_length(s) == 1e-9  # unchanged


def test_tutorial_tree_layout_and_distances(model):
    """The tutorial's 7-section tree (NEURON 9.0.2 printed the expected values)."""
    from sim import h

    names = ("soma", "proxApical", "apic1", "apic2", "proxBasal", "distBasal1", "distBasal2")
    soma, papic, apic1, apic2, pb, db1, db2 = (h.Section(name=n) for n in names)
    papic.connect(soma)
    pb.connect(soma(0))
    apic1.connect(papic)
    apic2.connect(papic)
    db1.connect(pb)
    db2.connect(pb)
    soma.L = soma.diam = 12.6157
    for s in (papic, apic1, apic2, pb, db1, db2):
        s.L, s.diam, s.nseg = 200, 1.5, 5
    h.define_shape()
    for sec, expected in ((apic1, TUTORIAL_APIC1), (db2, TUTORIAL_DISTBASAL2)):
        got = [(sec.x3d(i), sec.y3d(i), sec.z3d(i), sec.diam3d(i)) for i in range(sec.n3d())]
        assert got == expected
    h.distance(sec=soma)
    assert [h.distance(seg) for s in h.allsec() for seg in s.allseg()] == TUTORIAL_DISTANCES
    assert h.distance(db2(0.7), apic1(0.3)) == 612.6157


TUTORIAL_APIC1 = [
    (212.61569213867188, 0.0, 0.0, 1.5),
    (231.0369110107422, 7.788366794586182, 0.0, 1.5),
    (267.87933349609375, 23.365100860595703, 0.0, 1.5),
    (304.7218017578125, 38.94183349609375, 0.0, 1.5),
    (341.564208984375, 54.5185661315918, 0.0, 1.5),
    (378.40667724609375, 70.09529876708984, 0.0, 1.5),
    (396.827880859375, 77.8836669921875, 0.0, 1.5),
]
TUTORIAL_DISTBASAL2 = [
    (-200.0, 1.748455542838201e-05, 0.0, 1.5),
    (-218.4212188720703, 7.788389205932617, 0.0, 1.5),
    (-255.26365661621094, 23.36513328552246, 0.0, 1.5),
    (-292.1060791015625, 38.94187545776367, 0.0, 1.5),
    (-328.94854736328125, 54.518619537353516, 0.0, 1.5),
    (-365.79095458984375, 70.09536743164062, 0.0, 1.5),
    (-384.2121887207031, 77.88373565673828, 0.0, 1.5),
]
TUTORIAL_DISTANCES = [
    0.0,
    6.30785,
    12.6157,
    12.6157,
    32.615700000000004,
    72.6157,
    112.6157,
    152.6157,
    192.6157,
    212.6157,
    212.6157,
    232.6157,
    272.6157,
    312.6157,
    352.6157,
    392.6157,
    412.6157,
    212.6157,
    232.6157,
    272.6157,
    312.6157,
    352.6157,
    392.6157,
    412.6157,
    0.0,
    20.0,
    60.0,
    100.0,
    140.0,
    180.0,
    200.0,
    200.0,
    220.0,
    260.0,
    300.0,
    340.0,
    380.0,
    400.0,
    200.0,
    220.0,
    260.0,
    300.0,
    340.0,
    380.0,
    400.0,
]
