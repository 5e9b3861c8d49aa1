"""Fit and finish (issue 15): the Gates page's compact layout and the Play button of the time step, in both
languages, with the numbers shown checked against the engine."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_viz.ui import time_play
from lstm_viz.ui.strings import strings_for

from .conftest import assert_ok, chart_specs, engine_trace, open_app, plotly_values, widget
from .test_pages import STEP, lstm_values_shown

GATES_BIG_PX, GATES_SMALL_PX = 460, 270  # pages/gates.py
LSTM_ORDER = ["input_gate", "forget_gate", "cell_candidate", "output_gate", "cell", "hidden"]


def heatmaps(at) -> list[dict]:
    return [spec for spec in chart_specs(at) if spec["data"][-1]["type"] == "heatmap"]


def title(spec) -> str:
    return spec["layout"]["title"]["text"]


def marker_steps(spec) -> set[float]:
    return {shape["x0"] for shape in spec["layout"]["shapes"] if shape.get("name") == "time_marker"}


def button_label(at, key: str) -> str:
    return at.button(key=key).label


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_gates_opens_compact_with_the_chosen_quantity_large(lang):
    s = strings_for(lang)
    at = open_app("gates", lang=lang, t=4, **STEP)
    assert_ok(at)
    specs = heatmaps(at)
    assert len(specs) == 8  # six LSTM quantities and two gradients, all still drawn
    assert [spec["layout"]["height"] for spec in specs] == [GATES_BIG_PX] + [GATES_SMALL_PX] * 7
    assert title(specs[0]).startswith(s["q.input_gate"])
    assert all(marker_steps(spec) == {4} for spec in specs)
    assert "layout" not in at.query_params and "big" not in at.query_params  # the defaults

    widget(at, "selectbox", "big").select("cell").run()
    assert_ok(at)
    specs = heatmaps(at)
    assert title(specs[0]).startswith(s["q.cell"]) and specs[0]["layout"]["height"] == GATES_BIG_PX
    rest = {title(spec) for spec in specs[1:]}  # in two columns of small multiples
    expected = [q for q in LSTM_ORDER if q != "cell"] + ["hidden_grad", "cell_grad"]
    assert rest == {s("gates_fig_title", quantity=s(f"q.{q}"), arch=s["kind_lstm"]) for q in expected}
    assert at.query_params["big"] == "cell"
    trace = engine_trace("lstm", length=30, hidden=16, seed=3)
    z = specs[0]["data"][-1]["z"]
    shown = plotly_values(z).reshape(16, -1) if isinstance(z, dict) else np.asarray(z, dtype=float)
    np.testing.assert_allclose(shown, trace["l0.cell"][2].T, atol=1e-5)  # (H, T): a row per unit

    widget(at, "radio", "layout").set_value("full").run()
    assert_ok(at)
    specs = heatmaps(at)
    assert all(title(spec).startswith(s[f"q.{q}"]) for spec, q in zip(specs, LSTM_ORDER, strict=False))
    assert all(spec["layout"]["height"] > GATES_BIG_PX for spec in specs)
    assert at.query_params["layout"] == "full"
    assert not [element for element in at.selectbox if element.key == "w_big"]  # compact only


def test_gates_compact_with_compare_and_bad_links():
    at = open_app("gates", compare="gru", big="hidden", **STEP)
    assert_ok(at)
    specs = heatmaps(at)
    assert [title(spec).split(" — ")[0] for spec in specs[:2]] == ["hidden state h_t"] * 2  # both large
    assert [spec["layout"]["height"] for spec in specs[:2]] == [GATES_BIG_PX] * 2
    assert {(spec["data"][-1]["zmin"], spec["data"][-1]["zmax"]) for spec in specs[:2]} == {
        (specs[0]["data"][-1]["zmin"], specs[0]["data"][-1]["zmax"])
    }  # one colour scale for the two models

    at = open_app("gates", layout="tiny", big="<b>x</b>", **STEP)
    assert_ok(at)
    warnings = " ".join(w.value for w in at.warning)
    assert "layout" in warnings and "big" in warnings
    assert heatmaps(at)[0]["layout"]["height"] == GATES_BIG_PX  # the defaults

    at = open_app("gates", kind="gru", big="cell", **STEP)  # a GRU has no cell: its first quantity instead
    assert_ok(at)
    assert title(heatmaps(at)[0]).startswith("reset gate")


def tick(at):
    """What the browser's play script does once the step on screen is drawn: press the hidden Tick button."""
    return at.button(key=time_play.TICK_KEY).click().run()


def play_script_sent(at) -> bool:
    return any("lv-play-" in element.proto.body for element in at.get("html"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_play_steps_on_and_stop_stops(lang):
    s = strings_for(lang)
    at = open_app("step", lang=lang, t=7, unit=5, **STEP)
    assert_ok(at)
    assert button_label(at, "t_play") == s["play_start"] and not play_script_sent(at)
    trace = engine_trace("lstm", length=30, hidden=16, seed=3)

    at.button(key="t_play").click().run()
    assert_ok(at)
    assert button_label(at, "t_play") == s["play_stop"] and play_script_sent(at)
    assert widget(at, "slider", "t").value == 7  # starting does not step
    for expected in (8, 9):
        tick(at)
        assert_ok(at)
        assert widget(at, "slider", "t").value == expected
        lstm_values_shown(at, trace, 2, expected, 5)
        assert at.query_params["t"] == str(expected)

    at.button(key="t_play").click().run()  # Stop
    assert button_label(at, "t_play") == s["play_start"] and not play_script_sent(at)
    tick(at)  # a press that was already on its way does nothing
    assert widget(at, "slider", "t").value == 9


def test_play_stops_at_the_last_step_and_starts_again_from_the_first():
    at = open_app("gates", t=28, **STEP)
    at.button(key="t_play").click().run()
    tick(at)
    assert_ok(at)
    assert widget(at, "slider", "t").value == 29  # the last step of 30
    assert button_label(at, "t_play") == strings_for("en")["play_start"]  # stopped by itself
    assert not play_script_sent(at)
    assert all(marker_steps(spec) == {29} for spec in heatmaps(at))
    tick(at)
    assert widget(at, "slider", "t").value == 29

    at.button(key="t_play").click().run()  # played to the end: Play starts from step 0
    assert widget(at, "slider", "t").value == 0
    assert button_label(at, "t_play") == strings_for("en")["play_stop"]


def test_previous_next_and_the_slider_stop_playing():
    at = open_app("step", t=7, **STEP)
    at.button(key="t_play").click().run()
    at.button(key="t_next").click().run()
    assert widget(at, "slider", "t").value == 8
    assert button_label(at, "t_play") == strings_for("en")["play_start"]
    at.button(key="t_play").click().run()
    widget(at, "slider", "t").set_value(20).run()
    tick(at)
    assert widget(at, "slider", "t").value == 20
    assert button_label(at, "t_play") == strings_for("en")["play_start"]
