"""Loading and checking a user's own 1-D numeric series for the `series` prediction task.

`read_csv` turns an uploaded file, a path or raw bytes into one float64 column, and `check_values`
makes sure a series can be learned from (finite, long enough, not constant, not too large). Both raise
ValueError with a reason phrased for the person who supplied the data. `lstm_viz.tasks.series` builds
the registered task on top of them.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pandas as pd

from lstm_viz.limits import MAX_UPLOAD_ROWS


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


def _parse(text: str) -> pd.DataFrame:
    """Parse CSV text, treating the first line as data when every field in it is a number."""
    try:
        frame = pd.read_csv(io.StringIO(text), nrows=MAX_UPLOAD_ROWS + 1)
        if all(_is_number(name) for name in frame.columns):
            frame = pd.read_csv(io.StringIO(text), header=None, nrows=MAX_UPLOAD_ROWS + 1)
    except pd.errors.EmptyDataError as err:
        raise ValueError("the file is empty") from err
    except pd.errors.ParserError as err:
        raise ValueError(f"the file is not a valid CSV table: {err}") from err
    if len(frame) > MAX_UPLOAD_ROWS:
        raise ValueError(f"the file has more than {MAX_UPLOAD_ROWS:,} rows; the limit is {MAX_UPLOAD_ROWS:,}")
    return frame


def _is_number(text) -> bool:
    try:
        float(text)
    except (TypeError, ValueError):
        return False
    return True


def _is_numeric(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def read_csv(source, column: str | int | None = None) -> np.ndarray:
    """One numeric column of a CSV as float64 (N,).

    `column` is a header name, or a 0-based position (the only choice when the file has no header);
    None picks the first numeric column. Values are not checked for NaN or length here: see `check_values`.
    """
    frame = _parse(_raw_text(source))
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
        bad = np.flatnonzero(pd.to_numeric(chosen, errors="coerce").isna() & chosen.notna())
        example = f" (data row {bad[0] + 1} holds {chosen.iloc[bad[0]]!r})" if bad.size else ""
        raise ValueError(f"column {str(chosen.name)!r} is not numeric{example}")
    return chosen.to_numpy(dtype=np.float64)


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
    std = array.std()
    if std <= 1e-12 * max(1.0, abs(float(array.mean()))):
        raise ValueError("the series is constant (standard deviation 0), so there is nothing to predict")
    return array
