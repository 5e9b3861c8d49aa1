"""Loading and checking a user's own 1-D numeric series for the `series` prediction task.

`read_csv` turns an uploaded file, a path or raw bytes into one float64 column (`read_table`: every column,
for a sequence of several features per step), and `check_values`
makes sure a series can be learned from (finite, long enough, not constant, not too many values, none
beyond ±MAX_SERIES_MAGNITUDE). Both raise ValueError with a reason phrased for the person who supplied
the data; a `Refusal` also names its cause and numbers, so an app can say it in its own words.
`lstm_viz.tasks.series` builds the registered task on top of them.

No line of a CSV reaches pandas unbounded: pandas spends seconds per 100,000 fields of a first data line
that is wider than the header (it turns them into an index), so the header and the first data line are
checked against `max_fields` with pandas' own tokenizer first (a `Refusal` naming the line); any later line
wider than the ones above it stops pandas' tokenizer at once, and the file is refused as ragged, naming
that line.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from lstm_viz.limits import MAX_CSV_FIELDS, MAX_SERIES_MAGNITUDE, MAX_UPLOAD_ROWS


class Refusal(ValueError):
    """A ValueError with a named cause and its numbers: `cause` ("columns", "magnitude", "rows", "text"),
    `numbers` (dict)."""

    def __init__(self, message: str, cause: str, **numbers):
        super().__init__(message)
        self.cause = cause
        self.numbers = numbers


def _raw_text(source) -> str:
    """The text behind a path, bytes or a file-like object (such as an uploaded file)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif isinstance(source, (str, os.PathLike)):
        try:
            data = Path(source).read_bytes()
        except OSError as err:
            raise ValueError(f"cannot open {str(source)!r}: {err.strerror}") from err
    elif hasattr(source, "read"):
        data = source.read()
    else:
        raise TypeError(f"expected a path, bytes or a file object, got {type(source).__name__}")
    if isinstance(data, str):
        text = data
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise ValueError(
                f"the file is not UTF-8 text (undecodable byte at position {err.start}); "
                "save it as 'CSV UTF-8' and upload it again"
            ) from err
    if not text.strip():
        raise ValueError("the file is empty")
    return text


_FIELD_COUNT = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")  # pandas' tokenizer error


def _check_first_lines(text: str, max_fields: int) -> None:
    """Refuse a header or first data line of more than `max_fields` fields, before pandas reads the file.

    A guard line of exactly `max_fields` fields goes first, so pandas' tokenizer stops at a wider line
    (within milliseconds, however wide) exactly as it will split the file itself.
    """
    guard = "x" + "," * (max_fields - 1) + "\n"
    try:
        pd.read_csv(io.StringIO(guard + text), header=None, nrows=3, dtype=str)
    except pd.errors.ParserError as err:
        counts = _FIELD_COUNT.search(str(err))
        if counts is not None:  # any other fault is reported by the read itself, numbered as in the file
            line, fields = int(counts[2]) - 1, int(counts[3])
            raise Refusal(
                f"line {line:,} has {fields:,} fields; the limit is {max_fields:,}",
                "columns", line=line, columns=fields, limit=max_fields,
            ) from err  # fmt: skip


def _parser_error(error: pd.errors.ParserError) -> ValueError:
    """Why pandas could not split the file; a line wider than the ones above it is named with its counts."""
    counts = _FIELD_COUNT.search(str(error))
    reason = str(error).strip()
    if counts is not None:
        expected, line, fields = (int(group) for group in counts.groups())
        reason = f"line {line:,} has {fields:,} fields but the lines above it have {expected:,}"
    return ValueError(f"the file is not a valid CSV table: {reason}")


def _parse(text: str, max_fields: int, max_rows: int) -> pd.DataFrame:
    """Parse CSV text, treating the first line as data when every field in it is a number; at most
    `max_rows` + 1 data rows are read (one more than a caller accepts, so it can tell that there are more)."""
    _check_first_lines(text, max_fields)
    try:
        frame = pd.read_csv(io.StringIO(text), nrows=max_rows + 1)
        if all(_is_number(name) for name in frame.columns):
            frame = pd.read_csv(io.StringIO(text), header=None, nrows=max_rows + 1)
    except pd.errors.EmptyDataError as err:
        raise ValueError("the file is empty") from err
    except pd.errors.ParserError as err:
        raise _parser_error(err) from err
    return frame


def _is_number(text) -> bool:
    try:
        float(text)
    except (TypeError, ValueError):
        return False
    return True


def _is_numeric(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def _first_text(column: pd.Series) -> int | None:
    """The 0-based data row of the first field of a column that is not a number (None: there is none)."""
    bad = np.flatnonzero(pd.to_numeric(column, errors="coerce").isna() & column.notna())
    return int(bad[0]) if bad.size else None


def _checked_max_fields(max_fields) -> None:
    if type(max_fields) is not int or not 1 <= max_fields <= MAX_CSV_FIELDS:  # bool is not an int here
        raise ValueError(f"max_fields must be an integer from 1 to {MAX_CSV_FIELDS:,}, got {max_fields!r}")


def read_csv(source, column: str | int | None = None, max_fields: int = MAX_CSV_FIELDS) -> np.ndarray:
    """One numeric column of a CSV as float64 (N,).

    `column` is a header name, or a 0-based position (the only choice when the file has no header);
    None picks the first numeric column. A line of more than `max_fields` fields (at most MAX_CSV_FIELDS) is
    refused with its line number. Values are not checked for NaN or length here: see `check_values`.
    """
    _checked_max_fields(max_fields)
    frame = _parse(_raw_text(source), max_fields, MAX_UPLOAD_ROWS)
    if len(frame) > MAX_UPLOAD_ROWS:
        raise ValueError(f"the file has more than {MAX_UPLOAD_ROWS:,} rows; the limit is {MAX_UPLOAD_ROWS:,}")
    if column is None:
        numeric = [name for name in frame.columns if _is_numeric(frame[name])]
        if not numeric:
            raise ValueError(f"no numeric column found; the columns are {[str(c) for c in frame.columns]}")
        chosen = frame[numeric[0]]
    elif column in frame.columns:
        chosen = frame[column]
    elif isinstance(column, int) and not isinstance(column, bool) and 0 <= column < frame.shape[1]:
        chosen = frame.iloc[:, column]
    else:
        raise ValueError(f"column {column!r} not found; the columns are {[str(c) for c in frame.columns]}")
    if not _is_numeric(chosen):
        row = _first_text(chosen)
        example = f" (data row {row + 1} holds {chosen.iloc[row]!r})" if row is not None else ""
        raise ValueError(f"column {str(chosen.name)!r} is not numeric{example}")
    return chosen.to_numpy(dtype=np.float64)


def read_table(source, max_fields: int, max_rows: int) -> np.ndarray:
    """Every column of a CSV as float64 (N, C): rows are time steps, columns features; a header is optional
    (the first line is data when every field in it is a number).

    Bounded like `read_csv`: a header or first data line of more than `max_fields` fields (at most
    MAX_CSV_FIELDS) is a `Refusal` "columns" (line, columns, limit) before pandas splits the file, and at most
    `max_rows` + 1 rows are read: more than `max_rows` is a `Refusal` "rows" (limit). A field that is not a
    number is a `Refusal` "text" (row and column counted from 0, the text). Empty fields, NaN and infinities
    are kept: the caller checks the values.
    """
    _checked_max_fields(max_fields)
    if type(max_rows) is not int or not 1 <= max_rows <= MAX_UPLOAD_ROWS:
        raise ValueError(f"max_rows must be an integer from 1 to {MAX_UPLOAD_ROWS:,}, got {max_rows!r}")
    frame = _parse(_raw_text(source), max_fields, max_rows)
    if len(frame) > max_rows:
        message = f"the file has more than {max_rows:,} rows; the limit is {max_rows:,}"
        raise Refusal(message, "rows", limit=max_rows)
    for position, name in enumerate(frame.columns):
        row = None if _is_numeric(frame[name]) else _first_text(frame[name])
        if row is not None:
            text = str(frame[name].iloc[row])
            raise Refusal(
                f"data row {row} of column {position} holds {text!r}, which is not a number",
                "text", row=row, column=position, text=text[:40],
            )  # fmt: skip
    return frame.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=np.float64)


def check_values(values, window: int) -> np.ndarray:
    """Validate a 1-D series for windows of `window` steps; return it as a float64 copy (N,)."""
    try:
        array = np.array(values, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise ValueError("values must be a 1-D sequence of numbers") from err
    if array.ndim != 1:
        raise ValueError(f"values must be a 1-D sequence of numbers, got an array of shape {array.shape}")
    if array.size > MAX_UPLOAD_ROWS:
        raise ValueError(f"the series has {array.size:,} values; the limit is {MAX_UPLOAD_ROWS:,}")
    finite = np.isfinite(array)
    if not finite.all():
        first = int(np.flatnonzero(~finite)[0])
        raise ValueError(f"the series contains NaN or infinite values (first at position {first})")
    if array.size < window + 1:
        raise ValueError(
            f"the series has {array.size} values but window={window} needs at least {window + 1} "
            "(a window plus the value to predict)"
        )
    beyond = np.abs(array) > MAX_SERIES_MAGNITUDE
    if beyond.any():
        first = int(np.flatnonzero(beyond)[0])
        raise Refusal(
            f"the series holds {array[first]:.3g} (at position {first}); values must lie within "
            f"±{MAX_SERIES_MAGNITUDE:.0e} (much larger ones make the mean and spread overflow)",
            "magnitude", position=first, value=float(array[first]), limit=MAX_SERIES_MAGNITUDE,
        )  # fmt: skip
    std = array.std()
    if std <= 1e-12 * float(np.abs(array).max()):  # relative: a series of tiny numbers is not constant
        raise ValueError("the series is constant (standard deviation 0), so there is nothing to predict")
    return array
