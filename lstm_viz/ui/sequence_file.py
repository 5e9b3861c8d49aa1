"""An input sequence of your own from a CSV: rows are time steps, columns the model's input features (2 for
adding: value, marker; 8 for remember_first: its one-hot channels; 1 for sine and the series).

A typed sequence is kept in the page's link while it is small; a longer one, or one of several features per
step, comes from a file, which no link carries (the panel says so). `parse_sequence(data, features, low,
high)` needs no running app: bytes in, a `SequenceFile` out holding either the values (T, I) or the reason
they cannot be used, as a strings key with its fields (said with Strings.notice, in the page's language).
The file is read by `tasks.series_data.read_table`, bounded: at most limits.APP_MAX_SEQUENCE_BYTES, the
header and first line checked against the column count before pandas splits the file, at most `high` + 1
rows read. Its values must be finite and within ±limits.APP_MAX_TYPED_MAGNITUDE, its rows between the task's
shortest and longest input (at most limits.APP_MAX_SEQUENCE_STEPS).

The values wait in a `HeldStore` under their digest, kept alive by the session that uploaded them; the edit
is ("file", digest) (sequence_edit.FILE), so caches key on the digest, never on the array. `check` says
whether a held sequence fits a task and the length it sets; `draw` is the uploader in the panel.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from lstm_viz import limits
from lstm_viz.tasks import series_data

from . import sequence_edit, state, task_names
from .held_uploads import HeldStore, digest, size_refusal
from .strings import Strings

FILE_KEY = "seq_csv"
APPLY_KEY = "seq_csv_apply"
_HELD = "lv_seq_csv"  # this session's uploaded sequence: holding it keeps it in STORE
STORE = HeldStore("sequence")  # digest -> read-only values (T, I)


@dataclass(frozen=True)
class SequenceFile:
    """A parsed upload: `values` (T, I) read-only float64 and their digest `key`, or `error` (key, fields)."""

    key: str = ""
    values: np.ndarray | None = None
    error: tuple[str, dict] | None = None


def parse_sequence(
    data: bytes, features: int, low: int, high: int, max_bytes: int = limits.APP_MAX_SEQUENCE_BYTES
) -> SequenceFile:
    """The input sequence in an uploaded CSV: `features` columns, `low` to `high` rows (time steps)."""
    too_large = size_refusal(len(data), max_bytes)
    if too_large is not None:
        return SequenceFile(error=("seq_file_size", too_large))
    span = {"needs": features, "low": low, "high": high}
    try:
        values = series_data.read_table(data, max_fields=features, max_rows=high)
    except series_data.Refusal as refusal:  # a limit with its numbers: said in the page's language
        return SequenceFile(error=(f"seq_file_{refusal.cause}", {**refusal.numbers, **span}))
    except ValueError as error:
        return SequenceFile(error=("seq_file_error", {"reason": str(error)[:300]}))
    except Exception as error:  # noqa: BLE001 - a user's file must never take the app down; say what failed
        reason = f"{type(error).__name__}: {str(error)[:200]}"
        return SequenceFile(error=("seq_file_error", {"reason": reason}))
    problem = _problem(values, features, low)
    if problem is not None:
        return SequenceFile(error=problem)
    values.flags.writeable = False
    return SequenceFile(key=digest(repr(values.shape).encode() + values.tobytes()), values=values)


def _problem(values: np.ndarray, features: int, low: int) -> tuple[str, dict] | None:
    """Why read values (T, C) are not an input of `features` features and at least `low` steps, or None."""
    steps, columns = values.shape
    if columns != features:
        return "seq_file_columns", {"columns": columns, "needs": features}
    if steps < low:
        return "seq_file_few", {"rows": steps, "low": low}
    finite = np.isfinite(values)
    if not finite.all():
        row, column = (int(i) for i in np.argwhere(~finite)[0])
        return "seq_file_nonfinite", {"row": row, "column": column}
    beyond = np.abs(values) > limits.APP_MAX_TYPED_MAGNITUDE
    if beyond.any():
        row, column = (int(i) for i in np.argwhere(beyond)[0])
        shown, limit = f"{values[row, column]:.3g}", f"{limits.APP_MAX_TYPED_MAGNITUDE:g}"
        return "seq_file_magnitude", {"row": row, "column": column, "value": shown, "limit": limit}
    return None


def steps_range(task_name: str) -> tuple[int, int]:
    """(fewest, most) time steps of the task's input over its length range, at most APP_MAX_SEQUENCE_STEPS."""
    low, high = task_names.length_range(task_name)
    offset = task_names.make_task(task_name, low).length - low  # steps = length parameter + offset
    return low + offset, min(high + offset, limits.APP_MAX_SEQUENCE_STEPS)


def check(task_name: str, key: str) -> tuple[int | None, tuple[str, dict] | None]:
    """(the length parameter the held sequence `key` sets for the task, None), or (None, the notice that
    drops it: gone from memory, another column count, too few or too many steps)."""
    try:
        values = STORE.get(key)
    except ValueError:
        return None, ("notice_edit_file_gone", {})
    low, high = task_names.length_range(task_name)
    features = task_names.make_task(task_name, low).input_size
    steps, columns = values.shape
    if columns != features:
        return None, ("notice_edit_file_columns", {"columns": columns, "needs": features})
    fewest, most = steps_range(task_name)
    if not fewest <= steps <= most:
        return None, ("notice_edit_file_steps", {"steps": steps, "low": fewest, "high": most})
    return low + steps - fewest, None


def values_of(key: str) -> np.ndarray:
    """The held values (T, I) of an uploaded sequence; ValueError when no session holds them any more."""
    return STORE.get(key)


def length_in_use(task_name: str) -> int | None:
    """The length parameter the uploaded sequence in use sets for the task, or None (none in use, or it
    does not fit: `check`)."""
    key = state.settings().get(sequence_edit.FILE_SETTING)
    return check(task_name, key)[0] if key else None


@st.cache_data(max_entries=8, show_spinner=False)
def _parsed(digest: str, features: int, low: int, high: int, _data: bytes) -> SequenceFile:
    """parse_sequence, cached by the digest of the file's bytes (Streamlit does not hash `_data` itself)."""
    return parse_sequence(_data, features, low, high)


def _read(file, features: int, low: int, high: int) -> SequenceFile:
    data = file.getvalue()
    return _parsed(digest(data), features, low, high, data)


def draw(ctx, s: Strings) -> None:
    """The uploader of the panel, what became of the file in it, and that a link does not carry it."""
    features = ctx.task().input_size
    low, high = steps_range(ctx.task_name)
    span = (features, low, high)
    help_text = s(
        "seq_file_help", needs=features, low=low, high=high, kb=f"{limits.APP_MAX_SEQUENCE_BYTES // 1024:,}",
        magnitude=f"{limits.APP_MAX_TYPED_MAGNITUDE:g}",
    )  # fmt: skip
    file = st.file_uploader(
        s("seq_file", needs=features), type="csv", key=FILE_KEY, on_change=_use_upload, args=span,
        help=help_text,
    )  # fmt: skip
    if file is not None:
        parsed = _read(file, *span)
        if parsed.error is not None:
            key, fields = parsed.error
            st.error(s.notice(key, fields), icon=":material/error:")
        elif ctx.edit == (sequence_edit.FILE, parsed.key):
            steps, columns = parsed.values.shape
            st.caption(s("seq_file_in_use", steps=steps, features=columns))
        else:
            st.button(s["seq_file_apply"], key=APPLY_KEY, on_click=_use_upload, args=span)
    st.caption(s["seq_file_not_in_link"])


def _use_upload(features: int, low: int, high: int) -> None:
    """The file in the uploader becomes the input (one that cannot be used changes nothing: `draw` says
    why); removing the file in use goes back to the sample's own input."""
    settings = state.settings()
    file = st.session_state.get(FILE_KEY)
    if file is None:
        if settings.get(sequence_edit.FILE_SETTING):
            sequence_edit.forget(settings)
        return
    parsed = _read(file, features, low, high)
    if parsed.error is None:
        sequence_edit.forget(settings)
        settings[sequence_edit.FILE_SETTING] = parsed.key
        st.session_state[_HELD] = STORE.hold(parsed.key, parsed.values)
