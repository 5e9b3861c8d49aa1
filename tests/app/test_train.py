"""Train page: bad settings are refused before training; a short run completes (inline, with
LSTM_VIZ_SYNC_TRAINING=1), is saved to LSTM_VIZ_RUNS and becomes a model source on other pages; Stop ends a
run training in the background, which is still saved."""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from lstm_viz import runs
from lstm_viz.ui import engine_cache, strings, training_job
from lstm_viz.ui.navigation import BY_URL

from .conftest import APP, TIMEOUT, assert_ok, chart_specs, widget

SHORT = {"task": "adding", "length": "20", "tr_steps": "20", "tr_hidden": "8", "tr_batch": "16"}


def open_page(path=BY_URL["train"].script, **query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update({key: str(value) for key, value in query.items()})
    at.switch_page(path)
    return at.run()


@pytest.fixture
def runs_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("LSTM_VIZ_RUNS", str(tmp_path))
    engine_cache.saved_run_listing.clear()
    yield tmp_path
    engine_cache.saved_run_listing.clear()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_renders_before_any_training(lang, runs_dir):
    at = open_page(lang=lang)
    assert_ok(at)
    assert at.title[0].value == strings.TABLE[lang]["page_train"]
    specs = chart_specs(at)  # the pretrained models' curves for comparison, until this session trains
    assert len(specs) == 2 and [trace["name"] for trace in specs[0]["data"]] == ["RNN", "GRU", "LSTM"]
    assert any(strings.TABLE[lang]["tr_reference"] in caption.value for caption in at.caption)
    other = open_page(lang=lang, task="parity")
    assert_ok(other)
    assert not chart_specs(other), "no pretrained parity models: no curves until training starts"
    assert not at.button(key="tr_start").disabled and at.button(key="tr_stop").disabled


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"tr_hidden": "0"}, "tr_err_hidden"),
        ({"tr_batch": "0"}, "tr_err_batch"),
        ({"tr_steps": "5000"}, "tr_err_steps"),
        ({"tr_lr": "0"}, "tr_err_lr"),
        ({"length": "800"}, "tr_err_length"),
        ({"tr_kinds": ""}, "tr_err_kinds"),
    ],
)
def test_bad_settings_are_refused_before_training(query, message, runs_dir, monkeypatch):
    monkeypatch.setenv(training_job.SYNC_ENV, "1")
    at = open_page(**{**SHORT, **query})
    at.button(key="tr_start").click().run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert strings.TABLE["en"][message].split("{")[0] in errors
    assert not list(runs_dir.iterdir()), "nothing was trained or saved"


def test_short_run_completes_is_saved_and_becomes_a_model_source(runs_dir, monkeypatch):
    monkeypatch.setenv(training_job.SYNC_ENV, "1")
    at = open_page(**SHORT)
    assert_ok(at)
    at.checkbox(key="tr_share").check()  # shared: the other session below finds the runs too
    at.button(key="tr_start").click().run()
    assert_ok(at)
    saved = runs.list_runs(runs_dir)
    assert sorted(name.rsplit("-", 1)[1] for name in saved) == ["gru", "lstm", "rnn"]
    assert any(all(name in s.value for name in saved) for s in at.success)
    losses = chart_specs(at)[0]["data"]
    assert [trace["name"] for trace in losses] == ["RNN", "GRU", "LSTM"]
    run = runs.load_run(runs_dir / saved[0])
    assert run.history.steps[-1] == 20 and run.config["task_params"] == {"length": 20}
    assert run.config["hidden_size"] == 8 and run.config["train"]["batch_size"] == 16

    lstm = next(name for name in saved if name.endswith("-lstm"))
    other = open_page(BY_URL["vanishing"].script, source="saved", run=lstm, length="20")
    assert_ok(other)
    labels = widget(other, "selectbox", "run").options  # "LSTM · 20 steps · MSE 0.0123 · <name>"
    assert all(any(label.endswith(name) for label in labels) for name in saved)
    assert not other.warning, "the runs trained beside it are found: no fallback to fresh models"
    assert "adding" in other.caption[0].value or lstm in other.caption[0].value


def test_stop_ends_a_background_run_which_is_still_saved(runs_dir, monkeypatch):
    monkeypatch.delenv(training_job.SYNC_ENV, raising=False)
    at = open_page(**{**SHORT, "tr_steps": "3000", "tr_kinds": "0"})
    at.button(key="tr_start").click().run()
    assert_ok(at)
    assert at.button(key="tr_stop").disabled is False and at.button(key="tr_start").disabled
    time.sleep(0.5)
    at.button(key="tr_stop").click().run()
    deadline = time.time() + 30
    while not runs.list_runs(runs_dir) and time.time() < deadline:
        time.sleep(0.2)
    at.run()
    assert_ok(at)
    (name,) = runs.list_runs(runs_dir)
    history = runs.load_run(runs_dir / name).history
    assert history.stopped == "callback" and history.steps[-1] < 3000
    assert not at.button(key="tr_start").disabled
