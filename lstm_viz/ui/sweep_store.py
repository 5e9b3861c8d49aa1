"""Lag sweeps in the app: the sweeps shipped with the pretrained assets, a store of live ones, and the job
that runs a live sweep.

A live sweep is a job on the server's one queue (`jobs.QUEUE`, shared with the Train page), so only one
sweep or training runs at a time however many students ask; a session has at most one `SweepJob` (kept in
its Session State), stopped by its Stop button, by `limits.SWEEP_TIME_LIMIT` seconds of running, or by the
end of its session. A finished sweep goes to the shared store, so the same settings show it again at once
in any session; a stopped one stays with its session.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from pathlib import Path

import streamlit as st

from lstm_viz import limits
from lstm_viz.engine.kinds import KIND_NAMES
from lstm_viz.training import lag_sweep, runs

from . import job_budget, jobs

_SESSION_KEY = "lv_sweep_job"


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
    if metric not in ("mse", "accuracy") or not set(sweep) <= set(KIND_NAMES):
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


def estimate(key: tuple) -> job_budget.Estimate:
    """The cost of the sweep `key` = (task_name, kinds, lags, steps, hidden, seed)."""
    task_name, kinds, lags, steps, hidden, _ = key
    return job_budget.sweep_estimate(task_name, kinds, lags, steps, hidden)


class SweepJob:
    """One live sweep of one session: `lag_sweep.run(*key)` on the server's queue; `result` once it ends."""

    def __init__(self, key: tuple, store: _Results):
        self.key, self.store = key, store
        self.result: dict | None = None
        self.announced = False  # the page has redrawn itself with the result
        self.job = jobs.Job(self._run, estimate(key).seconds, limits.SWEEP_TIME_LIMIT)

    @property
    def finished(self) -> bool:
        return self.job.finished

    def _run(self, job: jobs.Job) -> None:
        task_name, kinds, lags, steps, hidden, seed = self.key

        def callback(done: int, total: int, elapsed: float) -> bool:
            job.report(done / total)
            return job.should_stop()

        result = lag_sweep.run(
            task_name, list(kinds), list(lags), steps, hidden=hidden, seed=seed, callback=callback
        )
        if not result["stopped"]:
            self.store.put(self.key, result)
        self.result = result


def current() -> SweepJob | None:
    """This session's sweep, if it started one; asking for it tells the queue the session is still here."""
    return jobs.session_holder(_SESSION_KEY)


def launch(key: tuple) -> SweepJob:
    """Queue the sweep `key` for this session (it runs inline when LSTM_VIZ_SYNC_TRAINING=1)."""
    return jobs.submit_for_session(_SESSION_KEY, SweepJob(key, sweep_results()))


def result_for(key: tuple, sweep: SweepJob | None) -> dict | None:
    """The sweep `key` from the shared store, or this session's own (possibly stopped) sweep of it."""
    found = sweep_results().get(key)
    if found is None and sweep is not None and sweep.key == key:
        found = sweep.result
    return found
