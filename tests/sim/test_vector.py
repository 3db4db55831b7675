"""h.Vector: NEURON's API on a numpy buffer; recording is cheap."""

from __future__ import annotations

import time

import numpy as np
import pytest

from sim import engine, h


def test_constructors_and_numpy_sharing():
    assert h.Vector(3).to_python() == [0, 0, 0]
    assert h.Vector(2, 1.5).to_python() == [1.5, 1.5]
    v = h.Vector([1, 2, 3])
    arr = v.as_numpy()
    arr[0] = 9
    assert v[0] == 9 and v.x[0] == 9
    v.x[1] = 7
    assert arr[1] == 7
    copy = np.array(v)
    copy[2] = 0
    assert v[2] == 3
    assert h.Vector(np.arange(4.0)).to_python() == [0, 1, 2, 3]
    assert h.Vector(v).to_python() == [9, 7, 3]


def test_a_million_element_numpy_vector_is_fast():
    data = np.random.default_rng(1).random(1_000_000)
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        v = h.Vector(data)
        best = min(best, time.perf_counter() - start)
    assert best < 0.01  # a memory copy: typically ~1 ms
    assert len(v) == 1_000_000 and v[123] == data[123]


def test_statistics_and_arithmetic_match_neuron():
    b = h.Vector([1.5, -2, 3.25, 4])
    assert b.stdev() == 2.6721947908039936 and b.var() == 7.140625  # NEURON's values
    e = h.Vector(6).indgen()
    assert (e.sum(), e.mean(), e.stdev()) == (15.0, 2.5, 1.8708286933869707)
    assert h.Vector().indgen(2, 7, 1.5).to_python() == [2, 3.5, 5, 6.5]
    f = e.c().add(1).sub(0.5).mul(3).div(2)
    assert f.to_python() == [0.75, 2.25, 3.75, 5.25, 6.75, 8.25]
    assert (b.max(), b.min(), b.max_ind(), b.min_ind()) == (4, -2, 3, 1)
    g = h.Vector([1, 2])
    g.append(7, h.Vector([8.5]))
    assert g.to_python() == [1, 2, 7, 8.5] and g.resize(3).size() == 3
    assert g.fill(2.5).to_python() == [2.5, 2.5, 2.5]


def test_printf_formats_like_neuron(capsys):
    h.Vector([1, 2.5, -3.125, 1e-7, 123456.789]).printf()
    h.Vector([1.5, -2, 3.25, 4]).printf("%5.2f ", 1, 3)
    assert capsys.readouterr().out == "1\t2.5\t-3.125\t1e-07\t123457\t\n\n-2.00  3.25  4.00 "


def test_bad_input_is_named():
    with pytest.raises(TypeError, match="reference"):
        h.Vector().record(3.0)
    with pytest.raises(ValueError, match="sampling interval"):
        h.Vector().record(h._ref_t, 0)
    with pytest.raises(IndexError, match="out of range"):
        h.Vector(2)[5]


def test_recording_a_million_samples_costs_about_8_mb():
    soma = h.Section(name="soma")
    v = h.Vector().record(soma(0.5)._ref_v)
    h.finitialize(-65)
    engine.run_until(1_000_000 * 0.025 - 0.0125, 1)
    assert len(v) == 1_000_001
    assert v.as_numpy().nbytes == 8_000_008
    assert v.buffer_size() <= 1_000_001 + 4096  # not a doubled buffer


def test_gui_methods_accept_calls_headless_like_nrniv_nogui():
    v = h.Vector([1, 2, 3])
    g = h.Graph()
    assert v.plot(g) is v and v.plot(g, 0.1, 2, 1) is v and v.line(g) is v and v.mark(g) is v


def test_recording_a_deleted_section_is_dropped_and_its_samples_kept():
    """NEURON 9.0.2: after delete_section, finitialize neither fails nor clears the vector."""
    from sim import h

    h.load_file("stdrun.hoc")
    a = h.Section(name="a")
    b = h.Section(name="b")
    va = h.Vector().record(a(0.5)._ref_v)
    vb = h.Vector().record(b(0.5)._ref_v)
    h.finitialize(-65)
    h.continuerun(1)
    assert (len(va), len(vb)) == (41, 41)
    h.delete_section(sec=b)
    h.finitialize(-60)
    h.continuerun(1)
    assert (len(va), len(vb)) == (41, 41)
    assert va[0] == -60.0 and vb[0] == -65.0
