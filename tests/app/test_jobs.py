"""Jobs on a shared server (issue 17, items 2, 3, 6 and 12): a work budget said before Start, one queue for
trainings and sweeps with each waiting student's place and wait, cancellation when a session ends, a
wall-clock backstop, saved runs owned by their session with quotas and a cached listing, and the end of a
stopped training said in words, with partial runs marked in the sidebar."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import replace

import pytest
from streamlit.testing.v1 import AppTest

from lstm_viz import limits, runs
from lstm_viz.ui import engine_cache, job_report, jobs, strings, training_job
from lstm_viz.ui.navigation import BY_URL

from .conftest import APP, TIMEOUT, assert_ok, chart_specs, plotly_values, widget

EN = strings.TABLE["en"]
SMALL = {"task": "adding", "length": "20", "tr_hidden": "8", "tr_batch": "16"}
SLOW = {**SMALL, "tr_hidden": "32", "tr_steps": "3000"}  # 3000 steps of an RNN take about 20 s
SWEEP = {"task": "remember_first", "sw_kinds": "0", "sw_lags": "5", "sw_steps": "20"}


def open_page(page: str, **query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update({key: str(value) for key, value in query.items()})
    at.switch_page(BY_URL[page].script)
    return at.run()


def wait_until(condition, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def texts(elements) -> str:
    return " ".join(element.value for element in elements)


def progress_text(at: AppTest) -> str:
    return at.get("progress")[0].proto.text


def the_job(at: AppTest) -> training_job.TrainingJob:
    return at.session_state["lv_train_job"]


def run_labels(at: AppTest) -> list[str]:
    """The saved-run selector's labels, after choosing "A saved run" on the Inside-one-step page."""
    at.switch_page(BY_URL["inside_step"].script)
    at.radio(key="w_source").set_value("saved").run()
    assert not at.exception
    return [option for box in at.sidebar.selectbox if box.key == "w_run" for option in box.options]


@pytest.fixture
def runs_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("LSTM_VIZ_RUNS", str(tmp_path))
    yield tmp_path


@pytest.fixture
def queue(monkeypatch):
    """A queue of this test's own, emptied at the end (the server's is shared by every test)."""
    fresh = jobs.JobQueue()
    monkeypatch.setattr(jobs, "QUEUE", fresh)
    monkeypatch.delenv(jobs.SYNC_ENV, raising=False)
    yield fresh
    for job in fresh.jobs():
        job.stop()


@pytest.fixture
def blocker(queue):
    """Another student's job holding the queue's slot until `blocker.release.set()` (estimated at 50 s)."""
    release = threading.Event()

    def hold(job):
        while not (release.is_set() or job.should_stop()):
            job.seen()  # its own session is still there
            time.sleep(0.02)

    job = jobs.Job(hold, estimate=50.0, time_limit=600.0)
    job.release = release
    queue.submit(job)
    wait_until(lambda: job.status == "running")
    yield job
    release.set()


# --- 2: a budget said before Start, the queue, the end of a session, the wall clock -------------------------


def test_settings_over_the_work_budget_are_refused_before_start_with_the_numbers(runs_dir):
    at = open_page(
        "train", task="adding", length=500, tr_hidden=256, tr_batch=256, tr_steps=3000, tr_kinds="0,1,2"
    )
    assert not at.exception
    settings = training_job.JobSettings("adding", 500, ("rnn", "gru", "lstm"), 256, 256, 3000, 0.01, "adam",
                                        1.0, "default", 1.0, None, 0)  # fmt: skip
    estimate = settings.estimate()
    assert estimate.seconds > 100 * limits.JOB_WORK_SECONDS  # hours, against a budget of minutes
    warning = texts(at.warning)
    fit = int(re.search(r"At most (\d+) steps fit", warning)[1])
    assert f"about {job_report.minutes_text(estimate.seconds)} min" in warning
    assert f"({job_report.scientific(estimate.macs)} multiply-adds)" in warning
    assert f"the {job_report.minutes_text(limits.JOB_WORK_SECONDS)} min one job may use" in warning
    assert replace(settings, steps=fit).estimate().seconds <= limits.JOB_WORK_SECONDS
    assert replace(settings, steps=fit + 1).estimate().seconds > limits.JOB_WORK_SECONDS
    assert at.button(key="tr_start").disabled
    assert not list(runs_dir.iterdir())

    small = open_page("train", **SMALL, tr_steps=300)  # within the budget: the estimate, and Start
    assert_ok(small)
    assert not small.button(key="tr_start").disabled
    assert "Estimated work: about" in texts(small.caption)


def test_a_queued_training_shows_its_place_and_the_expected_wait(runs_dir, blocker, queue):
    first = open_page("train", **SMALL, tr_steps=100, tr_kinds="0")
    first.button(key="tr_start").click().run()
    assert_ok(first)
    match = re.search(r"number (\d+) in line, about (\d+) s", progress_text(first))
    assert match and int(match[1]) == 1 and 45 <= int(match[2]) <= 50  # the job ahead was estimated at 50 s

    second = open_page("train", **SMALL, tr_steps=100, tr_kinds="0")
    second.button(key="tr_start").click().run()
    match = re.search(r"number (\d+) in line, about (\d+) s", progress_text(second))
    ahead = blocker.remaining() + the_job(first).estimate.seconds
    assert match and int(match[1]) == 2 and abs(int(match[2]) - ahead) <= 2

    blocker.release.set()  # the jobs then run one at a time, in the order they came
    wait_until(lambda: the_job(second).finished)
    assert the_job(first).job.ended <= the_job(second).job.started
    second.run()
    assert_ok(second)
    assert len(runs.list_runs(runs_dir)) == 2


def test_a_job_whose_session_ended_is_cancelled_and_frees_the_slot(runs_dir, queue, monkeypatch):
    monkeypatch.setattr(limits, "JOB_ORPHAN_SECONDS", 1.0)
    monkeypatch.setattr(jobs, "WATCH_SECONDS", 0.2)
    gone = open_page("train", **SLOW, tr_kinds="0,1,2")
    gone.button(key="tr_start").click().run()
    job = the_job(gone)
    wait_until(lambda: job.job.status == "running")
    wait_until(lambda: job.finished, seconds=10)  # no page asks for it any more: the tab was closed
    view = job.view()
    assert view.stop_reason == "session" and view.untrained == ["gru", "lstm"]
    assert not runs.list_runs(runs_dir), "nothing is saved for a session that is gone"
    wait_until(lambda: queue.jobs() == [])  # the slot is free for the next student
    gone.run()  # (were it still there, it would read what happened)
    done = view.outcomes[0].steps
    assert f"Cancelled after {done} of 3000 steps of the RNN: the browser session" in texts(gone.warning)


def test_a_training_stops_at_its_wall_clock_limit_and_says_so(runs_dir, queue, monkeypatch):
    monkeypatch.setattr(limits, "TRAIN_TIME_LIMIT", 1.0)
    at = open_page("train", **SLOW, tr_kinds="0,1")
    at.button(key="tr_start").click().run()
    wait_until(lambda: the_job(at).finished)
    at.run()
    (name,) = runs.list_runs(runs_dir)
    done = runs.load_run(runs_dir / name).history.steps[-1]
    assert 0 < done < 3000
    notes = texts(at.warning)
    assert f"Stopped at the time limit of 1 s after {done} of 3000 steps of the RNN." in notes
    assert "Not trained: GRU" in notes


# --- 3: live sweeps wait in the same queue, shown the same way, and end with their session ------------------


def test_live_sweeps_wait_in_the_one_queue_and_end_with_their_session(blocker, queue, monkeypatch):
    query = {**SWEEP, "seed": "11"}  # settings no other test has run, so none is stored
    first = open_page("long_range", **query)
    first.button(key="lr_run").click().run()
    assert_ok(first)
    assert re.search(r"number 1 in line, about (49|50) s", progress_text(first))
    second = open_page("long_range", **{**query, "sw_lags": "10"})
    second.button(key="lr_run").click().run()
    assert re.search(r"number 2 in line, about (\d+) s", progress_text(second))
    assert second.button(key="lr_run").disabled and not second.button(key="lr_stop").disabled

    monkeypatch.setattr(limits, "JOB_ORPHAN_SECONDS", 1.0)
    monkeypatch.setattr(jobs, "WATCH_SECONDS", 0.2)
    ended = first.session_state["lv_sweep_job"]
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:  # the second student's page keeps polling; the first tab was closed
        second.run()
        time.sleep(0.2)
    assert ended.job.status == "stopped" and ended.job.stop_reason == "session"
    assert re.search(r"number 1 in line", progress_text(second))

    blocker.release.set()
    sweep = second.session_state["lv_sweep_job"]
    wait_until(lambda: sweep.finished)
    second.run()
    assert_ok(second)
    assert any(list(plotly_values(spec["data"][0]["x"])) == [10] for spec in chart_specs(second))


def test_a_queued_sweep_stopped_by_its_student_leaves_the_queue(blocker, queue):
    at = open_page("long_range", **{**SWEEP, "seed": "12"})
    at.button(key="lr_run").click().run()
    at.button(key="lr_stop").click().run()
    assert at.session_state["lv_sweep_job"].job.status == "stopped"
    assert not at.get("progress") and not at.button(key="lr_run").disabled


# --- 6: saved runs belong to their session unless shared; quotas; a cached listing --------------------------


def test_saved_runs_belong_to_their_session_unless_shared(runs_dir, monkeypatch):
    monkeypatch.setenv(jobs.SYNC_ENV, "1")
    mine = open_page("train", **SMALL, tr_steps=20, tr_kinds="0")
    mine.button(key="tr_start").click().run()
    (private,) = runs.list_runs(runs_dir)
    sharer = open_page("train", **SMALL, tr_steps=20, tr_kinds="1")
    sharer.checkbox(key="tr_share").check()
    sharer.button(key="tr_start").click().run()
    shared = next(name for name in runs.list_runs(runs_dir) if name != private)

    def shows(at, name):
        return any(label.endswith(name) for label in run_labels(at))

    assert shows(mine, private) and shows(mine, shared)
    assert shows(sharer, shared) and not shows(sharer, private)
    stranger = open_page("inside_step")
    assert shows(stranger, shared) and not shows(stranger, private)
    linked = open_page("inside_step", source="saved", run=private)  # a link to another session's run
    assert not linked.exception and private not in linked.caption[0].value
    assert EN["notice_run_gone"].split("“")[0] in texts(linked.warning)
    metric = runs.load_run(runs_dir / private).history.eval_metric[-1]
    assert f"RNN · 20 steps · MSE {metric:.3g} · {private}" in run_labels(mine)


def test_quotas_per_session_and_in_total_are_stated_and_kept(runs_dir, monkeypatch):
    monkeypatch.setenv(jobs.SYNC_ENV, "1")
    monkeypatch.setattr(limits, "RUNS_MAX_PER_SESSION", 2)
    monkeypatch.setattr(limits, "RUNS_MAX_TOTAL", 3)
    at = open_page("train", **SMALL, tr_steps=10, tr_kinds="0,1,2")
    assert "This session has saved 0 of the 2 runs it may save; the server holds 0 of at most 3." in texts(
        at.caption
    )
    at.button(key="tr_start").click().run()
    assert "would save 3 more, but a session may save at most 2" in texts(at.error)
    assert not runs.list_runs(runs_dir)
    widget(at, "multiselect", "tr_kinds").set_value([0, 1]).run()
    at.button(key="tr_start").click().run()
    assert len(runs.list_runs(runs_dir)) == 2
    other = open_page("train", **SMALL, tr_steps=10, tr_kinds="0,1")
    other.button(key="tr_start").click().run()
    assert "holds 2 runs and this training would add 2, but it may hold at most 3" in texts(other.error)
    assert len(runs.list_runs(runs_dir)) == 2


def test_a_full_runs_folder_is_checked_again_before_each_save(runs_dir, monkeypatch):
    monkeypatch.setenv(jobs.SYNC_ENV, "1")
    settings = training_job.JobSettings("adding", 20, ("rnn", "gru"), 4, 8, 5, 0.01, "adam", None, "default",
                                        1.0, None, 0)  # fmt: skip
    monkeypatch.setattr(limits, "RUNS_MAX_TOTAL", 1)  # room for one: another session filled the rest
    job = training_job.TrainingJob(settings, runs_dir, owner="someone")
    job.start()
    first, second = job.view().outcomes
    assert first.saved and second.saved is None and second.unsaved == "quota"
    assert len(runs.list_runs(runs_dir)) == 1


def test_the_saved_run_listing_is_scanned_once_and_again_after_a_save(runs_dir, monkeypatch):
    monkeypatch.setenv(jobs.SYNC_ENV, "1")
    scans = []
    list_runs = runs.list_runs
    monkeypatch.setattr(engine_cache.runs, "list_runs", lambda *a: scans.append(1) or list_runs(*a))
    at = open_page("train", **SMALL, tr_steps=10, tr_kinds="0")
    at.button(key="tr_start").click().run()
    run_labels(at)
    before = len(scans)
    for _ in range(3):  # reruns with "A saved run" chosen: no scan of the folder
        at.run()
    assert len(scans) == before
    at.switch_page(BY_URL["train"].script).run()
    at.button(key="tr_start").click().run()  # a save: the next listing scans again, and shows it
    after = len(scans)
    assert after > before and len(run_labels(at)) == 2
    at.run()
    assert len(scans) == after


# --- 12: a stopped training said in words; partial runs marked in the sidebar -------------------------------


def test_a_stopped_training_says_what_happened_and_its_run_is_marked_partial(runs_dir, queue):
    at = open_page("train", **SLOW, tr_kinds="0,1,2")
    at.button(key="tr_start").click().run()
    job = the_job(at)
    wait_until(lambda: job.view().fraction > 0)
    at.button(key="tr_stop").click().run()
    wait_until(lambda: job.finished)
    at.run()
    assert not at.exception
    (name,) = runs.list_runs(runs_dir)
    history = runs.load_run(runs_dir / name).history
    done = history.steps[-1]
    notes = texts(at.warning)
    assert f"Stopped by you after {done} of 3000 steps of the RNN." in notes
    assert "Not trained: GRU, LSTM" in notes
    assert f"Saved as partial runs, marked “partial” in the sidebar: {name}." in notes
    assert "callback" not in notes
    label = f"RNN · {done}/3000 steps, partial · MSE {history.eval_metric[-1]:.3g} · {name}"
    assert label in run_labels(at)
