"""Bounds on a user's own series (issue 17, items 1 and 8): every line of a CSV is bounded before pandas
builds anything from it, and a series whose mean or spread cannot be computed is refused.

Item 1: pandas turns the extra fields of a first data line that is wider than the header into an index, at
about 60 µs a field (100,000 fields took 21 s, 1,000,000 took 4 minutes and 2.4 GB). Now a header or first
data line of more than `max_fields` fields is refused with its number before pandas reads the file, and any
later line wider than the lines above it makes the file ragged, refused naming that line.
Item 8: values of 1e308 (or 1e200) made the mean or the standard deviation overflow, so the normalised
series was NaN or all zeros.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from lstm_viz import limits, tasks
from lstm_viz.tasks import series_data
from lstm_viz.ui import strings, upload

NOT_A_TABLE = "the file is not a valid CSV table"
SERIES = b"value\n" + b"".join(f"{np.sin(i / 5):.4f}\n".encode() for i in range(60))


def wide_line(fields: int) -> bytes:
    return b",".join([b"1"] * fields) + b"\n"


def message(parsed: upload.Upload, lang: str = "en") -> str:
    key, fields = parsed.error
    return strings.strings_for(lang).notice(key, {**fields, "task": "adding"})


# --- item 1: no line reaches pandas unbounded -------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "line", "fields"),
    [
        (b"a\n" + wide_line(100_000), "2", "100,000"),  # the report: 0.2 MB, 21 s before
        (b"a\n" + wide_line(1_000_000), "2", "1,000,000"),  # 2 MB: 4 minutes and 2.4 GB before
        (wide_line(101), "1", "101"),  # the header itself
        (b"\n\na\n\n" + wide_line(200), "5", "200"),  # blank lines still count as lines
        (b'"a\nb"\n' + wide_line(200), "2", "200"),  # pandas counts a quoted line break in no line number
    ],
)
def test_an_upload_with_a_line_of_too_many_fields_is_refused_naming_the_line(data, line, fields):
    parsed = upload.parse_upload(data)
    assert parsed.values is None
    assert parsed.error == ("up_error_columns", {"line": line, "columns": fields, "limit": "100"})
    assert message(parsed).startswith(f"Line {line} of this file has {fields} fields, more than the 100 ")
    assert f"第 {line} 行有 {fields} 个字段" in message(parsed, "zh")


@pytest.mark.parametrize(
    ("data", "line", "fields", "above"),
    [
        (SERIES + wide_line(5_000), 62, "5,000", 1),  # a wide line far below narrow ones
        (b"a,b\n1,2\n" + b"3," * 10_000 + b"\n", 3, "10,001", 2),
        (b"a\n1\n\n" + b"," * (10 * 2**20 - 8) + b"\n", 4, "10,485,753", 1),  # 10 MB: read no further
    ],
)
def test_a_wide_line_below_the_first_two_makes_the_file_ragged_naming_the_line(data, line, fields, above):
    reason = f"line {line} has {fields} fields but the lines above it have {above}"
    assert upload.parse_upload(data).error == ("up_error", {"reason": f"{NOT_A_TABLE}: {reason}"})


def test_a_line_at_the_limit_is_read():
    header = ",".join(f"c{i}" for i in range(limits.APP_MAX_UPLOAD_COLUMNS)) + "\n"
    rows = "".join(",".join([f"{np.cos(r):.3f}"] * limits.APP_MAX_UPLOAD_COLUMNS) + "\n" for r in range(30))
    parsed = upload.parse_upload((header + rows).encode(), "c99")
    assert parsed.error is None and parsed.values.shape == (30,)
    assert parsed.values[2] == pytest.approx(np.cos(2), abs=1e-3)


def test_the_library_reader_refuses_a_wide_line_with_a_value_error_naming_it():
    data = b"price\n" + wide_line(limits.MAX_CSV_FIELDS + 1) + b"1\n2\n"
    with pytest.raises(ValueError, match=r"^line 2 has 1,001 fields; the limit is 1,000$") as caught:
        series_data.read_csv(data)
    assert caught.value.cause == "columns"
    assert caught.value.numbers == {"line": 2, "columns": 1001, "limit": 1000}
    with pytest.raises(ValueError, match=r"^line 2 has 1,000,000 fields; the limit is 1,000$"):
        tasks.series_from_csv(b"a\n" + wide_line(1_000_000))
    with pytest.raises(ValueError, match="line 2 has 4 fields; the limit is 3"):
        series_data.read_csv(b"a,b\n1,2,3,4\n1,2\n", max_fields=3)
    for bad in (0, limits.MAX_CSV_FIELDS + 1, True, 2.0):
        with pytest.raises(ValueError, match="max_fields must be an integer from 1 to 1,000"):
            series_data.read_csv(SERIES, max_fields=bad)


def test_a_ragged_line_within_the_limit_names_its_line_and_counts():
    reason = "not a valid CSV table: line 4 has 4 fields but the lines above it have 2"
    with pytest.raises(ValueError, match=reason):
        series_data.read_csv(b"a,b\n1,2\n3\n4,5,6,7\n")


def test_fields_are_counted_as_csv_splits_them_not_as_commas():
    """A quoted field keeps its commas and line breaks: 300 commas in one field are one field."""
    text = 'note,value\n"a, b\nc",1.5\n' + "".join(f'"{"," * 300}",{v}\n' for v in range(2, 40))
    values = series_data.read_csv(text.encode(), max_fields=2)
    assert values.shape == (39,) and values[0] == 1.5 and values[-1] == 39


def test_the_worst_accepted_files_are_read_or_refused_in_full():
    """The shapes of the files timed for the report (10 MB: the server's maxUploadSize)."""
    ten_mb = 10 * 2**20
    short_lines = b"1\n2\n" * (ten_mb // 4)  # 5.2 million lines
    reason = "the file has more than 1,000,000 rows; the limit is 1,000,000"
    assert upload.parse_upload(short_lines).error == ("up_error", {"reason": reason})
    rest = ",1.25" * 99 + "\n"  # 100 fields a line, 21,097 lines of 497 bytes
    hundred = "".join(f"{i % 7}{rest}" for i in range(ten_mb // len(f"0{rest}"))).encode()
    assert upload.parse_upload(hundred).values.shape == (21_097,)
    commas = b"a\n" + b"," * (ten_mb - 3) + b"\n"  # one line of 10,485,758 empty fields
    assert upload.parse_upload(commas).error[1] == {"line": "2", "columns": "10,485,758", "limit": "100"}
    quoted = b"a,b\n" + b'"x,\ny",1.5\n' * (ten_mb // 12)
    assert upload.parse_upload(quoted).error == ("up_error_rows", {"rows": "873,813", "limit": "100,000"})
    assert series_data.read_csv(quoted).shape == (873_813,)  # within the library's limit


# --- item 8: values whose mean or spread overflow ---------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "position", "shown"),
    [
        ([1e308, -1e308] * 30, 0, "1e+308"),  # the mean of the squares overflowed: NaN everywhere
        ([1.0] * 10 + [1e200, -1e200] * 20, 10, "1e+200"),  # the spread overflowed: an all-zero series
        ([0.5, -2e100] * 20, 1, "-2e+100"),
    ],
)
def test_values_beyond_the_magnitude_bound_are_refused(values, position, shown):
    reason = rf"holds {re.escape(shown)} \(at position {position}\); values must lie within ±1e\+100"
    with pytest.raises(ValueError, match=reason):
        tasks.get("series", values=np.array(values), window=5)
    parsed = upload.parse_upload(("\n".join(f"{v!r}" for v in values) + "\n").encode())
    assert parsed.error[0] == "up_error_magnitude"
    assert parsed.error[1] == {"position": str(position), "value": shown, "limit": "1e+100"}
    english = f"This series holds {shown} (position {position}, counting from 0), beyond ±1e+100"
    assert english in message(parsed)
    chinese = f"有一个数值是 {shown}（位置 {position}，从 0 开始数），超出了本应用能读取的范围 ±1e+100"
    assert chinese in message(parsed, "zh")


def test_at_the_bound_the_largest_series_normalises_exactly():
    """The bound keeps the variance of MAX_UPLOAD_ROWS values of ±MAX_SERIES_MAGNITUDE far below overflow."""
    bound = limits.MAX_SERIES_MAGNITUDE
    task = tasks.get("series", values=np.tile([bound, -bound], limits.MAX_UPLOAD_ROWS // 2), window=5)
    assert task.mean == 0 and task.std == bound
    np.testing.assert_array_equal(task.normalised[:4], [1, -1, 1, -1])
    small = tasks.get("series", values=np.array([1e-100, 3e-100] * 20), window=5)
    np.testing.assert_allclose(small.normalised[:2], [-1, 1])
