"""The sweep database: one SQLite file (stdlib `sqlite3`), one row per run keyed by the run's id.

Only the client process of a sweep writes, one row as each run finishes, so a sweep that is interrupted
and started again finds what it already has (`finished_ids`) and trains only the rest. The file is in WAL
mode while a writer has it open (readers never block the writer, the writer never blocks readers) and
goes back to a single self-contained file when the last writer closes it cleanly.

A row is written once: `insert` ignores a run whose id is already there, except that a run which failed
(`error` not NULL) is replaced by the same run succeeding later. `grad_ratio` is log10(||dL/dh_0|| /
||dL/dh_{T-1}||) of the trained model on its probe batch (the top layer's hidden state): about 0 when the
loss reaches the first step as strongly as the last, -10 when ten orders of magnitude weaker.

    with SweepStore("sweep.sqlite") as store:      # creates the file and the table if needed
        store.insert(result)                        # a dict with the COLUMNS (missing ones are NULL)
        store.rows(task="adding", architecture="lstm")
    store = open_read_only("lag_sweeps.sqlite")     # for the app: ValueError if it is no sweep database
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

COLUMNS = {
    "id": "TEXT PRIMARY KEY",
    "task": "TEXT NOT NULL",
    "lag": "INTEGER NOT NULL",
    "architecture": "TEXT NOT NULL",
    "seed": "INTEGER NOT NULL",
    "hidden": "INTEGER NOT NULL",
    "steps": "INTEGER NOT NULL",
    "lr": "REAL",
    "forget_bias": "REAL",
    "clip": "REAL",
    "batch_size": "INTEGER",
    "recurrent_init": "TEXT",
    "spectral_radius": "REAL",
    "metric": "REAL",  # the held-out metric after the last update (accuracy or MSE)
    "metric_name": "TEXT",  # "accuracy" or "mse"
    "best_metric": "REAL",  # the best held-out metric of the run's evaluations
    "threshold": "REAL",  # the task's own "learned": accuracy >= it, or MSE <= it
    "steps_to_threshold": "INTEGER",  # the first evaluation at which the task counted as learned; NULL: never
    "grad_ratio": "REAL",  # log10 ||dL/dh_0|| / ||dL/dh_{T-1}|| at the end (see the module docstring)
    "final_loss": "REAL",  # the held-out loss after the last update
    "baseline_loss": "REAL",  # the loss of a model that learned nothing
    "seconds": "REAL",  # wall time of the run on its worker
    "worker": "TEXT",  # the Dask worker (or "inline") that trained it
    "finished_at": "TEXT",  # ISO 8601, UTC, when the client stored it
    "spec": "TEXT",  # the RunSpec as JSON
    "code_version": "TEXT",
    "error": "TEXT",  # NULL if the run trained; else why it failed
}
REQUIRED = ("id", "task", "lag", "architecture", "seed", "hidden", "steps", "metric", "metric_name")
REQUIRED += ("seconds", "finished_at")
_ORDER = ("task", "architecture", "lag", "seed", "hidden", "lr", "id")


class SweepStore:
    """One sweep database; `read_only` opens an existing one without ever writing to it."""

    def __init__(self, path, read_only: bool = False):
        self.path, self.read_only, self._lock = Path(path), read_only, threading.Lock()
        try:
            self._db = _connect(self.path, read_only)
        except sqlite3.DatabaseError as error:
            raise ValueError(f"{self.path.name} is not a sweep database ({error})") from None
        try:
            if not read_only:
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                columns = ", ".join(f"{name} {kind}" for name, kind in COLUMNS.items())
                self._db.execute(f"CREATE TABLE IF NOT EXISTS runs ({columns})")
            present = _check_schema(self._db, self.path)
            if not read_only:  # a database from an older version: add the columns it lacks
                for name in COLUMNS.keys() - present:
                    self._db.execute(f"ALTER TABLE runs ADD COLUMN {name} {COLUMNS[name]}")
                self._db.commit()
                present = set(COLUMNS)
        except (sqlite3.DatabaseError, ValueError) as error:
            self._db.close()
            if isinstance(error, ValueError):
                raise
            raise ValueError(f"{self.path.name} is not a sweep database ({error})") from None
        self._present = [name for name in COLUMNS if name in present]

    def insert(self, result: dict) -> bool:
        """Store one run's row; True if it was new (or replaced a failure of the same run)."""
        unknown = sorted(set(result) - set(COLUMNS))
        if unknown:
            raise ValueError(f"result: unknown column {unknown[0]!r}")
        names = list(COLUMNS)
        values = [result.get(name) for name in names]
        updates = ", ".join(f"{name}=excluded.{name}" for name in names if name != "id")
        sql = (
            f"INSERT INTO runs ({', '.join(names)}) VALUES ({', '.join('?' * len(names))}) "
            f"ON CONFLICT(id) DO UPDATE SET {updates} WHERE runs.error IS NOT NULL"
        )
        with self._lock:
            cursor = self._db.execute(sql, values)
            self._db.commit()
            return cursor.rowcount > 0

    def finished_ids(self) -> set[str]:
        """The ids of the runs that trained (failed ones are run again by the next sweep)."""
        with self._lock:
            where = "WHERE error IS NULL" if "error" in self._present else ""
            return {row[0] for row in self._db.execute(f"SELECT id FROM runs {where}")}

    def rows(self, **equal_filters) -> list[dict]:
        """Every row (a dict of all COLUMNS, None where a database lacks one) whose columns equal the filters,
        e.g. rows(task="adding", architecture="lstm"), in the order task, architecture, lag, seed."""
        unknown = sorted(set(equal_filters) - set(COLUMNS))
        if unknown:
            raise ValueError(f"rows: unknown column {unknown[0]!r}; the columns are {list(COLUMNS)}")
        if set(equal_filters) - set(self._present):
            return []
        where = " AND ".join(f"{name} IS ?" for name in equal_filters)
        order = ", ".join(name for name in _ORDER if name in self._present)
        where = f"WHERE {where}" if where else ""
        sql = f"SELECT {', '.join(self._present)} FROM runs {where} ORDER BY {order}"
        with self._lock:
            cursor = self._db.execute(sql, list(equal_filters.values()))
            found = [dict(zip(self._present, row, strict=True)) for row in cursor]
        return [{name: row.get(name) for name in COLUMNS} for row in found]

    def count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM runs").fetchone()[0])

    def close(self) -> None:
        """Close; a writer first folds the WAL back into the file, so a cleanly closed store is one file."""
        with self._lock:
            if not self.read_only:
                try:
                    self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    self._db.execute("PRAGMA journal_mode=DELETE")  # stays WAL while a reader has it open
                except sqlite3.OperationalError:
                    pass  # another connection holds the file: it stays in WAL mode, nothing is lost
            self._db.close()

    def __enter__(self) -> SweepStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_read_only(path) -> SweepStore:
    """An existing sweep database, opened read-only (the app's way in); ValueError if the file is missing,
    is not SQLite, or has no `runs` table with the required columns."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"no sweep database at {path.name!r}")
    return SweepStore(path, read_only=True)


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    if not read_only:
        return sqlite3.connect(path, timeout=30.0, check_same_thread=False)
    uri = f"{path.resolve().as_uri()}?mode=ro"
    db = sqlite3.connect(uri, uri=True, timeout=30.0, check_same_thread=False)
    try:
        db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        # a WAL file in a folder we may not write (an installed package): read it as an immutable file
        db.close()
        db = sqlite3.connect(f"{uri}&immutable=1", uri=True, check_same_thread=False)
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db


def _check_schema(db: sqlite3.Connection, path: Path) -> set[str]:
    """The columns of the table runs; ValueError if it is missing or lacks a required column."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(runs)")}
    if not columns:
        raise ValueError(f"{path.name} is not a sweep database: it has no table 'runs'")
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise ValueError(
            f"{path.name} is not a sweep database: its table 'runs' lacks the column {missing[0]!r}"
        )
    return columns
