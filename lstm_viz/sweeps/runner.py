"""Run a sweep: the runs a database lacks, on Dask (a cluster or a LocalCluster) or inline, stored at once.

`run_sweep(spec, db_path)` expands the spec, asks the store which runs it already holds, and trains only the
rest; the client process (this one) writes every result to the database as soon as it arrives, so a sweep
that is interrupted (Ctrl-C, a lost worker, a killed client) and started again with the same spec trains
only what is missing. Where the runs go:

- `inline=True`: one after another in this process (the app's job queue and the serial baseline);
- `scheduler="tcp://host:8786"` (or the environment variable LSTM_VIZ_DASK_SCHEDULER): an existing Dask
  cluster started with `dask scheduler` / `dask worker`; a worker that dies takes its run with it and the
  scheduler gives the run to another worker (Dask's own retries);
- otherwise a `dask.distributed.LocalCluster` of `workers` processes (default: one per core) with one
  thread each.

Every worker trains with one torch thread, so N workers use N cores. Runs go out longest first (`cost`),
so a short run fills the gap a long one leaves at the end. `on_progress(done, total, failed, eta_seconds)`
follows every stored run (done counts the runs already in the database too);
`should_stop()` returning something truthy stops the sweep between runs, keeping every finished one. Dask is
imported only here, and only when a sweep runs on it.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import torch

import lstm_viz
from lstm_viz.engine.kinds import KINDS
from lstm_viz.training.lag_sweep import make_task

from .spec import RunSpec, SweepSpec, expand
from .store import SweepStore
from .train_one import train_one

SCHEDULER_ENV = "LSTM_VIZ_DASK_SCHEDULER"
_NANNY_ENV = "distributed.nanny.pre-spawn-environ"
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters (malloc.h)
POLL_SECONDS = 0.2  # how often the client looks for finished runs and asks should_stop


@dataclass(frozen=True)
class SweepOutcome:
    """What one call did: runs trained now (`done`), found already stored (`skipped`), failed, and
    whether `should_stop` ended it early; `total` runs in the spec; wall `seconds`."""

    total: int
    done: int
    skipped: int
    failed: int
    stopped: bool
    seconds: float


def code_version() -> str:
    """The package version and a hash of the source that decides a run's numbers (engine, tasks,
    training, sweeps), so a database says which code made each row, checkout or installed wheel alike."""
    root = Path(lstm_viz.__file__).resolve().parent
    digest = hashlib.sha256()
    for layer in ("engine", "tasks", "training", "sweeps"):
        for path in sorted((root / layer).glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"{lstm_viz.__version__}+{digest.hexdigest()[:12]}"


def cost(run: RunSpec) -> float:
    """A run's relative cost: updates x time steps x gate blocks x (hidden + input) x hidden."""
    task = make_task(run.task, run.lag, **dict(run.task_params))
    blocks = len(KINDS[run.architecture].blocks)  # 1 for the RNN, 3 for the GRU, 4 for the LSTM
    return run.steps * task.length * blocks * (run.hidden + task.input_size) * run.hidden


def train_on_worker(run: dict) -> dict:
    """`train_one` on a Dask worker with one torch thread; a run that raises comes back as a row whose
    `error` says why (retrying it would fail the same way)."""
    torch.set_num_threads(1)
    undo_malloc_trim()
    return {**trained_or_failed(RunSpec.from_dict(run)), "worker": _worker_address()}


def trained_or_failed(run: RunSpec) -> dict:
    """The row of `train_one(run)`, or a failure row saying what it raised: one run's failure is recorded,
    not fatal to the sweep."""
    try:
        return train_one(run)
    except Exception as error:  # noqa: BLE001 - whatever one run raises becomes its row's error
        return failure_row(run, f"{type(error).__name__}: {error}")


def undo_malloc_trim() -> None:
    """Give back glibc's usual allocation thresholds in a worker that a Dask nanny started.

    The nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536, which also fixes glibc's mmap threshold at
    128 kB: every tensor above it is then mapped and unmapped at each training step, and a run takes about
    twice as long as in a plain process (bench_sweep.py). These are the values glibc's own dynamic
    thresholds reach (mmap 32 MB, trim twice that). Nothing changes elsewhere (no such variable, no glibc).
    """
    if "MALLOC_TRIM_THRESHOLD_" not in os.environ:
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    libc.mallopt(M_MMAP_THRESHOLD, 32 * 2**20)
    libc.mallopt(M_TRIM_THRESHOLD, 64 * 2**20)


def failure_row(run: RunSpec, error: str) -> dict:
    data = {key: value for key, value in run.as_dict().items() if key != "task_params"}
    return {"id": run.id, **data, "metric": None, "metric_name": None, "seconds": None, "error": error}


def run_sweep(
    spec: SweepSpec,
    db_path,
    *,
    scheduler: str | None = None,
    inline: bool = False,
    workers: int | None = None,
    on_progress: Callable[[int, int, int, float | None], object] | None = None,
    should_stop: Callable[[], object] | None = None,
) -> SweepOutcome:
    """Train the runs of `spec` that `db_path` lacks and store each as it ends; see the module docstring."""
    if not isinstance(spec, SweepSpec):
        raise TypeError(f"spec must be a SweepSpec, got {type(spec).__name__}")
    if workers is not None and (not isinstance(workers, int) or workers < 1):
        raise ValueError(f"workers must be a whole number >= 1, got {workers!r}")
    start = time.perf_counter()
    runs = expand(spec)
    with SweepStore(db_path) as store:
        finished = store.finished_ids()
        todo = sorted((run for run in runs if run.id not in finished), key=cost, reverse=True)
        tally = _Tally(len(runs), len(runs) - len(todo), on_progress, store, code_version())
        tally.report()
        if todo and inline:
            stopped = _run_inline(todo, tally, should_stop)
        elif todo:
            stopped = _run_on_dask(todo, tally, should_stop, scheduler, workers)
        else:
            stopped = False
    return SweepOutcome(
        total=len(runs),
        done=tally.trained,
        skipped=tally.skipped,
        failed=tally.failed,
        stopped=stopped,
        seconds=time.perf_counter() - start,
    )


class _Tally:
    """Stores each result as it comes and reports the progress."""

    def __init__(self, total, skipped, on_progress, store: SweepStore, version: str):
        self.total, self.skipped, self.on_progress = total, skipped, on_progress
        self.store, self.version = store, version
        self.trained = self.failed = 0
        self.start = time.perf_counter()

    def add(self, row: dict) -> None:
        row = {**row, "finished_at": datetime.now(UTC).isoformat(), "code_version": self.version}
        self.store.insert(row)
        if row.get("error") is None:
            self.trained += 1
        else:
            self.failed += 1
        self.report()

    def report(self) -> None:
        if self.on_progress is None:
            return
        ended = self.trained + self.failed
        left = self.total - self.skipped - ended
        eta = (time.perf_counter() - self.start) / ended * left if ended else None
        self.on_progress(self.skipped + ended, self.total, self.failed, eta)


def _run_inline(todo: list[RunSpec], tally: _Tally, should_stop) -> bool:
    for run in todo:
        if should_stop is not None and should_stop():
            return True
        tally.add({**trained_or_failed(run), "worker": "inline"})
    return False


def _run_on_dask(todo: list[RunSpec], tally: _Tally, should_stop, scheduler, workers) -> bool:
    from distributed import Client, as_completed

    address = scheduler or os.environ.get(SCHEDULER_ENV) or None
    cluster = None
    if address is None:
        cluster = local_cluster(workers or os.cpu_count() or 1)
        address = cluster
    try:
        with Client(address, timeout="30s") as client:
            futures = {
                client.submit(train_on_worker, run.as_dict(), key=_key(run), priority=-rank): run
                for rank, run in enumerate(todo)
            }
            finished = as_completed(futures)
            while not finished.is_empty():
                if should_stop is not None and should_stop():
                    client.cancel(list(futures))
                    return True
                if not finished.has_ready():
                    time.sleep(POLL_SECONDS)
                    continue
                for future in finished.next_batch(block=False):
                    if future.status in ("lost", "pending"):  # its worker died holding the result:
                        finished.add(future)  # the scheduler computes it again; wait for it again
                        continue
                    tally.add(_row_of(future, futures[future]))
                    future.release()
            return False
    finally:
        if cluster is not None:
            cluster.close()


def local_cluster(workers: int):
    """A LocalCluster of `workers` processes with one thread each, without a dashboard, whose workers
    start without the nanny's MALLOC_TRIM_THRESHOLD_ (see `undo_malloc_trim`)."""
    import dask
    from distributed import LocalCluster

    with dask.config.set({f"{_NANNY_ENV}.MALLOC_TRIM_THRESHOLD_": None}):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)


def _row_of(future, run: RunSpec) -> dict:
    """The row a finished future brings, or a failure row for a run Dask could not finish (e.g. its workers
    kept dying: distributed.scheduler.KilledWorker)."""
    if future.status == "finished":
        return future.result()
    if future.status == "error":
        error = future.exception()
        return {**failure_row(run, f"{type(error).__name__}: {error}"), "worker": None}
    return {**failure_row(run, f"Dask reported the run {future.status}"), "worker": None}


def _worker_address() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return "inline"


def _key(run: RunSpec) -> str:
    """The Dask key of a run: the same run has the same key, so a client that reconnects while the
    scheduler still holds a run's task (or its result) shares it instead of training it twice."""
    return f"lstm-viz-run-{run.id}"
