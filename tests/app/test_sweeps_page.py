"""The Sweeps page: a sweep database drawn per task with its numbers, a table that the filters change, a bad
upload refused with a message, and a tiny sweep launched from the page that runs and shows its rows."""

from __future__ import annotations

import gc
import sqlite3
import threading

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lstm_viz import limits, sweeps
from lstm_viz.ui import jobs, strings, sweeps_folders, sweeps_live
from lstm_viz.ui.navigation import BY_URL
from tests.unit.test_sweep_figures import synthetic_rows, write_database

from .conftest import APP, TIMEOUT, assert_ok, chart_specs, plotly_values, widget

EN, ZH = strings.TABLE["en"], strings.TABLE["zh"]


@pytest.fixture
def database(tmp_path, monkeypatch):
    """The synthetic sweep (tests/unit/test_sweep_figures.py) standing in for the shipped database."""
    path = tmp_path / "sweep.sqlite"
    write_database(path)
    monkeypatch.setattr(sweeps, "SHIPPED_DB", path)
    return path


def open_page(**query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update({key: str(value) for key, value in query.items()})
    at.switch_page(BY_URL["sweeps"].script)
    return at.run()


def table_rows(at: AppTest) -> int:
    return len(at.dataframe[0].value)


def metric_spec(at: AppTest, task_index: int) -> dict:
    """The score-against-lag figure of the task_index-th task shown (two figures per task)."""
    return chart_specs(at)[2 * task_index]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_default_view_draws_the_databases_medians(database, lang):
    at = open_page(lang=lang)
    assert_ok(at)
    table = strings.TABLE[lang]
    assert at.title[0].value == table["page_sweeps"]
    assert len(chart_specs(at)) == 4  # two tasks (adding, remember_first), two figures each
    with sweeps.open_read_only(database) as store:
        rows = store.rows(task="remember_first", architecture="rnn", lag=50)
    median = float(np.median([row["metric"] for row in rows]))
    spec = metric_spec(at, 1)  # remember_first comes after adding
    rnn = spec["data"][2]  # max, min, then the median line
    assert rnn["name"] == "RNN"
    assert plotly_values(rnn["y"])[1] == pytest.approx(median) == pytest.approx(0.28)
    assert table["sw.metric.accuracy"] in spec["layout"]["yaxis"]["title"]["text"]
    captions = " ".join(caption.value for caption in at.caption)
    if lang == "en":
        assert "The RNN's median accuracy falls below 0.625 from lag 50 on (0.28 at lag 100)." in captions
        assert "Runs: 55." in captions
    else:
        assert "RNN 的准确率中位数从间隔 50 起低于 0.625（间隔 100 时为 0.28）。" in captions
    assert table_rows(at) == 55
    assert at.warning[0].value == table["swp_failed"].format(count=1)


def test_filters_change_the_figures_the_table_and_the_link(database):
    at = open_page()
    widget(at, "selectbox", "swp_task").set_value("adding").run()
    assert_ok(at)
    assert len(chart_specs(at)) == 2 and table_rows(at) == 28  # 27 runs and the failed one
    assert at.query_params["swp_task"] in ("adding", ["adding"])
    widget(at, "multiselect", "swp_kinds").set_value([2]).run()  # the LSTM alone
    assert table_rows(at) == 10
    assert [trace["name"] for trace in chart_specs(at)[0]["data"]][2] == "LSTM"
    at.multiselect(key="swp_seeds").set_value([0]).run()
    assert table_rows(at) == 3
    at.select_slider(key="swp_lags").set_value((50, 100)).run()
    assert table_rows(at) == 2
    assert "Runs that match these filters: 2 of 55." in [caption.value for caption in at.caption]
    widget(at, "radio", "swp_show").set_value("loss").run()
    assert_ok(at)
    loss = plotly_values(chart_specs(at)[0]["data"][2]["y"])
    np.testing.assert_allclose(loss, [0.003, 0.003, 0.003])  # the LSTM's median final loss on adding


def test_the_link_reopens_the_task_and_architectures(database):
    at = open_page(swp_task="remember_first", swp_kinds="0,2", swp_show="loss")
    assert_ok(at)
    assert len(chart_specs(at)) == 2
    names = [trace["name"] for trace in chart_specs(at)[0]["data"]]
    assert "RNN" in names and "LSTM" in names and "GRU" not in names
    assert widget(at, "radio", "swp_show").value == "loss"
    hostile = open_page(swp_task="![x](http://host/t.png)")
    assert_ok(hostile)
    assert "!\\[x\\]" in " ".join(w.value for w in hostile.warning)  # shown as literal text
    assert len(chart_specs(hostile)) == 4


def upload(at: AppTest, data: bytes, name: str) -> AppTest:
    at.radio(key="swp_source").set_value("upload").run()
    uploader = at.file_uploader(key="swp_upload")
    uploader.upload(name, data, "application/octet-stream")
    return at.run()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_corrupt_upload_gives_the_message(database, lang):
    at = upload(open_page(lang=lang), b"SQLite format 3\x00" + b"\x13" * 3000, "broken.sqlite")
    assert not at.exception
    assert at.error and at.error[0].value.startswith(strings.TABLE[lang]["swp_bad_file"].split("{")[0])
    assert not chart_specs(at)


def test_a_foreign_database_and_a_good_upload(database, tmp_path):
    foreign = tmp_path / "other.sqlite"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE people (name TEXT)")
    at = upload(open_page(), foreign.read_bytes(), "other.sqlite")
    assert "has no table 'runs'" in at.error[0].value
    at = open_page()
    at.select_slider(key="swp_lags").set_value((50, 100))
    at.multiselect(key="swp_seeds").set_value([9]).run()
    assert table_rows(at) == 1
    at = upload(at, database.read_bytes(), "mine.sqlite")
    assert_ok(at)
    assert len(chart_specs(at)) == 4 and table_rows(at) == 1  # the same content: the filters stay


def test_an_upload_with_values_of_the_wrong_type_keeps_the_others(tmp_path, database):
    rows = synthetic_rows()
    rows[0] = {**rows[0], "lag": "ten"}
    path = tmp_path / "typed.sqlite"
    write_database(path, rows)
    at = upload(open_page(), path.read_bytes(), "typed.sqlite")
    assert_ok(at)
    assert table_rows(at) == 54
    assert any(EN["swp_bad_rows"].format(count=1) == w.value for w in at.warning)


def test_without_a_shipped_database_the_page_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(sweeps, "SHIPPED_DB", tmp_path / "missing.sqlite")
    at = open_page()
    assert_ok(at)
    assert EN["swp_no_shipped"] in [info.value for info in at.info]


def test_a_live_tiny_sweep_runs_to_completion_and_its_rows_appear(database, monkeypatch):
    monkeypatch.setenv(jobs.SYNC_ENV, "1")  # the job runs inline when it is queued
    at = open_page()
    at.multiselect(key="swp_live_kinds").set_value(["lstm"])
    at.multiselect(key="swp_live_lags").set_value([5])
    at.multiselect(key="swp_live_seeds").set_value([0]).run()
    at.slider(key="swp_live_steps").set_value(20).run()
    assert "Runs in this sweep: 1 (at most 12)." in " ".join(c.value for c in at.caption)
    at.button(key="swp_live_run").click().run()
    assert_ok(at)
    assert at.radio(key="swp_source").value == "live"
    assert table_rows(at) == 1
    assert any("Runs trained: 1; already in this session's database: 0;" in s.value for s in at.success)
    folder = at.session_state["lv_sweeps_folder"]
    with sweeps.open_read_only(folder.database) as store:
        (row,) = store.rows()
    assert (row["task"], row["architecture"], row["lag"], row["steps"]) == ("adding", "lstm", 5, 20)
    assert plotly_values(chart_specs(at)[0]["data"][2]["y"])[0] == pytest.approx(row["metric"])
    at.button(key="swp_live_run").click().run()  # the same sweep again: nothing new to train
    assert any("Runs trained: 0; already in this session's database: 1;" in s.value for s in at.success)


def test_a_live_sweep_over_the_limits_is_refused(database):
    at = open_page()
    at.multiselect(key="swp_live_lags").set_value([5, 10, 20, 50, 100]).run()  # 5 lags x 3 x 2 seeds = 30
    assert EN["swp_live_err_runs"].format(runs=30, limit=12) in [e.value for e in at.error]
    assert at.button(key="swp_live_run").disabled
    at.multiselect(key="swp_live_lags").set_value([]).run()
    assert EN["swp_live_err_empty"] in [e.value for e in at.error]


def test_the_session_folder_goes_with_its_session(monkeypatch):
    folder = sweeps_folders.SessionFolder()
    path = folder.path
    (path / "x.sqlite").write_bytes(b"1")
    del folder  # Streamlit dropped the session's state
    gc.collect()
    assert not path.exists()
    connected = {"tab": True}
    monkeypatch.setattr(sweeps_folders.sessions, "connected", lambda session_id: connected["tab"])
    folder = sweeps_folders.SessionFolder("tab")
    gone = sweeps_folders.GONE_SECONDS
    assert not folder.check(0.0) and folder.path.is_dir()
    connected["tab"] = False  # the tab closed at 10 s
    assert not folder.check(10.0) and not folder.check(10.0 + gone / 2)
    folder.busy = 1  # a sweep still writes (its job stops within limits.JOB_ORPHAN_SECONDS)
    assert not folder.check(10.0 + gone)
    folder.busy = 0
    assert folder.check(10.0 + gone) and not folder.path.exists()


def test_a_stopped_live_sweep_keeps_what_finished(tmp_path):
    settings = sweeps_live.LiveSettings(("adding",), ("rnn", "lstm"), (5,), (0,), 20)
    sweep = sweeps_live.LiveSweep(settings, sweeps_folders.SessionFolder())
    calls = []

    def stop_after_first():
        calls.append(1)
        return len(calls) > 1

    sweep.job.should_stop = stop_after_first
    sweep.job.run()
    assert sweep.outcome.stopped and sweep.outcome.done == 1
    with sweeps.open_read_only(sweep.folder.database) as store:
        assert store.count() == 1


def test_a_task_whose_runs_all_failed_says_so(tmp_path, monkeypatch):
    rows = [*synthetic_rows(), {**synthetic_rows()[-1], "id": "copy-failed", "task": "copy"}]
    path = tmp_path / "with-copy.sqlite"
    write_database(path, rows)
    monkeypatch.setattr(sweeps, "SHIPPED_DB", path)
    at = open_page()
    assert_ok(at)
    assert EN["swp_task_empty"] in [info.value for info in at.info]
    assert len(chart_specs(at)) == 4 and table_rows(at) == 56


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_shipped_database_is_drawn_with_its_medians(lang):
    if not sweeps.SHIPPED_DB.is_file():
        pytest.skip("the shipped sweep database is not built yet")
    with sweeps.open_read_only(sweeps.SHIPPED_DB) as store:
        rows = store.rows()
    if not rows:
        pytest.skip("the shipped sweep database holds no run yet")
    at = open_page(lang=lang)
    assert_ok(at)
    summary = sweeps.summarise(rows)
    task_names = sorted({row["task"] for row in rows})
    assert len(chart_specs(at)) == 2 * len(task_names)
    for index, task in enumerate(task_names):
        spec = metric_spec(at, index)
        for trace in spec["data"][2:-1:3]:  # the median line of each architecture
            kind = next(
                k for k in ("rnn", "gru", "lstm") if strings.TABLE[lang][f"kind_{k}"] == trace["name"]
            )
            medians = [e["median"] for e in summary if e["task"] == task and e["architecture"] == kind]
            np.testing.assert_allclose(plotly_values(trace["y"]), medians, rtol=1e-9)
    assert table_rows(at) == len(rows)


def test_a_file_above_the_size_limit_is_refused_before_it_is_read(database):
    at = upload(open_page(), b"\0" * (limits.SWEEPS_PAGE_UPLOAD_MAX_BYTES + 1), "huge.sqlite")
    assert not at.exception
    assert at.error[0].value == EN["swp_too_large"].format(size="8.0", mb="8")
    uploader = at.file_uploader(key="swp_upload")
    assert "8 MB" in uploader.help and "20,000" in uploader.help


def test_a_live_sweep_waits_its_turn_on_the_servers_queue_and_stops(database):
    release = threading.Event()
    blocker = jobs.Job(lambda job: release.wait(30), estimate=5.0, time_limit=60.0)
    jobs.QUEUE.submit(blocker)  # a training of another session holds the one slot
    try:
        at = open_page()
        at.multiselect(key="swp_live_lags").set_value([5]).run()
        at.button(key="swp_live_run").click().run()
        sweep = at.session_state["lv_sweeps_live"]
        assert sweep.job.status == "queued" and sweep.job in jobs.QUEUE.jobs()
        assert at.get("progress")[0].proto.text.startswith(EN["job_queued"].split("{")[0])
        at.button(key="swp_live_stop").click().run()
        assert sweep.job.status == "stopped" and sweep.job.stop_reason == "user"
        at.run()
        assert EN["swp_live_stopped_user"].format(done=0) in [w.value for w in at.warning]
        assert not at.session_state["lv_sweeps_folder"].database.exists()  # a queued sweep never started
    finally:
        release.set()
