"""Tests for lstm_viz.figures: what each figure draws (values, scales, axes), sizes, labels and captions."""

import json
import string

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest
import torch
from plotly.colors import sample_colorscale

from lstm_viz import figures
from lstm_viz.engine.kinds import QUANTITIES
from lstm_viz.engine.trace import Trace
from lstm_viz.grads import DecayFit, saturation_fractions
from lstm_viz.models import Recurrent

torch.set_num_threads(1)

VIRIDIS_LOW, RDBU_LOW, RDBU_HIGH = "#440154", "rgb(5,48,97)", "rgb(103,0,31)"


@pytest.fixture(scope="module")
def trace():
    core = Recurrent("lstm", 2, 16, seed=0)
    x = torch.rand(4, 50, 2, generator=torch.Generator().manual_seed(0))
    return core.run_with_trace(x, loss_fn=lambda o: o[:, -1].sum())[1]


def fake_trace(key, values):
    """A Trace holding one array (B, T, H) and a one-feature input of the same length."""
    batch, steps = values.shape[:2]
    return Trace({key: values}, {"kind": "lstm"}, np.zeros((batch, steps, 1), np.float32))


def heat(fig):
    return fig.data[-1]  # gates_heatmap: the input strip first, the heatmap last


def fake_labels():
    """A labels table with every key of LABELS whose values are "X[n]" plus the same placeholders."""
    table = {}
    for number, (key, value) in enumerate(figures.LABELS.items()):
        fields = [name for _, name, _, _ in string.Formatter().parse(value) if name]
        table[key] = f"X[{number}]" + "".join(f"{{{name}}}" for name in dict.fromkeys(fields))
    return table


def strings_in(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for value in obj.values():
            yield from strings_in(value)
    elif isinstance(obj, list | tuple):
        for value in obj:
            yield from strings_in(value)


def axis_titles(fig):
    layout = fig.to_plotly_json()["layout"]
    return [
        axis["title"]["text"]
        for name, axis in layout.items()
        if name.startswith(("xaxis", "yaxis")) and axis.get("title", {}).get("text")
    ]


def diagram_values():
    return {
        "input_gate": 0.4,
        "forget_gate": 0.93,
        "cell_candidate": -0.3,
        "output_gate": 0.7,
        "cell": 0.345,
        "hidden": 0.232,
        "cell_prev": 0.5,
        "hidden_prev": -0.1,
    }


ALL_BUILDERS = {
    "gates_heatmap": lambda tr, lab: figures.gates_heatmap(tr, "l0.hidden_grad", t=3, labels=lab),
    "heatmap": lambda tr, lab: figures.heatmap(np.ones((3, 5)), "saliency", y_title_key="sample", labels=lab),
    "saturation_scatter": lambda tr, lab: figures.saturation_scatter(saturation_fractions(tr), labels=lab),
    "activation_curves": lambda tr, lab: figures.activation_curves(labels=lab),
    "derivative_products": lambda tr, lab: figures.derivative_products(k_max=10, labels=lab),
    "grad_norm_lines": lambda tr, lab: figures.grad_norm_lines(
        {"LSTM": np.array([1e-3, 1e-2, 1.0])},
        fits={"LSTM": DecayFit(0.1, -1.0, 0.0, 3)},
        bound=np.ones(3),
        labels=lab,
    ),
    "cell_diagram": lambda tr, lab: figures.cell_diagram(
        "lstm", diagram_values(), labels=lab, variant="peephole"
    ),
    "line_traces": lambda tr, lab: figures.line_traces({"a": np.arange(4.0)}, "loss", labels=lab),
}


def test_gate_heatmap_draws_the_chosen_units_on_a_fixed_viridis_scale(trace):
    fig = figures.gates_heatmap(trace, "l0.forget_gate", sample=1, units=[3, 0, 5])
    layer = heat(fig)
    assert (layer.zmin, layer.zmax) == (0.0, 1.0)
    assert layer.colorscale[0][1] == VIRIDIS_LOW
    assert layer.z.dtype == np.float32
    np.testing.assert_array_equal(layer.z, trace["l0.forget_gate"][1][:, [3, 0, 5]].T)
    assert layer.y == ("3", "0", "5")
    np.testing.assert_array_equal(layer.x, np.arange(50))
    assert fig.layout.yaxis2.autorange == "reversed"  # the first listed unit on top
    assert "%{z:.4g}" in layer.hovertemplate and "forget gate f_t" in layer.hovertemplate
    assert fig.layout.title.text == "forget gate f_t, layer 0"
    assert fig.layout.font.size == 16


def test_state_heatmap_is_symmetric_red_for_positive(trace):
    layer = heat(figures.gates_heatmap(trace, "l0.cell"))
    peak = float(np.abs(trace["l0.cell"]).max())
    assert layer.zmax == pytest.approx(peak) and layer.zmin == pytest.approx(-peak)
    assert (layer.colorscale[0][1], layer.colorscale[-1][1]) == (RDBU_LOW, RDBU_HIGH)


def test_grad_heatmap_shows_log10_magnitudes_and_the_magnitude_on_hover(trace):
    units = [2, 7, 11]
    layer = heat(figures.gates_heatmap(trace, "l0.hidden_grad", sample=2, units=units))
    value = trace["l0.hidden_grad"][2, 10, units[1]]
    assert layer.z[1, 10] == pytest.approx(np.log10(abs(value)), rel=1e-6)
    assert layer.customdata[1, 10] == pytest.approx(abs(value))
    assert "%{customdata:.4g}" in layer.hovertemplate
    low, high = figures.shared_zrange([trace["l0.hidden_grad"]], "hidden_grad")
    assert (layer.zmin, layer.zmax) == (low, high)
    assert all(10.0**tick == pytest.approx(10.0 ** round(tick)) for tick in layer.colorbar.tickvals)


def test_grad_heatmap_leaves_exact_zeros_blank():
    values = np.ones((1, 4, 2), np.float32)
    values[0, 1, 0] = 0.0
    layer = heat(figures.gates_heatmap(fake_trace("l0.hidden_grad", values), "l0.hidden_grad"))
    assert np.isnan(layer.z[0, 1]) and layer.z[1, 1] == 0.0


def test_input_strip_and_step_marker(trace):
    fig = figures.gates_heatmap(trace, "l0.hidden", sample=3, t=17)
    np.testing.assert_array_equal(fig.data[0].z, trace.input[3].T)
    assert fig.data[0].showscale is False
    assert fig.layout.xaxis.matches == "x2" or fig.layout.xaxis2.matches == "x"  # one shared time axis
    assert {shape.xref for shape in fig.layout.shapes} == {"x", "x2"}  # a marker on both rows
    assert all(shape.x0 == shape.x1 == 17 for shape in fig.layout.shapes)
    assert figures.gates_heatmap(trace, "l0.hidden").layout.shapes == ()


def test_reverse_and_input_grad_keys():
    values = np.ones((1, 6, 3), np.float32)
    fig = figures.gates_heatmap(fake_trace("l0.reverse.cell", values), "l0.reverse.cell")
    assert fig.layout.title.text == "cell state c_t, layer 0, reverse direction"
    fig = figures.gates_heatmap(fake_trace("input_grad", values), "input_grad")
    assert fig.layout.title.text == "∂L/∂x_t" and fig.layout.yaxis2.title.text == "input feature"


def test_large_heatmaps_are_averaged_over_blocks_of_steps_and_stay_small():
    values = np.random.default_rng(0).standard_normal((1, 1000, 256)).astype(np.float32)
    fig = figures.gates_heatmap(fake_trace("l0.cell", values), "l0.cell")
    layer = heat(fig)
    assert layer.z.shape == (256, 500)  # 256k cells > 200k: pairs of steps
    np.testing.assert_allclose(layer.z[:, 0], values[0, :2].mean(axis=0), rtol=1e-5, atol=1e-6)
    assert layer.x[0] == 0.5 and layer.x[-1] == 998.5
    assert "2 steps" in fig.layout.xaxis2.title.text
    assert len(fig.to_json()) < 2_000_000
    grad = figures.gates_heatmap(fake_trace("l0.hidden_grad", values), "l0.hidden_grad")
    assert heat(grad).z.shape == (256, 334)  # z and |value| are both shipped: a budget of 100k cells
    assert len(grad.to_json()) < 2_000_000


def test_heatmaps_at_the_budget_are_not_averaged():
    values = np.zeros((1, 781, 256), np.float32)  # 199,936 cells
    assert heat(figures.gates_heatmap(fake_trace("l0.cell", values), "l0.cell")).z.shape == (256, 781)


def test_zrange_overrides_the_default(trace):
    layer = heat(figures.gates_heatmap(trace, "l0.cell", zrange=(-3.0, 3.0)))
    assert (layer.zmin, layer.zmax) == (-3.0, 3.0)


def test_quantity_kind():
    assert figures.quantity_kind("l0.forget_gate") == "gate"
    assert figures.quantity_kind("update_gate") == "gate"
    assert figures.quantity_kind("l1.reverse.cell") == "state"
    assert figures.quantity_kind("candidate") == "state"
    assert figures.quantity_kind("l0.hidden_grad") == "grad"
    assert figures.quantity_kind("input_grad") == "grad"
    assert figures.quantity_kind("saliency") == "grad"


def test_shared_zrange():
    a, b = np.array([0.5, -1.0]), np.array([[3.0, np.nan], [-2.0, 0.0]])
    assert figures.shared_zrange([a, b], "l0.input_gate") == (0.0, 1.0)
    assert figures.shared_zrange([a, b], "l0.cell") == (-3.0, 3.0)
    assert figures.shared_zrange([np.zeros(3)], "hidden") == (-1.0, 1.0)
    low, high = figures.shared_zrange([np.array([1e-3, 0.0]), np.array([-10.0, np.inf])], "l0.hidden_grad")
    assert (low, high) == (pytest.approx(-3.0), pytest.approx(1.0))
    assert figures.shared_zrange([np.zeros(3)], "cell_grad") == (-1.0, 0.0)


def test_unit_order():
    t = np.arange(10.0)
    values = np.stack([np.where(t == 5, 1.0, 0.0), 3 * np.sin(t) * (t != 2) + 9 * (t == 2), 0.5 * t], axis=1)
    np.testing.assert_array_equal(figures.unit_order(values, "index"), [0, 1, 2])
    np.testing.assert_array_equal(figures.unit_order(values, "variance"), [1, 2, 0])
    np.testing.assert_array_equal(figures.unit_order(values, "peak"), [1, 0, 2])  # peaks at t = 2, 5, 9
    with pytest.raises(ValueError):
        figures.unit_order(values, "size")


def test_generic_heatmap_rows_titles_and_colour():
    values = np.arange(12, dtype=np.float32).reshape(3, 4) / 12
    fig = figures.heatmap(
        values, "forget_gate", x_title_key="lag", y_title_key="training_step", y_values=[0, 50, 100]
    )
    layer = fig.data[0]
    np.testing.assert_array_equal(layer.z, values)
    assert layer.y == ("0", "50", "100") and (layer.zmin, layer.zmax) == (0.0, 1.0)
    assert fig.layout.xaxis.title.text == figures.LABELS["lag"]
    assert fig.layout.yaxis.title.text == figures.LABELS["training_step"]


def test_saturation_scatter_one_trace_per_gate_with_unit_numbers():
    fractions = {
        "forget_gate": (np.array([0.1, 0.5]), np.array([0.2, 0.0])),
        "input_gate": (np.zeros(2), np.ones(2)),
    }
    fig = figures.saturation_scatter(fractions)
    assert [trace.name for trace in fig.data] == ["forget gate f_t", "input gate i_t"]
    np.testing.assert_allclose(fig.data[0].x, [0.1, 0.5])
    np.testing.assert_allclose(fig.data[0].y, [0.2, 0.0])
    np.testing.assert_array_equal(fig.data[0].customdata, [0, 1])
    assert "%{customdata}" in fig.data[0].hovertemplate
    assert fig.data[0].marker.color != fig.data[1].marker.color


def test_activation_curves_values_and_slopes():
    fig = figures.activation_curves(leaky_slope=0.1)
    by_name = {}
    for trace in fig.data:
        by_name.setdefault(trace.name, []).append(trace)
    sigmoid_value, sigmoid_slope = by_name["sigmoid σ"]
    assert sigmoid_slope.xaxis == "x2" and max(sigmoid_slope.y) == pytest.approx(0.25, abs=1e-4)
    assert max(by_name["tanh"][1].y) == pytest.approx(1.0, abs=1e-3)
    leaky_value, leaky_slope = by_name["leaky ReLU (slope 0.1)"]
    assert leaky_value.y[0] == pytest.approx(-0.6, rel=1e-6)
    np.testing.assert_allclose(np.unique(leaky_slope.y), [0.1, 1.0], rtol=1e-6)


def test_derivative_products_bounds_and_medians():
    fig = figures.derivative_products(k_max=30)
    lines = {trace.name: trace for trace in fig.data}
    k = np.arange(1, 31)
    sigmoid = lines[figures.LABELS["prod.sigmoid_bound"]]
    np.testing.assert_array_equal(sigmoid.x, k)
    np.testing.assert_allclose(sigmoid.y, 0.25**k)
    np.testing.assert_allclose(lines[figures.LABELS["prod.tanh_bound"]].y, np.ones(30))
    np.testing.assert_allclose(lines[figures.LABELS["prod.relu_mean"]].y, 0.5**k)
    assert np.all(lines[figures.LABELS["prod.sigmoid_median"]].y <= 0.25**k)
    assert np.all(np.diff(lines[figures.LABELS["prod.tanh_median"]].y) < 0)
    assert fig.layout.yaxis.type == "log"
    same_seed = figures.derivative_products(k_max=30)
    assert [list(t.y) for t in same_seed.data] == [list(t.y) for t in fig.data]


def test_grad_norm_lines_drop_what_a_log_axis_cannot_show():
    norms = {"RNN": np.array([1e-3, 0.1, 0.0, np.nan, 1.0]), "LSTM": np.ones(5)}
    fig = figures.grad_norm_lines(
        norms, fits={"RNN": DecayFit(0.83, np.log10(0.83), 0.0, 3)}, bound=2.0 ** np.arange(5)
    )
    rnn, lstm, bound = fig.data
    np.testing.assert_array_equal(rnn.x, [0, 1, 4])
    np.testing.assert_array_equal(rnn.y, [1e-3, 0.1, 1.0])
    assert rnn.name == "RNN (×0.83 per step)" and lstm.name == "LSTM"
    assert bound.line.dash == "dash" and bound.name == figures.LABELS["pascanu_bound"]
    assert fig.layout.yaxis.type == "log"


def test_line_traces_per_series_x_and_log_axis():
    fig = figures.line_traces(
        {"train": np.array([2.0, 1.0, 0.0]), "test": np.array([3.0, 2.0])},
        "loss",
        log_y=True,
        x_values={"train": np.array([0, 10, 20]), "test": np.array([0, 20])},
        x_title_key="training_step",
    )
    np.testing.assert_array_equal(fig.data[0].x, [0, 10])  # loss 0 has no place on a log axis
    np.testing.assert_array_equal(fig.data[1].x, [0, 20])
    assert fig.layout.yaxis.type == "log" and fig.layout.xaxis.title.text == "training step"


@pytest.mark.parametrize("kind", ["lstm", "gru", "rnn"])
def test_cell_diagram_writes_the_numbers(kind):
    values = {
        "lstm": diagram_values(),
        "gru": {
            "reset_gate": 0.2,
            "update_gate": 0.93,
            "candidate": -0.5,
            "hidden": -0.0995,
            "hidden_prev": -0.07,
        },
        "rnn": {"preactivation": 0.93, "hidden": 0.731, "hidden_prev": 0.2},
    }[kind]
    fig = figures.cell_diagram(kind, values)
    text = " ".join(annotation.text or "" for annotation in fig.layout.annotations)
    assert "0.93" in text
    for value in values.values():
        assert f"{value:.3g}" in text


def test_cell_diagram_colours_a_gate_box_by_its_value():
    fig = figures.cell_diagram("lstm", diagram_values())
    fills = [shape.fillcolor for shape in fig.layout.shapes if shape.type == "rect"]
    assert sample_colorscale("Viridis", [0.93])[0] in fills
    assert sample_colorscale("RdBu_r", [(-0.3 + 1) / 2])[0] in fills  # the candidate, on [-1, 1]
    assert "c_t = f_t·c_{t-1} + i_t·g_t = 0.93·0.5 + 0.4·(-0.3) = 0.345" in [
        a.text for a in fig.layout.annotations
    ]


def test_cell_diagram_variants_and_errors():
    peephole = figures.cell_diagram("lstm", diagram_values(), variant="peephole")
    assert sum(shape.line.dash == "dot" for shape in peephole.layout.shapes) == 3
    coupled = figures.cell_diagram("lstm", diagram_values(), variant="coupled")
    assert figures.LABELS["diagram.coupled"] in [a.text for a in coupled.layout.annotations]
    partial = figures.cell_diagram("gru", {"update_gate": 0.5})
    assert any("–" in (a.text or "") for a in partial.layout.annotations)
    with pytest.raises(ValueError):
        figures.cell_diagram("transformer", {})


@pytest.mark.parametrize("name", sorted(ALL_BUILDERS))
def test_every_builder_takes_its_strings_from_labels(trace, name):
    labels = fake_labels()
    fig = ALL_BUILDERS[name](trace, labels)
    assert all(title.startswith("X[") for title in axis_titles(fig))
    shown = list(
        strings_in({**fig.to_plotly_json(), "layout": fig.layout.to_plotly_json() | {"template": None}})
    )
    for english in figures.LABELS.values():
        if "{" not in english and len(english) > 4:
            assert not any(english in text for text in shown), english
    assert figures.caption(name, labels) == labels[f"caption.{name}"]


def test_labels_are_format_templates_and_name_every_quantity():
    for key, value in figures.LABELS.items():
        fields = {name: "1" for _, name, _, _ in string.Formatter().parse(value) if name}
        value.format(**fields)  # no stray braces
        assert key == key.strip() and " " not in key
    named = {key.removeprefix("q.") for key in figures.LABELS if key.startswith("q.")}
    assert set().union(*QUANTITIES.values(), {"hidden_grad", "cell_grad", "input_grad"}) <= named


def test_captions():
    for name in ALL_BUILDERS:
        assert figures.caption(name)
    gate = figures.caption("gates_heatmap", quantity="l0.forget_gate")
    assert gate.endswith(figures.LABELS["caption.scale_gate"])
    assert figures.caption("heatmap", quantity="saliency").endswith(figures.LABELS["caption.scale_grad"])
    assert (
        figures.caption("saturation_scatter", quantity="cell") == figures.LABELS["caption.saturation_scatter"]
    )


def test_to_html_is_a_standalone_page():
    html = figures.to_html(figures.line_traces({"a": np.arange(3.0)}, "value"))
    assert html.lower().startswith("<!doctype html>") and "plotly" in html
    assert '<script src="https://cdn.plot.ly' not in html  # plotly.js is inlined: the page works offline


def test_mark_time_on_a_cached_spec_equals_building_with_t():
    import torch

    from lstm_viz.models import Recurrent

    _, small = Recurrent("gru", 2, 4, seed=1).run_with_trace(torch.rand(1, 12, 2))
    built = figures.gates_heatmap(small, "l0.update_gate", t=7).to_plotly_json()["layout"]["shapes"]
    spec = figures.gates_heatmap(small, "l0.update_gate").to_plotly_json()
    marked = figures.mark_time(spec, 7)
    assert marked["layout"]["shapes"] == built
    assert "shapes" not in spec["layout"] or not spec["layout"]["shapes"]  # the cached spec is left alone
    assert "<html>" in figures.to_html(marked)


def test_a_marked_figure_dict_needs_no_second_validation(trace):
    """The app wraps cached figure dicts with go.Figure(spec, _validate=False): the JSON sent must be exactly
    what a validating go.Figure makes of the same dict. The slim template keeps plotly_white's look."""
    spec = figures.mark_time(figures.gates_heatmap(trace, "l0.forget_gate").to_plotly_json(), 3)
    fast = json.loads(pio.to_json(go.Figure(spec, _validate=False), validate=False))
    checked = json.loads(pio.to_json(go.Figure(spec), validate=False))
    assert fast == checked
    template = fast["layout"]["template"]["layout"]
    assert template["plot_bgcolor"] == pio.templates["plotly_white"].layout.plot_bgcolor == "white"
    assert template["xaxis"]["gridcolor"] == pio.templates["plotly_white"].layout.xaxis.gridcolor
    assert "geo" not in template and "scene" not in template
