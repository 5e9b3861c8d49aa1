"""Issue 17, items 4, 7, 11, 13 and 14, as a user meets them: the sample box, the downloads, readable
figures, texts computed from the numbers shown, and the layer and direction of the gradient pages.

Expected numbers are rebuilt with the engine (conftest's rule); figure properties are read from the specs the
app sends (chart_specs)."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lstm_viz import grads, limits, models, runs, tasks
from lstm_viz.training import probes
from lstm_viz.ui import probe_cache, strings
from lstm_viz.ui.navigation import BY_URL

from .conftest import (
    APP,
    TIMEOUT,
    assert_ok,
    chart_specs,
    engine_trace,
    latex_text,
    num,
    plotly_values,
    widget,
)

EN = strings.TABLE["en"]
FRESH_SMALL = {"source": "fresh", "length": "30", "hidden": "16", "seed": "3"}
DEEP = {"source": "fresh", "length": "30", "hidden": "8", "seed": "1", "layers": "2", "bidir": "true"}


def open_page(url: str | None, **query) -> AppTest:
    """The app on page `url` (a navigation code; None for Home) with URL parameters `query`."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update({key: str(value) for key, value in query.items()})
    if url is not None:
        at.switch_page(BY_URL[url].script)
    return at.run()


def text_of(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def metrics(at) -> dict[str, str]:
    """The first three metrics (one per architecture): label -> value."""
    return {metric.label: metric.value for metric in at.metric[:3]}


def downloads(at) -> list[str]:
    return [button.proto.label for button in at.get("download_button")]


# --- 7: the sample box ------------------------------------------------------------------------------------


def test_sample_box_follows_the_url_and_every_way_of_changing_it():
    at = open_page("inside_step", t=7, unit=5, sample=3, **FRESH_SMALL)
    assert_ok(at)
    box = widget(at, "number_input", "sample")
    assert box.value == 3, "the box shows the sample of the link"
    trace = engine_trace("lstm", length=30, hidden=16, seed=3)

    box.set_value(5).run()  # typing 5 (then Enter or Tab)
    assert_ok(at)
    assert widget(at, "number_input", "sample").value == 5
    assert at.query_params["sample"] == "5"
    assert any("(sample 5)" in header.value for header in at.subheader)
    assert num(trace["l0.cell"][5, 7, 5]) in latex_text(at), "the equations show sample 5's numbers"

    widget(at, "number_input", "sample").increment().run()  # the + button
    assert widget(at, "number_input", "sample").value == 6 and at.query_params["sample"] == "6"
    assert num(trace["l0.cell"][6, 7, 5]) in latex_text(at)

    widget(at, "number_input", "sample").set_value(2).run()
    assert widget(at, "number_input", "sample").value == 2 and at.query_params["sample"] == "2"
    assert num(trace["l0.cell"][2, 7, 5]) in latex_text(at)


# --- 4 and 14: downloads -----------------------------------------------------------------------------------


def test_a_small_trace_offers_npz_csv_and_the_figure_data():
    at = open_page("inside_step", **FRESH_SMALL)
    assert_ok(at)
    assert downloads(at) == [EN["export_npz"], EN["export_csv"], EN["export_data"], EN["export_html"]]
    assert f"{limits.EXPORT_CSV_MAX_ROWS:,}" in text_of(at), "the CSV's limit is stated"


def test_a_trace_above_the_csv_limit_is_offered_as_npz_only_with_the_limit_stated():
    at = open_page("inside_step", source="fresh", length="1000", hidden="128", seed="0")
    assert_ok(at)
    rows = engine_trace("lstm", length=1000, hidden=128, seed=0).table_rows(inputs=True)
    assert rows > limits.EXPORT_CSV_MAX_ROWS
    assert EN["export_csv"] not in downloads(at) and EN["export_npz"] in downloads(at)
    message = EN["export_csv_too_big"].format(rows=f"{rows:,}", limit=f"{limits.EXPORT_CSV_MAX_ROWS:,}")
    assert message in text_of(at)


@pytest.mark.parametrize("url", ["activations", "vanishing", "long_range"])
def test_pages_without_a_trace_offer_the_data_of_their_figures(url):
    at = open_page(url, **FRESH_SMALL)
    assert_ok(at)
    assert EN["export_data"] in downloads(at) and EN["export_html"] in downloads(at)


# --- 11: readable figures and texts that follow the numbers -------------------------------------------------


def pretrained_rnn_numbers(length: int = 100) -> tuple[np.ndarray, float]:
    """||dL/dh_t|| (T,) and sigma_max of the pretrained adding RNN on the batch the app records."""
    model = runs.load_pretrained("adding-rnn").model
    task = tasks.get("adding", length=length)
    batch = task.sample(8, 0)
    _, trace = model.run_with_trace(batch.x, target=batch.y, loss_mask=batch.loss_mask)
    return grads.state_grad_norms(trace).astype(np.float64), grads.largest_singular_value(model.core)


def test_pascanu_bound_is_drawn_boldly_in_view_and_its_caption_states_its_numbers():
    at = open_page("vanishing")
    assert_ok(at)
    spec = chart_specs(at)[0]
    bound = next(trace for trace in spec["data"] if trace["name"].startswith("Pascanu"))
    assert bound["line"] == {"color": "#000000", "width": 4, "dash": "dash"}
    top = spec["layout"]["yaxis"]["range"][1]
    in_view = plotly_values(bound["y"]) <= 10**top
    assert in_view.sum() >= 6, "the bound's climb shows over several steps, not only at the last one"

    norms, sigma = pretrained_rnn_numbers()
    start = sigma ** (norms.size - 1) * norms[-1]
    leaves = int(np.flatnonzero(sigma ** np.arange(norms.size - 1, -1, -1) * norms[-1] > 10**top)[-1])
    caption = next(c.value for c in at.caption if "Pascanu" in c.value)
    assert EN["vn_bound_grows"].format(sigma=f"{sigma:.3g}", start=f"{start:.1e}") in caption
    assert EN["vn_bound_leaves"].format(t=leaves) in caption
    marks = [a["text"] for a in spec["layout"].get("annotations", [])]
    assert EN["vn_bound_mark"].format(start=f"{start:.1e}") in marks, "the chart says where the bound goes"


def test_a_bound_below_one_is_described_as_shrinking():
    at = open_page("vanishing", rho="0.5")
    assert_ok(at)
    caption = next(c.value for c in at.caption if "Pascanu" in c.value)
    sigma = float(re.search(r"σ_max = ([0-9.]+) is at most 1", caption).group(1))
    assert sigma < 1


def test_home_and_vanishing_state_one_ratio_with_the_same_words_and_numbers():
    home, vanishing = open_page(None), open_page("vanishing")
    assert_ok(home)
    assert_ok(vanishing)
    shown = {name: metrics(at) for name, at in (("home", home), ("vn", vanishing))}
    assert shown["home"] == shown["vn"]
    assert list(shown["home"]) == [EN["grad_ratio_label"].format(arch=a) for a in ("RNN", "GRU", "LSTM")]
    model = runs.load_pretrained("adding-lstm").model
    batch = tasks.get("adding", length=100).sample(8, 0)
    _, trace = model.run_with_trace(batch.x, target=batch.y, loss_mask=batch.loss_mask)
    norms = grads.state_grad_norms(trace)
    assert shown["home"]["LSTM: last ÷ first"] == f"{norms[-1] / norms[0]:.1e}"


def test_memory_text_describes_the_line_drawn():
    at = open_page("long_range")
    assert_ok(at)
    spec = chart_specs(at)[-1]
    cell = plotly_values(spec["data"][0]["y"]).astype(np.float64)  # the strongest unit, sequence 0
    step = int(spec["layout"]["shapes"][0]["x0"])  # the first marked step
    jump, after = cell[step] - (cell[step - 1] if step else 0.0), cell[step:]
    band = after.max() - after.min()
    verdict = "flat" if band <= 0.2 * abs(jump) else "drifts" if band < abs(jump) else "lost"
    unit = int(spec["data"][0]["name"].split()[1])
    expected = EN["lr_memory_measured"].format(
        sample=0, unit=unit, step=step, jump=f"{jump:+.2f}", start=f"{cell[step]:.2f}", end=f"{cell[-1]:.2f}",
        band=f"{band:.2f}", verdict=EN[f"lr_hold_{verdict}"],
    )  # fmt: skip
    assert expected in [m.value for m in at.markdown]
    assert "stays flat" not in text_of(at)


def test_relu_rnn_is_described_as_relu():
    at = open_page("inside_step", kind="rnn", act="relu", **FRESH_SMALL)
    assert_ok(at)
    assert EN["step_diagram_caption_rnn_relu"] in text_of(at)
    assert EN["step_why_rnn_relu"] in text_of(at)
    assert "tanh" not in EN["step_diagram_caption_rnn_relu"] + EN["step_why_rnn_relu"]


def boxes(spec) -> list[str]:
    """The gate boxes' labels (the text centred in each rectangle) of a cell diagram."""
    centres = {
        ((shape["x0"] + shape["x1"]) / 2, (shape["y0"] + shape["y1"]) / 2)
        for shape in spec["layout"]["shapes"]
        if shape["type"] == "rect"
    }
    return [a["text"] for a in spec["layout"]["annotations"] if (a["x"], a["y"]) in centres]


def test_no_forget_gate_diagram_draws_no_forget_gate():
    standard = chart_specs(open_page("inside_step", **FRESH_SMALL))[0]
    at = open_page("inside_step", variant="no_forget_gate", **FRESH_SMALL)
    assert_ok(at)
    spec = chart_specs(at)[0]
    assert len(boxes(standard)) == 4 and any("forget" in label for label in boxes(standard))
    assert len(boxes(spec)) == 3 and not any("forget" in label for label in boxes(spec))
    assert spec["data"][0]["text"].count("×") == standard["data"][0]["text"].count("×") - 1
    assert EN["step_diagram_caption_lstm_no_forget_gate"] in text_of(at)


def test_activation_legends_sit_above_the_plots():
    at = open_page("activations")
    assert_ok(at)
    for spec in chart_specs(at):
        legend = spec["layout"]["legend"]
        assert legend["y"] >= 1 and legend["yanchor"] == "bottom", "no legend inside the plotting area"


# Text extents estimated from the font size: Latin glyphs about 0.6 em wide, CJK 1 em, lines 1.25 em high.
def _text_box(annotation: dict, to_px) -> tuple[float, float, float, float]:
    size = (annotation.get("font") or {}).get("size") or 16
    widths, height = [], 0.0
    for part in re.split(r"<br\s*/?>", annotation["text"]):
        found = re.search(r"font-size:\s*(\d+)px", part)
        line_size = int(found.group(1)) if found else size
        plain = re.sub(r"<[^>]+>", "", part)
        widths.append(sum((1.0 if ord(ch) > 0x2E80 else 0.6) * line_size for ch in plain))
        height += 1.25 * line_size
    x, y = to_px(annotation["x"], annotation["y"])
    x, y = x + annotation.get("xshift", 0), y - annotation.get("yshift", 0)
    width = max(widths)
    left = {"left": x, "right": x - width}.get(annotation.get("xanchor"), x - width / 2)
    top = {"top": y, "bottom": y - height}.get(annotation.get("yanchor"), y - height / 2)
    return left, top, left + width, top + height


def diagram_collisions(spec: dict, width: int) -> list[tuple]:
    """Labels of a cell diagram that overlap a node, a gate box (other than their own) or another label, for
    a plot `width` px wide."""
    layout = spec["layout"]
    margin = layout["margin"]
    (x0, x1), (y0, y1) = layout["xaxis"]["range"], layout["yaxis"]["range"]
    plot_w = width - margin["l"] - margin["r"]
    plot_h = layout["height"] - margin["t"] - margin["b"]

    def to_px(x, y):
        return margin["l"] + (x - x0) / (x1 - x0) * plot_w, margin["t"] + (y1 - y) / (y1 - y0) * plot_h

    texts = [(a["text"], _text_box(a, to_px)) for a in layout["annotations"] if a.get("text")]
    node_trace = spec["data"][0]
    radius = node_trace["marker"]["size"] / 2
    points = zip(node_trace["x"], node_trace["y"], node_trace["text"], strict=True)
    nodes = [(label, *to_px(x, y)) for x, y, label in points]
    shapes = [shape for shape in layout["shapes"] if shape["type"] == "rect"]
    rects = [to_px(s["x0"], s["y1"]) + to_px(s["x1"], s["y0"]) for s in shapes]

    def overlap(a, b):
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    found = []
    for index, (text, box) in enumerate(texts):
        for label, cx, cy in nodes:
            nearest = (min(max(cx, box[0]), box[2]) - cx, min(max(cy, box[1]), box[3]) - cy)
            if math.hypot(*nearest) < radius:
                found.append((text, label))
        for rect in rects:
            own = all(abs(box[i] + box[i + 2] - rect[i] - rect[i + 2]) < 2 for i in (0, 1))  # centred in it
            if overlap(box, rect) and not own:
                found.append((text, "box"))
        found += [(text, other) for other, box2 in texts[index + 1 :] if overlap(box, box2)]
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    "cell", [{"kind": "lstm"}, {"kind": "lstm", "variant": "peephole"}, {"kind": "gru"}, {"kind": "rnn"}]
)
def test_cell_diagram_labels_clear_the_nodes_boxes_and_each_other(lang, cell):
    at = open_page("inside_step", lang=lang, t=12, unit=3, **cell, **FRESH_SMALL)
    assert_ok(at)
    spec = chart_specs(at)[0]
    for width in (700, 760, 1000, 1400):  # 1280 px with the sidebar open, up to a wide screen
        assert diagram_collisions(spec, width) == [], width


def test_train_log_axes_are_labelled_in_powers_of_ten_only():
    at = open_page("train", task="adding")
    assert_ok(at)
    specs = chart_specs(at)
    assert len(specs) == 2
    for spec in specs:  # loss, and the adding task's mean squared error: both on log axes
        axis = spec["layout"]["yaxis"]
        assert axis["type"] == "log" and axis["exponentformat"] == "power"
        assert axis["dtick"] >= 1 and float(axis["dtick"]).is_integer(), "labels at powers of ten only"
        low, high = axis["range"]
        assert float(low).is_integer() and float(high).is_integer() and high - low >= 1
        values = np.concatenate([plotly_values(trace["y"]) for trace in spec["data"]])
        assert 10.0**low <= values.min() and values.max() <= 10.0**high


def test_gru_and_lstm_lines_of_a_sweep_stay_distinguishable():
    at = open_page("long_range")
    assert_ok(at)
    spec = next(s for s in chart_specs(at) if any(t.get("name") == "GRU" for t in s["data"]))
    gru, lstm = (next(t for t in spec["data"] if t["name"] == name) for name in ("GRU", "LSTM"))
    assert gru["line"]["dash"] != lstm["line"]["dash"]
    assert gru["marker"]["symbol"] != lstm["marker"]["symbol"]
    assert gru["line"]["width"] >= 2 * lstm["line"]["width"], "the GRU's line shows around the LSTM's"
    names = [t["name"] for t in spec["data"]]
    assert names.index("GRU") < names.index("LSTM"), "the thin dashed LSTM is drawn over the wide GRU"


def test_vanishing_heatmaps_get_the_full_width():
    at = open_page("vanishing")
    assert_ok(at)
    in_columns = [chart.proto.id for column in at.columns for chart in column.get("plotly_chart")]
    heatmaps = [chart for chart in at.get("plotly_chart") if re.search("vn_(heat|training)_", chart.proto.id)]
    assert len(heatmaps) == 6  # gradients over time, and over training (the pretrained runs keep snapshots)
    assert not any(chart.proto.id in in_columns for chart in heatmaps), "not squeezed into three columns"


# --- 13: layer and direction on Vanishing and Long-range ----------------------------------------------------


def deep_trace(kind: str, length: int = 30, batch: int | None = None, loss: bool = True):
    """The trace of the 2-layer bidirectional fresh model of DEEP, rebuilt with the engine."""
    task = tasks.get("adding", length=length)
    model = models.for_task(kind, task, hidden_size=8, seed=1, num_layers=2, bidirectional=True)
    data = task.sample(batch or 8, 1)
    if not loss:
        return model.core.run_with_trace(data.x)[1], task, data
    return model.run_with_trace(data.x, target=data.y, loss_mask=data.loss_mask)[1]


def test_vanishing_shows_the_chosen_layer_and_direction():
    at = open_page("vanishing", **DEEP)
    assert_ok(at)
    widget(at, "selectbox", "layer").set_value(1).run()
    widget(at, "radio", "dir").set_value("reverse").run()
    assert_ok(at)
    assert at.query_params["layer"] == "1" and at.query_params["dir"] == "reverse"
    where = EN["where_shown"].format(layer=1, top=EN["layer_top"], direction=EN["dir_word_reverse"])
    assert where in text_of(at)
    spec = chart_specs(at)[0]
    shown = {trace["name"].split(" ")[0]: trace for trace in spec["data"]}
    for kind, name in (("rnn", "RNN"), ("lstm", "LSTM")):
        expected = grads.state_grad_norms(deep_trace(kind), "hidden", layer=1, reverse=True)
        t = plotly_values(shown[name]["x"]).astype(int)
        np.testing.assert_allclose(plotly_values(shown[name]["y"]), expected[t], rtol=1e-5)
    assert "Pascanu" not in shown, "the bound is for the top layer's forward direction only"
    assert EN["vn_bound_not_here"] in text_of(at)


def test_long_range_memory_units_come_from_the_chosen_layer_and_direction():
    at = open_page("long_range", layer=0, dir="reverse", **DEEP)
    assert_ok(at)
    where = EN["where_shown"].format(layer=0, top="", direction=EN["dir_word_reverse"])
    assert where in text_of(at)
    trace, task, data = deep_trace("lstm", batch=probe_cache.MEMORY_BATCH, loss=False)
    cell = trace["l0.reverse.cell"]  # (B, T, H)
    units, _ = probes.memory_units(cell, task.marked_signal(data.x)[1], 4)
    spec = chart_specs(at)[-1]
    assert [int(t["name"].split()[1]) for t in spec["data"]] == [int(u) for u in units]
    np.testing.assert_allclose(plotly_values(spec["data"][0]["y"]), cell[0, :, units[0]], rtol=1e-5)
