"""Training from the Train page: one background thread per browser session, stoppable, watched by a fragment.

A `TrainingJob` is kept in that session's `st.session_state` only, so sessions never share one. Its thread
trains each chosen architecture in turn with the same `TrainConfig` (the same seed draws the same batches),
records every `Progress` into live curves, and saves each finished model with `runs.save_run` as
"<task>-<length>-<stamp>-<kind>", so the sidebar's "A saved run" lists it and the three-model pages find the
runs trained beside it. The page's Stop button sets a flag that the training callback returns, ending the
run after the current update. Nothing in the thread touches Streamlit: the page reads `job.view()`.

Only one job trains at a time in a process (the machine is small): a second one waits, shown as "queued".
With the environment variable LSTM_VIZ_SYNC_TRAINING=1 the job runs inline instead, for tests.
"""

from __future__ import annotations

import math
import os
import threading
import time
import uuid
from dataclasses import dataclass, field

import streamlit as st

from lstm_viz import limits, training
from lstm_viz.engine.kinds import KIND_NAMES
from lstm_viz.training import TrainConfig, runs, train

from . import engine_cache as cache
from . import task_names

POLL_SECONDS = 0.7  # how often the page redraws a running job
SYNC_ENV = "LSTM_VIZ_SYNC_TRAINING"
_SESSION_KEY = "lv_train_job"
_SLOT = threading.Lock()  # one training at a time in this process


@dataclass(frozen=True)
class JobSettings:
    """Everything the Train page asks for, as plain values; clip and forget_bias None mean off / default."""

    task_name: str
    length: int  # the task's length, or its lag
    kinds: tuple[str, ...]
    hidden: int
    batch: int
    steps: int
    lr: float
    optimizer: str
    clip: float | None
    recurrent_init: str
    spectral_radius: float
    forget_bias: float | None
    seed: int

    def task(self):
        return task_names.make_task(self.task_name, self.length)

    def config(self) -> TrainConfig:
        every = max(1, self.steps // 20)  # about 20 evaluations and gradient-flow snapshots per run
        return TrainConfig(
            steps=self.steps, lr=self.lr, batch_size=self.batch, clip=self.clip, optimizer=self.optimizer,
            seed=self.seed, eval_every=every, snapshot_every=every, eval_batch=128, probe_batch=16,
            forget_bias=self.forget_bias, recurrent_init=self.recurrent_init,
            spectral_radius=self.spectral_radius,
        )  # fmt: skip


def problems(settings: JobSettings) -> list[tuple[str, dict]]:
    """Why these settings cannot train on this page, as (strings key, format arguments); empty if they can."""
    found = []
    if not settings.kinds:
        found.append(("tr_err_kinds", {}))
    for key, value, high in (
        ("tr_err_hidden", settings.hidden, limits.TRAIN_MAX_HIDDEN),
        ("tr_err_batch", settings.batch, limits.TRAIN_MAX_BATCH),
        ("tr_err_steps", settings.steps, limits.TRAIN_MAX_STEPS),
    ):
        if not 1 <= value <= high:
            found.append((key, {"value": value, "high": high}))
    if not (math.isfinite(settings.lr) and settings.lr > 0):
        found.append(("tr_err_lr", {"value": settings.lr}))
    try:
        length = settings.task().length
    except ValueError as error:
        found.append(("tr_err_config", {"error": str(error)}))
    else:
        if length > limits.TRAIN_MAX_LENGTH:
            found.append(("tr_err_length", {"value": length, "high": limits.TRAIN_MAX_LENGTH}))
    if not found:
        try:
            settings.config().validate()
        except ValueError as error:
            found.append(("tr_err_config", {"error": str(error)}))
    return found


@dataclass
class Curves:
    """The live record of one architecture: training loss per update, evaluations when they happen."""

    steps: list[int] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    eval_steps: list[int] = field(default_factory=list)
    eval_metric: list[float] = field(default_factory=list)


@dataclass
class JobView:
    """A consistent copy of a job's state for drawing."""

    status: str  # "queued" | "running" | "done" | "stopped" | "failed"
    fraction: float
    elapsed: float
    eta: float
    kind: str | None  # the architecture training now
    curves: dict[str, Curves]
    saved: list[str]
    notes: list[str]  # runs that ended early, with the reason
    error: str | None
    metric: str


class TrainingJob:
    """One training of one to three architectures; see the module docstring."""

    def __init__(self, settings: JobSettings, runs_dir):
        self.settings, self.runs_dir = settings, runs_dir
        self.prefix = (
            f"{settings.task_name}-{settings.length}-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:4]}"
        )
        self.metric = settings.task().metric
        self.announced = False  # the page has refreshed the saved-run list after this job ended
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._status, self._kind, self._error = "queued", None, None
        self._fraction, self._elapsed, self._eta = 0.0, 0.0, math.nan
        self._curves = {kind: Curves() for kind in settings.kinds}
        self._saved, self._notes = [], []
        self._thread: threading.Thread | None = None

    @property
    def finished(self) -> bool:
        return self._status in ("done", "stopped", "failed")

    def start(self) -> None:
        """Train in a daemon thread, or right here when LSTM_VIZ_SYNC_TRAINING=1."""
        if os.environ.get(SYNC_ENV) == "1":
            self._run()
            return
        self._thread = threading.Thread(target=self._run, name=f"lstm-viz-train-{self.prefix}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def view(self) -> JobView:
        with self._lock:
            curves = {
                kind: Curves(list(c.steps), list(c.train_loss), list(c.eval_steps), list(c.eval_metric))
                for kind, c in self._curves.items()
            }
            return JobView(
                self._status, self._fraction, self._elapsed, self._eta, self._kind, curves,
                list(self._saved), list(self._notes), self._error, self.metric,
            )  # fmt: skip

    def _run(self) -> None:
        while not _SLOT.acquire(timeout=0.2):  # wait for another session's training, unless stopped
            if self._stop.is_set():
                self._set(status="stopped")
                return
        try:
            self._set(status="running")
            self._train_all()
            self._set(status="stopped" if self._stop.is_set() else "done")
        except Exception as error:  # noqa: BLE001 - the page shows the reason; the thread must not die silently
            self._set(status="failed", error=f"{type(error).__name__}: {error}")
        finally:
            _SLOT.release()

    def _set(self, **values) -> None:
        with self._lock:
            for name, value in values.items():
                setattr(self, f"_{name}", value)

    def _train_all(self) -> None:
        settings, config, task = self.settings, self.settings.config(), self.settings.task()
        total = settings.steps * len(settings.kinds)
        start = time.perf_counter()
        for index, kind in enumerate(settings.kinds):
            if self._stop.is_set():
                return
            self._set(kind=kind)
            model = training.for_task(kind, task, hidden_size=settings.hidden, seed=settings.seed)
            curves = self._curves[kind]

            def on_progress(progress, index=index, curves=curves):
                done = index * settings.steps + progress.step
                elapsed = time.perf_counter() - start
                with self._lock:
                    curves.steps.append(progress.step)
                    curves.train_loss.append(progress.train_loss)
                    if progress.step % config.eval_every == 0 and progress.eval_metric is not None:
                        curves.eval_steps.append(progress.step)
                        curves.eval_metric.append(progress.eval_metric)
                    self._fraction, self._elapsed = done / total, elapsed
                    self._eta = elapsed / done * (total - done)
                return self._stop.is_set()

            history = train(model, task, config, on_progress)
            with self._lock:
                self._curves[kind] = Curves(
                    list(history.steps), list(history.train_loss), list(history.eval_steps),
                    list(history.eval_metric),
                )  # fmt: skip
                if history.stopped is not None:
                    self._notes.append(f"{kind}: {history.stopped}")
            name = f"{self.prefix}-{kind}"
            run = runs.Run(name, runs.run_config(model, task, config, settings.seed), model, history)
            runs.save_run(run, self.runs_dir)
            with self._lock:
                self._saved.append(name)


def reference_curves(task_name: str) -> dict[str, Curves]:
    """The training curves of the pretrained models of a task (shown before this session trains anything)."""
    found = {}
    for kind in KIND_NAMES:
        name = f"{task_name}-{kind}"
        if name in cache.pretrained_names():
            history = cache.pretrained_run(name).history
            found[kind] = Curves(history.steps, history.train_loss, history.eval_steps, history.eval_metric)
    return found


def current() -> TrainingJob | None:
    """This session's job, if it started one."""
    return st.session_state.get(_SESSION_KEY)


def launch(settings: JobSettings) -> TrainingJob:
    """Start a job for this session, saving into the default runs folder (LSTM_VIZ_RUNS if set)."""
    job = TrainingJob(settings, runs.default_runs_dir())
    st.session_state[_SESSION_KEY] = job
    job.start()
    return job
