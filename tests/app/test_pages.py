"""Each page's main widgets change what is shown, and the numbers shown match the engine."""

from __future__ import annotations

import json

import numpy as np
import pytest

from lstm_viz import figures
from lstm_viz.engine.trace import Trace
from lstm_viz.ui import downloads
from lstm_viz.ui.navigation import PAGES

from .conftest import assert_ok, chart_specs, engine_trace, latex_text, num, open_app, plotly_values, widget

STEP = {"source": "fresh", "length": "30", "hidden": "16", "seed": "3", "sample": "2"}


def lstm_values_shown(at, trace, sample, t, unit):
    text = latex_text(at)
    for quantity in ("input_gate", "forget_gate", "cell_candidate", "output_gate", "cell", "hidden"):
        assert num(trace[f"l0.{quantity}"][sample, t, unit]) in text, (quantity, t, unit)
    if t > 0:  # c_{t-1} appears in the cell line
        assert num(trace["l0.cell"][sample, t - 1, unit]) in text


def test_inside_step_equations_follow_t_unit_and_buttons():
    at = open_app("step", t=7, unit=5, **STEP)
    assert_ok(at)
    trace = engine_trace("lstm", length=30, hidden=16, seed=3)
    lstm_values_shown(at, trace, 2, 7, 5)
    assert "f_t &= \\sigma" in latex_text(at)

    widget(at, "slider", "t").set_value(12).run()
    assert_ok(at)
    lstm_values_shown(at, trace, 2, 12, 5)
    assert at.query_params["t"] == "12"

    at.button(key="t_next").click().run()
    assert widget(at, "slider", "t").value == 13
    lstm_values_shown(at, trace, 2, 13, 5)
    at.button(key="t_prev").click().run()
    at.button(key="t_prev").click().run()
    lstm_values_shown(at, trace, 2, 11, 5)

    widget(at, "number_input", "unit").set_value(9).run()
    lstm_values_shown(at, trace, 2, 11, 9)
    assert at.query_params["unit"] == "9"


def test_inside_step_first_step_has_zero_previous_state():
    at = open_app("step", t=0, unit=1, **STEP)
    assert_ok(at)
    assert at.info, "the page says the previous state is zero at t = 0"
    trace = engine_trace("lstm", length=30, hidden=16, seed=3)
    lstm_values_shown(at, trace, 2, 0, 1)


GRU_LINES = ("r_t &= \\sigma", "z_t &= \\sigma", "n_t &= \\tanh", "h_t &= (1 - z_t)")
RNN_LINES = ("a_t &= W x_t", "h_t &= \\tanh(a_t)")


@pytest.mark.parametrize(
    ("kind", "lines", "quantities"),
    [
        ("gru", GRU_LINES, ("reset_gate", "update_gate", "candidate", "hidden")),
        ("rnn", RNN_LINES, ("preactivation", "hidden")),
    ],
)
def test_inside_step_architecture_switch(kind, lines, quantities):
    at = open_app("step", t=4, unit=3, **STEP)
    widget(at, "selectbox", "kind").select(kind).run()
    assert_ok(at)
    text = latex_text(at)
    for line in lines:
        assert line in text
    assert "c_t" not in text
    trace = engine_trace(kind, length=30, hidden=16, seed=3)
    for quantity in quantities:
        assert num(trace[f"l0.{quantity}"][2, 4, 3]) in text, quantity


@pytest.mark.parametrize("act", ["tanh", "relu"])
def test_inside_step_diagram_names_the_rnns_nonlinearity(act):
    at = open_app("step", kind="rnn", act=act, t=4, unit=3, **STEP)
    assert_ok(at)
    diagram = json.dumps(chart_specs(at)[0])
    shown, other = (
        (figures.LABELS["act.relu"], "tanh") if act == "relu" else ("tanh", figures.LABELS["act.relu"])
    )
    assert shown in diagram and other not in diagram


def test_inside_step_lstm_variant_and_reverse_direction():
    at = open_app("step", variant="coupled", bidir=1, layers=2, layer=1, dir="reverse", t=29, unit=2, **STEP)
    assert_ok(at)
    text = latex_text(at)
    assert "f_t &= 1 - i_t" in text and "h_{t+1}" in text
    trace = engine_trace(
        "lstm", length=30, hidden=16, seed=3, layers=2, bidirectional=True, variant="coupled"
    )
    for quantity in ("input_gate", "forget_gate", "cell", "hidden"):
        assert num(trace[f"l1.reverse.{quantity}"][2, 29, 2]) in text, quantity


def heat_rows(spec):
    """Unit labels (rows) of a gates heatmap, top to bottom."""
    return [str(v) for v in spec["data"][-1]["y"]]


def marker_steps(spec):
    return {shape["x0"] for shape in spec["layout"].get("shapes", [])}


def test_gates_sort_subset_time_and_compare():
    at = open_app("gates", t=5, **STEP)
    assert_ok(at)
    specs = chart_specs(at)
    heatmaps = specs[:8]  # LSTM: 6 quantities + 2 gradients
    assert len(heatmaps) == 8
    assert heat_rows(heatmaps[0]) == [str(u) for u in range(16)]
    assert all(marker_steps(spec) == {5} for spec in heatmaps)

    widget(at, "selectbox", "sort").select("variance").run()
    assert_ok(at)
    trace = engine_trace("lstm", length=30, hidden=16, seed=3)
    expected = figures.unit_order(trace["l0.hidden"][2], by="variance")
    assert heat_rows(chart_specs(at)[0]) == [str(u) for u in expected]

    widget(at, "multiselect", "units").set_value([3, 7, 11]).run()
    assert_ok(at)
    rows = heat_rows(chart_specs(at)[0])
    assert sorted(rows) == ["11", "3", "7"] and at.query_params["units"] == "3,7,11"

    widget(at, "slider", "t").set_value(20).run()
    assert all(marker_steps(spec) == {20} for spec in chart_specs(at)[:8])

    widget(at, "selectbox", "compare").select("rnn").run()
    assert_ok(at)
    specs = chart_specs(at)
    assert len(specs) == 8 + 3 + 1  # LSTM heatmaps, RNN heatmaps (pre, hidden, hidden_grad), LSTM saturation
    hidden = [
        spec for spec in specs if spec["layout"].get("title", {}).get("text", "").startswith("hidden state")
    ]
    assert len(hidden) == 2
    ranges = {(spec["data"][-1]["zmin"], spec["data"][-1]["zmax"]) for spec in hidden}
    assert len(ranges) == 1, "side-by-side models share one colour scale"


def test_gates_zh_and_saturation_scatter():
    at = open_app("gates", lang="zh", kind="gru", **STEP)
    assert_ok(at)
    scatter = [spec for spec in chart_specs(at) if spec["data"][0]["type"] == "scatter"]
    assert len(scatter) == 1 and {d["name"] for d in scatter[0]["data"]} == {"重置门 r_t", "更新门 z_t"}


def test_activations_widgets_change_the_figures():
    at = open_app("activations")
    assert_ok(at)
    before = chart_specs(at)
    widget(at, "slider", "slope").set_value(0.2).run()
    widget(at, "slider", "kmax").set_value(20).run()
    assert_ok(at)
    after = chart_specs(at)
    assert after != before
    names = {trace["name"] for trace in after[0]["data"]}
    assert "leaky ReLU (slope 0.2)" in names
    assert max(len(plotly_values(trace["x"])) for trace in after[1]["data"]) == 20
    assert at.query_params["slope"] == "0.2" and at.query_params["kmax"] == "20"


def test_home_headline_and_links():
    at = open_app("home", source="fresh", length="40", hidden="16")
    assert_ok(at)
    spec = chart_specs(at)[0]
    assert [trace["name"].split(" ")[0] for trace in spec["data"]] == ["RNN", "GRU", "LSTM"]
    assert len(at.get("page_link")) == len(PAGES) - 1  # every page but home itself
    assert len(at.metric) == 3


def test_exports_are_offered_and_round_trip(tmp_path):
    at = open_app("gates", **STEP)
    assert len(at.get("download_button")) == 4  # trace .npz and CSV, the chosen figure's data and HTML
    trace = engine_trace("lstm", length=30, hidden=16, seed=3)
    path = tmp_path / "trace.npz"
    path.write_bytes(downloads.trace_npz_bytes(trace))
    loaded = Trace.load(path)
    assert set(loaded) == set(trace)
    np.testing.assert_array_equal(loaded["l0.cell"], trace["l0.cell"])
    header = trace.to_csv(keys=["l0.cell"]).splitlines()[0]
    assert header == "sample,t,layer,direction,quantity,unit,value"


def test_rerun_with_same_settings_recomputes_nothing(monkeypatch):
    from lstm_viz import models

    calls = []
    original = models.SequenceModel.run_with_trace

    def counting(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(models.SequenceModel, "run_with_trace", counting)
    at = open_app("gates", source="fresh", seed="11", length="25")
    first = len(calls)
    at.run()
    widget(at, "selectbox", "sort").select("peak").run()
    assert len(calls) == first
