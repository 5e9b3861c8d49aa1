"""Sweeps on a real Dask cluster: a `dask scheduler` and two `dask worker` processes on loopback, driven
through the command line (`lstm-viz sweep SPEC --scheduler ADDR`). A worker killed mid-sweep loses no run
and duplicates none; a client killed mid-sweep and started again trains only the runs that were missing.

Every process is started here, bounded in time, and killed by its pid in a `finally`.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lstm_viz import sweeps

ROOT = Path(__file__).resolve().parents[2]
DASK = Path(sys.executable).with_name("dask")
SPEC = """
[sweep]
tasks = ["adding", "remember_first"]
lags = [4, 8]
architectures = ["rnn", "gru", "lstm"]
seeds = [0, 1]
hidden = [6]
steps = 30
batch_size = 16
"""
TOTAL = 2 * 2 * 3 * 2
ENV = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}
pytestmark = pytest.mark.skipif(not DASK.exists(), reason="the dask command is not installed")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(args: list[str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        args, cwd=ROOT, env=ENV, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True
    )


def kill(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


class Cluster:
    """A scheduler and single-threaded workers without nannies (killing a worker's pid kills it)."""

    def __init__(self, folder: Path):
        self.folder, self.port = folder, free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        scheduler = [
            str(DASK),
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--no-dashboard",
        ]
        self.scheduler = start(scheduler, folder / "scheduler.log")
        self.workers: list[subprocess.Popen] = []

    def add_worker(self) -> subprocess.Popen:
        name = f"w{len(self.workers)}"
        worker = start(
            [str(DASK), "worker", self.address, "--host", "127.0.0.1", "--nthreads", "1", "--no-nanny",
             "--no-dashboard", "--name", name, "--death-timeout", "60"],
            self.folder / f"{name}.log",
        )  # fmt: skip
        self.workers.append(worker)
        return worker

    def alive(self) -> list[subprocess.Popen]:
        return [worker for worker in self.workers if worker.poll() is None]

    def close(self) -> None:
        for process in [*self.workers, self.scheduler]:
            kill(process)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """One scheduler for the module, with two live workers at the start of each test."""
    cluster = Cluster(tmp_path_factory.mktemp("dask"))
    try:
        yield cluster
    finally:
        cluster.close()


@pytest.fixture
def two_workers(cluster):
    while len(cluster.alive()) < 2:
        cluster.add_worker()
    wait_for_workers(cluster.address, 2)
    return cluster


def wait_for_workers(address: str, count: int) -> None:
    from distributed import Client

    with Client(address, timeout="60s") as client:
        client.wait_for_workers(count, timeout=60)


def sweep_command(spec: Path, db: Path, address: str) -> list[str]:
    launcher = [sys.executable, "-m", "lstm_viz.ui.launcher"]
    return [*launcher, "sweep", str(spec), "--scheduler", address, "--db", str(db)]


def stored(db: Path) -> list[dict]:
    if not db.exists():
        return []
    try:
        with sweeps.open_read_only(db) as store:
            return store.rows()
    except ValueError:  # the client has created the file but not yet its table
        return []


def wait_until(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


def test_a_worker_killed_mid_sweep_loses_and_duplicates_no_run(two_workers, tmp_path):
    spec = tmp_path / "spec.toml"
    spec.write_text(SPEC)
    db = tmp_path / "sweep.sqlite"
    address = two_workers.address
    client = start(sweep_command(spec, db, address), tmp_path / "client.log")
    try:
        at_kill = len(wait_until(lambda: len(stored(db)) >= 4 and stored(db), 120, "4 stored runs"))
        kill(two_workers.alive()[0])
        two_workers.add_worker()  # for the next test; it may join this sweep too
        assert client.wait(timeout=180) == 0, (tmp_path / "client.log").read_text()[-3000:]
    finally:
        kill(client)
    output = (tmp_path / "client.log").read_text()
    rows = stored(db)
    ids = [row["id"] for row in rows]
    assert at_kill < TOTAL  # the worker died in the middle of the sweep
    assert sorted(ids) == sorted(run.id for run in sweeps.expand(sweeps.SweepSpec.from_toml(SPEC)))
    assert len(set(ids)) == len(ids) == TOTAL and all(row["error"] is None for row in rows)
    assert len({row["worker"] for row in rows}) >= 2  # the killed worker had trained runs; others finished
    assert f"trained {TOTAL} runs, 0 were already in" in output and f"{TOTAL}/{TOTAL} runs" in output


def test_a_client_killed_mid_sweep_and_run_again_trains_only_the_missing_runs(two_workers, tmp_path):
    spec = tmp_path / "spec.toml"
    spec.write_text(SPEC)
    db = tmp_path / "sweep.sqlite"
    address = two_workers.address
    client = start(sweep_command(spec, db, address), tmp_path / "client1.log")
    try:
        wait_until(lambda: len(stored(db)) >= 4, 120, "4 stored runs")
        os.kill(client.pid, signal.SIGKILL)
        client.wait(timeout=30)
    finally:
        kill(client)
    before = {row["id"]: row["finished_at"] for row in stored(db)}
    assert 4 <= len(before) < TOTAL
    again = subprocess.run(
        sweep_command(spec, db, address), cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=180
    )
    assert again.returncode == 0, again.stderr[-3000:]
    trained = int(re.search(r"trained (\d+) runs, (\d+) were already in", again.stdout).group(1))
    skipped = int(re.search(r"(\d+) were already in", again.stdout).group(1))
    assert (trained, skipped) == (TOTAL - len(before), len(before))
    rows = stored(db)
    assert len(rows) == len({row["id"] for row in rows}) == TOTAL
    after = {row["id"]: row["finished_at"] for row in rows}
    assert all(after[run_id] == finished for run_id, finished in before.items())  # none trained twice
    assert sum(after[run_id] > max(before.values()) for run_id in after) == TOTAL - len(before)
