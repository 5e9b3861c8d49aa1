"""What if: a model on one batch of its task with and without interventions, and the units worth silencing.

- `effect(model, task, interventions, batch, seed)`: the task's metric (accuracy or MSE, `task.metric`) on
  the batch `task.sample(batch, seed)` before and after the interventions, both predictions and both Traces,
  and the difference after - before of every recorded quantity at every step.
- `memory_units(model, task, ...)`: the units whose final cell state (LSTM) or hidden state (GRU, RNN)
  carries what the task's marked input holds (`task.marked_signal`, ranked by `probes.memory_units`).
- `control_units(model, units, seed)`: as many other units, drawn at random: the control for silencing.
- `harmless_units(model, task, count, ...)`: the units whose silencing alone hurts the metric least: the
  control that asks whether silencing that many units is harmful by itself, whichever they are.

The "before" run goes through the same step-by-step replay as the "after" run (with every intervention
replaced by the identity), so a difference is exactly 0 wherever the interventions changed nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from lstm_viz.engine import kinds
from lstm_viz.engine.checks import check_count, check_flag, check_seed
from lstm_viz.engine.trace import Trace, trace_key
from lstm_viz.limits import HARMLESS_MAX_STEPS, HARMLESS_MAX_VALUES, MAX_BATCH
from lstm_viz.tasks.base import Task
from lstm_viz.tasks.losses import task_metric

from . import probes
from .interventions import silence
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


def harmless_units(
    model: SequenceModel,
    task,
    count: int,
    batch: int = 64,
    seed: int = 0,
    layer: int | None = None,
    reverse: bool = False,
    to: str = "batch_mean",
    exclude=(),
) -> tuple[np.ndarray, np.ndarray]:
    """(units (count,), metrics (H,)): the `count` units of `layer` (default: the top one) and direction,
    other than `exclude` (e.g. the memory units), whose silencing alone (`interventions.silence(..., to=to)`)
    hurts the task's metric least on `task.sample(batch, seed)`, least harmful first (ties: the lower unit);
    metrics[u] is the metric with unit u alone silenced (for every unit, excluded ones too).

    It runs the batch once per unit of the layer (a loop: one run of the batch repeated once per unit was
    measured no faster, since recording dominates), and these runs together may record at most
    limits.HARMLESS_MAX_VALUES floats (H runs x batch x T x H x quantities x layers x directions), so the
    default batch is small: 64 sequences (for the 64-unit remember_first LSTM: 64 runs, 1.6 s on one core);
    a ValueError naming the batch says when a model or its sequences need fewer. They also compute at most
    limits.HARMLESS_MAX_STEPS steps of a layer and direction (H x T x layers x directions), which cost
    whatever the batch: a wider, deeper or longer model is refused with a ValueError.
    Measure the chosen units on another batch (another seed): on the batch they were ranked on, their
    harmlessness flatters itself.
    """
    _check_fits(model, task)
    layer, reverse = layer_or_top(model, layer), check_flag("reverse", reverse)
    hidden = model.core.hidden_size
    excluded = _units_of(model, exclude)
    count = check_count("count", count, hidden - len(excluded))
    sample = task.sample(check_count("batch", batch, MAX_BATCH), check_seed(seed))
    core = model.core
    directions = core.num_layers * core.num_directions
    per_run = batch * sample.x.shape[1] * hidden * len(kinds.QUANTITIES[core.kind]) * directions
    values = hidden * per_run
    steps = hidden * sample.x.shape[1] * directions  # each costs about 0.2 ms whatever the batch
    if steps > HARMLESS_MAX_STEPS:
        raise ValueError(
            f"silencing each of {hidden} units alone computes {steps:,} steps of a layer and direction; the "
            f"limit is {HARMLESS_MAX_STEPS:,} (lstm_viz.limits): use a smaller model or shorter sequences"
        )
    if values > HARMLESS_MAX_VALUES:
        raise ValueError(
            f"batch: silencing each of {hidden} units alone on {batch} sequences of {sample.x.shape[1]} "
            f"steps records {values:,} floats; the limit is {HARMLESS_MAX_VALUES:,} (lstm_viz.limits): "
            "use fewer sequences"
        )
    metrics = np.empty(hidden)  # (H,)
    for unit in range(hidden):
        edits = silence([unit], layer=layer, reverse=reverse, kind=core.kind, to=to)
        predictions, _ = model.run_with_trace(sample.x, interventions=edits)
        metrics[unit] = task_metric(predictions, sample.y, sample.loss_mask, task.loss)
    harm = -metrics if task.metric == "accuracy" else metrics  # (H,) lower: less harmful
    order = [int(u) for u in np.argsort(harm, kind="stable") if u not in excluded]
    return np.asarray(order[:count], dtype=np.int64), metrics


def _units_of(model: SequenceModel, units) -> set[int]:
    """units (ints of the layer's 0..H-1) as a set; TypeError or ValueError naming them."""
    found = np.asarray(list(units))
    if found.size and found.dtype.kind not in "iu":
        raise TypeError(f"exclude must be unit numbers (integers), got {units!r}")
    hidden = model.core.hidden_size
    if found.size and not (0 <= found.min() and found.max() < hidden):
        raise ValueError(f"exclude names a unit outside this layer's 0..{hidden - 1}: {units!r}")
    return {int(u) for u in found}


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
