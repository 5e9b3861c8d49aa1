"""The What if page's engine work, cached by plain values (the model's key, the task, a plan, sizes, seeds).

Every number shown is the library's: `what_if.memory_units`, `what_if.effect` on `task.sample(batch, seed)`,
`what_if.harmless_units` and `memory_curve`, so tests rebuild them with the library alone. The work is
bounded: a batch holds at most limits.WHAT_IF_MAX_BATCH sequences, and fewer when one recording would pass
WHAT_IF_TRACE_VALUES floats; the cache keeps one sequence's recordings of one layer and direction, not the
batch's.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import streamlit as st

from lstm_viz import limits
from lstm_viz.engine import kinds
from lstm_viz.engine.trace import Trace, parse_key
from lstm_viz.training import what_if
from lstm_viz.training.memory_curve import memory_curve

from ..engine_cache import model_for
from ..probe_cache import MEMORY_BATCH
from ..task_names import make_task
from . import presets


class EffectView(NamedTuple):
    """Everything one before/after run depends on, as plain values (a cache key)."""

    model_key: tuple
    task_name: str
    length: int  # the task's length setting (its lag or window for the tasks that have one)
    plan: tuple  # see what_if_presets
    batch: int
    seed: int
    layer: int  # the layer and direction the plan acts on and the page draws
    reverse: bool
    sample: int  # the sequence whose answer and states are shown


def bounded_batch(requested: int, core, length: int) -> int:
    """`requested` sequences of `length` steps, fewer when one recording of them (every quantity of every
    layer and direction of the core) would hold more than limits.WHAT_IF_TRACE_VALUES floats; at least 1."""
    return int(max(1, min(requested, limits.WHAT_IF_TRACE_VALUES // max(_floats(core, length), 1))))


def _floats(core, length: int) -> int:
    """Floats one recording of one sequence of `length` steps holds: every quantity, layer and direction."""
    directions = core.num_layers * (2 if core.bidirectional else 1)
    return len(kinds.QUANTITIES[core.kind]) * directions * core.hidden_size * length


def effect_batch(model_key: tuple, task_name: str, length: int, requested: int) -> int:
    """The batch the page runs for a requested size (see bounded_batch)."""
    return bounded_batch(requested, model_for(*model_key).core, make_task(task_name, length).length)


def _model_and_task(model_key: tuple, task_name: str, length: int):
    return model_for(*model_key), make_task(task_name, length)


@st.cache_data(max_entries=16, show_spinner=False)
def memory_units(model_key: tuple, task_name: str, length: int, seed: int, count: int, layer: int) -> dict:
    """{"units": the `count` units of `layer` that the memory finder ranks first (strongest first), "scores":
    every unit's score (H,), "batch": the sequences it looked at (MEMORY_BATCH, fewer for a large model)}."""
    model, task = _model_and_task(model_key, task_name, length)
    batch = bounded_batch(MEMORY_BATCH, model.core, task.length)
    units, scores = what_if.memory_units(model, task, batch=batch, seed=seed, count=count, layer=layer)
    return {"units": tuple(int(u) for u in units), "scores": scores, "batch": batch}


@st.cache_data(max_entries=12, show_spinner=False)
def effect(view: EffectView) -> dict:
    """`what_if.effect` of the view's plan on `task.sample(batch, seed)`, reduced to what the page shows:
    {"metric", "before", "after" (the metric), "predictions" (before, after) of the sample, its "target" and
    "mask", "traces" (before, after): Traces of that one sequence in the view's layer and direction}."""
    model, task = _model_and_task(view.model_key, view.task_name, view.length)
    data = task.sample(view.batch, view.seed)
    marks = presets.first_marks(task, data.x) if presets.needs_marks(view.plan) else None
    mapping = presets.interventions(view.plan, model.core.kind, view.layer, view.reverse, marks)
    result = what_if.effect(model, task, mapping, batch=view.batch, seed=view.seed)
    sample = view.sample
    traces = (result.trace_before, result.trace_after)
    return {
        "metric": result.metric_name,
        "before": result.metric_before,
        "after": result.metric_after,
        "predictions": (result.predictions_before[sample], result.predictions_after[sample]),
        "target": data.y[sample].numpy(),
        "mask": data.loss_mask[sample].numpy(),
        "traces": tuple(_one_sequence(trace, sample, view.layer, view.reverse) for trace in traces),
    }


def _one_sequence(trace: Trace, sample: int, layer: int, reverse: bool) -> Trace:
    """The recordings of one sequence in one layer and direction, as a Trace of batch 1."""
    keys = [key for key in trace if parse_key(key)[:2] == (layer, reverse)]
    arrays = {key: trace[key][sample : sample + 1] for key in keys}  # (1, T, H) each
    return Trace(arrays, trace.meta, trace.input[sample : sample + 1])


@st.cache_data(max_entries=12, show_spinner=False)
def controls(view: EffectView, units: tuple[int, ...], to: str) -> list[tuple[tuple[int, ...], float]]:
    """Silencing as many other units as `units` of the view's layer (forward direction), drawn at random by
    `what_if.control_units` with seeds 0 .. WHAT_IF_CONTROL_DRAWS - 1, on the view's batch:
    [(the units drawn, the metric after)]. The view's sample does not matter (it is set to 0)."""
    model, task = _model_and_task(view.model_key, view.task_name, view.length)
    found = []
    for draw in range(limits.WHAT_IF_CONTROL_DRAWS):
        others = tuple(int(u) for u in what_if.control_units(model, units, seed=draw))
        plan = presets.preset_plan("memory", others, to)
        mapping = presets.interventions(plan, model.core.kind, view.layer, False)
        result = what_if.effect(model, task, mapping, batch=view.batch, seed=view.seed)
        found.append((others, result.metric_after))
    return found


@st.cache_data(max_entries=12, show_spinner=False)
def harmless(view: EffectView, units: tuple[int, ...], to: str) -> dict:
    """Silencing as many other units as `units` of the view's layer (forward direction): those whose silencing
    alone hurts least, ranked by `what_if.harmless_units` on WHAT_IF_RANK_BATCH other sequences (seed + 1,
    fewer for a large model), then silenced together on the view's batch: {"units" (least harmful first),
    "after" (the metric), "batch" (ranked on)}, or {"error": the library's reason} when it refuses the work.
    """
    model, task = _model_and_task(view.model_key, view.task_name, view.length)
    core = model.core
    per_run = bounded_batch(limits.WHAT_IF_RANK_BATCH, core, task.length)
    all_runs = limits.HARMLESS_MAX_VALUES // (core.hidden_size * _floats(core, task.length))
    batch = max(2, min(per_run, all_runs))  # too large a model still: the library refuses, naming the batch
    try:
        found, _ = what_if.harmless_units(
            model, task, len(units), batch=batch, seed=view.seed + 1, layer=view.layer, to=to, exclude=units
        )
    except ValueError as error:
        return {"error": str(error)}
    others = tuple(int(u) for u in found)
    mapping = presets.interventions(presets.preset_plan("memory", others, to), core.kind, view.layer, False)
    result = what_if.effect(model, task, mapping, batch=view.batch, seed=view.seed)
    return {"units": others, "after": result.metric_after, "batch": batch}


@st.cache_data(max_entries=24, show_spinner=False)
def curve(model_key: tuple, task_name: str, length: int, max_lag: int, seed: int) -> dict:
    """`memory_curve` of the model on its task's sequences (its top layer, forward direction, cell and
    hidden state), lags 0..max_lag, WHAT_IF_CURVE_BATCH sequences (fewer for a large model):
    {"lags", "r2", "capacity", "batch"}, or {"error": the library's reason} when it refuses the work."""
    model, task = _model_and_task(model_key, task_name, length)
    batch = bounded_batch(limits.WHAT_IF_CURVE_BATCH, model.core, task.length)
    try:
        found = memory_curve(model, task, max_lag=max_lag, batch=batch, seed=seed)
    except ValueError as error:
        return {"error": str(error)}
    return {"lags": found.lags, "r2": np.asarray(found.r2), "capacity": found.capacity, "batch": batch}
