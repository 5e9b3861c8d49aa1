"""An input sequence from a CSV (sequence_file, series_data.read_table) without a running app: the bounded
reader, the refusals with their numbers, the length a held sequence sets, and the edit that applies it."""

from __future__ import annotations

import time

import numpy as np
import pytest

from lstm_viz import limits, tasks
from lstm_viz.tasks import series_data
from lstm_viz.ui import sequence_edit, sequence_file


def test_read_table_reads_every_column_with_or_without_a_header():
    with_header = series_data.read_table(b"value,marker\n0.5,0\n0.25,1\n", max_fields=2, max_rows=10)
    without = series_data.read_table(b"0.5,0\n0.25,1\n", max_fields=2, max_rows=10)
    np.testing.assert_array_equal(with_header, [[0.5, 0.0], [0.25, 1.0]])
    np.testing.assert_array_equal(without, with_header)


def test_read_table_is_bounded_and_names_what_it_refuses():
    started = time.perf_counter()
    with pytest.raises(series_data.Refusal) as wide:
        series_data.read_table(b"1," * 200_000 + b"1\n", max_fields=2, max_rows=10)
    assert time.perf_counter() - started < 2.0, "a huge first line is refused before pandas splits it"
    assert wide.value.cause == "columns" and wide.value.numbers["columns"] == 200_001
    with pytest.raises(series_data.Refusal) as long:
        series_data.read_table(b"1,0\n" * 11, max_fields=2, max_rows=10)
    assert long.value.cause == "rows" and long.value.numbers == {"limit": 10}
    with pytest.raises(series_data.Refusal) as text:
        series_data.read_table(b"a,b\n1,2\n3,x\n", max_fields=2, max_rows=10)
    assert text.value.cause == "text" and text.value.numbers == {"row": 1, "column": 1, "text": "x"}
    with pytest.raises(ValueError, match="max_rows"):
        series_data.read_table(b"1\n", max_fields=1, max_rows=0)


def test_parse_sequence_checks_size_values_and_rows():
    parse = sequence_file.parse_sequence
    assert parse(b"1,0\n" * 10, 2, 2, 100, max_bytes=20).error[0] == "seq_file_size"
    assert parse(b"1,0\n", 2, 2, 100).error == ("seq_file_few", {"rows": 1, "low": 2})
    assert parse(b"1,0\n1,inf\n", 2, 2, 100).error == ("seq_file_nonfinite", {"row": 1, "column": 1})
    big = parse(b"1,0\n2e7,1\n", 2, 2, 100).error
    assert big == ("seq_file_magnitude", {"row": 1, "column": 0, "value": "2e+07", "limit": "1e+06"})
    square, column = parse(b"1,2\n3,4\n", 2, 2, 100), parse(b"1\n2\n3\n4\n", 1, 2, 100)
    assert square.values.tobytes() == column.values.tobytes()
    assert square.key != column.key, "the digest names the shape too"


def test_a_held_sequence_sets_the_length_of_a_task_whose_input_it_fits():
    values = np.zeros((61, 8))
    key = sequence_file.parse_sequence(b"0,0,0,0,0,0,0,0\n" * 61, 8, 2, 1000).key
    held = sequence_file.STORE.hold(key, values)  # this test keeps it alive
    assert sequence_file.check("remember_first", key) == (60, None), "61 steps: lag 60"
    wrong = ("notice_edit_file_columns", {"columns": 8, "needs": 2})
    assert sequence_file.check("adding", key) == (None, wrong)
    assert sequence_file.steps_range("sunspots") == (2, 100)
    assert sequence_file.steps_range("adding") == (2, limits.APP_MAX_SEQUENCE_STEPS)
    assert sequence_file.check("adding", "0" * 16) == (None, ("notice_edit_file_gone", {}))
    del held


def test_the_file_edit_replaces_one_samples_input_and_wins_over_the_others():
    task = tasks.get("adding", length=5)
    batch = task.sample(3, 0)
    values = np.arange(10, dtype=np.float64).reshape(5, 2)
    edited = sequence_edit.apply(task, batch, 1, sequence_edit.FILE, values)
    np.testing.assert_array_equal(edited.x[1].numpy(), values)
    np.testing.assert_array_equal(edited.x[[0, 2]].numpy(), batch.x[[0, 2]].numpy())
    np.testing.assert_array_equal(edited.y.numpy(), batch.y.numpy())  # the target stays the sample's own
    edit = (sequence_edit.FILE, "abc")
    assert sequence_edit.requested(sequence_edit.MARKS, (1, 2), -1, (), "abc") == edit
    assert sequence_edit.requested(sequence_edit.MARKS, *sequence_edit.as_request(edit)) == edit
    settings = {"marks": (), "first": -1, "values": (), sequence_edit.FILE_SETTING: "abc"}
    sequence_edit.forget(settings)
    assert sequence_edit.FILE_SETTING not in settings
