"""The engine calls of the app, cached by plain values (names, sizes, seeds), never by tensors.

Models live in `st.cache_resource` (one shared object per configuration, never mutated); traces in
`st.cache_data` (each run gets its own copy). A rerun with unchanged settings recomputes nothing.

The numbers shown for a configuration are defined here and nowhere else, so tests can rebuild them with the
engine alone: the model is `models.for_task(kind, task, hidden, seed=seed, ...)` (or a pretrained or saved
run), the batch is `task.sample(batch_size(...), seed)`, and the trace is
`model.run_with_trace(batch.x, target=batch.y, loss_mask=batch.loss_mask)`.

A user's own series is a task too, named "series-<digest of its values>" so that it keys caches like any
other task name. Its values (read-only) wait in a store keyed by that digest for as long as the session that
uploaded them holds them, so the store never outgrows the open sessions' uploads, and a session reaches only
a series whose content it uploaded itself.
"""

from __future__ import annotations

import json
import os
import threading
import weakref
from collections import OrderedDict
from pathlib import Path

import numpy as np
import streamlit as st

from lstm_viz import grads, lag_sweep, models, probes, runs, tasks

TRACE_CELL_BUDGET = (
    20_000_000  # floats in one cached trace (80 MB); longer/larger models record fewer samples
)


def batch_size(kind: str, length: int, hidden: int, layers: int, bidirectional: bool, shown: int = 8) -> int:
    """How many sequences to record: `shown`, fewer when one trace would exceed TRACE_CELL_BUDGET floats."""
    arrays = {"lstm": 8, "gru": 5, "rnn": 3}[kind] * layers * (2 if bidirectional else 1)
    per_sample = arrays * length * hidden
    return int(max(1, min(shown, TRACE_CELL_BUDGET // max(per_sample, 1))))


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


def task_base(task_name: str) -> str:
    """The registered task behind a task name: "series" for the user's "series-<digest>"."""
    return "series" if task_name.startswith(SERIES_PREFIX) else task_name


def make_task(task_name: str, length: int):
    """The task with its length (or lag, or window) set and other parameters at defaults."""
    if task_name.startswith(SERIES_PREFIX):
        return tasks.get("series", values=_series_values(task_name), window=int(length))
    return tasks.get(task_name, **{length_param(task_name): int(length)})


def length_param(task_name: str) -> str:
    """ "length", "lag" or "window": the parameter of a task that sets how far apart its dependencies are."""
    spec = tasks.spec(task_base(task_name))
    return next(name for name in ("length", "lag", "window") if name in spec)


def length_range(task_name: str) -> tuple[int, int]:
    """(lowest, highest) value of the task's length parameter; a series needs one value after its window."""
    _, low, high = tasks.spec(task_base(task_name))[length_param(task_name)]
    if task_name.startswith(SERIES_PREFIX):
        high = min(high, _series_values(task_name).size - 1)
    return int(low), int(high)


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
    task = make_task(task_name, length_range(task_name)[0])
    options = {"variant": variant} if kind == "lstm" else {}
    if kind == "rnn":
        options["nonlinearity"] = nonlinearity
    return models.for_task(
        kind, task, hidden_size=hidden, seed=seed, num_layers=layers, bidirectional=bidirectional, **options
    )


@st.cache_data(max_entries=8, show_spinner=False)
def trace_for(model_key: tuple, task_name: str, length: int, batch: int, seed: int) -> dict:
    """{"trace": Trace, "predictions": (B, ...), "targets": (B, ...)} of one model on one batch.

    model_key is the argument tuple of `model_for`.
    """
    model = model_for(*model_key)
    task = make_task(task_name, length)
    data = task.sample(batch, seed)
    predictions, trace = model.run_with_trace(data.x, target=data.y, loss_mask=data.loss_mask)
    return {"trace": trace, "predictions": predictions.numpy(), "targets": data.y.numpy()}


@st.cache_data(max_entries=8, show_spinner=False)
def grad_norms(model_key: tuple, task_name: str, length: int, batch: int, seed: int) -> dict:
    """||dL/dh_t|| per step (T,) for the top layer's forward direction, with its fitted decay per step."""
    trace = trace_for(model_key, task_name, length, batch, seed)["trace"]
    norms = grads.state_grad_norms(trace, "hidden", layer=trace.meta["num_layers"] - 1)
    return {"norms": norms, "fit": grads.fit_decay(norms)}


# --- Vanishing gradients and long-range pages -------------------------------------------------------------


def run_of(source: str, name: str):
    """The Run behind a pretrained or saved model (its history holds the gradient-flow snapshots)."""
    return pretrained_run(name) if source == "pretrained" else saved_run(name)


@st.cache_data(max_entries=12, show_spinner=False)
def probed_trace(
    model_key: tuple,
    task_name: str,
    length: int,
    batch: int,
    seed: int,
    rho: float | None = None,
    forget_bias: float | None = None,
) -> dict:
    """trace_for of a copy of the model with W_hh at spectral radius `rho` (RNN) and/or its forget-gate bias
    set to `forget_bias` (LSTM); None keeps the model's own weights (and shares trace_for's cache).

    Adds "sigma_max" and "radius" of W_hh for an RNN, so the page can draw the Pascanu bound.
    """
    model = model_for(*model_key)
    if rho is None and forget_bias is None:
        result = dict(trace_for(model_key, task_name, length, batch, seed))
    else:
        if rho is not None:
            model = probes.with_spectral_radius(model, rho)
        if forget_bias is not None:
            model = probes.with_forget_bias(model, forget_bias)
        data = make_task(task_name, length).sample(batch, seed)
        predictions, trace = model.run_with_trace(data.x, target=data.y, loss_mask=data.loss_mask)
        result = {"trace": trace, "predictions": predictions.numpy(), "targets": data.y.numpy()}
    if model.core.kind == "rnn":
        result["sigma_max"] = grads.largest_singular_value(model.core)
        result["radius"] = probes.recurrent_radius(model)
    return result


MEMORY_BATCH = 64  # sequences used to find the units whose cell state tracks the marked input


@st.cache_data(max_entries=8, show_spinner=False)
def memory_cells(model_key: tuple, task_name: str, length: int, seed: int, count: int = 4) -> dict:
    """The LSTM units whose final c_T correlates most with the marked input, over MEMORY_BATCH sequences.

    {"units": (count,), "scores": (H,), "cell": (B, T, count) their c_t, "marked": (B, T) bool}. A large
    model records the sequences a few at a time (within TRACE_CELL_BUDGET), keeping only the top layer's c_t.
    """
    model = model_for(*model_key)
    core = model.core
    task = make_task(task_name, length)
    data = task.sample(MEMORY_BATCH, seed)
    top = f"l{core.num_layers - 1}.cell"
    chunk = batch_size(
        core.kind, task.length, core.hidden_size, core.num_layers, core.bidirectional, shown=MEMORY_BATCH
    )
    cell = np.concatenate(
        [core.run_with_trace(data.x[i : i + chunk])[1][top] for i in range(0, MEMORY_BATCH, chunk)]
    )  # (B, T, H)
    marked, signal = probes.marked_signal(task, data.x)
    units, scores = probes.memory_units(cell, signal, count)
    return {"units": units, "scores": scores, "cell": cell[:, :, units], "marked": marked}


@st.cache_data(max_entries=4, show_spinner=False)
def shipped_sweep(task_name: str) -> dict | None:
    """The loss-against-lag sweep shipped with the pretrained assets for a task, or None if there is none."""
    path = Path(runs.PRETRAINED_DIR) / "sweeps" / f"{task_name}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        lags = [int(lag) for lag in data["lags"]]
        sweep = {kind: [float(v) for v in values] for kind, values in data["models"].items()}
        baseline = data["baseline"]
        baseline = [float(v) for v in baseline] if isinstance(baseline, list) else float(baseline)
        metric = data["metric"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if metric not in ("mse", "accuracy") or not set(sweep) <= set(models.KINDS):
        return None
    return {**data, "lags": lags, "models": sweep, "baseline": baseline}


class _Results:
    """A small least-recently-used store of finished sweeps, keyed by their plain-valued settings."""

    def __init__(self, size: int):
        self.size, self.items, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key: tuple):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
            return self.items.get(key)

    def put(self, key: tuple, value) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


@st.cache_resource(max_entries=1, show_spinner=False)
def sweep_results() -> _Results:
    """Live sweeps already run, shared by every session: the same settings give the same numbers."""
    return _Results(size=8)


def run_sweep(key: tuple, callback=None) -> dict:
    """The sweep lag_sweep.run(*key) from the store, or run now (reporting to `callback`) and stored.

    key = (task_name, kinds, lags, steps, hidden, seed), all plain values. A stopped sweep is not stored.
    """
    store = sweep_results()
    found = store.get(key)
    if found is not None:
        return found
    task_name, kinds, lags, steps, hidden, seed = key
    result = lag_sweep.run(
        task_name, list(kinds), list(lags), steps, hidden=hidden, seed=seed, callback=callback
    )
    if not result["stopped"]:
        store.put(key, result)
    return result


# --- the user's own series ---------------------------------------------------------------------------------

SERIES_PREFIX = "series-"
_SERIES: weakref.WeakValueDictionary = weakref.WeakValueDictionary()  # digest -> read-only values (N,)
_SERIES_LOCK = threading.Lock()


def register_series(key: str, values: np.ndarray) -> tuple[str, np.ndarray]:
    """Make a checked series (N,) float64 the task "series-<key>" (`key`: the digest of the values).

    Returns that name and the array to keep (the one already stored under `key`, if any): the store holds a
    series only while some session keeps it, so it never outgrows the open sessions' uploads.
    """
    with _SERIES_LOCK:
        kept = _SERIES.get(key)
        if kept is None:
            values.flags.writeable = False
            _SERIES[key] = kept = values
    return SERIES_PREFIX + key, kept


def _series_values(task_name: str) -> np.ndarray:
    with _SERIES_LOCK:
        values = _SERIES.get(task_name.removeprefix(SERIES_PREFIX))
    if values is None:
        raise ValueError("the uploaded series is no longer in memory; upload the file again")
    return values
