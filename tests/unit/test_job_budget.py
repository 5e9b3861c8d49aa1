"""The cost of a job before it starts (ui.job_budget), and the server's job queue (ui.jobs): one slot, first
come first served, places and waits, stops by the user, the wall clock and the end of a session."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import pytest
from streamlit.runtime import Runtime

from lstm_viz import limits
from lstm_viz.training import TrainConfig
from lstm_viz.ui import job_budget, job_report, jobs, sessions, training_job
from lstm_viz.ui.url_params import SWEEP_LAGS

LARGEST = training_job.JobSettings("adding", 500, ("rnn", "gru", "lstm"), 256, 256, 3000, 0.01, "adam", 1.0,
                                   "default", 1.0, None, 0)  # fmt: skip  # the Train page's largest settings
DEFAULT = replace(LARGEST, length=100, hidden=32, batch=32, steps=300)  # the Train page's defaults


# --- the estimate -------------------------------------------------------------------------------------------


def test_multiply_adds_are_counted_as_documented():
    config = TrainConfig(steps=2, batch_size=3, eval_every=1, eval_batch=7, snapshot_every=0)
    # an RNN of 4 units on 2 inputs: 1 x 4 x (2 + 4) = 24 per sequence and step; 5 steps per sequence;
    # 2 updates of 3 sequences (forward and backward: x3) and 3 evaluations (steps 0, 1, 2) of 7 sequences
    assert job_budget.run_estimate("rnn", 4, 2, 5, config).macs == 24 * 5 * (3 * 2 * 3 + 3 * 7)
    snapshots = replace(config, snapshot_every=2, probe_batch=2)  # steps 0 and 2, forward and backward
    assert job_budget.run_estimate("rnn", 4, 2, 5, snapshots).macs == 24 * 5 * (3 * 2 * 3 + 3 * 7 + 3 * 2 * 2)
    lstm = job_budget.run_estimate("lstm", 4, 2, 5, config).macs
    assert lstm == 4 * job_budget.run_estimate("rnn", 4, 2, 5, config).macs  # four gate blocks


@pytest.mark.parametrize("field", ["hidden", "batch", "length", "steps"])
def test_the_estimate_grows_with_every_size(field):
    bigger = replace(DEFAULT, **{field: 2 * getattr(DEFAULT, field)})
    assert bigger.estimate().seconds > DEFAULT.estimate().seconds
    assert bigger.estimate().macs > DEFAULT.estimate().macs
    assert replace(DEFAULT, kinds=("rnn",)).estimate().seconds < DEFAULT.estimate().seconds


def test_the_largest_settings_take_hours_and_are_refused_with_the_steps_that_fit():
    estimate = LARGEST.estimate()
    assert estimate.seconds > 3 * 3600 and estimate.macs > 1e14  # the issue measured about 12 hours
    key, words = training_job.budget_problem(LARGEST)
    assert key == "tr_err_budget" and ("tr_err_budget", words) in training_job.problems(LARGEST)
    assert words["minutes"] == job_report.minutes_text(estimate.seconds) and words["limit"] == "2"
    assert replace(LARGEST, steps=words["fit"]).estimate().seconds <= limits.JOB_WORK_SECONDS
    assert replace(LARGEST, steps=words["fit"] + 1).estimate().seconds > limits.JOB_WORK_SECONDS
    assert 0 < words["fit"] < 3000


def test_the_defaults_fit_the_budget_with_room_to_spare():
    assert DEFAULT.estimate().seconds < limits.JOB_WORK_SECONDS / 5
    assert training_job.budget_problem(DEFAULT) is None and not training_job.problems(DEFAULT)


def test_the_largest_sweep_the_page_offers_fits_the_budget():
    lags = sorted(SWEEP_LAGS)[-limits.SWEEP_MAX_LAGS :]
    for task in ("adding", "remember_first"):
        estimate = job_budget.sweep_estimate(task, ("rnn", "gru", "lstm"), lags, limits.SWEEP_MAX_STEPS, 32)
        assert estimate.seconds <= limits.JOB_WORK_SECONDS


def test_numbers_are_written_for_people():
    assert job_report.scientific(6.1e14) == "6.1 × 10¹⁴" and job_report.scientific(950) == "950"
    assert job_report.minutes_text(26_512) == "442" and job_report.minutes_text(150) == "2.5"
    assert job_report.minutes_text(120) == "2"


# --- the queue ----------------------------------------------------------------------------------------------


def holding(release: threading.Event, started: list | None = None):
    """A body that runs until `release` is set or it is told to stop, noting when it started."""

    def body(job):
        if started is not None:
            started.append(job)
        while not (release.is_set() or job.should_stop()):
            time.sleep(0.01)

    return body


def wait_until(condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


@pytest.fixture
def queue(monkeypatch):
    monkeypatch.delenv(jobs.SYNC_ENV, raising=False)
    monkeypatch.setattr(jobs, "WATCH_SECONDS", 0.05)
    fresh = jobs.JobQueue()
    yield fresh
    for job in fresh.jobs():
        job.stop()


def test_one_job_runs_at_a_time_in_the_order_they_came_and_each_sees_its_place(queue):
    release, started = threading.Event(), []
    first, second, third = (
        jobs.Job(holding(release, started), estimate, 60.0) for estimate in (30.0, 20.0, 5.0)
    )
    for job in (first, second, third):
        queue.submit(job)
    wait_until(lambda: first.status == "running")
    assert queue.place(first) == (0, 0.0)
    places = {job: queue.place(job) for job in (second, third)}
    assert places[second][0] == 1 and 29 <= places[second][1] <= 30  # behind the running one's 30 s
    assert places[third][0] == 2 and 49 <= places[third][1] <= 50  # and the queued one's 20 s
    second.stop()  # a queued job stopped by its student ends at once and never runs
    assert second.status == "stopped" and second.stop_reason == "user"
    assert queue.place(third)[0] == 1
    release.set()
    wait_until(lambda: third.finished)
    assert started == [first, third] and first.status == third.status == "done"
    assert first.ended <= third.started


def test_a_job_past_its_wall_clock_limit_is_stopped(queue):
    job = jobs.Job(holding(threading.Event()), estimate=1.0, time_limit=0.3)
    queue.submit(job)
    wait_until(lambda: job.finished)
    assert job.status == "stopped" and job.stop_reason == "time" and 0.3 <= job.elapsed() < 2


def test_a_failing_job_says_why_and_the_next_one_runs(queue):
    def broken(job):
        raise RuntimeError("out of memory")

    failing, after = jobs.Job(broken, 1.0, 60.0), jobs.Job(lambda job: None, 1.0, 60.0)
    queue.submit(failing)
    queue.submit(after)
    wait_until(lambda: after.finished)
    assert failing.status == "failed" and failing.error == "RuntimeError: out of memory"
    assert after.status == "done"


def test_jobs_of_a_session_that_stops_polling_are_cancelled_queued_or_running(queue, monkeypatch):
    monkeypatch.setattr(limits, "JOB_ORPHAN_SECONDS", 0.3)
    release = threading.Event()
    running, queued, kept = (jobs.Job(holding(release), 1.0, 60.0) for _ in range(3))
    for job in (running, queued, kept):
        queue.submit(job)
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:  # only `kept`'s page keeps asking for it
        kept.seen()
        time.sleep(0.02)
    assert running.stop_reason == queued.stop_reason == "session" and kept.stop_reason is None
    wait_until(lambda: kept.status == "running")
    release.set()
    wait_until(lambda: kept.finished)
    assert kept.status == "done"


class StandInRuntime:
    """What jobs ask of Streamlit's runtime: whether a browser session is still connected."""

    def __init__(self, active: set[str]):
        self.active = active

    def is_active_session(self, session_id: str) -> bool:
        return session_id in self.active


def test_under_a_server_the_runtime_says_whether_a_session_is_still_there(queue, monkeypatch):
    monkeypatch.setattr(limits, "JOB_ORPHAN_SECONDS", 0.3)
    runtime = StandInRuntime({"open-tab", "closed-tab"})
    monkeypatch.setattr(Runtime, "_instance", runtime)
    assert sessions.connected("open-tab") is True and sessions.connected("elsewhere") is False
    release = threading.Event()
    open_tab = jobs.Job(holding(release), 1.0, 60.0, session_id="open-tab")
    closed_tab = jobs.Job(holding(release), 1.0, 60.0, session_id="closed-tab")
    queue.submit(open_tab)
    queue.submit(closed_tab)
    time.sleep(0.5)  # no page polls either: the runtime vouches for both
    assert not open_tab.finished and not closed_tab.finished
    runtime.active.discard("closed-tab")  # the tab is closed: its websocket is gone
    wait_until(lambda: closed_tab.finished)
    assert closed_tab.stop_reason == "session" and open_tab.stop_reason is None
    release.set()


def test_without_a_runtime_nothing_can_be_told_and_the_polls_decide(monkeypatch):
    monkeypatch.setattr(Runtime, "_instance", None)
    assert sessions.connected("any") is None and sessions.connected(None) is None


def test_sync_mode_runs_the_job_at_once_on_the_calling_thread(monkeypatch):
    monkeypatch.setenv(jobs.SYNC_ENV, "1")
    threads = []
    job = jobs.Job(lambda job: threads.append(threading.current_thread()), 1.0, 60.0)
    jobs.JobQueue().submit(job)
    assert job.status == "done" and threads == [threading.current_thread()]
