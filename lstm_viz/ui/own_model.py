"""Bring your own model: a PyTorch checkpoint uploaded in the sidebar is the model source "own".

It follows the pattern of every upload (`held_uploads`): the file's bytes -> their digest -> the import,
cached by the digest and the choices (`checkpoint_import.import_torch_checkpoint`, which reads tensors only,
never code) -> a `HeldStore` kept alive by the session that uploaded it. A Context names the model by its
key, a plain value (the digest of the file and of the choices), and `engine_cache.model_for("own", key,
task)` finds it here; no cache is ever keyed by a tensor.

The choices matter only for some files: which recurrent module to import when it holds several (`prefix`),
a vanilla RNN's nonlinearity (its weights do not record it), and whether its linear layer reads the last step
or every step. The app shows models up to its own sizes (APP_MAX_HIDDEN, APP_MAX_LAYERS) and reads files up
to the smaller of server.maxUploadSize and MAX_CHECKPOINT_BYTES; a refusal carries the library's message.

A model answers a task when `checkpoint_import.fit_to_task` takes it (input size, a linear readout with the
task's output size, read at the task's steps): the pages then use the task's loss, and it can be saved as a
run. Otherwise its gradients are those of the sum of its outputs at the last step (`engine_cache.record`).
The sidebar controls are in `own_model_panel`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import streamlit as st

from lstm_viz import limits
from lstm_viz.training import checkpoint_import
from lstm_viz.training.model import SequenceModel
from lstm_viz.training.runs import Run

from . import task_names
from .held_uploads import HeldStore, digest, max_upload_mb, size_refusal

STORE = HeldStore("model")  # key -> the imported Run


def max_bytes() -> int:
    """The largest checkpoint the app reads: the smaller of the server's upload size and the library's."""
    return min(max_upload_mb() * 2**20, limits.MAX_CHECKPOINT_BYTES)


@dataclass(frozen=True)
class Imported:
    """An uploaded checkpoint: its key and Run, the recurrent modules it holds, or `error` (key, fields)."""

    key: str = ""
    run: Run | None = None
    prefixes: tuple[str, ...] = ()
    error: tuple[str, dict] | None = None


def import_upload(
    data: bytes,
    file_name: str = "",
    prefix: str | None = None,
    nonlinearity: str = "tanh",
    readout: str = "last",
    limit: int | None = None,
) -> Imported:
    """The model in an uploaded checkpoint (no running app needed). `prefix` None (or one the file does not
    hold) takes its first recurrent module; `limit` defaults to `max_bytes()`."""
    too_large = size_refusal(len(data), max_bytes() if limit is None else limit)
    if too_large is not None:
        return Imported(error=("own_error_size", too_large))
    try:
        prefixes = tuple(checkpoint_import.recurrent_prefixes(data))
        chosen = prefix if prefix in prefixes else prefixes[0]
        source = io.BytesIO(data)
        source.name = file_name  # the run's name: the file's stem
        run = checkpoint_import.import_torch_checkpoint(
            source, prefix=chosen, nonlinearity=nonlinearity, readout=readout
        )
    except (ValueError, TypeError) as error:
        return Imported(error=("own_error", {"reason": str(error)[:500]}))
    except Exception as error:  # noqa: BLE001 - a user's file must never take the app down; say what failed
        return Imported(error=("own_error", {"reason": f"{type(error).__name__}: {str(error)[:300]}"}))
    core = run.model.core
    if core.hidden_size > limits.APP_MAX_HIDDEN:
        fields = {"hidden": core.hidden_size, "limit": limits.APP_MAX_HIDDEN}
        return Imported(error=("own_error_hidden", fields))
    if core.num_layers > limits.APP_MAX_LAYERS:
        fields = {"layers": core.num_layers, "limit": limits.APP_MAX_LAYERS}
        return Imported(error=("own_error_layers", fields))
    choices = f"{digest(data)}|{file_name}|{chosen}|{run.config['nonlinearity']}|{readout}"
    return Imported(key=digest(choices.encode()), run=run, prefixes=prefixes)


@st.cache_resource(max_entries=4, show_spinner=False)
def imported(
    file_digest: str, file_name: str, prefix: str | None, nonlinearity: str, readout: str, limit: int, _data
) -> Imported:
    """import_upload, cached by the digest of the file's bytes and the choices (`_data` is not hashed)."""
    return import_upload(_data, file_name, prefix, nonlinearity, readout, limit)


def run_of(key: str) -> Run:
    """The imported Run under `key`; ValueError when no session holds it any more."""
    return STORE.get(key)


def display_name(key: str) -> str:
    """How pages name the model: its file's stem, or its key once it is gone."""
    return run_of(key).name if key in STORE else key


def why_not_answering(key: str, task_name: str) -> str:
    """Why the model's outputs do not answer the task ("" when they do): checkpoint_import.unfit_reason."""
    return checkpoint_import.unfit_reason(run_of(key).model, _task(task_name))


def fitted(key: str, task_name: str, length: int | None = None) -> Run | None:
    """The imported model as a run of the task at `length` (default its shortest) as
    checkpoint_import.fit_to_task makes it, or None when it does not answer the task."""
    if why_not_answering(key, task_name):
        return None
    return checkpoint_import.fit_to_task(run_of(key), _task(task_name, length))


def model_for_task(key: str, task_name: str) -> SequenceModel:
    """The model the pages show on a task: fitted to it when it answers it, else as imported."""
    run = fitted(key, task_name)
    return run.model if run is not None else run_of(key).model


def _task(task_name: str, length: int | None = None):
    """The task at `length`, by default its shortest: sizes and readout do not depend on the length."""
    shortest = task_names.length_range(task_name)[0]
    return task_names.make_task(task_name, shortest if length is None else length)
