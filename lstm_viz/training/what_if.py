"""What if: a model on one batch of its task with and without interventions, and the units worth silencing.

- `effect(model, task, interventions, batch, seed)`: the task's metric (accuracy or MSE, `task.metric`) on
  the batch `task.sample(batch, seed)` before and after the interventions, both predictions and both Traces,
  and the difference after - before of every recorded quantity at every step.
- `memory_units(model, task, ...)`: the units whose final cell state (LSTM) or hidden state (GRU, RNN)
  carries what the task's marked input holds (`task.marked_signal`, ranked by `probes.memory_units`).
- `control_units(model, units, seed)`: as many other units, drawn at random: the control for silencing.

The "before" run goes through the same step-by-step replay as the "after" run (with every intervention
replaced by the identity), so a difference is exactly 0 wherever the interventions changed nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from lstm_viz.engine.checks import check_count, check_seed
from lstm_viz.engine.trace import Trace, trace_key
from lstm_viz.limits import MAX_BATCH
from lstm_viz.tasks.base import Task
from lstm_viz.tasks.losses import task_metric

from . import probes
from .model import SequenceModel


@dataclass(frozen=True)
class Effect:
    """One batch before and after the interventions; arrays are float32 NumPy."""

    metric_name: str  # "accuracy" (share of correct answers) or "mse", the task's own
    metric_before: float
    metric_after: float
    predictions_before: np.ndarray  # (B, O) for a "last" readout, (B, T, O) for "every"
    predictions_after: np.ndarray
    trace_before: Trace
    trace_after: Trace
    differences: dict[str, np.ndarray]  # trace key -> (B, T, H), after - before

    @property
    def metric_change(self) -> float:
        return self.metric_after - self.metric_before


def _unchanged(_t, value):
    return value


def effect(
    model: SequenceModel, task, interventions: Mapping[str, Callable] | None, batch: int = 64, seed: int = 0
) -> Effect:
    """The model on `task.sample(batch, seed)` without and with `interventions` (see `interventions.py`)."""
    _check_fits(model, task)
    sample = task.sample(check_count("batch", batch, MAX_BATCH), check_seed(seed))
    interventions = dict(interventions or {})
    runs = []
    for edits in ({key: _unchanged for key in interventions}, interventions):
        predictions, trace = model.run_with_trace(sample.x, interventions=edits)
        metric = task_metric(predictions, sample.y, sample.loss_mask, task.loss)
        runs.append((metric, predictions.numpy(), trace))
    (metric_before, before, trace_before), (metric_after, after, trace_after) = runs
    differences = {key: trace_after[key] - trace_before[key] for key in trace_before}
    return Effect(
        task.metric, metric_before, metric_after, before, after, trace_before, trace_after, differences
    )


def memory_units(
    model: SequenceModel, task, batch: int = 64, seed: int = 0, count: int = 4, layer: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(units (count,), scores (H,)) of `layer` (default: the top one), strongest first.

    score[u] = the largest |correlation|, across `task.sample(batch, seed)`, between the final cell state of
    unit u (hidden state for a GRU or an RNN; the forward direction) and a column of the marked signal.
    Tasks without marked inputs raise ValueError.
    """
    _check_fits(model, task)
    layer = layer_or_top(model, layer)
    count = check_count("count", count, model.core.hidden_size)
    sample = task.sample(check_count("batch", batch, MAX_BATCH), check_seed(seed))
    _, signal = task.marked_signal(sample.x)  # (B, M)
    _, trace = model.run_with_trace(sample.x)
    state = "cell" if model.core.spec.has_cell else "hidden"
    return probes.memory_units(trace[trace_key(layer, state)], signal, count)


def control_units(model: SequenceModel, units, seed: int = 0) -> np.ndarray:
    """As many units as `units`, drawn without replacement (seeded) from the others of the layer, sorted."""
    units = np.asarray(units, dtype=np.int64)  # (count,)
    others = np.setdiff1d(np.arange(model.core.hidden_size), units)
    if len(others) < len(units):
        raise ValueError(
            f"units: a layer of {model.core.hidden_size} has too few others to match {len(units)}"
        )
    return np.sort(np.random.default_rng(check_seed(seed)).choice(others, size=len(units), replace=False))


def layer_or_top(model: SequenceModel, layer: int | None) -> int:
    """layer as an int, the top layer when None; ValueError naming it when the model has no such layer."""
    top = model.core.num_layers - 1
    if layer is None:
        return top
    if isinstance(layer, bool) or not isinstance(layer, int | np.integer) or not 0 <= layer <= top:
        raise ValueError(f"layer must be an integer from 0 to {top} for this model, got {layer!r}")
    return int(layer)


def check_task(task) -> None:
    """TypeError unless `task` is a task object (`lstm_viz.tasks.get(name, ...)`), not its name."""
    if not isinstance(task, Task):
        raise TypeError(f"task must be a task from lstm_viz.tasks.get(...), got {task!r}")


def _check_fits(model: SequenceModel, task) -> None:
    """ValueError naming the task when the model was not built for its inputs, outputs and readout."""
    check_task(task)
    wanted = (task.input_size, task.output_size, task.readout)
    found = (model.core.input_size, model.readout.out_features, model.readout_mode)
    if wanted != found:
        raise ValueError(
            f"task {task.name!r} needs a model with (input size, output size, readout) = {wanted}; "
            f"this one has {found}"
        )
