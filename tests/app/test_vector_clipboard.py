"""Vector ▸ Save to File / Retrieve from File use NEURON's clipboard text format."""

from __future__ import annotations

import pytest

from app.vector_clipboard import (
    Curve,
    VectorFileError,
    read_vector_file,
    set_clipboard,
    write_vector_file,
)


def test_written_file_is_neurons_format_and_reads_back(tmp_path):
    path = tmp_path / "v.dat"
    curve = Curve(y=[-65.0, -64.123456789, 30.0], x=[0.0, 0.025, 0.05], label="v(.5)")
    write_vector_file(path, curve)
    # label line, count line, then x<TAB>y printed like C's %g (6 significant digits)
    assert path.read_text() == "label:v(.5)\n3\n0\t-65\n0.025\t-64.1235\n0.05\t30\n"
    back = read_vector_file(path)
    assert back.label == "v(.5)"
    assert back.x == [0.0, 0.025, 0.05]
    assert back.y == [-65.0, -64.1235, 30.0]


def test_label_and_count_lines_are_optional(tmp_path):
    path = tmp_path / "pairs.dat"
    path.write_text("1\t10\n2\t20\n3\t30\n")
    curve = read_vector_file(path)
    assert (curve.label, curve.x, curve.y) == ("", [1.0, 2.0, 3.0], [10.0, 20.0, 30.0])


def test_count_line_limits_what_is_read(tmp_path):
    path = tmp_path / "counted.dat"
    path.write_text("label:I\n2\n0 1.5\n1 2.5\n9 9\n")
    assert read_vector_file(path).y == [1.5, 2.5]


def test_single_column_is_y_against_its_index(tmp_path):
    path = tmp_path / "ys.dat"
    path.write_text("label:spikes\n3\n0.5\n1.5\n2.5\n")
    curve = read_vector_file(path)
    assert curve.x == [0.0, 1.0, 2.0]
    assert curve.y == [0.5, 1.5, 2.5]


def test_a_bad_line_is_named_by_file_and_line(tmp_path):
    path = tmp_path / "bad.dat"
    path.write_text("label:x\n0\t1\n1\tabc\n")
    with pytest.raises(VectorFileError, match=r"bad\.dat:3: expected numbers"):
        read_vector_file(path)


def test_a_short_file_says_how_many_points_it_has(tmp_path):
    path = tmp_path / "short.dat"
    path.write_text("label:x\n5\n0\t1\n")
    with pytest.raises(VectorFileError, match="says 5 points but the file has 1"):
        read_vector_file(path)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(VectorFileError, match="cannot read"):
        read_vector_file(tmp_path / "nope.dat")


def test_clipboard_refuses_mismatched_lengths():
    with pytest.raises(ValueError, match="x has 1 values but y has 2"):
        set_clipboard([1.0, 2.0], [0.0])
    set_clipboard([])
