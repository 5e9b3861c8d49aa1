"""Vanishing gradients page: the default picture's numbers (pretrained models on adding T=100) rebuilt with
the engine, and each control moving the picture the way the page says it does."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lstm_viz import grads, runs, tasks
from lstm_viz.ui import engine_cache, strings
from lstm_viz.ui.navigation import BY_URL

from .conftest import APP, TIMEOUT, assert_ok, chart_specs, plotly_values, widget

FRESH = {"source": "fresh", "seed": "0"}


def open_page(**query) -> AppTest:
    """The app on the Vanishing gradients page with URL parameters `query`."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update({key: str(value) for key, value in query.items()})
    at.switch_page(BY_URL["vanishing"].script)
    return at.run()


def lines(at, index=0) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """{architecture: (t, ||dL/dh_t||)} of a gradient-lines figure (the first on the page by default)."""
    spec = chart_specs(at)[index]
    return {
        trace["name"].split(" ")[0]: (plotly_values(trace["x"]), plotly_values(trace["y"]).astype(np.float64))
        for trace in spec["data"]
    }


def span(norms: np.ndarray) -> float:
    return float(norms.max() / norms.min())


def engine_norms(kind: str) -> np.ndarray:
    """||dL/dh_t|| of the pretrained model on the batch the app records, rebuilt with the engine alone."""
    model = runs.load_pretrained(f"adding-{kind}").model
    task = tasks.get("adding", length=100)
    batch = task.sample(engine_cache.batch_size(kind, 100, model.core.hidden_size, 1, False), 0)
    _, trace = model.run_with_trace(batch.x, target=batch.y, loss_mask=batch.loss_mask)
    return grads.state_grad_norms(trace).astype(np.float64)


def test_default_figure_numbers_pretrained_adding_100():
    at = open_page()
    assert_ok(at)
    shown = lines(at)
    assert list(shown)[:3] == ["RNN", "GRU", "LSTM"]
    rnn, lstm = engine_norms("rnn"), engine_norms("lstm")
    for name, norms in (("RNN", rnn), ("LSTM", lstm)):
        t, y = shown[name]
        np.testing.assert_allclose(y, norms[t.astype(int)], rtol=1e-5)  # zeros are left off the log plot
    with np.errstate(divide="ignore"):  # the RNN's first-step gradient may underflow to exactly 0
        assert rnn[-1] / rnn[0] > 1e10, "the RNN's gradient falls by more than 10 orders of magnitude"
    assert rnn[-1] / rnn[rnn > 0].min() > 1e10, "... and does so before it underflows to 0"
    assert span(lstm) < 1e3, "the LSTM's gradient stays within 3 orders of magnitude over all 100 steps"
    assert "σ_max" in " ".join(m.value for m in at.markdown)
    assert any(trace["line"]["dash"] == "dash" for trace in chart_specs(at)[0]["data"]), "Pascanu bound"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_renders_in_both_languages_with_the_matching_explanation(lang):
    at = open_page(lang=lang)
    assert_ok(at)
    table = strings.TABLE[lang]
    assert at.title[0].value == table["page_vanishing"]
    text = " ".join(m.value for m in at.markdown)
    assert table["vn_lstm_open"][:12] in text  # trained: the learned forget gates keep the path open
    fresh = open_page(lang=lang, **FRESH)
    assert_ok(fresh)
    assert table["vn_lstm_closed"][:12] in " ".join(m.value for m in fresh.markdown)


def test_fresh_lstm_vanishes_and_forget_bias_flattens_it():
    at = open_page(**FRESH)
    _, own = lines(at)["LSTM"]
    assert own[-1] / own[0] > 1e10, "a freshly initialised LSTM (forget gates near 0.5) vanishes too"
    widget(at, "select_slider", "fbias").set_value("5").run()
    assert_ok(at)
    _, open_ = lines(at)["LSTM"]
    assert span(open_) < span(own) / 1e10, "forget bias +5 gives a much flatter LSTM curve"
    assert at.query_params["fbias"] == "5"
    widget(at, "select_slider", "fbias").set_value("-3").run()
    _, closed = lines(at)["LSTM"]
    assert span(closed) > span(own), "forget bias -3 makes it vanish faster"
    assert strings.TABLE["en"]["vn_lstm_closed"][:12] in " ".join(m.value for m in at.markdown)


def test_rho_moves_the_rnn_from_vanishing_to_growing():
    at = open_page(**FRESH)
    slopes = {}
    for rho in ("0.5", "1", "1.5"):
        widget(at, "select_slider", "rho").set_value(rho).run()
        assert_ok(at)
        t, y = lines(at)["RNN"]
        slopes[rho] = y[-1] / y[0]
    assert slopes["0.5"] > slopes["1"] > slopes["1.5"]
    assert slopes["1.5"] < 1, "rho 1.5: the RNN's gradient grows towards the first step"
    assert slopes["0.5"] > 1e10, "rho 0.5: it vanishes"
    _, lstm_default = lines(open_page(**FRESH))["LSTM"]
    np.testing.assert_allclose(lines(at)["LSTM"][1], lstm_default)  # rho touches the RNN only


def test_clipping_caps_the_shown_norms():
    at = open_page(rho="1.5", **FRESH)
    before = lines(at)
    assert max(y.max() for _, y in before.values()) > 0.01
    widget(at, "select_slider", "clip").set_value("0.01").run()
    assert_ok(at)
    after = lines(at, index=1)
    for name, (_, y) in after.items():
        assert y.max() <= 0.01 * (1 + 1e-6), name
        ratio = y / before[name][1]
        np.testing.assert_allclose(ratio, ratio[0], rtol=1e-4)  # one factor: the shape is unchanged
    assert len(at.metric) == 6  # last/first for three models, and global norms before -> after


def test_over_training_heatmaps_come_from_the_runs_snapshots():
    at = open_page()
    history = runs.load_pretrained("adding-lstm").history
    training = [
        spec for spec in chart_specs(at) if "training" in spec["layout"].get("title", {}).get("text", "")
    ]
    assert len(training) == 3
    assert [int(v) for v in training[-1]["data"][0]["y"]] == history.snapshot_steps
    fresh = open_page(**FRESH)
    assert strings.TABLE["en"]["vn_training_none"] in [i.value for i in fresh.info]
