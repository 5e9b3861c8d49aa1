"""One run of a sweep: build the task at its lag and the model, `training.train` it, and measure the result.

`train_one(run)` (a `RunSpec` or its `as_dict()`) returns one row of the `runs` table (see store.py) except
`finished_at`, `worker` and `code_version`, which the client adds when it stores the row. It runs wherever
Dask sends it; it uses the same task, model factory and training loop as everything else, so a run of a
sweep is the run the Train page or a notebook would make with the same settings.
"""

from __future__ import annotations

import json
import math
import time

import numpy as np

from lstm_viz.training import for_task, train
from lstm_viz.training.lag_sweep import make_task

from .spec import RunSpec, train_config


def train_one(run) -> dict:
    """Train one run and return its row; see the module docstring."""
    run = run if isinstance(run, RunSpec) else RunSpec.from_dict(run)
    start = time.perf_counter()
    task = make_task(run.task, run.lag, **dict(run.task_params))
    model = for_task(run.architecture, task, hidden_size=run.hidden, seed=run.seed)
    history = train(model, task, train_config(run))
    metrics = history.eval_metric  # one per evaluation, at history.eval_steps
    reached = [step for step, value in zip(history.eval_steps, metrics, strict=True) if task.learned(value)]
    finite = [value for value in metrics if math.isfinite(value)]
    best = (max if task.metric == "accuracy" else min)(finite) if finite else None
    return {
        "id": run.id,
        **{key: value for key, value in run.as_dict().items() if key != "task_params"},
        "metric": _number(metrics[-1]),
        "metric_name": task.metric,
        "best_metric": best,
        "threshold": task.threshold,
        "steps_to_threshold": reached[0] if reached else None,
        "grad_ratio": grad_ratio(history.hidden_grad_norms[-1]),
        "final_loss": _number(history.eval_loss[-1]),
        "baseline_loss": task.baseline_loss,
        "seconds": time.perf_counter() - start,
        "spec": json.dumps(run.as_dict(), sort_keys=True),
        "error": None,
    }


def grad_ratio(norms: np.ndarray) -> float | None:
    """log10(||dL/dh_0|| / ||dL/dh_{T-1}||) of one gradient-flow snapshot (T,); None if either is 0 or not
    finite (a ratio that cannot be written as a number)."""
    first, last = float(norms[0]), float(norms[-1])
    if not (math.isfinite(first) and math.isfinite(last)) or first <= 0 or last <= 0:
        return None
    return math.log10(first / last)


def _number(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None
