"""Fit and finish (issue 15) in the figures: resizing a figure dict for small multiples, and the cell diagram
built without Plotly's validation pass (it must still be a valid figure, the same one as before)."""

from __future__ import annotations

import copy
import json

import numpy as np
import plotly.graph_objects as go
import pytest

from lstm_viz import figures
from lstm_viz.figures.sizing import SMALL_FONT, sized
from lstm_viz.ui.strings import strings_for

LSTM_VALUES = {
    "forget_gate": 0.17, "input_gate": 0.12, "cell_candidate": -0.1, "output_gate": 0.9, "cell": 0.5,
    "cell_prev": 0.3, "hidden": 0.2, "hidden_prev": -0.1,
}  # fmt: skip
CASES = [
    ("lstm", LSTM_VALUES, "standard", "tanh"),
    ("lstm", LSTM_VALUES, "peephole", "tanh"),
    ("lstm", {**LSTM_VALUES, "forget_gate": 1.0}, "no_forget_gate", "tanh"),
    ("gru", {"reset_gate": 0.3, "update_gate": 0.6, "candidate": 0.2, "hidden": 0.1, "hidden_prev": 0.05},
     "standard", "tanh"),
    ("rnn", {"preactivation": 0.3, "hidden": 0.29, "hidden_prev": 0.1}, "standard", "relu"),
]  # fmt: skip


@pytest.mark.parametrize("kind, values, variant, nonlinearity", CASES)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_cell_diagram_is_a_valid_figure_with_its_numbers(kind, values, variant, nonlinearity, lang):
    labels = strings_for(lang)
    fig = figures.cell_diagram(kind, values, labels=labels, variant=variant, nonlinearity=nonlinearity)
    spec = json.loads(fig.to_json())
    validated = go.Figure(spec)  # Plotly's full validation: raises on any invalid property
    if spec["layout"].get("title") == {}:  # no title: an empty one, which validation drops
        del spec["layout"]["title"]
    assert json.loads(validated.to_json()) == spec
    texts = " ".join(a["text"] for a in spec["layout"]["annotations"])
    assert f"{values['hidden']:.3g}" in texts and spec["layout"]["height"] == (420 if kind == "rnn" else 620)


def test_the_diagram_colours_each_gate_box_by_its_value():
    low = figures.cell_diagram("lstm", {**LSTM_VALUES, "forget_gate": 0.0})
    high = figures.cell_diagram("lstm", {**LSTM_VALUES, "forget_gate": 1.0})
    fills = [[s["fillcolor"] for s in f.to_plotly_json()["layout"]["shapes"] if s.get("type") == "rect"]
             for f in (low, high)]  # fmt: skip
    assert fills[0][0] == "rgb(68, 1, 84)" and fills[1][0] == "rgb(253, 231, 37)"  # Viridis' ends
    assert fills[0][1:] == fills[1][1:]


def test_sized_resizes_a_figure_dict_without_touching_its_data_or_input():
    spec = figures.heatmap(np.arange(12.0).reshape(3, 4), "cell", title="cell").to_plotly_json()
    before = copy.deepcopy(spec)
    big = sized(spec, 460)
    small = sized(spec, 270, small=True)
    assert spec == before  # the cached input is not changed
    assert big["layout"]["height"] == 460 and big["data"] == spec["data"]
    assert small["layout"]["height"] == 270 and small["layout"]["font"]["size"] == SMALL_FONT
    assert small["layout"]["title"]["text"] == "cell" and small["layout"]["margin"]["t"] < 70
    assert [t.get("colorbar", {}).get("thickness") for t in small["data"]] == [12]
    assert small["data"][0]["z"] is spec["data"][0]["z"]  # shared, not copied
    with pytest.raises(ValueError, match="height"):
        sized(spec, 50)
