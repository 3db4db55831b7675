"""Sections, segments, mechanisms and point processes behave like NEURON's (numerics §1)."""

from __future__ import annotations

import gc

import pytest

from sim import h


def test_default_section_geometry_matches_neuron():
    s = h.Section(name="soma")
    assert (s.L, s.diam, s.nseg, s.Ra, s.cm, s.rallbranch) == (100, 500, 1, 35.4, 1, 1)
    assert s(0.5).area() == 157079.63267948964
    assert s(0.5).ri() == s(1).ri() == 9.014535976724952e-05
    assert s(0).area() == 0 and s(0).ri() == 1e30
    assert s(0.5).v == -65.0


def test_names_and_cells():
    class Cell:
        def __str__(self):
            return "Cell[3]"

    cell = Cell()
    a = h.Section(name="a")
    b = h.Section(name="soma", cell=cell)
    anon = h.Section()
    assert a.name() == "a" and str(b) == "Cell[3].soma" and b.cell() is cell
    assert anon.name().startswith("__nrnsec_0x")
    assert [s.name() for s in h.allsec()] == ["a", "Cell[3].soma", anon.name()]
    assert repr(a(0.25)) == "a(0.25)"


def test_unreferenced_sections_go_away_and_children_become_roots():
    soma = h.Section(name="soma")
    dend = h.Section(name="dend")
    dend.connect(soma(1))
    del soma
    gc.collect()
    assert [s.name() for s in h.allsec()] == ["dend"]
    assert dend.parentseg() is None


def test_nseg_changes_keep_values_like_neuron():
    s = h.Section(name="s")
    s.nseg = 2
    s(0.25).diam, s(0.75).diam = 1, 3
    s.nseg = 3
    assert [seg.diam for seg in s] == [1, 3, 3]
    t = h.Section(name="t")
    t.nseg = 2
    t(0.25).diam, t(0.75).diam = 1, 3
    t.nseg = 4
    assert [seg.diam for seg in t] == [1, 1, 3, 3]
    t.nseg = 1
    assert [seg.diam for seg in t] == [3]


def test_point_process_sits_on_the_centre_of_its_segment_and_moves_with_nseg():
    s = h.Section(name="s")
    s.nseg = 5
    ic = h.IClamp(s(0.2))
    assert ic.get_loc() == pytest.approx(0.3)
    h.pop_section()
    s.nseg = 1
    assert ic.get_segment().x == 0.5
    end = h.IClamp(s(1))
    assert end.get_segment().x == 1.0
    assert h.List("IClamp").count() == 2 and list(h.List("IClamp")) == [ic, end]
    ic.delay = 3
    assert getattr(ic, "del") == 3 and ic.delay == 3


@pytest.mark.parametrize("bad", [0, -1, 2.5, "3", 40000])
def test_bad_nseg_is_refused(bad):
    s = h.Section(name="s")
    with pytest.raises(ValueError, match="nseg must be an integer"):
        s.nseg = bad
    assert s.nseg == 1


def test_bad_geometry_and_connections_are_refused():
    s = h.Section(name="s")
    with pytest.raises(ValueError, match="L must be > 0"):
        s.L = 0
    with pytest.raises(ValueError, match="diam must be > 0"):
        s.diam = -1
    child = h.Section(name="child")
    child.connect(s)
    with pytest.raises(ValueError, match="loop"):
        s.connect(child)
    with pytest.raises(ValueError, match="loop"):
        s.connect(s)


def test_unknown_mechanism_lists_the_known_ones_and_unknown_variables_are_named():
    s = h.Section(name="s")
    with pytest.raises(ValueError, match=r"known: .*hh"):
        s.insert("hhh")
    s.insert("pas")
    with pytest.raises(AttributeError, match="gnabar_hh, the mechanism does not exist"):
        _ = s(0.5).gnabar_hh
    with pytest.raises(AttributeError, match="foo"):
        _ = s(0.5).foo
    with pytest.raises(AttributeError, match="foo"):
        s(0.5).pas.foo = 1


def test_deleted_section_references_raise():
    s = h.Section(name="s")
    ref = s(0.5)._ref_v
    h.delete_section(sec=s)
    with pytest.raises(ReferenceError):
        _ = s.L
    with pytest.raises(ReferenceError):
        ref[0]
    assert list(h.allsec()) == []


def test_range_variables_in_every_spelling_share_storage():
    s = h.Section(name="s")
    s.nseg = 3
    s.insert("hh")
    s.gnabar_hh = 0.2
    assert [seg.hh.gnabar for seg in s] == [0.2, 0.2, 0.2]
    s(0.5).hh.gnabar = 0.3
    assert s(0.5).gnabar_hh == 0.3 and s.gnabar_hh == 0.3
    s(0.1).ena = 55
    assert s(0.1).ena == 55 and s(0.5).ena == 50
    ref = s(0.5).hh._ref_m
    ref2 = s(0.5)._ref_m_hh
    h.finitialize(-65)
    assert ref[0] == ref2[0] == 0.05293248525724958
    assert s(0.1).ena == 55  # a user's ena persists through finitialize
    assert [m.name() for m in s(0.5)] == ["k_ion", "na_ion", "hh"]
    assert [v.name() for v in s(0.5).hh][:2] == ["gnabar_hh", "gkbar_hh"]


def test_tree_queries_and_section_lists():
    soma = h.Section(name="soma")
    a, b, c = (h.Section(name=n) for n in "abc")
    a.connect(soma(1))
    b.connect(soma(0.5))
    c.connect(a(1))
    assert soma.children() == [b, a] and c.parentseg().sec is a
    assert soma.subtree() == [soma, b, a, c] and c.wholetree() == [soma, b, a, c]
    sl = h.SectionList()
    sl.wholetree(sec=c)
    assert len(sl) == 4
    sl.remove(sec=b)
    assert [s.name() for s in sl] == ["soma", "a", "c"]
    ref = h.SectionRef(sec=a)
    assert ref.parent is soma and ref.nchild() == 1 and ref.child[0] is c and ref.root is soma
    roots = h.SectionList()
    roots.allroots()
    assert list(roots) == [soma]
    h.push_section(c)
    assert h.cas() is c and h.secname() == "_pysec.c"  # NEURON 9.0.2 names Python sections so
    h.pop_section()


def test_values_survive_compiling_and_recompiling():
    s = h.Section(name="s")
    s.insert("hh")
    s(0.5).hh.gkbar = 0.05
    h.finitialize(-60)
    s.nseg = 3  # structural change: recompiled at the next finitialize
    assert [seg.hh.gkbar for seg in s] == [0.05, 0.05, 0.05]
    h.finitialize(-60)
    s(0.1).hh.gkbar = 0.07
    assert s(0.1).gkbar_hh == 0.07 and s(0.5).gkbar_hh == 0.05
