"""Long-range dependencies page: saliency on the marked inputs, memory units rebuilt with the engine, and a
small live sweep that runs with progress, matches the engine and is kept for the same settings."""

from __future__ import annotations

import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lstm_viz import runs, tasks
from lstm_viz.training import lag_sweep, probes
from lstm_viz.ui import jobs, probe_cache, strings
from lstm_viz.ui.navigation import BY_URL

from .conftest import APP, TIMEOUT, assert_ok, chart_specs, plotly_values, widget

SWEEP_FILE = runs.PRETRAINED_DIR / "sweeps" / "adding.json"


def open_page(**query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update({key: str(value) for key, value in query.items()})
    at.switch_page(BY_URL["long_range"].script)
    return at.run()


def shares(at) -> dict[str, float]:
    """{architecture: share of saliency on the marked inputs} from the page's metrics."""
    return {m.label.split(":")[0]: float(m.value.rstrip("%")) / 100 for m in at.metric}


def titled(at, text: str) -> list[dict]:
    return [spec for spec in chart_specs(at) if text in (spec["layout"].get("title", {}).get("text") or "")]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_renders_with_defaults(lang):
    at = open_page(lang=lang)
    assert_ok(at)
    assert at.title[0].value == strings.TABLE[lang]["page_long_range"]
    assert len(titled(at, strings.TABLE[lang]["q.saliency"])) == 3
    if SWEEP_FILE.is_file():  # results shipped with the pretrained assets are drawn at once
        spec = chart_specs(at)[0]
        assert {trace["name"] for trace in spec["data"]} >= {"RNN", "GRU", "LSTM"}
        shipped = json.loads(SWEEP_FILE.read_text())
        rnn = spec["data"][0]
        np.testing.assert_allclose(plotly_values(rnn["x"]), shipped["lags"])
        np.testing.assert_allclose(plotly_values(rnn["y"]), shipped["models"]["rnn"], rtol=1e-6)
    else:
        assert strings.TABLE[lang]["lr_no_shipped"] in [i.value for i in at.info]


def test_trained_lstm_puts_its_saliency_on_the_marked_inputs():
    trained = shares(open_page())
    assert trained["LSTM"] > 0.3 and trained["LSTM"] > 10 * trained["RNN"]
    fresh = shares(open_page(source="fresh"))
    assert fresh["LSTM"] < trained["LSTM"] / 10, "an untrained LSTM only hears the last steps"
    spec = titled(open_page(), "LSTM")[0]
    marks = spec["data"][1]
    task = tasks.get("adding", length=100)
    marked, _ = task.marked_signal(task.sample(8, 0).x)
    assert sorted(zip(map(int, marks["y"]), plotly_values(marks["x"]).astype(int), strict=True)) == sorted(
        zip(*np.nonzero(marked), strict=True)
    )


def test_memory_units_match_the_engine():
    at = open_page(task="remember_first", length=50)
    assert_ok(at)
    spec = chart_specs(at)[-1]
    shown = [int(trace["name"].split()[1]) for trace in spec["data"]]
    model = runs.load_pretrained("remember_first-lstm").model
    task = tasks.get("remember_first", lag=50)
    batch = task.sample(probe_cache.MEMORY_BATCH, 0)
    _, trace = model.core.run_with_trace(batch.x)
    units, _ = probes.memory_units(trace["l0.cell"], task.marked_signal(batch.x)[1], 4)
    assert shown == [int(u) for u in units]
    first = trace["l0.cell"][0, :, units[0]]  # (T,) c_t of the strongest unit, sequence 0
    np.testing.assert_allclose(plotly_values(spec["data"][0]["y"]), first, rtol=1e-5)


def test_live_sweep_runs_matches_the_engine_and_is_kept(monkeypatch):
    monkeypatch.setenv(jobs.SYNC_ENV, "1")  # the sweep's job runs inline (tests/app/test_jobs.py queues one)
    query = {"task": "remember_first", "sw_kinds": "0,2", "sw_lags": "5,10", "sw_steps": "20", "seed": "1"}
    at = open_page(**query)
    assert_ok(at)
    live_before = len(chart_specs(at))
    at.button(key="lr_run").click().run()
    assert_ok(at)
    assert len(chart_specs(at)) == live_before + 1
    expected = lag_sweep.run("remember_first", ["rnn", "lstm"], [5, 10], 20, hidden=32, seed=1)
    spec = [spec for spec in chart_specs(at) if list(plotly_values(spec["data"][0]["x"])) == [5, 10]][0]
    assert [trace["name"] for trace in spec["data"]] == ["RNN", "LSTM", strings.TABLE["en"]["lr_baseline"]]
    np.testing.assert_allclose(plotly_values(spec["data"][2]["y"]), [0.25, 0.25])  # chance: 1 in 4 symbols
    for trace, kind in zip(spec["data"], ("rnn", "lstm"), strict=False):
        np.testing.assert_allclose(plotly_values(trace["y"]), expected["models"][kind], rtol=1e-6)
        np.testing.assert_array_equal(plotly_values(trace["x"]), [5, 10])
    again = open_page(**query)  # a new session: the finished sweep is shown without running it again
    assert len(chart_specs(again)) == live_before + 1

    widget(again, "multiselect", "sw_kinds").set_value([]).run()
    again.button(key="lr_run").click().run()
    assert strings.TABLE["en"]["lr_live_empty"] in [e.value for e in again.error]
