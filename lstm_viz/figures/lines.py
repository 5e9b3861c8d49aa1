"""Line and scatter figures: gradient norms against time, loss curves, gate saturation, activation functions.

Hover shows each value to 4 significant digits; points a log axis cannot show (zero, negative, non-finite) are
left out rather than drawn wrong.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_viz.engine import equations

from .style import LINE_COLOURS, Text, style

BOUND_COLOUR = "#000000"  # the Pascanu bound: black, unlike every line it bounds


def _plottable(x: np.ndarray, y: np.ndarray, log_y: bool) -> tuple[np.ndarray, np.ndarray]:
    """Drop points a plot cannot show: non-finite values, and values <= 0 on a log axis (float dtype kept)."""
    x, y = np.asarray(x), np.asarray(y)
    y = y if y.dtype.kind == "f" else y.astype(np.float64)
    keep = np.isfinite(y) & (y > 0) if log_y else np.isfinite(y)
    return x[keep], y[keep]


def _log_axis(values: list[np.ndarray]) -> dict:
    """A log y axis labelled at powers of ten only (10^-4, not "100μ"; no labels on the 2..9 in between),
    its range widened to whole decades so that at least two labelled ticks show.
    values: the plotted arrays."""
    positive = np.concatenate([v[np.isfinite(v) & (v > 0)] for v in values]) if values else np.empty(0)
    axis = {"type": "log", "exponentformat": "power", "dtick": 1, "minor": {"dtick": "D1", "showgrid": True}}
    if positive.size:
        low, high = math.floor(np.log10(positive.min())), math.ceil(np.log10(positive.max()))
        high = max(high, low + 1)
        axis.update(range=[low, high], dtick=math.ceil((high - low) / 10))  # at most about ten labels
    return axis


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
    keys. Non-finite values (and values <= 0 with log_y) are left out; a log axis is labelled at powers of
    ten.
    """
    lab = Text(labels)
    x_name, y_name = lab(x_title_key), lab(y_title_key)
    hover = f"{x_name}: %{{x}}<br>{y_name}: %{{y:.4g}}"
    fig = go.Figure()
    shown = []
    for index, (name, values) in enumerate(series.items()):
        if isinstance(x_values, Mapping):
            x = x_values[name]
        else:
            x = np.arange(len(values)) if x_values is None else x_values
        x, y = _plottable(x, values, log_y)
        shown.append(y)
        fig.add_trace(_line(x, y, name, index, hover))
    fig.update_xaxes(title={"text": x_name})
    fig.update_yaxes(title={"text": y_name}, **(_log_axis(shown) if log_y else {"type": "linear"}))
    return style(fig, title, 480)


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
    bound: the Pascanu bound (T,), a thick black dashed line drawn over the others. Zero and non-finite
    values are left out of the log plot.
    y_title_key="jacobian_norm" titles the axis for grads.jacobian_norms instead.
    """
    lab = Text(labels)
    hover = f"{lab('time_step')}: %{{x}}<br>{lab(y_title_key)}: %{{y:.4g}}"
    fig = go.Figure()
    for index, (name, values) in enumerate(norms.items()):
        fit = (fits or {}).get(name)
        if fit is not None and math.isfinite(fit.factor):
            name = f"{name} ({lab('decay_per_step', factor=f'{fit.factor:.3g}')})"
        fig.add_trace(_line(*_plottable(np.arange(len(values)), values, log_y=True), name, index, hover))
    if bound is not None:
        x, y = _plottable(np.arange(len(bound)), bound, log_y=True)
        line = _line(x, y, lab("pascanu_bound"), 0, hover, dash="dash")
        fig.add_trace(line.update(line={"color": BOUND_COLOUR, "width": 4}))
    fig.update_xaxes(title={"text": lab("time_step")})
    fig.update_yaxes(title={"text": lab(y_title_key)}, type="log", exponentformat="power")
    fig = style(fig, title, 480, legend_corner="above")  # beside the plot, it takes half a phone's width
    if title:  # the title at the very top, the legend's rows (up to three on a phone) between it and the plot
        fig.update_layout(title={"y": 0.99, "yref": "container", "yanchor": "top"}, margin={"t": 112})
    return fig


def saturation_scatter(
    fractions: Mapping[str, tuple[np.ndarray, np.ndarray]], labels: Mapping[str, str] | None = None
) -> go.Figure:
    """One dot per unit of each gate at (share of steps below 0.1, share above 0.9).

    fractions: grads.saturation_fractions, {gate: (left (H,), right (H,))}. The dashed diagonal x + y = 1
    is the edge of what is possible.
    """
    lab = Text(labels)
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
    return style(fig, None, 600, legend_corner="top right")  # beyond the diagonal: never a dot there


def activation_curves(
    leaky_slope: float = 0.01, x_range: tuple[float, float] = (-6, 6), labels: Mapping[str, str] | None = None
) -> go.Figure:
    """sigmoid, tanh, ReLU and leaky ReLU (left) and their slopes (right) against the pre-activation a."""
    lab = Text(labels)
    a = np.linspace(*x_range, 601, dtype=np.float32)  # (N,)
    curves = {}  # name -> (value, slope), from the functions of engine.equations
    for name, (phi, slope) in equations.ACTIVATIONS.items():
        extra = {"slope": leaky_slope} if name == "leaky_relu" else {}
        curves[lab(f"act.{name}", **extra)] = (phi(a, **extra), slope(a, **extra))
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
    return style(fig, None, 480, legend_corner="above")


def derivative_products(
    k_max: int = 50, leaky_slope: float = 0.01, seed: int = 0, labels: Mapping[str, str] | None = None
) -> go.Figure:
    """Product of k activation slopes against k = 1..k_max on a log axis: why long products vanish.

    Dashed: the best cases, (1/4)^k for the sigmoid and 1 for tanh (and a ReLU that is active every time).
    Solid: the median over 200 seeded draws of k pre-activations a ~ N(0, 1) for sigmoid, tanh and leaky ReLU;
    a ReLU product is 1 or 0, so it is drawn as the chance (1/2)^k that no factor is 0.
    """
    lab = Text(labels)
    k = np.arange(1, k_max + 1)
    a = np.random.default_rng(seed).standard_normal((200, k_max))  # (draws, k)
    sigmoid_slopes = equations.ACTIVATIONS["sigmoid"][1](a)
    tanh_slopes = equations.ACTIVATIONS["tanh"][1](a)
    leaky_slopes = equations.ACTIVATIONS["leaky_relu"][1](a, leaky_slope)

    def median_product(slopes):  # (draws, k) -> (k,)
        return np.median(np.cumprod(slopes, axis=1), axis=0)

    lines = {  # label key -> (products (k,), colour index, dash); one colour per activation function
        "prod.sigmoid_bound": (0.25**k, 0, "dash"),
        "prod.sigmoid_median": (median_product(sigmoid_slopes), 0, "solid"),
        "prod.tanh_bound": (np.ones(k_max), 1, "dash"),
        "prod.tanh_median": (median_product(tanh_slopes), 1, "solid"),
        "prod.relu_mean": (0.5**k, 2, "dot"),
        "prod.leaky_median": (median_product(leaky_slopes), 3, "solid"),
    }
    hover = f"{lab('factors')}: %{{x}}<br>{lab('product')}: %{{y:.4g}}"
    fig = go.Figure()
    for key, (products, colour, dash) in lines.items():
        x, y = _plottable(k, products, log_y=True)
        fig.add_trace(_line(x, y, lab(key), colour, hover, dash))
    fig.update_xaxes(title={"text": lab("factors")})
    fig.update_yaxes(title={"text": lab("product")}, type="log", exponentformat="power")
    return style(fig, None, 520, legend_corner="above")  # inside, six long names would cover lines
