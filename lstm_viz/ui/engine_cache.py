"""The engine calls of the app, cached by plain values (names, sizes, seeds), never by tensors.

Models live in `st.cache_resource` (one shared object per configuration, never mutated); traces in
`st.cache_data` (each run gets its own copy). A rerun with unchanged settings recomputes nothing.

The numbers shown for a configuration are defined here and nowhere else, so tests can rebuild them with the
engine alone: the model is `training.for_task(kind, task, hidden, seed=seed, ...)` (or a pretrained or saved
run), the batch is `task.sample(batch_size(...), seed)`, and the trace is
`model.run_with_trace(batch.x, target=batch.y, loss_mask=batch.loss_mask)`.

Task names (a user's series included) are resolved by `task_names`; the probes of the gradient pages are
cached in `probe_cache`, the lag sweeps in `sweep_store`.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from lstm_viz import limits, training
from lstm_viz.engine import grads, kinds
from lstm_viz.training import runs

from . import task_names


def batch_size(kind: str, length: int, hidden: int, layers: int, bidirectional: bool, shown: int = 8) -> int:
    """How many sequences to record: `shown`, fewer when a trace would exceed APP_TRACE_VALUES floats."""
    arrays = kinds.KINDS[kind].recorded_arrays * layers * (2 if bidirectional else 1)
    per_sample = arrays * length * hidden
    return int(max(1, min(shown, limits.APP_TRACE_VALUES // max(per_sample, 1))))


@st.cache_data(max_entries=4, show_spinner=False)
def pretrained_names() -> list[str]:
    try:
        return list(runs.pretrained_names())
    except Exception:  # noqa: BLE001 - a broken registry must not take the app down
        return []


@st.cache_resource(max_entries=16, show_spinner=False)
def pretrained_run(name: str):
    """The pretrained Run `name` (name, config, model, history)."""
    return runs.load_pretrained(name)


@st.cache_data(ttl=30, max_entries=4, show_spinner=False)
def saved_run_names() -> list[str]:
    """Names (file names) of the runs saved in the default runs folder."""
    try:
        return sorted({Path(str(path)).name for path in runs.list_runs()})
    except Exception:  # noqa: BLE001
        return []


def _saved_run_path(name: str) -> str | None:
    """The path of saved run `name`: only names listed by runs.list_runs(), never a path from a URL.

    list_runs gives folder names inside the default runs folder, so the path is that folder plus the name.
    """
    folder = Path(runs.default_runs_dir())
    for entry in runs.list_runs():
        if Path(str(entry)).name == name:
            return str(folder / Path(str(entry)).name)
    return None


@st.cache_resource(max_entries=8, show_spinner=False)
def _saved_run(path: str, mtime: float) -> tuple:
    """(Run, "") or (None, why it does not load): a broken run is read once, not on every rerun."""
    try:
        return runs.load_run(path), ""
    except ValueError as error:
        return None, str(error)


def saved_run(name: str):
    """The saved Run `name`; ValueError if it is not listed or does not load."""
    path = _saved_run_path(name)
    if path is None:
        raise ValueError(f"no saved run named {name!r}")
    run, reason = _saved_run(path, os.path.getmtime(path) if os.path.exists(path) else 0.0)
    if run is None:
        raise ValueError(reason)
    return run


@st.cache_resource(max_entries=24, show_spinner=False)
def model_for(
    source: str,
    name: str,
    task_name: str,
    kind: str,
    variant: str,
    nonlinearity: str,
    hidden: int,
    layers: int,
    bidirectional: bool,
    seed: int,
):
    """The SequenceModel of one configuration. source "pretrained" | "saved" loads `name`; "fresh" builds
    a freshly initialised model for the task (its input and output sizes do not depend on the length)."""
    if source == "pretrained":
        return pretrained_run(name).model
    if source == "saved":
        return saved_run(name).model
    task = task_names.make_task(task_name, task_names.length_range(task_name)[0])
    options = {"variant": variant} if kind == "lstm" else {}
    if kind == "rnn":
        options["nonlinearity"] = nonlinearity
    return training.for_task(
        kind, task, hidden_size=hidden, seed=seed, num_layers=layers, bidirectional=bidirectional, **options
    )


@st.cache_data(max_entries=8, show_spinner=False)
def trace_for(model_key: tuple, task_name: str, length: int, batch: int, seed: int) -> dict:
    """{"trace": Trace, "predictions": (B, ...), "targets": (B, ...)} of one model on one batch.

    model_key is the argument tuple of `model_for`.
    """
    model = model_for(*model_key)
    task = task_names.make_task(task_name, length)
    data = task.sample(batch, seed)
    predictions, trace = model.run_with_trace(data.x, target=data.y, loss_mask=data.loss_mask)
    return {"trace": trace, "predictions": predictions.numpy(), "targets": data.y.numpy()}


@st.cache_data(max_entries=8, show_spinner=False)
def grad_norms(model_key: tuple, task_name: str, length: int, batch: int, seed: int) -> dict:
    """||dL/dh_t|| per step (T,) for the top layer's forward direction, with its fitted decay per step."""
    trace = trace_for(model_key, task_name, length, batch, seed)["trace"]
    norms = grads.state_grad_norms(trace, "hidden", layer=trace.meta["num_layers"] - 1)
    return {"norms": norms, "fit": grads.fit_decay(norms)}


def run_of(source: str, name: str):
    """The Run behind a pretrained or saved model (its history holds the gradient-flow snapshots)."""
    return pretrained_run(name) if source == "pretrained" else saved_run(name)
