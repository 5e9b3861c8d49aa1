"""The engine calls of the app, cached by plain values (names, sizes, seeds), never by tensors.

Models live in `st.cache_resource` (one shared object per configuration, never mutated); traces in
`st.cache_data` (each run gets its own copy). A rerun with unchanged settings recomputes nothing.

The numbers shown for a configuration are defined here and nowhere else, so tests can rebuild them with the
engine alone: the model is `training.for_task(kind, task, hidden, seed=seed, ...)` (or a pretrained or saved
run, or an uploaded checkpoint: `own_model`), the batch is `task.sample(batch_size(...), seed)` with the
user's own input in place of the shown sample's when there is one (`sequence_edit.apply`), and the trace is
`model.run_with_trace(batch.x, target=batch.y, loss_mask=batch.loss_mask)`; an uploaded model whose outputs
do not answer the task records the gradients of the sum of its outputs at the last step instead (`record`).

Task names (a user's series included) are resolved by `task_names`; the probes of the gradient pages are
cached in `probe_cache`, the lag sweeps in `sweep_store`.

The saved runs are listed once and kept (`saved_run_listing`) until the runs folder changes (its mtime, one
stat per call) or the app saves a run (`runs_changed()`); each run's summary is read once per version of its
config. A session sees the runs `saved_runs` lets it see, and loads only those.
"""

from __future__ import annotations

import functools
import itertools
import os
from pathlib import Path

import streamlit as st
import torch

from lstm_viz import limits, training
from lstm_viz.engine import grads, kinds
from lstm_viz.training import runs
from lstm_viz.training.model import mismatches
from lstm_viz.training.runs import CONFIG_FILE, RunSummary, summarise_run

from . import own_model, saved_runs, sequence_edit, sequence_file, sessions, task_names


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


_SAVES = itertools.count()  # bumped by runs_changed(): part of the listing's cache key
_save_count = next(_SAVES)


def runs_changed() -> None:
    """The app saved a run or changed its sharing: the next listing scans the runs folder again."""
    global _save_count
    _save_count = next(_SAVES)


@st.cache_resource(max_entries=4, show_spinner=False)
def saved_run_listing(folder: str, stamp: tuple) -> dict[str, saved_runs.Listed]:
    """Every run in `folder`, most recently saved first (name -> Listed); `stamp` is what changes when the
    folder does (its mtime and the save count), so a rerun never scans an unchanged folder."""
    try:
        names = [Path(str(entry)).name for entry in runs.list_runs(folder)]
    except Exception:  # noqa: BLE001 - an unreadable folder lists nothing
        return {}
    listing = {}
    for name in names:
        path = Path(folder) / name
        owner, shared = saved_runs.read_sharing(path)
        listing[name] = saved_runs.Listed(_summary(path), owner, shared)
    return listing


def _summary(path: Path) -> RunSummary | None:
    try:
        return _summary_of_version(str(path), (path / CONFIG_FILE).stat().st_mtime_ns)
    except (OSError, ValueError, TypeError):
        return None


@functools.lru_cache(maxsize=2 * limits.RUNS_MAX_TOTAL)
def _summary_of_version(path: str, mtime_ns: int) -> RunSummary:
    return summarise_run(path)


def listing() -> dict[str, saved_runs.Listed]:
    """Every run in the default runs folder (cached; see saved_run_listing)."""
    folder = Path(runs.default_runs_dir())
    try:
        mtime = folder.stat().st_mtime_ns
    except OSError:
        mtime = None
    return saved_run_listing(str(folder), (mtime, _save_count))


def saved_runs_shown() -> dict[str, saved_runs.Listed]:
    """The runs this session may see and load: its own, the shared ones and the server's."""
    token = sessions.token()
    return {name: entry for name, entry in listing().items() if entry.visible_to(token)}


def saved_run_names() -> list[str]:
    """Names (folder names) of the saved runs this session may see, most recently saved first."""
    return list(saved_runs_shown())


def _saved_run_path(name: str) -> str | None:
    """The path of saved run `name`: only a name this session is shown, never a path from a URL."""
    if name not in saved_runs_shown():
        return None
    return str(Path(runs.default_runs_dir()) / name)


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
    """The SequenceModel of one configuration. source "pretrained" | "saved" loads `name`; "own" is the
    uploaded model `name` (a key of own_model.STORE) for the task; "fresh" builds a freshly initialised model
    for the task (its input and output sizes do not depend on the length)."""
    if source == "pretrained":
        return pretrained_run(name).model
    if source == "saved":
        return saved_run(name).model
    if source == "own":
        return own_model.model_for_task(name, task_name)
    task = task_names.make_task(task_name, task_names.length_range(task_name)[0])
    options = {"variant": variant} if kind == "lstm" else {}
    if kind == "rnn":
        options["nonlinearity"] = nonlinearity
    return training.for_task(
        kind, task, hidden_size=hidden, seed=seed, num_layers=layers, bidirectional=bidirectional, **options
    )


def batch_for(task, batch: int, seed: int, edited: tuple = ()):
    """The batch a configuration records: `task.sample(batch, seed)`, with the user's own input in place of
    one sample's when `edited` = (sample, what, value) says so (sequence_edit.apply; an uploaded sequence's
    value is its digest, whose values are held by `sequence_file`)."""
    data = task.sample(batch, seed)
    if not edited:
        return data
    sample, what, value = edited
    if what == sequence_edit.FILE:
        value = sequence_file.values_of(value)  # (T, I)
    return sequence_edit.apply(task, data, sample, what, value)


def record(model, task, data) -> dict:
    """{"trace", "predictions", "targets"} of `model` on the batch `data`, with the task loss's gradients; for
    a model whose outputs do not answer the task (an uploaded one), the gradients of the sum of its outputs
    at the last step instead, as there is no task loss to take."""
    if not mismatches(model, task):
        predictions, trace = model.run_with_trace(data.x, target=data.y, loss_mask=data.loss_mask)
    else:

        def output_sum(hidden):  # (B, T, D*H) -> the sum of the outputs (B, O) at the last step
            outputs = model.head(hidden)
            return (outputs[:, -1] if outputs.dim() == 3 else outputs).sum()

        output, trace = model.core.run_with_trace(data.x, loss_fn=output_sum)
        with torch.no_grad():
            predictions = model.head(output)
    return {"trace": trace, "predictions": predictions.numpy(), "targets": data.y.numpy()}


@st.cache_data(max_entries=8, show_spinner=False)
def trace_for(
    model_key: tuple, task_name: str, length: int, batch: int, seed: int, edited: tuple = ()
) -> dict:
    """{"trace": Trace, "predictions": (B, ...), "targets": (B, ...)} of one model on one batch.

    model_key is the argument tuple of `model_for`; edited is `Context.edited`.
    """
    task = task_names.make_task(task_name, length)
    return record(model_for(*model_key), task, batch_for(task, batch, seed, edited))


@st.cache_data(max_entries=8, show_spinner=False)
def grad_norms(
    model_key: tuple, task_name: str, length: int, batch: int, seed: int, edited: tuple = ()
) -> dict:
    """||dL/dh_t|| per step (T,) for the top layer's forward direction, with its fitted decay per step."""
    trace = trace_for(model_key, task_name, length, batch, seed, edited)["trace"]
    norms = grads.state_grad_norms(trace, "hidden", layer=trace.meta["num_layers"] - 1)
    return {"norms": norms, "fit": grads.fit_decay(norms)}


def run_of(source: str, name: str):
    """The Run of a pretrained, saved or uploaded model (its history holds any gradient-flow snapshots)."""
    if source == "own":
        return own_model.run_of(name)
    return pretrained_run(name) if source == "pretrained" else saved_run(name)
