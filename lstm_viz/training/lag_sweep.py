"""Loss or accuracy against lag: train each architecture briefly at each lag and measure how far it can reach.

`run(task_name, kinds, lags, steps, ...)` trains a fresh model of every kind at every lag on `adding` (lag =
sequence length) or `remember_first` (lag = steps between the symbol and the question), all with the same
seed, sizes and optimizer, and evaluates each on its run's fixed held-out batch. The result is the
plain dict the pretrained assets ship (`assets/pretrained/sweeps/<task>.json`):

    {"task": "adding", "parameter": "length", "lags": [10, 50], "metric": "mse",
     "models": {"rnn": [..], "lstm": [..]}, "losses": {"rnn": [..], ...}, "baseline": [0.1667, 0.1667],
     "steps": 200, "hidden": 32, "stopped": False}

"models" holds the metric per lag, "losses" the evaluation loss, "baseline" the loss of a model that learned
nothing at each lag (`task.baseline_loss`).

A sweep is bounded by `SWEEP_MAX_KINDS` x `SWEEP_MAX_LAGS` runs (lstm_viz.limits) of at most
`SWEEP_MAX_STEPS` updates on sequences of at most `SWEEP_MAX_LAG` steps, so it always ends.
`callback(done, total, elapsed)` after every update, with `done` and `total` counted in updates x time steps
(a long lag costs more), may stop it by returning something truthy.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from lstm_viz import tasks
from lstm_viz.engine.kinds import KIND_NAMES
from lstm_viz.limits import SWEEP_MAX_KINDS, SWEEP_MAX_LAG, SWEEP_MAX_LAGS, SWEEP_MAX_STEPS

from .config import TrainConfig
from .loop import train
from .model import for_task

TASKS = ("adding", "remember_first")


def make_task(task_name: str, lag: int, **params):
    """The task at one lag: `lag` goes to the task's own length parameter (length, lag or window)."""
    return tasks.get(task_name, **params, **{tasks.length_param(task_name): int(lag)})


def check(task_name: str, kinds: Sequence[str], lags: Sequence[int], steps: int) -> None:
    """ValueError naming the first setting outside the bounds of a sweep."""
    if task_name not in TASKS:
        raise ValueError(f"a lag sweep runs on {list(TASKS)}, not {task_name!r}")
    if not 1 <= len(kinds) <= SWEEP_MAX_KINDS or any(kind not in KIND_NAMES for kind in kinds):
        raise ValueError(
            f"choose 1 to {SWEEP_MAX_KINDS} architectures from {list(KIND_NAMES)}, got {list(kinds)}"
        )
    low = 2 if task_name == "adding" else 1
    if not 1 <= len(lags) <= SWEEP_MAX_LAGS or any(not low <= lag <= SWEEP_MAX_LAG for lag in lags):
        raise ValueError(
            f"choose 1 to {SWEEP_MAX_LAGS} lags between {low} and {SWEEP_MAX_LAG}, got {list(lags)}"
        )
    if not 1 <= steps <= SWEEP_MAX_STEPS:
        raise ValueError(f"steps must be between 1 and {SWEEP_MAX_STEPS}, got {steps}")


def run(
    task_name: str,
    kinds: Sequence[str],
    lags: Sequence[int],
    steps: int,
    hidden: int = 32,
    seed: int = 0,
    lr: float = 0.01,
    batch_size: int = 32,
    callback: Callable[[int, int, float], object] | None = None,
) -> dict:
    """Train every (kind, lag) for `steps` updates and return the sweep dict described in the module doc."""
    lags = sorted({int(lag) for lag in lags})
    check(task_name, kinds, lags, steps)
    config = TrainConfig(
        steps=steps,
        lr=lr,
        batch_size=batch_size,
        seed=seed,
        eval_every=steps,
        eval_batch=256,
        snapshot_every=0,
    )
    lengths = {lag: make_task(task_name, lag).length for lag in lags}
    total = steps * sum(lengths.values()) * len(kinds)
    done, start, stopped = 0, time.perf_counter(), False
    result = {
        "task": task_name,
        "parameter": tasks.length_param(task_name),
        "lags": lags,
        "metric": make_task(task_name, lags[0]).metric,
        "models": {kind: [] for kind in kinds},
        "losses": {kind: [] for kind in kinds},
        "baseline": [make_task(task_name, lag).baseline_loss for lag in lags],
        "steps": steps,
        "hidden": hidden,
        "stopped": False,
    }
    for lag in lags:
        task = make_task(task_name, lag)
        for kind in kinds:
            model = for_task(kind, task, hidden_size=hidden, seed=seed)
            before = done

            def on_step(progress, before=before, length=lengths[lag]):
                nonlocal done
                done = before + progress.step * length
                return callback is not None and callback(done, total, time.perf_counter() - start)

            history = train(model, task, config, on_step)
            stopped = history.stopped == "callback"
            result["models"][kind].append(history.eval_metric[-1])
            result["losses"][kind].append(history.eval_loss[-1])
            if stopped:
                break
        if stopped:
            break
    result["stopped"] = stopped
    return result
