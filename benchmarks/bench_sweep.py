"""Sweep throughput: the same 12-run sweep serially in this process, on a 1-worker and on a 2-worker cluster.

The sweep: adding and remember_first at lags 10 and 25, RNN, GRU and LSTM, one seed, 32 units, `--steps`
updates each. Each way trains it into a fresh database with `run_sweep` and is timed from the call to the
last stored row:

- inline: one run after another in this process, with one torch thread (the baseline);
- a `LocalCluster` of 1 and of 2 worker processes, one thread each (`runner.local_cluster`, which starts
  its workers without the nanny's MALLOC_TRIM_THRESHOLD_: with it, a run on a worker took about twice as
  long as the same run inline). The cluster is started, and its workers have imported
  lstm_viz and trained one tiny run, before the clock starts (this process trains the same tiny run before
  the inline sweep; the start-up is printed apart), so the ratios measure how the runs spread over the
  workers, not how long processes take to start.

It prints runs per minute for each and the speed-ups; the goal is 2 workers >= 1.7x one worker on two
cores. Every figure depends on what else the machine runs: the load average is printed beside them.

    nice -n 10 .venv/bin/python benchmarks/bench_sweep.py [--steps 400]
"""

import argparse
import os
import tempfile
import time
from pathlib import Path

import torch

from lstm_viz import sweeps
from lstm_viz.sweeps.runner import local_cluster, train_on_worker


def spec(steps: int) -> sweeps.SweepSpec:
    return sweeps.SweepSpec(
        tasks=["adding", "remember_first"], lags=[10, 25], architectures=["rnn", "gru", "lstm"], seeds=[0],
        hidden=[32], steps=steps, batch_size=64,
    )  # fmt: skip


WARM_UP = sweeps.RunSpec("adding", 5, "lstm", 0, 8, 5, 0.01, None, 1.0, 8).as_dict()  # 5 updates


def warm_up() -> None:
    """One tiny run, so that a process's first-call costs (lazy imports, kernel set-up) are not timed."""
    train_on_worker(WARM_UP)


def timed_sweep(grid: sweeps.SweepSpec, folder: Path, name: str, **where) -> float:
    start = time.perf_counter()
    outcome = sweeps.run_sweep(grid, folder / f"{name}.sqlite", **where)
    seconds = time.perf_counter() - start
    assert outcome.done == 12 and outcome.failed == 0, outcome
    return seconds


def on_cluster(grid: sweeps.SweepSpec, folder: Path, workers: int) -> tuple[float, float]:
    """(start-up seconds, sweep seconds) on a fresh LocalCluster of `workers` processes."""
    from distributed import Client

    start = time.perf_counter()
    with local_cluster(workers) as cluster:
        with Client(cluster) as client:
            client.run(warm_up)  # each worker imports torch and lstm_viz and trains once
            ready = time.perf_counter() - start
            seconds = timed_sweep(grid, folder, f"workers{workers}", scheduler=cluster.scheduler_address)
    return ready, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=400)
    args = parser.parse_args()
    torch.set_num_threads(1)
    grid = spec(args.steps)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        warm_up()
        inline = timed_sweep(grid, folder, "inline", inline=True)
        ready1, one = on_cluster(grid, folder, 1)
        ready2, two = on_cluster(grid, folder, 2)
    rate = {
        name: 12 / seconds * 60
        for name, seconds in (("inline", inline), ("1 worker", one), ("2 workers", two))
    }
    print(f"12 runs of {args.steps} updates; load average before the end: {os.getloadavg()[0]:.2f}")
    for name, seconds in (("inline", inline), ("1 worker", one), ("2 workers", two)):
        print(f"  {name:10s} {seconds:7.1f} s  {rate[name]:6.1f} runs/min")
    print(f"  cluster start-up (not timed above): 1 worker {ready1:.1f} s, 2 workers {ready2:.1f} s")
    print(f"speed-up 1 worker / inline: {inline / one:.2f}x")
    print(f"speed-up 2 workers / 1 worker: {one / two:.2f}x (goal >= 1.7x)")
    print(f"speed-up 2 workers / inline: {inline / two:.2f}x")


if __name__ == "__main__":
    main()
