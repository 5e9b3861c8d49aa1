"""Plotly figures of lstm-viz: pure builders from NumPy arrays or a Trace (plus options) to a `go.Figure`.

Nothing here imports streamlit, so every picture of the app can also be made in a notebook:

    figures.gates_heatmap(trace, "l0.forget_gate", sample=0).show()

The conventions come from shared/DESIGN.md ("Conventions for pictures"):

- A heatmap puts time step t on x and one row per unit on y, with the first listed unit at the top; the
  input sequence sits in a small strip above it, on the same x axis.
- The colour scale follows the kind of quantity (`quantity_kind`). Gates use Viridis fixed to [0, 1] (dark
  purple = closed, yellow = open). States (cell, hidden, candidates, pre-activations) use reversed RdBu,
  symmetric about 0, so positive is always red, negative blue and zero white. Gradients are drawn as
  log10 |value| with Magma (black = tiny, pale yellow = large); exact zeros are left blank. All three scales
  and the Okabe-Ito line colours stay distinguishable with the common colour-vision deficiencies.
- Figures meant to be compared share one colour range: compute it with `shared_zrange`, pass it as `zrange`.
- Hover shows the value to 4 significant digits. A heatmap that would ship more than MAX_HEATMAP_NUMBERS
  numbers is averaged over blocks of consecutive time steps, and its x-axis title says how many.
- Every visible string comes from `labels`: a mapping with the keys of LABELS (the English table, the
  default). lstm_viz/ui/strings.py holds the Chinese table with the same keys. A partial mapping falls back
  to English for the keys it lacks. Every value is a str.format template: {placeholders} are filled in
  (a number, or another label), literal braces are doubled ("c_{{t-1}}" shows c_{t-1}).

The cell diagram is long enough to live in cell_diagram.py; it is re-exported here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from .cell_diagram import cell_diagram
from .cells import GATE_QUANTITIES
from .figure_labels import LABELS
from .trace import Trace, parse_key

__all__ = [
    "LABELS",
    "MAX_HEATMAP_NUMBERS",
    "activation_curves",
    "caption",
    "cell_diagram",
    "derivative_products",
    "gates_heatmap",
    "grad_norm_lines",
    "heatmap",
    "line_traces",
    "mark_time",
    "quantity_kind",
    "saturation_scatter",
    "shared_zrange",
    "time_marker_shapes",
    "to_html",
    "unit_order",
]


MAX_HEATMAP_NUMBERS = 200_000  # numbers one heatmap may ship before its time axis is averaged in blocks
BASE_FONT_SIZE = 16  # readable from the back of a classroom
SCALES = {"gate": "Viridis", "state": "RdBu_r", "grad": "Magma"}  # by quantity_kind
LINE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")  # Okabe-Ito
_GRAD_NAMES = frozenset({"saliency"})  # magnitudes of gradients whose name does not end in _grad


def _base(name: str) -> str:
    """The quantity of a trace key ("l0.reverse.cell" -> "cell"); plain quantity names pass through."""
    return name.rsplit(".", 1)[-1]


class _Text:
    """Visible strings from one labels table: text("blocks", axis="t", stride=4) formats an entry."""

    def __init__(self, labels: Mapping[str, str] | None):
        self.table = LABELS if labels is None else {**LABELS, **labels}

    def __call__(self, key: str, **fields) -> str:
        return self.table[key].format(**fields)

    def quantity(self, name: str) -> str:
        """Display name of a quantity or trace key; a name the table does not know is shown as it is."""
        key = f"q.{_base(name)}"
        return self(key) if key in self.table else _base(name)


# plotly_white's look, kept to what 2-D charts use. The whole template (polar, geo and 3-D scenes, defaults
# for two dozen trace types) is validated again for every figure and shipped with it: a third of the time to
# build a heatmap, and 6.5 KB of each figure's payload.
_TEMPLATE_LAYOUT = (
    "annotationdefaults", "autotypenumbers", "colorway", "font", "hoverlabel", "hovermode", "paper_bgcolor",
    "plot_bgcolor", "shapedefaults", "title", "xaxis", "yaxis",
)  # fmt: skip
TEMPLATE = go.layout.Template(
    layout={key: pio.templates["plotly_white"].layout[key] for key in _TEMPLATE_LAYOUT},
    data={kind: pio.templates["plotly_white"].data[kind] for kind in ("heatmap", "scatter")},
)


def _style(fig: go.Figure, title: str | None, height: int, legend_corner: str | None = None) -> go.Figure:
    """Shared look: large fonts, white background; legend_corner ("top right", ...) puts the legend inside."""
    if legend_corner is not None:
        y_side, x_side = legend_corner.split()
        fig.update_layout(
            legend={
                "x": 0.99 if x_side == "right" else 0.01,
                "y": 0.99 if y_side == "top" else 0.01,
                "xanchor": x_side,
                "yanchor": y_side,
                "bgcolor": "rgba(255, 255, 255, 0.85)",
            }
        )
    fig.update_layout(
        template=TEMPLATE,
        font={"size": BASE_FONT_SIZE},
        title={"text": title, "font": {"size": BASE_FONT_SIZE + 4}} if title else None,
        hoverlabel={"font": {"size": BASE_FONT_SIZE}},
        height=height,
        margin={"l": 80, "r": 30, "t": 70 if title else 30, "b": 70},
    )
    return fig


def quantity_kind(quantity: str) -> str:
    """Which colour scale a quantity takes: "gate" ([0, 1]), "grad" (log10 |value|) or "state" (the rest).

    Accepts a quantity ("forget_gate") or a trace key ("l0.reverse.forget_gate", "input_grad").
    """
    base = _base(quantity)
    if base.endswith("_grad") or base in _GRAD_NAMES:
        return "grad"
    return "gate" if base in GATE_QUANTITIES else "state"


def _log_abs(values: np.ndarray) -> np.ndarray:
    """log10 |values| as float32, NaN where the value is zero or not finite (drawn blank)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.log10(np.abs(np.asarray(values, dtype=np.float32)))
    logs[~np.isfinite(logs)] = np.nan
    return logs


def shared_zrange(arrays: Sequence[np.ndarray], quantity: str) -> tuple[float, float]:
    """One colour range for several arrays of the same quantity, to pass as `zrange` to each figure.

    gate -> (0, 1); state -> (-m, m) with m the largest finite |value| (1 if there is none);
    grad -> (min, max) of log10 |value| over the finite non-zero values ((-1, 0) if there are none).
    """
    kind = quantity_kind(quantity)
    if kind == "gate":
        return 0.0, 1.0
    if kind == "state":
        peaks = [np.abs(a[np.isfinite(a)]).max(initial=0.0) for a in map(np.asarray, arrays)]
        peak = float(max(peaks, default=0.0))
        return (-peak, peak) if peak > 0 else (-1.0, 1.0)
    logs = [a[np.isfinite(a)] for a in map(_log_abs, arrays)]
    logs = np.concatenate(logs) if logs else np.empty(0)
    if logs.size == 0:
        return -1.0, 0.0
    low, high = float(logs.min()), float(logs.max())
    return (low - 0.5, high + 0.5) if low == high else (low, high)


def unit_order(values: np.ndarray, by: str) -> np.ndarray:
    """Unit indices in display order for values (T, H).

    "index": 0..H-1; "variance": most variable over time first; "peak": by the step of the largest |value|,
    earliest first. Ties keep index order.
    """
    values = np.asarray(values)
    if by == "index":
        return np.arange(values.shape[1])
    if by == "variance":
        return np.argsort(-values.var(axis=0), kind="stable")
    if by == "peak":
        return np.argsort(np.abs(values).argmax(axis=0), kind="stable")
    raise ValueError(f"by must be 'index', 'variance' or 'peak', not {by!r}")


def _block_mean(values: np.ndarray, stride: int) -> tuple[np.ndarray, np.ndarray]:
    """Average (R, T) over blocks of `stride` steps, ignoring NaNs: ((R, ceil(T / stride)), block centres)."""
    rows, steps = values.shape
    if stride == 1:
        return values, np.arange(steps, dtype=np.int32)
    blocks = -(-steps // stride)
    padded = np.full((rows, blocks * stride), np.nan, dtype=np.float32)
    padded[:, :steps] = values
    finite = np.isfinite(padded).reshape(rows, blocks, stride)
    sums = np.where(finite, padded.reshape(rows, blocks, stride), 0).sum(axis=-1)
    counts = finite.sum(axis=-1)
    means = np.divide(sums, counts, out=np.full(sums.shape, np.nan, np.float32), where=counts > 0)
    starts = np.arange(blocks) * stride
    centres = (starts + np.minimum(starts + stride, steps) - 1) / 2
    return means.astype(np.float32), centres.astype(np.float32)


def _log_ticks(low: float, high: float) -> dict:
    """Colour-bar ticks at powers of ten for a log10 range, labelled with the magnitude itself."""
    exponents = np.arange(math.ceil(low), math.floor(high) + 1)
    if exponents.size < 2:
        return {"tickvals": [low, high], "ticktext": [f"{10**low:.2g}", f"{10**high:.2g}"]}
    exponents = exponents[:: math.ceil(exponents.size / 8)]
    return {"tickvals": exponents.tolist(), "ticktext": [f"10<sup>{int(e)}</sup>" for e in exponents]}


def _heatmap_layer(
    values: np.ndarray,
    quantity: str,
    zrange: tuple[float, float],
    lab: _Text,
    rows: Sequence,
    x_name: str,
    y_name: str,
    max_numbers: int = MAX_HEATMAP_NUMBERS,
) -> tuple[go.Heatmap, str]:
    """The heatmap trace of values (R, T) coloured for `quantity`, and the x-axis title (with block note)."""
    kind = quantity_kind(quantity)
    name = lab.quantity(quantity)
    numbers_per_cell = 2 if kind == "grad" else 1  # a gradient also ships |value| for the hover
    stride = max(1, math.ceil(values.size * numbers_per_cell / max_numbers))
    point = f"{x_name}: %{{x}}<br>{y_name}: %{{y}}<br>"
    colorbar = {"title": {"text": name, "side": "right"}}
    if kind == "grad":
        magnitude, x = _block_mean(np.abs(values).astype(np.float32), stride)
        z, custom = _log_abs(magnitude), magnitude
        hover = point + f"{lab('abs_value', quantity=name)}: %{{customdata:.4g}}<extra></extra>"
        colorbar = {"title": {"text": lab("log_abs_value", quantity=name), "side": "right"}}
        colorbar.update(_log_ticks(*zrange))
    else:
        (z, x), custom = _block_mean(values.astype(np.float32), stride), None
        hover = point + f"{name}: %{{z:.4g}}<extra></extra>"
    layer = go.Heatmap(
        z=z,
        x=x,
        y=[str(row) for row in rows],
        customdata=custom,
        zmin=zrange[0],
        zmax=zrange[1],
        colorscale=SCALES[kind],
        colorbar=colorbar,
        hovertemplate=hover,
    )
    x_title = x_name if stride == 1 else lab("blocks", axis=x_name, stride=stride)
    return layer, x_title


def _input_strip(inputs: np.ndarray, lab: _Text) -> go.Heatmap:
    """Grey heatmap of the input sequence (I, T), white = its smallest value, black = its largest."""
    finite = inputs[np.isfinite(inputs)]
    low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    if low == high:
        low, high = low - 1, high + 1
    z, x = _block_mean(inputs.astype(np.float32), max(1, math.ceil(inputs.size / MAX_HEATMAP_NUMBERS)))
    return go.Heatmap(
        z=z,
        x=x,
        y=[str(feature) for feature in range(inputs.shape[0])],
        colorscale="Greys",
        zmin=low,
        zmax=high,
        showscale=False,
        hovertemplate=f"{lab('time_step')}: %{{x}}<br>{lab('feature')}: %{{y}}<br>"
        f"{lab('input')}: %{{z:.4g}}<extra></extra>",
    )


def _key_title(key: str, lab: _Text) -> str:
    name = lab.quantity(key)
    try:
        layer, reverse, _ = parse_key(key)
    except ValueError:  # "input_grad" belongs to no layer
        return name
    return lab("key_title_reverse" if reverse else "key_title", quantity=name, layer=layer)


def gates_heatmap(
    trace: Trace,
    key: str,
    sample: int = 0,
    units: Sequence[int] | None = None,
    t: int | None = None,
    zrange: tuple[float, float] | None = None,
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
    max_numbers: int = MAX_HEATMAP_NUMBERS,
) -> go.Figure:
    """Time x unit heatmap of trace[key][sample], with the input sequence as a strip above it.

    units: which units, top to bottom (default all, in index order); t: draw a marker at that step;
    zrange: colour range (default: shared_zrange over the whole trace[key], so every sample uses the same
    scale). Works for every key; a *_grad key is drawn as log10 |value|, "input_grad" has one row per input
    feature. title defaults to the quantity and layer of the key. max_numbers: how many numbers the heatmap
    may ship before its time axis is averaged in blocks (a page with many figures passes a smaller share).
    """
    lab = _Text(labels)
    values = trace[key][sample]  # (T, H), or (T, I) for input_grad
    units = np.arange(values.shape[1]) if units is None else np.asarray(units, dtype=int)
    rows = values[:, units].T  # (U, T)
    inputs = trace.input[sample].T  # (I, T)
    zrange = shared_zrange([trace[key]], key) if zrange is None else zrange
    y_name = lab("feature") if _base(key) == "input_grad" else lab("unit")
    layer, x_title = _heatmap_layer(
        rows, key, zrange, lab, units.tolist(), lab("time_step"), y_name, max_numbers
    )

    strip_px = int(np.clip(26 * inputs.shape[0] + 24, 50, 160))
    main_px = int(np.clip(22 * len(units), 260, 720))
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.03,
        row_heights=[strip_px / (strip_px + main_px), main_px / (strip_px + main_px)],
    )
    fig.add_trace(_input_strip(inputs, lab), row=1, col=1)
    fig.add_trace(layer, row=2, col=1)
    low, high = fig.layout.yaxis2.domain
    fig.update_traces(colorbar={"y": (low + high) / 2, "len": high - low, "yanchor": "middle"}, row=2, col=1)
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_yaxes(title={"text": lab("input")}, row=1, col=1)
    fig.update_yaxes(title={"text": y_name}, row=2, col=1)
    fig.update_xaxes(title={"text": x_title}, row=2, col=1)
    fig = _style(fig, _key_title(key, lab) if title is None else title, strip_px + main_px + 150)
    if t is not None:
        fig.update_layout(shapes=time_marker_shapes(t, ("x", "x2")))
    return fig


def time_marker_shapes(t: float, x_axes: Sequence[str]) -> list[dict]:
    """A vertical marker at step t across each listed x axis ("x", "x2", ...): a white line under a black
    dashed one, so it stays visible on every colour scale."""
    shapes = []
    for style in ({"color": "white", "width": 5}, {"color": "black", "width": 2, "dash": "dash"}):
        for axis in x_axes:
            y_domain = f"y{axis[1:]} domain"
            shapes.append(
                {
                    "type": "line",
                    "x0": t,
                    "x1": t,
                    "xref": axis,
                    "y0": 0,
                    "y1": 1,
                    "yref": y_domain,
                    "line": style,
                }
            )
    return shapes


def mark_time(spec: Mapping, t: float) -> dict:
    """A figure given as a dict (fig.to_plotly_json(), e.g. one cached without a marker) with the step-t
    marker over all its x axes; the input is not changed. Cheaper than rebuilding the figure for each t."""
    layout = dict(spec.get("layout", {}))
    axes = sorted(("x" + key[5:]) for key in layout if key.startswith("xaxis")) or ["x"]
    layout["shapes"] = [*layout.get("shapes", ()), *time_marker_shapes(t, axes)]
    return {**spec, "layout": layout}


def heatmap(
    values: np.ndarray,
    quantity: str,
    x_title_key: str = "time_step",
    y_title_key: str = "unit",
    zrange: tuple[float, float] | None = None,
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
    y_values: Sequence | None = None,
    max_numbers: int = MAX_HEATMAP_NUMBERS,
) -> go.Figure:
    """Generic heatmap of values (R, C): one row per first-axis entry (top to bottom), columns along x.

    quantity picks the colour scale and the colour-bar name (e.g. "saliency", "hidden_grad", "cell");
    x_title_key / y_title_key are LABELS keys; y_values label the rows (default 0..R-1); max_numbers as
    for gates_heatmap.
    """
    lab = _Text(labels)
    values = np.asarray(values, dtype=np.float32)  # (R, C)
    rows = range(values.shape[0]) if y_values is None else y_values
    zrange = shared_zrange([values], quantity) if zrange is None else zrange
    x_name, y_name = lab(x_title_key), lab(y_title_key)
    layer, x_title = _heatmap_layer(values, quantity, zrange, lab, rows, x_name, y_name, max_numbers)
    fig = go.Figure(layer)
    fig.update_yaxes(type="category", autorange="reversed", title={"text": lab(y_title_key)})
    fig.update_xaxes(title={"text": x_title})
    return _style(fig, title, int(np.clip(22 * values.shape[0], 260, 720)) + 140)


def _plottable(x: np.ndarray, y: np.ndarray, log_y: bool) -> tuple[np.ndarray, np.ndarray]:
    """Drop points a plot cannot show: non-finite values, and values <= 0 on a log axis (float dtype kept)."""
    x, y = np.asarray(x), np.asarray(y)
    y = y if y.dtype.kind == "f" else y.astype(np.float64)
    keep = np.isfinite(y) & (y > 0) if log_y else np.isfinite(y)
    return x[keep], y[keep]


def _line(x, y, name: str, index: int, hover: str, dash: str = "solid") -> go.Scatter:
    return go.Scatter(
        x=x,
        y=y,
        name=name,
        mode="lines+markers" if len(x) <= 60 else "lines",
        line={"color": LINE_COLOURS[index % len(LINE_COLOURS)], "width": 3, "dash": dash},
        hovertemplate=hover,
    )


def line_traces(
    series: Mapping[str, np.ndarray],
    y_title_key: str,
    log_y: bool = False,
    x_values: np.ndarray | Mapping[str, np.ndarray] | None = None,
    x_title_key: str = "time_step",
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
) -> go.Figure:
    """One line per series {display name: values (N,)}, e.g. loss curves, c_t of chosen units, loss vs lag.

    x_values: one array for all series, or one per series name (default 0..N-1); the title keys are LABELS
    keys. Non-finite values (and values <= 0 with log_y) are left out.
    """
    lab = _Text(labels)
    x_name, y_name = lab(x_title_key), lab(y_title_key)
    hover = f"{x_name}: %{{x}}<br>{y_name}: %{{y:.4g}}"
    fig = go.Figure()
    for index, (name, values) in enumerate(series.items()):
        if isinstance(x_values, Mapping):
            x = x_values[name]
        else:
            x = np.arange(len(values)) if x_values is None else x_values
        fig.add_trace(_line(*_plottable(x, values, log_y), name, index, hover))
    fig.update_xaxes(title={"text": x_name})
    fig.update_yaxes(title={"text": y_name}, type="log" if log_y else "linear")
    return _style(fig, title, 480)


def grad_norm_lines(
    norms: Mapping[str, np.ndarray],
    fits: Mapping | None = None,
    bound: np.ndarray | None = None,
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
    y_title_key: str = "grad_norm",
) -> go.Figure:
    """||dL/dh_t|| against time step t on a log axis, one line per model {display name: (T,)}.

    fits: {name: grads.DecayFit}, each printed in its legend entry as "LSTM (×0.83 per step)";
    bound: the Pascanu bound (T,), dashed. Zero and non-finite values are left out of the log plot.
    y_title_key="jacobian_norm" titles the axis for grads.jacobian_norms instead.
    """
    lab = _Text(labels)
    hover = f"{lab('time_step')}: %{{x}}<br>{lab(y_title_key)}: %{{y:.4g}}"
    fig = go.Figure()
    for index, (name, values) in enumerate(norms.items()):
        fit = (fits or {}).get(name)
        if fit is not None and math.isfinite(fit.factor):
            name = f"{name} ({lab('decay_per_step', factor=f'{fit.factor:.3g}')})"
        fig.add_trace(_line(*_plottable(np.arange(len(values)), values, log_y=True), name, index, hover))
    if bound is not None:
        x, y = _plottable(np.arange(len(bound)), bound, log_y=True)
        fig.add_trace(_line(x, y, lab("pascanu_bound"), len(norms), hover, dash="dash"))
    fig.update_xaxes(title={"text": lab("time_step")})
    fig.update_yaxes(title={"text": lab(y_title_key)}, type="log", exponentformat="power")
    return _style(fig, title, 480)


def saturation_scatter(
    fractions: Mapping[str, tuple[np.ndarray, np.ndarray]], labels: Mapping[str, str] | None = None
) -> go.Figure:
    """One dot per unit of each gate at (share of steps below 0.1, share above 0.9).

    fractions: grads.saturation_fractions, {gate: (left (H,), right (H,))}. The dashed diagonal x + y = 1
    is the edge of what is possible.
    """
    lab = _Text(labels)
    hover = (
        f"{lab('unit')}: %{{customdata}}<br>{lab('left_saturated')}: %{{x:.4g}}<br>"
        f"{lab('right_saturated')}: %{{y:.4g}}"
    )
    symbols = ("circle", "square", "diamond", "triangle-up", "x")
    fig = go.Figure()
    for index, (gate, (left, right)) in enumerate(fractions.items()):
        fig.add_trace(
            go.Scatter(
                x=np.asarray(left, dtype=np.float32),
                y=np.asarray(right, dtype=np.float32),
                customdata=np.arange(len(left), dtype=np.int32),
                name=lab.quantity(gate),
                mode="markers",
                marker={
                    "color": LINE_COLOURS[index % len(LINE_COLOURS)],
                    "symbol": symbols[index % len(symbols)],
                    "size": 13,
                    "opacity": 0.8,
                    "line": {"color": "white", "width": 1},
                },
                hovertemplate=hover,
            )
        )
    fig.add_shape(type="line", x0=0, y0=1, x1=1, y1=0, line={"color": "grey", "dash": "dash"})
    fig.update_xaxes(title={"text": lab("left_saturated")}, range=[-0.03, 1.03])
    fig.update_yaxes(title={"text": lab("right_saturated")}, range=[-0.03, 1.03])
    return _style(fig, None, 600, legend_corner="top right")  # beyond the diagonal: never a dot there


def activation_curves(
    leaky_slope: float = 0.01, x_range: tuple[float, float] = (-6, 6), labels: Mapping[str, str] | None = None
) -> go.Figure:
    """sigmoid, tanh, ReLU and leaky ReLU (left) and their slopes (right) against the pre-activation a."""
    lab = _Text(labels)
    a = np.linspace(*x_range, 601, dtype=np.float32)  # (N,)
    sigmoid, tanh = 1 / (1 + np.exp(-a)), np.tanh(a)
    curves = {  # name -> (value, slope)
        lab("act.sigmoid"): (sigmoid, sigmoid * (1 - sigmoid)),
        lab("act.tanh"): (tanh, 1 - tanh**2),
        lab("act.relu"): (np.maximum(a, 0), (a > 0).astype(np.float32)),
        lab("act.leaky_relu", slope=leaky_slope): (
            np.where(a > 0, a, leaky_slope * a),
            np.where(a > 0, 1, leaky_slope).astype(np.float32),
        ),
    }
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.12)
    for index, (name, (value, slope)) in enumerate(curves.items()):
        dash = "dot" if index == 3 else "solid"  # leaky ReLU lies on ReLU for a > 0
        for col, (y, y_name) in enumerate(((value, "activation_value"), (slope, "derivative_value")), 1):
            hover = f"{lab('pre_activation')}: %{{x:.4g}}<br>{lab(y_name)}: %{{y:.4g}}"
            line = _line(a, y, name, index, hover, dash)
            line.update(legendgroup=name, showlegend=col == 1)
            fig.add_trace(line, row=1, col=col)
    fig.update_xaxes(title={"text": lab("pre_activation")})
    fig.update_yaxes(title={"text": lab("activation_value")}, range=[-1.2, 2.0], row=1, col=1)
    fig.update_yaxes(title={"text": lab("derivative_value")}, range=[-0.05, 1.1], row=1, col=2)
    return _style(fig, None, 480)


def derivative_products(
    k_max: int = 50, leaky_slope: float = 0.01, seed: int = 0, labels: Mapping[str, str] | None = None
) -> go.Figure:
    """Product of k activation slopes against k = 1..k_max on a log axis: why long products vanish.

    Dashed: the best cases, (1/4)^k for the sigmoid and 1 for tanh (and a ReLU that is active every time).
    Solid: the median over 200 seeded draws of k pre-activations a ~ N(0, 1) for sigmoid, tanh and leaky ReLU;
    a ReLU product is 1 or 0, so it is drawn as the chance (1/2)^k that no factor is 0.
    """
    lab = _Text(labels)
    k = np.arange(1, k_max + 1)
    a = np.random.default_rng(seed).standard_normal((200, k_max))  # (draws, k)
    sigmoid, tanh = 1 / (1 + np.exp(-a)), np.tanh(a)

    def median_product(slopes):  # (draws, k) -> (k,)
        return np.median(np.cumprod(slopes, axis=1), axis=0)

    lines = {  # label key -> (products (k,), colour index, dash); one colour per activation function
        "prod.sigmoid_bound": (0.25**k, 0, "dash"),
        "prod.sigmoid_median": (median_product(sigmoid * (1 - sigmoid)), 0, "solid"),
        "prod.tanh_bound": (np.ones(k_max), 1, "dash"),
        "prod.tanh_median": (median_product(1 - tanh**2), 1, "solid"),
        "prod.relu_mean": (0.5**k, 2, "dot"),
        "prod.leaky_median": (median_product(np.where(a > 0, 1.0, leaky_slope)), 3, "solid"),
    }
    hover = f"{lab('factors')}: %{{x}}<br>{lab('product')}: %{{y:.4g}}"
    fig = go.Figure()
    for key, (products, colour, dash) in lines.items():
        x, y = _plottable(k, products, log_y=True)
        fig.add_trace(_line(x, y, lab(key), colour, hover, dash))
    fig.update_xaxes(title={"text": lab("factors")})
    fig.update_yaxes(title={"text": lab("product")}, type="log", exponentformat="power")
    return _style(fig, None, 520, legend_corner="bottom left")  # every line starts high on the left


def caption(name: str, labels: Mapping[str, str] | None = None, quantity: str | None = None) -> str:
    """The one-line "how to read it" caption of a builder, e.g. caption("gates_heatmap").

    With quantity (a quantity or trace key), a heatmap caption also explains its colour scale.
    """
    lab = _Text(labels)
    text = lab(f"caption.{name}")
    if quantity is not None and name in ("gates_heatmap", "heatmap"):
        text = f"{text} {lab('caption.scale_' + quantity_kind(quantity))}"
    return text


def to_html(fig: go.Figure | Mapping) -> str:
    """A standalone HTML page of a figure (or its dict) with plotly.js inlined, so it opens offline."""
    return pio.to_html(fig, include_plotlyjs=True, full_html=True)
