"""``insert capacitance`` (reference case 716) and what NeuroQt cannot do with it."""

from __future__ import annotations


def test_uninsert_capacitance_is_refused_and_says_what_to_do(h, capsys):
    # NEURON 9.0.2 removes it (ismembrane then says 0); NeuroQt's sections always have it
    h("create soma")
    assert not h("soma uninsert capacitance")
    err = capsys.readouterr().err
    assert "uninsert capacitance" in err and "cm = 0" in err
    assert h('soma print ismembrane("capacitance"), cm')
    assert capsys.readouterr().out == "1 1 \n"
