"""Section order, h.topology() text and h.distance (sim.topology) against NEURON 9.0.2.

Expected text and numbers were printed by NEURON 9.0.2 (/work/refenv) for the
same trees (the random tree below: ``random.seed(7)``, 16 sections, printed
with ``h.topology()`` and ``h.distance(seg1, seg2)``).  The pure functions are
driven through a stand-in carrying the Section data contract.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from _standin import StandIn, connect_standin

from sim import topology


@pytest.fixture
def sections(monkeypatch):
    """A private list of stand-ins that topology sees as 'all sections'."""
    import sim.section

    made: list[StandIn] = []
    monkeypatch.setattr(sim.section, "all_sections", lambda: list(made), raising=False)

    def new(name, **kw):
        s = StandIn(name, **kw)
        made.append(s)
        return s

    return new


@pytest.fixture
def spec_tree(sections):
    """numerics §8.1's example tree."""
    soma = sections("soma")
    d1, d5, d4 = sections("d1", nseg=5), sections("d5", nseg=2), sections("d4", nseg=3)
    d2, d3 = sections("d2", nseg=4), sections("d3", nseg=3)
    connect_standin(d1, soma, 1)
    connect_standin(d5, d1, 1)
    connect_standin(d4, d1, 0.3)
    connect_standin(d2, soma, 0.5)
    connect_standin(d3, soma, 0)
    return soma, d1, d2, d3, d4, d5


SPEC_TOPOLOGY = (  # NEURON 9.0.2
    "\n"
    "|-|       soma(0-1)\n"
    "   `----|       d1(0-1)\n"
    "         `-|       d5(0-1)\n"
    "     `--|       d4(0-1)\n"
    "  `---|       d2(0-1)\n"
    " `--|       d3(0-1)\n"
    "\n"
)


def test_spec_example_topology_text(spec_tree):
    assert topology.topology_text() == SPEC_TOPOLOGY


def test_section_order_is_breadth_first_per_root(spec_tree, sections):
    other = sections("other")
    kid = sections("kid")
    connect_standin(kid, other, 1)
    import sim.section

    names = [s._name for s in topology.section_order(sim.section.all_sections())]
    assert names == ["soma", "d3", "d2", "d1", "d4", "d5", "other", "kid"]


def test_distance_call_forms_match_neuron(spec_tree):
    soma, d1, d2, d3, d4, d5 = spec_tree
    assert topology.distance(0, soma(0.5)) == 0.5  # setting the origin returns x
    # NEURON 9.0.2, origin soma(0.5)
    assert topology.distance(d1(0.3)) == 80.0
    assert topology.distance(d1(0.31)) == 80.0  # same node: the segment centre
    assert topology.distance(d4(0.5)) == 130.0
    assert topology.distance(d3(1)) == 150.0
    assert topology.distance(d2(0)) == 0.0
    assert topology.distance(sec=d4) == 0.0  # origin at d4(0)
    assert topology.distance(d5(1)) == 170.0
    assert topology.distance(1, d3(0.5)) == 180.0
    assert topology.distance(0.5, sec=soma) == 80.0
    # two locations: the stored origin is left alone
    assert topology.distance(d3(1), d5(1)) == 400.0
    assert topology.distance(1, d3(0.5)) == 180.0


def test_distance_needs_an_origin(sections):
    topology._origin.sec = None
    s = sections("s")
    with pytest.raises(RuntimeError, match="Distance origin not valid"):
        topology.distance(s(0.5))


def test_distance_rejects_bad_mode(sections):
    s = sections("s")
    with pytest.raises(ValueError, match="first argument must be 0"):
        topology.distance(2, s(0.5))


def test_distance_between_trees_is_1e20(sections):
    a, b = sections("a"), sections("b")
    assert topology.distance(a(0.5), b(0.5)) == 1e20


def test_reversed_child_and_rall_branches_text(sections):
    soma = sections("soma", nseg=2)
    r = sections("r", nseg=3)
    connect_standin(r, soma, 1, end=1)
    r._rallbranch = 2.0
    assert topology.topology_text() == (
        "\n|--|       soma(0-1)\n    `--|       r(1-0) with 2 rall branches\n\n"
    )


# -- a random tree (NEURON 9.0.2, random.seed(7)): (nseg, L, rallbranch, (parent, x, end)) --
TREE = [
    (2, 189.834, 1.0, None),
    (1, 19.125, 1.0, (0, 1.0, 1.0)),
    (3, 86.544, 1.0, (0, 0.0, 0.0)),
    (5, 127.349, 1.0, (1, 1.0, 1.0)),
    (7, 30.969, 1.0, (2, 0.3, 1.0)),
    (4, 116.385, 1.0, (0, 0.564, 1.0)),
    (5, 108.685, 1.0, (3, 1.0, 0.0)),
    (5, 157.067, 3.5, (2, 1.0, 0.0)),
    (1, 28.023, 1.0, (2, 0.5, 1.0)),
    (5, 20.136, 1.0, (5, 1.0, 0.0)),
    (4, 160.394, 2.0, None),
    (3, 140.923, 3.5, (10, 1.0, 0.0)),
    (5, 72.666, 1.0, (9, 0.0, 1.0)),
    (2, 30.221, 1.0, (7, 0.5, 0.0)),
    (2, 177.26, 1.0, None),
    (2, 142.747, 1.0, (6, 1.0, 1.0)),
]
NEURON_TOPOLOGY = (
    "\n"
    "|--|       s0(0-1)\n"
    "    `|       s1(1-0)\n"
    "    `----|       s3(1-0)\n"
    "    `----|       s6(0-1)\n"
    "          `-|       s15(1-0)\n"
    "   `---|       s5(1-0)\n"
    "   `----|       s9(0-1)\n"
    "   `----|       s12(1-0)\n"
    " `--|       s2(0-1)\n"
    "     `----|       s7(0-1) with 3.5 rall branches\n"
    "        `-|       s13(0-1)\n"
    "   `|       s8(1-0)\n"
    "  `------|       s4(1-0)\n"
    "|----|       s10(0-1) with 2 rall branches\n"
    "      `--|       s11(0-1) with 3.5 rall branches\n"
    "|--|       s14(0-1)\n"
    "\n"
)
NEURON_DISTANCES = [
    (4, 0.1, 7, 0.0, 100.87692857142858),
    (15, 0.5, 5, 0.5, 235.47462500000003),
    (0, 0.77, 4, 1.0, 156.7995),
    (11, 0.1, 10, 1.0, 23.487166666666667),
    (1, 1.0, 14, 0.77, 1e20),
    (12, 0.77, 12, 0.0, 50.8662),
    (15, 0.0, 12, 0.1, 364.28990000000005),
    (2, 0.77, 6, 0.1, 272.8225),
    (3, 1.0, 10, 0.0, 1e20),
    (3, 1.0, 0, 0.1, 142.3755),
    (3, 1.0, 11, 0.0, 1e20),
    (2, 1.0, 6, 0.77, 352.4575),
    (4, 0.5, 8, 1.0, 44.332499999999996),
    (11, 0.0, 15, 0.0, 1e20),
    (15, 0.77, 14, 0.77, 1e20),
    (9, 0.1, 2, 0.0, 144.38909999999998),
    (10, 0.77, 8, 0.1, 1e20),
    (0, 1.0, 6, 0.5, 54.3425),
    (4, 1.0, 0, 0.5, 156.7995),
    (2, 1.0, 8, 0.5, 57.2835),
    (5, 0.1, 11, 1.0, 1e20),
    (10, 1.0, 7, 0.1, 1e20),
    (7, 0.1, 12, 0.1, 310.0256),
    (15, 0.0, 11, 0.0, 1e20),
    (8, 0.5, 15, 0.1, 462.86275),
    (11, 0.5, 14, 0.5, 1e20),
    (2, 0.0, 7, 0.1, 102.2507),
    (15, 0.5, 6, 0.1, 133.50325),
    (15, 0.77, 0, 0.5, 191.83025000000004),
    (2, 0.77, 3, 0.1, 376.5681),
    (15, 0.77, 5, 0.5, 235.47462500000003),
    (2, 0.77, 12, 0.77, 236.2953),
    (2, 0.1, 5, 0.1, 258.636375),
    (0, 1.0, 4, 0.77, 210.8942142857143),
    (4, 0.5, 15, 0.1, 435.48775),
    (4, 0.0, 0, 0.0, 45.393),
    (4, 0.1, 13, 0.1, 186.96567857142858),
    (0, 0.1, 8, 0.5, 104.74199999999999),
    (7, 0.5, 10, 1.0, 1e20),
    (13, 0.0, 4, 0.5, 166.138),
]


@pytest.fixture
def random_tree(sections):
    secs = []
    for k, (nseg, length, rall, parent) in enumerate(TREE):
        s = sections(f"s{k}", nseg=nseg, L=length)
        s._rallbranch = rall
        if parent is not None:
            p, x, end = parent
            connect_standin(s, secs[p], x, end)
        secs.append(s)
    return secs


def test_random_tree_topology_text(random_tree):
    assert topology.topology_text() == NEURON_TOPOLOGY


def test_random_tree_distances_bit_exact(random_tree):
    secs = random_tree
    got = [
        (a, xa, b, xb, topology.distance(secs[a](xa), secs[b](xb)))
        for a, xa, b, xb, _ in NEURON_DISTANCES
    ]
    assert got == [tuple(d) for d in NEURON_DISTANCES]


def test_node_helpers_follow_orientation(sections):
    p = sections("p", nseg=4)
    c = sections("c", nseg=5)
    connect_standin(c, p, 0.6, end=1)
    assert topology.node_index(p, 0.6) == 2
    assert topology.node_index(c, 0.1) == 4  # reversed: counted from x = 1
    assert topology.parent_node(c) == (p, 2)
    assert topology.node_exact(c, 1.0) == (p, 2)  # x = 1 is the connected end
    assert topology.node_exact(c, 0.0) == (c, 5)
    assert topology.root_of(c) is p
    with pytest.raises(ValueError, match="0<=x<=1"):
        topology.node_index(p, 1.5)


# -- through h (the engine's Section) -------------------------------------------------------
@pytest.fixture
def model():
    from sim.section import delete_all_sections

    delete_all_sections()
    yield
    delete_all_sections()


def _spec_tree_h():
    from sim import h

    soma = h.Section(name="soma")
    d1, d5, d4 = h.Section(name="d1"), h.Section(name="d5"), h.Section(name="d4")
    d2, d3 = h.Section(name="d2"), h.Section(name="d3")
    for s, n in ((d1, 5), (d5, 2), (d4, 3), (d2, 4), (d3, 3)):
        s.nseg = n
    d1.connect(soma(1))
    d5.connect(d1(1))
    d4.connect(d1(0.3))
    d2.connect(soma(0.5))
    d3.connect(soma(0))
    return soma, d1, d2, d3, d4, d5


def test_h_topology_prints_neuron_text(model, capsys):
    from sim import h

    tree = _spec_tree_h()
    assert h.topology() == 1.0
    assert capsys.readouterr().out == SPEC_TOPOLOGY
    del tree


def test_h_distance_through_segments(model):
    from sim import h

    soma, d1, _d2, d3, d4, d5 = _spec_tree_h()
    h.distance(0, soma(0.5))
    assert [h.distance(d1(0.3)), h.distance(d4(0.5)), h.distance(d3(1))] == [80.0, 130.0, 150.0]
    h.distance(sec=d4)
    assert h.distance(d5(1)) == 170.0
    assert h.distance(d3(1), d5(1)) == 400.0  # NEURON 9.0.2


# NEURON 9.0.2: h.psection(sec=...) for soma (hh, IClamp), dend and a reversed child.
NEURON_PSECTION = """\
soma { nseg=1  L=100  Ra=35.4
	/*location 0 attached to cell 0*/
	/* First segment only */
	insert morphology { diam=500}
	insert capacitance { cm=1}
	insert hh { gnabar_hh=0.12 gkbar_hh=0.036 gl_hh=0.0003 el_hh=-54.3}
	insert na_ion { ena=50}
	insert k_ion { ek=-77}
	insert IClamp { del=0 dur=2 amp=0.25}
}
dend { nseg=1  L=250  Ra=123.5
	soma connect dend (0), 0.5
	/* First segment only */
	insert morphology { diam=500}
	insert capacitance { cm=1}
	insert pas { g_pas=0.001 e_pas=-70}
}
r { nseg=1  L=100  Ra=35.4 rallbranch=2
	dend connect r (1), 1
	/* First segment only */
	insert morphology { diam=500}
	insert capacitance { cm=1}
}
other { nseg=1  L=100  Ra=35.4
	/*location 0 attached to cell 1*/
	/* First segment only */
	insert morphology { diam=500}
	insert capacitance { cm=1}
}
"""


def _psection_model():
    from sim import h

    soma = h.Section(name="soma")
    dend = h.Section(name="dend")
    dend.connect(soma(0.5))
    soma.insert("hh")
    dend.insert("pas")
    dend.L, dend.Ra = 250, 123.5
    ic = h.IClamp(soma(0.5))
    ic.amp, ic.dur = 0.25, 2
    r = h.Section(name="r")
    r.connect(dend(1), 1)
    r.rallbranch = 2
    other = h.Section(name="other")
    return soma, dend, r, other, ic


def test_h_psection_text_matches_neuron(model, capsys):
    from sim import h

    soma, dend, r, other, ic = _psection_model()
    for s in (soma, dend, r, other):
        assert h.psection(sec=s) == 1.0
    assert capsys.readouterr().out == NEURON_PSECTION
    del ic


def test_psection_dict_matches_neuron(model):
    soma, dend, _r, _other, ic = _psection_model()
    d = dend.psection()
    assert d["density_mechs"] == {"pas": {"g": [0.001], "e": [-70.0], "i": [0.0]}}
    assert d["ions"] == {} and d["point_processes"] == {}
    morph = d["morphology"]
    assert (morph["L"], morph["diam"], morph["pts3d"]) == (250.0, [500.0], [])
    assert morph["parent"] == soma(0.5) and morph["trueparent"] == soma(0.5)
    assert (d["nseg"], d["Ra"], d["cm"], d["name"], d["cell"]) == (1, 123.5, [1.0], "dend", None)
    s = soma.psection()
    assert s["point_processes"] == {"IClamp": {ic}}
    assert s["ions"]["na"] == {
        "ena": [50.0],
        "nai": [10.0],
        "nao": [140.0],
        "ina": [0.0],
        "dina_dv_": [0.0],
    }
    assert list(s["density_mechs"]["hh"])[:4] == ["gnabar", "gkbar", "gl", "el"]
    assert s["morphology"]["parent"] is None


def test_psection_order_after_nseg_change(model, capsys):
    from sim import h

    a = h.Section(name="a")
    a.nseg = 3
    h.psection(sec=a)
    out = capsys.readouterr().out
    # NEURON 9.0.2
    assert "\tinsert capacitance { cm=1}\n\tinsert morphology { diam=500}\n" in out


def _replay(sec, ops, stims):
    """Do each operation (the engine reports them to sim.psection's note_* functions)."""
    from sim import h

    for op, v in ops:
        if op == "nseg":
            sec.nseg = v
        elif op == "insert":
            sec.insert(v)
        elif op == "stim":
            stims.append(h.IClamp(sec(v)))


# NEURON 9.0.2 after each sequence (psection of the section).
NEURON_ORDER_AFTER_NSEG = """\
a { nseg=2  L=100  Ra=35.4
	/*location 0 attached to cell 0*/
	/* First segment only */
	insert pas { g_pas=0.001 e_pas=-70}
	insert capacitance { cm=1}
	insert morphology { diam=500}
	insert hh { gnabar_hh=0.12 gkbar_hh=0.036 gl_hh=0.0003 el_hh=-54.3}
	insert na_ion { ena=50}
	insert k_ion { ek=-77}
}
"""
NEURON_ORDER_WITH_STIMS = """\
a { nseg=1  L=100  Ra=35.4
	/*location 0 attached to cell 0*/
	/* First segment only */
	insert morphology { diam=500}
	insert capacitance { cm=1}
	insert pas { g_pas=0.001 e_pas=-70}
	insert IClamp { del=0 dur=0 amp=0}
	insert IClamp { del=0 dur=0 amp=0}
}
"""


@pytest.mark.parametrize(
    ("ops", "expected"),
    [
        (
            [
                ("nseg", 3),
                ("nseg", 5),
                ("insert", "pas"),
                ("nseg", 7),
                ("insert", "hh"),
                ("nseg", 2),
            ],
            NEURON_ORDER_AFTER_NSEG,
        ),
        (
            [
                ("nseg", 3),
                ("stim", 0.1),
                ("insert", "pas"),
                ("nseg", 9),
                ("stim", 0.05),
                ("nseg", 1),
            ],
            NEURON_ORDER_WITH_STIMS,
        ),
    ],
    ids=["nseg-history", "point-processes"],
)
def test_psection_replays_neurons_property_order(model, capsys, ops, expected):
    from sim import h

    a = h.Section(name="a")
    stims: list = []
    _replay(a, ops, stims)
    h.psection(sec=a)
    assert capsys.readouterr().out == expected


def test_long_chains_do_not_hit_the_recursion_limit(sections):
    chain = [sections(f"c{i}") for i in range(2500)]
    for parent, child in itertools.pairwise(chain):
        connect_standin(child, parent, 1)
    lines = topology.topology_text().splitlines()
    assert len(lines) == 2 + 2500
    assert lines[-2] == " " * (1 + 2 * 2499) + "`|       c2499(0-1)"  # 2 more per level
    assert topology.distance(chain[0](0), chain[-1](1)) == 250000.0


def test_psection_follows_point_processes_that_move(model, capsys):
    from sim import h

    a = h.Section(name="a")
    a.nseg = 3
    st, st2 = h.IClamp(a(0.1)), h.IClamp(a(0.2))
    st.amp, st2.amp = 1.5, 2.5

    def clamps():
        h.psection(sec=a)
        return [line for line in capsys.readouterr().out.splitlines() if "IClamp" in line]

    # NEURON 9.0.2: both on the first node, in creation order; moved away; moved back to the head
    assert clamps() == [
        "\tinsert IClamp { del=0 dur=0 amp=1.5}",
        "\tinsert IClamp { del=0 dur=0 amp=2.5}",
    ]
    st.loc(a(0.9))
    assert clamps() == ["\tinsert IClamp { del=0 dur=0 amp=2.5}"]
    st.loc(a(0.05))
    assert clamps() == [
        "\tinsert IClamp { del=0 dur=0 amp=2.5}",
        "\tinsert IClamp { del=0 dur=0 amp=1.5}",
    ]


def test_distance_from_an_object_with_a_segment_property(spec_tree):
    soma, d1, *_ = spec_tree

    class Synapse:  # rxd nodes and many user classes expose .segment
        segment = soma(0.5)

    assert topology.distance(Synapse(), d1(0.3)) == 80.0  # as from soma(0.5)
    with pytest.raises(TypeError, match="Distance origin not valid"):
        topology.distance(object(), d1(0.3))


# -- properties on random trees ---------------------------------------------------------------
# (a seeded generator rather than hypothesis: its example database would land in the checkout)
def _random_tree(rng):
    secs = []
    for k in range(int(rng.integers(1, 13))):
        s = StandIn(f"r{k}", nseg=int(rng.integers(1, 6)), L=float(rng.uniform(1, 300)))
        if k:
            x = float(rng.choice([0.0, 1.0, rng.uniform(0, 1)]))
            connect_standin(s, secs[int(rng.integers(0, k))], x, float(rng.choice([0.0, 1.0])))
        secs.append(s)
    return secs


@pytest.mark.parametrize("seed", range(40))
def test_distance_is_symmetric_and_zero_at_the_same_place(seed):
    rng = np.random.default_rng(seed)
    secs = _random_tree(rng)
    for _ in range(10):
        sa, sb = (secs[int(rng.integers(0, len(secs)))] for _ in range(2))
        xa, xb = (float(rng.choice([0.0, 0.1, 0.5, 0.77, 1.0])) for _ in range(2))
        d = topology.distance(sa(xa), sb(xb))
        assert d == topology.distance(sb(xb), sa(xa))  # the same sums in the same order
        assert d >= 0.0
        assert topology.distance(sa(xa), sa(xa)) == 0.0


@pytest.mark.parametrize("seed", range(40))
def test_topology_lists_every_section_once(seed):
    secs = _random_tree(np.random.default_rng(seed))
    lines = topology.topology_text(secs).splitlines()[1:-1]
    assert len(lines) == len(secs)
    names = [line.split("|       ")[1].split("(")[0] for line in lines]
    assert sorted(names) == sorted(s._name for s in secs)
    order = topology.section_order(secs)
    assert order[0] is secs[0] and len(order) == len(secs)
