"""The probes of the gradient pages, cached by plain values: a changed copy of a model, its memory units."""

from __future__ import annotations

import numpy as np
import streamlit as st

from lstm_viz.engine import grads
from lstm_viz.engine.trace import trace_key
from lstm_viz.training import probes

from .engine_cache import batch_for, batch_size, model_for, record, trace_for
from .task_names import make_task


@st.cache_data(max_entries=12, show_spinner=False)
def probed_trace(
    model_key: tuple,
    task_name: str,
    length: int,
    batch: int,
    seed: int,
    edited: tuple = (),
    rho: float | None = None,
    forget_bias: float | None = None,
) -> dict:
    """trace_for of a copy of the model with W_hh at spectral radius `rho` (RNN) and/or its forget-gate bias
    set to `forget_bias` (LSTM); None keeps the model's own weights (and shares trace_for's cache). `edited`
    is `Context.edited`: the user's own input for one sample, or ().

    Adds "sigma_max" and "radius" of W_hh for an RNN, so the page can draw the Pascanu bound: each a dict
    {(layer, reverse): value} over the layers and directions of the core.
    """
    model = model_for(*model_key)
    if rho is None and forget_bias is None:
        result = dict(trace_for(model_key, task_name, length, batch, seed, edited))
    else:
        if rho is not None:
            model = probes.with_spectral_radius(model, rho)
        if forget_bias is not None:
            model = probes.with_forget_bias(model, forget_bias)
        task = make_task(task_name, length)
        result = record(model, task, batch_for(task, batch, seed, edited))
    if model.core.kind == "rnn":
        core = model.core
        reverses = (False, True) if core.bidirectional else (False,)
        directions = [(layer, reverse) for layer in range(core.num_layers) for reverse in reverses]
        result["sigma_max"] = {d: grads.largest_singular_value(core, *d) for d in directions}
        result["radius"] = {
            (layer, reverse): probes.spectral_radius(
                getattr(core, f"weight_hh_l{layer}{'_reverse' if reverse else ''}")
            )
            for layer, reverse in directions
        }
    return result


MEMORY_BATCH = 64  # sequences used to find the units whose cell state tracks the marked input


@st.cache_data(max_entries=8, show_spinner=False)
def memory_cells(
    model_key: tuple,
    task_name: str,
    length: int,
    seed: int,
    count: int = 4,
    layer: int | None = None,
    reverse: bool = False,
) -> dict:
    """The LSTM units whose c_t at the last position correlates most with the marked input, over
    MEMORY_BATCH sequences, in `layer` (default the top one) and direction.

    {"units": (count,), "scores": (H,), "cell": (B, T, count) their c_t, "marked": (B, T) bool}. A large
    model records the sequences a few at a time (within TRACE_CELL_BUDGET), keeping only that layer's c_t.
    """
    model = model_for(*model_key)
    core = model.core
    task = make_task(task_name, length)
    data = task.sample(MEMORY_BATCH, seed)
    top = trace_key(core.num_layers - 1 if layer is None else layer, "cell", reverse)
    chunk = batch_size(
        core.kind, task.length, core.hidden_size, core.num_layers, core.bidirectional, shown=MEMORY_BATCH
    )
    cell = np.concatenate(
        [core.run_with_trace(data.x[i : i + chunk])[1][top] for i in range(0, MEMORY_BATCH, chunk)]
    )  # (B, T, H)
    marked, signal = task.marked_signal(data.x)
    units, scores = probes.memory_units(cell, signal, count)
    return {"units": units, "scores": scores, "cell": cell[:, :, units], "marked": marked}
