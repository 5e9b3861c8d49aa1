"""What a job will cost before it starts: multiply-adds, and seconds of this server's computing.

One training run (`training.train`) of `steps` updates on batches of B sequences of T steps does, per
update, a forward and a backward pass through T steps of the cell (about three forward passes), each step
`gates x H x (I + H)` multiply-adds per sequence (gates: 1 RNN, 3 GRU, 4 LSTM, from `engine.kinds`); on top
come the evaluations of the held-out batch (forward only) and the gradient-flow snapshots of the probe batch
(forward and backward). Small models are dominated not by arithmetic but by the fixed cost of each update
and of each time step run in sequence, so the seconds are

    seconds = SECONDS_PER_MAC x multiply-adds + SECONDS_PER_UPDATE x updates
              + SECONDS_PER_TIME_STEP[kind] x time steps run in sequence

with constants fitted by least squares (relative error) to 14 trainings timed on the project's 2-core server
with one torch thread (RNN, GRU and LSTM; hidden 8 to 256, batch 8 to 256, length 20 to 500, 10 to 600
steps, 0.4 to 9 s each) on an idle machine; they predict every one of those within a factor of 1.7. With
other work sharing the cores a training takes up to about twice as long, which the wall-clock limits
(`limits.TRAIN_TIME_LIMIT`, 2.5 times the budget) absorb; `benchmarks/bench_job_budget.py` measures the
ratio on a server and refits the constants.

The Train page and the live lag sweep refuse a job whose estimate is above `limits.JOB_WORK_SECONDS`, and
say so with these numbers before it starts; the job queue adds up the estimates of the jobs ahead to tell a
waiting student how long they will wait.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lstm_viz.engine.kinds import KINDS
from lstm_viz.training import TrainConfig, lag_sweep

SECONDS_PER_MAC = 4.3e-11  # about 23 G multiply-adds per second on one core
SECONDS_PER_UPDATE = 8e-4  # drawing a batch, the optimizer step, clipping, bookkeeping
SECONDS_PER_TIME_STEP = {"rnn": 4e-5, "gru": 1.3e-4, "lstm": 2e-5}  # torch's fused kernels, per step
SWEEP_BATCH = 32  # the batch size lag_sweep.run trains with (its default)


@dataclass(frozen=True)
class Estimate:
    """The cost of a job: multiply-adds, and the seconds this server needs for them."""

    macs: float
    seconds: float

    def __add__(self, other: Estimate) -> Estimate:
        return Estimate(self.macs + other.macs, self.seconds + other.seconds)


NOTHING = Estimate(0.0, 0.0)


def times_measured(steps: int, every: int) -> int:
    """How often train() measures with period `every` in `steps` updates: at 0, every `every`, at the end."""
    return 1 + steps // every + (1 if steps % every else 0)


def run_estimate(kind: str, hidden: int, input_size: int, length: int, config: TrainConfig) -> Estimate:
    """The cost of `train(model, task, config)` for a one-layer `kind` core of `hidden` units on sequences of
    `length` steps of `input_size` features."""
    per_step = KINDS[kind].gates_per_unit * hidden * (input_size + hidden)  # one sequence, one time step
    evaluations = times_measured(config.steps, config.eval_every)
    snapshots = times_measured(config.steps, config.snapshot_every) if config.snapshot_every > 0 else 0
    macs = (
        per_step
        * length
        * (
            3 * config.steps * config.batch_size
            + evaluations * config.eval_batch
            + 3 * snapshots * config.probe_batch
        )
    )
    in_sequence = length * (config.steps + evaluations + snapshots)
    seconds = (
        SECONDS_PER_MAC * macs + SECONDS_PER_UPDATE * config.steps + SECONDS_PER_TIME_STEP[kind] * in_sequence
    )
    return Estimate(float(macs), float(seconds))


def training_estimate(
    kinds: Sequence[str], hidden: int, input_size: int, length: int, config: TrainConfig
) -> Estimate:
    """The cost of training each of `kinds` in turn with the same config (the Train page's job)."""
    total = NOTHING
    for kind in kinds:
        total = total + run_estimate(kind, hidden, input_size, length, config)
    return total


def sweep_estimate(
    task_name: str, kinds: Sequence[str], lags: Sequence[int], steps: int, hidden: int
) -> Estimate:
    """The cost of `lag_sweep.run(task_name, kinds, lags, steps, hidden=hidden)`."""
    config = TrainConfig(
        steps=steps, batch_size=SWEEP_BATCH, eval_every=steps, eval_batch=256, snapshot_every=0
    )
    total = NOTHING
    for lag in lags:
        task = lag_sweep.make_task(task_name, lag)
        total = total + training_estimate(kinds, hidden, task.input_size, task.length, config)
    return total


def steps_within(seconds: float, estimate_for: Callable[[int], Estimate], most: int) -> int:
    """The most steps (up to `most`) whose estimate stays within `seconds`; 0 if not even one step fits.

    `estimate_for(steps)` grows with steps, so a bisection finds it.
    """
    low, high = 0, most
    while low < high:
        middle = (low + high + 1) // 2
        if estimate_for(middle).seconds <= seconds:
            low = middle
        else:
            high = middle - 1
    return low
