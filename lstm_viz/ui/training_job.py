"""Training from the Train page: a job on the server's queue, stoppable, watched by a fragment.

A `TrainingJob` is kept in its session's `st.session_state` only, so sessions never share one. It waits on
the server's one job queue (`jobs.QUEUE`, shared with the live lag sweeps) with its estimated cost
(`job_budget`) and a wall-clock limit of `limits.TRAIN_TIME_LIMIT`; the page shows its place and the
expected wait meanwhile. Its body trains each chosen architecture in turn with the same `TrainConfig` (the
same seed draws the same batches), records every `Progress` into live curves, and saves each model that took
at least one update with `runs.save_run` as "<task>-<length>-<stamp>-<kind>", so that the sidebar's "A saved
run" lists it and the three-model pages find the runs trained beside it. The runs belong to the session
unless the student shares them (`saved_runs`).

Settings whose estimate is above `limits.JOB_WORK_SECONDS` are refused before anything starts (`problems`).
A job stopped early (the Stop button, its time limit, the end of its session: see `jobs`) keeps what the
architecture in training had learned, saved as a partial run, and trains none of the architectures after
it; an `Outcome` per architecture records which is which, for the page to say in words. A job whose session
ended saves nothing: no one is left to see it.

Nothing in the body touches Streamlit: the page reads `job.view()`.
With LSTM_VIZ_SYNC_TRAINING=1 the job runs inline instead (jobs.SYNC_ENV), for tests.
"""

from __future__ import annotations

import math
import threading
import time
import uuid
from dataclasses import dataclass, field, replace

import streamlit as st

from lstm_viz import limits, training
from lstm_viz.engine.kinds import KIND_NAMES
from lstm_viz.training import TrainConfig, runs, train

from . import engine_cache as cache
from . import job_budget, job_report, jobs, saved_runs, sessions, task_names

SYNC_ENV = jobs.SYNC_ENV
_SESSION_KEY = "lv_train_job"


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

    def estimate(self) -> job_budget.Estimate:
        """What training every chosen architecture costs (settings that pass `problems`' other checks)."""
        task = self.task()
        return job_budget.training_estimate(
            self.kinds, self.hidden, task.input_size, task.length, self.config()
        )


def budget_problem(settings: JobSettings) -> tuple[str, dict] | None:
    """("tr_err_budget", its arguments) if these (otherwise valid) settings would pass the work budget."""
    estimate = settings.estimate()
    if estimate.seconds <= limits.JOB_WORK_SECONDS:
        return None
    fit = job_budget.steps_within(
        limits.JOB_WORK_SECONDS, lambda steps: replace(settings, steps=steps).estimate(), settings.steps
    )
    return "tr_err_budget", {**job_report.budget_words(estimate), "fit": fit}


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
    if not found:
        found.extend(filter(None, [budget_problem(settings)]))
    return found


@dataclass
class Curves:
    """The live record of one architecture: training loss per update, evaluations when they happen."""

    steps: list[int] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    eval_steps: list[int] = field(default_factory=list)
    eval_metric: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class Outcome:
    """How the training of one architecture ended.

    stopped is History.stopped (None, "callback", "nan: ..."); saved the run's name, or None with
    `unsaved` saying why: "empty" (no update was made), "session" (its session ended), "quota" (the runs
    folder was full), "error" (the save failed: `detail`).
    """

    kind: str
    steps: int
    planned: int
    stopped: str | None
    saved: str | None
    unsaved: str | None = None
    detail: str = ""

    @property
    def partial(self) -> bool:
        return self.steps < self.planned


@dataclass
class JobView:
    """A consistent copy of a job's state for drawing."""

    status: str  # "queued" | "running" | "done" | "stopped" | "failed"
    stop_reason: str | None  # jobs.STOP_REASONS
    place: int  # jobs ahead of this one in the server's queue (while queued)
    wait: float  # expected seconds until it starts (while queued)
    fraction: float
    elapsed: float
    eta: float
    kind: str | None  # the architecture training now
    curves: dict[str, Curves]
    outcomes: list[Outcome]
    untrained: list[str]  # architectures never started because the job was stopped
    error: str | None
    metric: str

    @property
    def saved(self) -> list[str]:
        return [outcome.saved for outcome in self.outcomes if outcome.saved]


class TrainingJob:
    """One training of one to three architectures; see the module docstring."""

    def __init__(self, settings: JobSettings, runs_dir, owner: str | None = None, shared: bool = False):
        self.settings, self.runs_dir, self.owner, self.shared = settings, runs_dir, owner, shared
        self.prefix = (
            f"{settings.task_name}-{settings.length}-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:4]}"
        )
        self.metric = settings.task().metric
        self.estimate = settings.estimate()
        self.announced = False  # the page has refreshed the saved-run list after this job ended
        self._lock = threading.Lock()
        self._kind = None
        self._eta = math.nan
        self._curves = {kind: Curves() for kind in settings.kinds}
        self._outcomes: list[Outcome] = []
        self.job = jobs.Job(self._train_all, self.estimate.seconds, limits.TRAIN_TIME_LIMIT)

    @property
    def finished(self) -> bool:
        return self.job.finished

    def start(self, session_id: str | None = None) -> None:
        """Queue the job (runs inline when LSTM_VIZ_SYNC_TRAINING=1); `session_id` ties it to its session."""
        self.job.session_id = session_id
        jobs.QUEUE.submit(self.job)

    def stop(self) -> None:
        self.job.stop("user")

    def view(self) -> JobView:
        job = self.job
        place, wait = jobs.QUEUE.place(job) if job.status == "queued" else (0, 0.0)
        with self._lock:
            curves = {
                kind: Curves(list(c.steps), list(c.train_loss), list(c.eval_steps), list(c.eval_metric))
                for kind, c in self._curves.items()
            }
            outcomes = list(self._outcomes)
            done = {outcome.kind for outcome in outcomes}
            untrained = [kind for kind in self.settings.kinds if kind not in done] if job.finished else []
            return JobView(
                job.status, job.stop_reason, place, wait, job.fraction, job.elapsed(), self._eta, self._kind,
                curves, outcomes, untrained, job.error, self.metric,
            )  # fmt: skip

    def _train_all(self, job: jobs.Job) -> None:
        settings, config, task = self.settings, self.settings.config(), self.settings.task()
        total = settings.steps * len(settings.kinds)
        for index, kind in enumerate(settings.kinds):
            if job.should_stop():
                return
            with self._lock:
                self._kind = kind
            model = training.for_task(kind, task, hidden_size=settings.hidden, seed=settings.seed)
            curves = self._curves[kind]

            def on_progress(progress, index=index, curves=curves):
                done = index * settings.steps + progress.step
                with self._lock:
                    curves.steps.append(progress.step)
                    curves.train_loss.append(progress.train_loss)
                    if progress.step % config.eval_every == 0 and progress.eval_metric is not None:
                        curves.eval_steps.append(progress.step)
                        curves.eval_metric.append(progress.eval_metric)
                    job.report(done / total)
                    self._eta = job.elapsed() / done * (total - done)
                return job.should_stop()

            history = train(model, task, config, on_progress)
            with self._lock:
                self._curves[kind] = Curves(
                    list(history.steps), list(history.train_loss), list(history.eval_steps),
                    list(history.eval_metric),
                )  # fmt: skip
            steps = history.steps[-1] if history.steps else 0
            outcome = Outcome(kind, steps, settings.steps, history.stopped, None)
            outcome = self._save(outcome, runs.Run(
                f"{self.prefix}-{kind}", runs.run_config(model, task, config, settings.seed), model, history
            ))  # fmt: skip
            with self._lock:
                self._outcomes.append(outcome)

    def _save(self, outcome: Outcome, run: runs.Run) -> Outcome:
        """Save `run` (owned by this job's session) unless there is nothing or no one to save it for, or the
        runs folder is full; the outcome says which."""
        if outcome.steps == 0:
            return replace(outcome, unsaved="empty")
        if self.job.stop_reason == "session":
            return replace(outcome, unsaved="session")
        if len(runs.list_runs(self.runs_dir)) >= limits.RUNS_MAX_TOTAL:
            return replace(outcome, unsaved="quota")
        try:
            folder = runs.save_run(run, self.runs_dir)
            saved_runs.write_sharing(folder, self.owner or "", self.shared)
        except (OSError, ValueError) as error:
            return replace(outcome, unsaved="error", detail=str(error))
        finally:
            cache.runs_changed()
        return replace(outcome, saved=run.name)


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
    """This session's job, if it started one; asking for it tells the queue that the session is still here."""
    return jobs.session_holder(_SESSION_KEY)


def quota_counts() -> dict:
    """The runs this session has saved and the runs the folder holds, each with its quota (for "tr_quota")."""
    own, total = saved_runs.counts(cache.listing(), sessions.token())
    return {
        "own": own,
        "high": limits.RUNS_MAX_PER_SESSION,
        "total": total,
        "total_high": limits.RUNS_MAX_TOTAL,
    }


def quota_problems(settings: JobSettings) -> list[tuple[str, dict]]:
    """Why this session may not save the runs these settings would train (one per architecture)."""
    return saved_runs.quota_problems(cache.listing(), sessions.token(), len(settings.kinds))


def launch(settings: JobSettings, shared: bool = False) -> TrainingJob:
    """Queue a job for this session, saving into the default runs folder (LSTM_VIZ_RUNS if set)."""
    job = TrainingJob(settings, runs.default_runs_dir(), owner=sessions.token(), shared=shared)
    st.session_state[_SESSION_KEY] = job
    job.start(sessions.runtime_id())
    return job
