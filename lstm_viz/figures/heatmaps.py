"""Heatmaps: time step x unit pictures of a Trace, with the input as a strip above, and their time markers.

- A heatmap puts time step t on x and one row per unit on y, with the first listed unit at the top; the
  input sequence sits in a small strip above it, on the same x axis. A symbolic input (one-hot over a
  vocabulary: characters, words) is one row of its symbols instead, when the figure is given the vocabulary.
- Figures meant to be compared share one colour range: compute it with `shared_zrange`, pass it as `zrange`.
- Hover shows the value to 4 significant digits. A heatmap that would ship more than MAX_HEATMAP_NUMBERS
  numbers is averaged over blocks of consecutive time steps, and its x-axis title says how many.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from lstm_viz.engine.trace import Trace, parse_key
from lstm_viz.limits import MAX_HEATMAP_NUMBERS

from .style import SCALES, Text, base_quantity, quantity_kind, style
from .symbols import escape, hover_char, visible_char


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
    lab: Text,
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


def _input_strip(inputs: np.ndarray, lab: Text) -> go.Heatmap:
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


SYMBOL_TEXT_STEPS = 120  # the most steps whose symbols the strip writes in its cells (hover always has them)


def input_symbols(inputs: np.ndarray, vocab: Sequence[str] | None) -> list[str] | None:
    """The symbols of inputs (T, I) when every step is one-hot over vocab (I == len(vocab)), else None."""
    if vocab is None or inputs.ndim != 2 or inputs.shape[1] != len(vocab) or inputs.shape[0] == 0:
        return None
    if not (np.all((inputs == 0) | (inputs == 1)) and np.all(inputs.sum(axis=1) == 1)):
        return None
    return [vocab[i] for i in inputs.argmax(axis=1).tolist()]


def _symbol_strip(symbols: Sequence[str], lab: Text) -> go.Heatmap:
    """One pale row with the input symbol of every step written in its cell (in hover only when there are
    more than SYMBOL_TEXT_STEPS steps: the cells would be too narrow to read)."""
    shown = len(symbols) <= SYMBOL_TEXT_STEPS
    return go.Heatmap(
        z=np.zeros((1, len(symbols)), dtype=np.float32),
        x=np.arange(len(symbols), dtype=np.int32),
        y=["x_t"],
        text=[[escape(visible_char(symbol)) if shown else "" for symbol in symbols]],
        texttemplate="%{text}",
        customdata=[[escape(hover_char(symbol)) for symbol in symbols]],
        colorscale=[[0, "#f2f2f2"], [1, "#f2f2f2"]],
        showscale=False,
        xgap=1,
        hovertemplate=f"{lab('time_step')}: %{{x}}<br>{lab('input')}: %{{customdata}}<extra></extra>",
    )


def _key_title(key: str, lab: Text) -> str:
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
    vocab: Sequence[str] | None = None,
) -> go.Figure:
    """Time x unit heatmap of trace[key][sample], with the input sequence as a strip above it.

    units: which units, top to bottom (default all, in index order); t: draw a marker at that step;
    zrange: colour range (default: shared_zrange over the whole trace[key], so every sample uses the same
    scale). Works for every key; a *_grad key is drawn as log10 |value|, "input_grad" has one row per input
    feature. title defaults to the quantity and layer of the key. max_numbers: how many numbers the heatmap
    may ship before its time axis is averaged in blocks (a page with many figures passes a smaller share).
    vocab: the task's symbols (task.vocab); a one-hot input over them shows as one row of symbols.
    """
    lab = Text(labels)
    values = trace[key][sample]  # (T, H), or (T, I) for input_grad
    units = np.arange(values.shape[1]) if units is None else np.asarray(units, dtype=int)
    rows = values[:, units].T  # (U, T)
    inputs = trace.input[sample].T  # (I, T)
    zrange = shared_zrange([trace[key]], key) if zrange is None else zrange
    y_name = lab("feature") if base_quantity(key) == "input_grad" else lab("unit")
    layer, x_title = _heatmap_layer(
        rows, key, zrange, lab, units.tolist(), lab("time_step"), y_name, max_numbers
    )

    symbols = input_symbols(inputs.T, vocab)
    strip_rows = 1 if symbols is not None else inputs.shape[0]
    strip_px = int(np.clip(26 * strip_rows + 24, 50, 160))
    main_px = int(np.clip(22 * len(units), 260, 720))
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.03,
        row_heights=[strip_px / (strip_px + main_px), main_px / (strip_px + main_px)],
    )
    strip = _input_strip(inputs, lab) if symbols is None else _symbol_strip(symbols, lab)
    fig.add_trace(strip, row=1, col=1)
    fig.add_trace(layer, row=2, col=1)
    low, high = fig.layout.yaxis2.domain
    fig.update_traces(colorbar={"y": (low + high) / 2, "len": high - low, "yanchor": "middle"}, row=2, col=1)
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_yaxes(title={"text": lab("input")}, row=1, col=1)
    fig.update_yaxes(title={"text": y_name}, row=2, col=1)
    fig.update_xaxes(title={"text": x_title}, row=2, col=1)
    fig = style(fig, _key_title(key, lab) if title is None else title, strip_px + main_px + 150)
    if t is not None:
        fig.update_layout(shapes=time_marker_shapes(t, ("x", "x2")))
    return fig


TIME_MARKER = "time_marker"  # the name of every step-marker shape (the app's time slider finds them by it)


def time_marker_shapes(t: float, x_axes: Sequence[str]) -> list[dict]:
    """A vertical marker at step t across each listed x axis ("x", "x2", ...): a white line under a black
    dashed one, so it stays visible on every colour scale. Each shape is named TIME_MARKER."""
    shapes = []
    for line in ({"color": "white", "width": 5}, {"color": "black", "width": 2, "dash": "dash"}):
        for axis in x_axes:
            y_domain = f"y{axis[1:]} domain"
            shapes.append(
                {
                    "type": "line",
                    "name": TIME_MARKER,
                    "x0": t,
                    "x1": t,
                    "xref": axis,
                    "y0": 0,
                    "y1": 1,
                    "yref": y_domain,
                    "line": line,
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
    lab = Text(labels)
    values = np.asarray(values, dtype=np.float32)  # (R, C)
    rows = range(values.shape[0]) if y_values is None else y_values
    zrange = shared_zrange([values], quantity) if zrange is None else zrange
    x_name, y_name = lab(x_title_key), lab(y_title_key)
    layer, x_title = _heatmap_layer(values, quantity, zrange, lab, rows, x_name, y_name, max_numbers)
    fig = go.Figure(layer)
    fig.update_yaxes(type="category", autorange="reversed", title={"text": lab(y_title_key)})
    fig.update_xaxes(title={"text": x_title})
    return style(fig, title, int(np.clip(22 * values.shape[0], 260, 720)) + 140)
