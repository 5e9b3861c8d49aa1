"""The user's own series for the `series` task: a CSV uploaded in the sidebar, checked and parsed once.

`parse_upload(data, column)` needs no running app: bytes in, an `Upload` out holding either the checked
values or the reason they cannot be used, as a strings key with its arguments. It refuses a file above the
server's upload size (Streamlit refuses those in the browser already; this also covers a test or a proxy
that does not), any line with more fields than the app reads (limits.APP_MAX_UPLOAD_COLUMNS, checked by
`tasks.series_data` before pandas splits the lines), more rows than the app's limit, values beyond
±limits.MAX_SERIES_MAGNITUDE, and everything else `tasks.series_data` refuses: an empty file, no numeric
column, NaN or infinite values, too few values, a constant series, text that is not UTF-8.

`draw` puts the upload controls in the sidebar. A parse is cached by the digest of the file's bytes (a
plain value), never by the file object, so a rerun with the same file parses nothing; what the uploads
share (the size, the digest, the store a session keeps alive) is in `held_uploads`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from lstm_viz import limits, tasks
from lstm_viz.tasks import series_data

from . import task_names
from .held_uploads import digest, max_upload_mb, size_refusal
from .strings import Strings

FILE_KEY = "up_file"
COLUMN_KEY = "up_column"
_HELD = "lv_series"  # this session's series: holding it keeps it in engine_cache's store
MIN_WINDOW = tasks.spec("series")["window"][1]  # the shortest window: a series needs MIN_WINDOW + 1 values


@dataclass(frozen=True)
class Upload:
    """A parsed upload: `values` (N,) read-only float64 and their digest `key`, or `error` (key, fields)."""

    key: str = ""
    values: np.ndarray | None = None
    error: tuple[str, dict] | None = None


def parse_upload(
    data: bytes, column: str = "", max_bytes: int | None = None, max_rows: int | None = None
) -> Upload:
    """The series in an uploaded CSV (`column`: a header name, a 0-based column number, or "" for the first
    numeric column); limits default to the app's (server.maxUploadSize, limits.APP_MAX_UPLOAD_ROWS)."""
    max_bytes = max_upload_mb() * 2**20 if max_bytes is None else max_bytes
    max_rows = limits.APP_MAX_UPLOAD_ROWS if max_rows is None else max_rows
    too_large = size_refusal(len(data), max_bytes)
    if too_large is not None:
        return Upload(error=("up_error_size", too_large))
    column = column.strip()
    choice = (int(column) if column.isdigit() else column) if column else None
    try:
        values = series_data.read_csv(data, choice, max_fields=limits.APP_MAX_UPLOAD_COLUMNS)
        if values.size > max_rows:
            return Upload(error=("up_error_rows", {"rows": f"{values.size:,}", "limit": f"{max_rows:,}"}))
        values = series_data.check_values(values, MIN_WINDOW)
    except series_data.Refusal as refusal:  # a limit with its numbers: said in the page's language
        return Upload(error=(f"up_error_{refusal.cause}", {k: _shown(v) for k, v in refusal.numbers.items()}))
    except ValueError as error:
        return Upload(error=("up_error", {"reason": str(error)[:300]}))
    except Exception as error:  # noqa: BLE001 - a user's file must never take the app down; say what failed
        return Upload(error=("up_error", {"reason": f"{type(error).__name__}: {str(error)[:200]}"}))
    values.flags.writeable = False
    return Upload(key=digest(values.tobytes()), values=values)


def _shown(number) -> str:
    """A number as a message shows it: an integer with thousands separators, a float to 3 digits."""
    return f"{number:,}" if isinstance(number, int) else f"{number:.3g}"


@st.cache_data(max_entries=8, show_spinner=False)
def _parsed(digest: str, column: str, max_bytes: int, _data: bytes) -> Upload:
    """parse_upload, cached by the digest of the file's bytes (`_data` itself is not hashed by Streamlit)."""
    return parse_upload(_data, column, max_bytes)


def draw(bar, s: Strings, fallback: str) -> str | None:
    """The upload controls; returns the task name of the uploaded series, or None (with a message saying the
    pages show the task `fallback`) when there is no file or it cannot be used."""
    mb, rows = max_upload_mb(), f"{limits.APP_MAX_UPLOAD_ROWS:,}"
    help_text = s(
        "up_help", mb=mb, rows=rows, columns=limits.APP_MAX_UPLOAD_COLUMNS,
        magnitude=_shown(limits.MAX_SERIES_MAGNITUDE),
    )  # fmt: skip
    file = bar.file_uploader(s["up_label"], type="csv", key=FILE_KEY, help=help_text)
    if file is None:
        bar.info(s.notice("up_prompt", {"mb": mb, "rows": rows, "task": fallback}), icon=":material/upload:")
        return None
    column = bar.text_input(s["up_column"], key=COLUMN_KEY, max_chars=100, help=s["up_column_help"])
    data = file.getvalue()
    parsed = _parsed(digest(data), column.strip(), mb * 2**20, data)
    if parsed.error is not None:
        key, fields = parsed.error
        bar.error(s.notice(key, {**fields, "task": fallback}), icon=":material/error:")
        return None
    bar.caption(s("up_loaded", rows=f"{parsed.values.size:,}"))
    name, st.session_state[_HELD] = task_names.register_series(parsed.key, parsed.values)
    return name
