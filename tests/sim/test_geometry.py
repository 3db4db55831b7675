"""Per-segment area, axial resistance and diameter (sim.geometry) against NEURON 9.0.2.

Expected numbers were printed by NEURON 9.0.2 (/work/refenv) with small scripts
that build the same sections and print ``seg.area()``, ``seg.ri()``, ``seg.diam``,
``sec.L`` and ``sec.arc3d(i)``; they must match to the last bit.  Most tests
drive the pure functions through a stand-in carrying the Section data contract,
so they test the geometry alone; the ``h`` tests check the same values through
``h.Section``.
"""

from __future__ import annotations

import numpy as np
import pytest
from _standin import StandIn

from sim import geometry, morph3d


def _ri(sec):
    """NEURON's seg.ri() for each segment (x order) and then for the far end node."""
    g = geometry.segment_geometry(sec)
    ri = [1.0 / r for r in g.node_rinv()]
    centres = ri[:-1][::-1] if g.reversed else ri[:-1]
    return [*centres, ri[-1]]


# -- cylinders (fewer than two 3-D points) ----------------------------------------------
def test_default_section_area_and_ri():
    g = geometry.segment_geometry(StandIn())
    assert g.area.tolist() == [157079.63267948964]
    assert _ri(StandIn()) == [9.014535976724952e-05, 9.014535976724952e-05]


def test_nonuniform_cylinders_match_neuron():
    s = StandIn(L=37.5, Ra=150, nseg=3)
    s._diam[:] = [1.25, 2.5, 0.75]
    g = geometry.segment_geometry(s)
    # NEURON 9.0.2
    assert g.area.tolist() == [49.087385212340514, 98.17477042468103, 29.45243112740431]
    assert _ri(s) == [7.639437268410977, 9.54929658551372, 23.130518396022122, 21.22065907891938]
    assert g.diam.tolist() == [1.25, 2.5, 0.75]


def test_half_segment_resistances_sum_between_centres():
    s = StandIn(L=40.0, nseg=4, diam=2.0)
    g = geometry.segment_geometry(s)
    assert np.all(g.ri_left == g.ri_right)
    rinv = g.node_rinv()
    assert 1.0 / rinv[1] == pytest.approx(g.ri_right[0] + g.ri_left[1], rel=1e-15)


def test_zero_diameter_is_a_clear_error():
    s = StandIn(name="dend", nseg=2)
    s._diam[1] = 0.0
    with pytest.raises(ValueError, match=r"dend.*diam.*> 0"):
        geometry.segment_geometry(s)


# -- 3-D points ---------------------------------------------------------------------------
# Printed by NEURON 9.0.2: pt3dadd each point, then the segment values.
NEURON_3D = [
    {
        "name": "cone",
        "nseg": 3,
        "Ra": 35.4,
        "pts": [(0, 0, 0, 4), (30, 0, 0, 1)],
        "L": 30.0,
        "arc": [0.0, 30.0],
        "area": [110.09310175852437, 78.63792982751741, 47.18275789651044],
        "ri": [0.16097385672723127, 0.51511634152714, 1.2019381302299936, 1.5024226627874921],
        "diam": [3.5, 2.5, 1.5],
    },
    {
        "name": "zigzag",
        "nseg": 5,
        "Ra": 100.0,
        "pts": [
            (0, 0, 0, 2),
            (3.3, 4.1, 0.2, 1.7),
            (3.3, 4.1, 0.2, 0.9),
            (9.7, -2.2, 1.1, 1.3),
            (15.05, 0.3, -0.4, 2.2),
            (21.9, 7.7, 0, 0.6),
        ],
        "L": 30.476924599463125,
        "arc": [
            0.0,
            5.2668775289033105,
            5.2668775289033105,
            14.292396770743082,
            20.385220753243004,
            30.476924599463125,
        ],
        "area": [
            34.64777258922189,
            20.5289467551048,
            28.343936939845516,
            37.23947271098408,
            20.807498362156345,
        ],
        "ri": [
            1.0623175497624948,
            6.026437125213079,
            5.349097823382676,
            2.3367411973875165,
            3.4956972628490712,
            5.97064790813548,
        ],
        "diam": [
            1.7233679367911838,
            1.0717884136333906,
            1.4772091894530426,
            1.9389079902445971,
            1.0831996978397411,
        ],
    },
    {
        "name": "fine",
        "nseg": 2,
        "Ra": 123.456,
        "pts": [
            (0.0, 0.0, 0.0, 0.4),
            (1.37, 0.61, 0.05, 0.53),
            (2.74, 1.22, 0.1, 0.66),
            (4.11, 0.0, 0.15000000000000002, 0.79),
            (5.48, 0.61, 0.2, 0.92),
            (6.8500000000000005, 1.22, 0.25, 0.4),
            (8.22, 0.0, 0.30000000000000004, 0.53),
            (9.59, 0.61, 0.35000000000000003, 0.66),
            (10.96, 1.22, 0.4, 0.79),
            (12.330000000000002, 0.0, 0.45, 0.92),
            (13.700000000000001, 0.61, 0.5, 0.4),
            (15.07, 1.22, 0.55, 0.53),
        ],
        "L": 17.50946910416828,
        "arc": [
            0.0,
            1.5004999268883967,
            3.0009998537767935,
            4.836156634532815,
            6.336656452455534,
            7.837156270378253,
            9.672313229323969,
            11.172813046750148,
            12.673312865169407,
            14.508469467329757,
            16.008969285749018,
            17.50946910416828,
        ],
        "area": [17.623277749895262, 17.94733921657834],
        "ri": [22.195777681675946, 36.84280862043603, 20.393995715033743],
        "diam": [0.6386405490621676, 0.6504225059687416],
    },
    {
        "name": "onseg",
        "nseg": 1,
        "Ra": 70.0,
        "pts": [(-1.5, 2.5, 0.25, 3.3), (2.1, -0.7, 1.9, 0.7), (5.5, 5.5, 5.5, 1.1)],
        "L": 13.02614791513428,
        "arc": [0.0, 5.091414296622516, 13.02614791513428],
        "area": [55.458684944439554],
        "ri": [4.310137468047388, 6.838662515127312],
        "diam": [1.3299471845653277],
    },
    {
        "name": "many",
        "nseg": 9,
        "Ra": 35.4,
        "pts": [(0, 0, 0, 1), (1, 1, 0, 1.2), (2.5, 1.5, 0, 0.8), (4, 0, 1, 2.5)],
        "L": 5.340560272369,
        "arc": [0.0, 1.4142135623730951, 2.995352392457285, 5.340560272369],
        "area": [
            1.9472782738082264,
            2.104110977021513,
            2.1850167572143264,
            1.9398607237428445,
            1.657778722697809,
            1.9693010300940594,
            2.8248924862587432,
            3.6778102832574695,
            4.530728080256199,
        ],
        "ri": [
            0.12834439095072675,
            0.22798982353630326,
            0.19685728853277246,
            0.21909696385444805,
            0.29365855538745733,
            0.35960668740790475,
            0.18877523313931496,
            0.10121783154626784,
            0.06310894998454336,
            0.02341073134959711,
        ],
        "diam": [
            1.0419594142697635,
            1.125878242809291,
            1.1652862973255032,
            1.0323560597855135,
            0.8822375179896906,
            0.9951662552160477,
            1.424644913720752,
            1.8547869482324497,
            2.284928982744149,
        ],
    },
    {
        "name": "rev",
        "nseg": 3,
        "Ra": 35.4,
        "pts": [(0, 0, 0, 3), (10, 0, 0, 2), (12, 5, 0, 0.5)],
        "reversed": True,
        "L": 15.385164807134505,
        "arc": [0.0, 10.0, 15.385164807134505],
        "area": [19.75178249668489, 35.97986158436771, 44.25788771019357],
        "ri": [0.7566835974059054, 0.37768284616603504, 0.1404188161405835, 1.9036641664065732],
        "diam": [1.2142383454426295, 2.2295940219878667, 2.7435805865477585],
    },
]


@pytest.mark.parametrize("case", NEURON_3D, ids=[c["name"] for c in NEURON_3D])
def test_3d_integration_is_bit_exact(case):
    s = StandIn(name=case["name"], nseg=case["nseg"], Ra=case["Ra"])
    if case.get("reversed"):
        s._child_end = 1.0
    for p in case["pts"]:
        morph3d.pt3dadd(s, *p)
    assert geometry.section_length(s) == case["L"]
    assert s._arc3d.tolist() == case["arc"]
    g = geometry.segment_geometry(s)
    assert g.area.tolist() == case["area"]
    assert g.diam.tolist() == case["diam"]
    assert _ri(s) == case["ri"]


def test_3d_points_round_diameters_to_float32():
    s = StandIn(L=10.0, diam=0.7)
    morph3d.pt3dadd(s, 0, 0, 0, 0.7)
    morph3d.pt3dadd(s, 10, 0, 0, 0.7)
    g = geometry.segment_geometry(s)
    assert g.diam.tolist() == [0.699999988079071]  # NEURON 9.0.2
    assert g.area.tolist() == [21.991148200621524]  # NEURON 9.0.2


def test_geometry_does_not_write_the_section():
    s = StandIn(nseg=2)
    for p in [(0, 0, 0, 1), (10, 0, 0, 3)]:
        morph3d.pt3dadd(s, *p)
    before = s._diam.copy()
    g = geometry.segment_geometry(s)
    assert s._diam.tolist() == before.tolist()
    assert g.diam.tolist() == [1.5, 2.5]


def test_single_point_has_nearly_zero_length():
    s = StandIn()
    morph3d.pt3dadd(s, 0, 0, 0, 2)
    assert geometry.section_length(s) == 1e-09  # NEURON 9.0.2: L = 1e-09
    # fewer than two points: still a cylinder of the segment's diam, now 1e-9 long
    assert geometry.segment_geometry(s).area.tolist() == [1.5707963267948965e-06]


def test_spine_points_add_the_spine_area():
    """h.setSpineArea(a): a segment gains a per negative-diameter point (NEURON 9.0.2 values)."""
    pts = [
        (0, 0, 0, 2),
        (5, 0, 0, -1.5),
        (10, 0, 0, 1),
        (10, 0, 0, -1),
        (20, 0, 0, 1.2),
        (30, 0, 0, -0.8),
    ]
    try:
        assert geometry.set_spine_area(2.5) == 2.5 and geometry.get_spine_area() == 2.5
        for nseg, expected in (
            (3, [49.682757896510466, 37.05924777212785, 33.92221003059032]),
            (2, [68.67694416296885, 51.987271536259755]),
            (1, [120.6642156992286]),
        ):
            s = StandIn(nseg=nseg)
            for p in pts:
                morph3d.pt3dadd(s, *p)
            assert geometry.segment_geometry(s).area.tolist() == expected
    finally:
        geometry.set_spine_area(0.0)
    s = StandIn(nseg=1)
    for p in pts:
        morph3d.pt3dadd(s, *p)
    assert geometry.segment_geometry(s).area.tolist() == [113.1642156992286]
