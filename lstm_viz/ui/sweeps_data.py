"""Where the Sweeps page's runs come from, read once and checked: the shipped database, a file the user
uploads, or this session's live sweep (`sweeps_live`).

A database is read whole (at most `limits.SWEEPS_PAGE_MAX_ROWS` runs) through `sweeps.open_read_only`, which
refuses a file that is not SQLite or has no `runs` table; each row is then checked for the types the page
draws (a whole-number lag and seed, a number or NULL for the metrics, text for the names), and the rows
that fail are left out and counted. An upload is written to a temporary file only for the read and removed
at once: nothing of it stays on the server but its rows, cached by the digest of its bytes.

`Loaded` is what the page gets: the rows (a tuple of dicts, shared: never changed), or an error as a
(strings key, fields) pair, and `key`, a plain value naming the content for the figure caches.
"""

from __future__ import annotations

import math
import sqlite3
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import streamlit as st

from lstm_viz import limits, sweeps

from .held_uploads import digest, max_upload_mb, size_refusal

_TEXT = ("task", "architecture", "metric_name")
_WHOLE = ("lag", "seed", "hidden", "steps")
_WHOLE_OR_NULL = ("steps_to_threshold",)
_NUMBER_OR_NULL = (
    "metric", "best_metric", "threshold", "final_loss", "baseline_loss", "grad_ratio", "seconds", "lr",
    "forget_bias", "clip", "spectral_radius",
)  # fmt: skip


@dataclass(frozen=True)
class Loaded:
    """The runs of one database (`rows`), or why there are none (`error`: strings key, fields)."""

    key: tuple = ()
    rows: tuple[dict, ...] = ()
    error: tuple[str, dict] | None = None
    dropped: int = 0  # rows left out because a value has the wrong type


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value) -> bool:
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))


def row_fits(row: dict) -> bool:
    """Whether a row has the types the page draws (see the module docstring)."""
    failed = isinstance(row.get("error"), str)  # a failed run's row has no metric_name
    return (
        all(isinstance(row.get(name), str) or (failed and row.get(name) is None) for name in _TEXT[2:])
        and all(isinstance(row.get(name), str) for name in _TEXT[:2])
        and all(_whole(row.get(name)) for name in _WHOLE)
        and all(row.get(name) is None or _whole(row.get(name)) for name in _WHOLE_OR_NULL)
        and all(_number(row.get(name)) for name in _NUMBER_OR_NULL)
        and (row.get("error") is None or isinstance(row.get("error"), str))
    )


def _clean(row: dict) -> dict:
    """A fitting row with its non-finite numbers as None (NaN sorts and compares like nothing else)."""
    return {
        name: None if isinstance(value, float) and not math.isfinite(value) else value
        for name, value in row.items()
    }


def read(path: Path, key: tuple) -> Loaded:
    """The runs of the database at `path`; never raises for a bad file (the error says why)."""
    try:
        store = sweeps.open_read_only(path)
    except ValueError as error:
        return Loaded(key, error=("swp_bad_file", {"reason": _reason(error)}))
    try:
        count = store.count()
        if count > limits.SWEEPS_PAGE_MAX_ROWS:
            fields = {"rows": f"{count:,}", "limit": f"{limits.SWEEPS_PAGE_MAX_ROWS:,}"}
            return Loaded(key, error=("swp_too_many_rows", fields))
        rows = store.rows()
    except (sqlite3.Error, ValueError) as error:
        return Loaded(key, error=("swp_bad_file", {"reason": _reason(error)}))
    finally:
        store.close()
    fitting = tuple(_clean(row) for row in rows if row_fits(row))
    return Loaded(key, fitting, dropped=len(rows) - len(fitting))


def _reason(error: Exception) -> str:
    return str(error)[:300] or type(error).__name__


@st.cache_resource(max_entries=2, show_spinner=False)
def _shipped(path: str, mtime_ns: int, size: int) -> Loaded:
    return read(Path(path), ("shipped", path, mtime_ns, size))


def shipped() -> Loaded | None:
    """The database shipped with the package, or None if this installation has none."""
    path = Path(sweeps.SHIPPED_DB)
    try:
        info = path.stat()
    except OSError:
        return None
    return _shipped(str(path), info.st_mtime_ns, info.st_size)


def upload_limit() -> int:
    """The largest database the page reads, in bytes: its own limit, within the server's upload size."""
    return min(limits.SWEEPS_PAGE_UPLOAD_MAX_BYTES, max_upload_mb() * 2**20)


@st.cache_resource(max_entries=4, show_spinner=False)
def _uploaded(content: str, _data: bytes) -> Loaded:
    """An upload's rows, read from a temporary copy removed right after (cached by the digest `content`)."""
    with tempfile.TemporaryDirectory(prefix="lstm-viz-upload-") as folder:
        path = Path(folder) / "upload.sqlite"
        path.write_bytes(_data)
        return read(path, ("upload", content))


def uploaded(data: bytes) -> Loaded:
    """The runs in an uploaded file's bytes, or why it cannot be read (too large, not a sweep database)."""
    refusal = size_refusal(len(data), upload_limit())
    if refusal is not None:
        return Loaded(("upload", ""), error=("swp_too_large", refusal))
    if not data:
        return Loaded(("upload", ""), error=("swp_bad_file", {"reason": "the file is empty"}))
    return _uploaded(digest(data), data)


def live(path: Path | None) -> Loaded | None:
    """This session's live-sweep database, read afresh (it grows while a sweep runs), or None if the session
    has none yet; its key names its state (runs stored, the last one's time) for the figure caches."""
    if path is None or not Path(path).is_file():
        return None
    loaded = read(Path(path), ())
    last = max((str(row.get("finished_at")) for row in loaded.rows), default="")
    return replace(loaded, key=("live", str(path), len(loaded.rows), last))
