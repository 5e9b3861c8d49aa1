"""A small sweep launched from the Sweeps page: a job on the server's one queue, stoppable, into a database
that belongs to its session.

The settings (`LiveSettings`, plain values) become a `sweeps.SweepSpec`; `problems` refuses, before
anything starts, a sweep of more than `limits.SWEEPS_PAGE_LIVE_MAX_RUNS` runs or whose estimated cost
(`job_budget.run_estimate` of every run) is above `limits.JOB_WORK_SECONDS`. `launch` queues a `LiveSweep`
on `jobs.QUEUE` (shared with the Train page and the Long-range page's sweeps, so one job runs at a time on
the server), which calls `sweeps.run_sweep(spec, path, inline=True, on_progress=..., should_stop=...)`: runs
train one after another in the queue's thread and each is stored as it finishes, so a sweep stopped by its
Stop button, by `limits.SWEEPS_PAGE_LIVE_TIME_LIMIT` or by the end of its session (`jobs`) keeps every run
that finished.

The database lives in a temporary folder of the session (`sweeps_folders`), removed when the session ends.
A second sweep of the same session adds to the same file, and runs it already holds are skipped (their ids
are the same).
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass

from lstm_viz import limits, sweeps, tasks
from lstm_viz.sweeps.spec import train_config

from . import job_budget, job_report, jobs
from .sweeps_folders import SessionFolder, session_folder

LIVE_TASKS = ("adding", "remember_first")
LIVE_LAGS = (5, 10, 20, 50, 100)
LIVE_SEEDS = (0, 1, 2, 3, 4)
LIVE_HIDDEN = 32  # units of every model of a live sweep: small, so that it stays short
_JOB_KEY = "lv_sweeps_live"


@dataclass(frozen=True)
class LiveSettings:
    """What the page's form asks for; every field a plain value."""

    tasks: tuple[str, ...]
    architectures: tuple[str, ...]
    lags: tuple[int, ...]
    seeds: tuple[int, ...]
    steps: int

    def spec(self) -> sweeps.SweepSpec:
        """The sweep spec; ValueError (naming the bad value) if the settings do not make one."""
        return sweeps.SweepSpec.from_dict(
            {
                "tasks": list(self.tasks), "architectures": list(self.architectures), "lags": list(self.lags),
                "seeds": list(self.seeds), "hidden": [LIVE_HIDDEN], "steps": self.steps,
            }
        )  # fmt: skip

    @property
    def empty(self) -> bool:
        return not (self.tasks and self.architectures and self.lags and self.seeds)


def estimate(runs) -> job_budget.Estimate:
    """The cost of training `runs` (RunSpecs) one after another on this server."""
    total = job_budget.NOTHING
    for run in runs:
        task = tasks.get(run.task, **dict(run.task_params), **{tasks.length_param(run.task): run.lag})
        total = total + job_budget.run_estimate(
            run.architecture, run.hidden, task.input_size, task.length, train_config(run)
        )
    return total


def problems(settings: LiveSettings) -> list[tuple[str, dict]]:
    """Why these settings cannot run from the page, as (strings key, fields); empty if they can."""
    if settings.empty:
        return [("swp_live_err_empty", {})]
    if not 1 <= settings.steps <= limits.SWEEPS_PAGE_LIVE_MAX_STEPS:
        return [("swp_live_err_spec", {"reason": f"steps must be 1 to {limits.SWEEPS_PAGE_LIVE_MAX_STEPS}"})]
    runs = len(settings.tasks) * len(settings.architectures) * len(settings.lags) * len(settings.seeds)
    if runs > limits.SWEEPS_PAGE_LIVE_MAX_RUNS:
        return [("swp_live_err_runs", {"runs": runs, "limit": limits.SWEEPS_PAGE_LIVE_MAX_RUNS})]
    try:
        expanded = sweeps.expand(settings.spec())
    except ValueError as error:
        return [("swp_live_err_spec", {"reason": str(error)[:300]})]
    cost = estimate(expanded)
    if cost.seconds > limits.JOB_WORK_SECONDS:
        return [("swp_live_err_budget", job_report.budget_words(cost))]
    return []


class LiveSweep:
    """One sweep of one session on the server's queue; see the module docstring."""

    def __init__(self, settings: LiveSettings, folder: SessionFolder):
        self.settings, self.folder = settings, folder
        self.spec = settings.spec()
        runs = sweeps.expand(self.spec)
        self.total = len(runs)
        self.done = self.failed = 0
        self.eta = math.nan
        self.outcome = None  # the SweepOutcome once the job ended without an exception
        self.announced = False  # the page has redrawn itself since the sweep ended
        self._lock = threading.Lock()
        self.job = jobs.Job(self._run, estimate(runs).seconds, limits.SWEEPS_PAGE_LIVE_TIME_LIMIT)

    @property
    def finished(self) -> bool:
        return self.job.finished

    def _run(self, job: jobs.Job) -> None:
        def on_progress(done: int, total: int, failed: int, eta_seconds: float | None) -> None:
            with self._lock:
                self.done, self.total, self.failed = done, total, failed
                self.eta = math.nan if eta_seconds is None else float(eta_seconds)
            job.report(done / max(total, 1))

        self.folder.busy += 1  # the folder's watchdog leaves it alone meanwhile
        try:
            self.outcome = sweeps.run_sweep(
                self.spec, self.folder.database, inline=True, on_progress=on_progress,
                should_stop=job.should_stop,
            )  # fmt: skip
        finally:
            self.folder.busy -= 1

    def progress(self) -> dict:
        """The fields of "swp_live_progress"."""
        with self._lock:
            eta = self.eta if math.isfinite(self.eta) else self.job.remaining()
            return {"done": self.done, "total": self.total, "failed": self.failed,
                    "eta": job_report.seconds_text(eta)}  # fmt: skip


def current() -> LiveSweep | None:
    """This session's sweep, if it launched one; asking for it tells the queue the session is still here."""
    return jobs.session_holder(_JOB_KEY)


def launch(settings: LiveSettings) -> LiveSweep:
    """Queue a sweep for this session (it runs at once when LSTM_VIZ_SYNC_TRAINING=1)."""
    return jobs.submit_for_session(_JOB_KEY, LiveSweep(settings, session_folder()))
