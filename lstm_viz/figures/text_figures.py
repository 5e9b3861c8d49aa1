"""Pictures of a model reading text, after Karpathy, Johnson & Fei-Fei (2015), "Visualizing and Understanding
Recurrent Networks": the text coloured character by character by one unit, the surprise per character, gate
saturation per layer and the accuracy of closing brackets against their distance.

The text is a Plotly heatmap grid: one row per line (lines longer than `width` wrap), one column per character
position, each cell showing its character (`texttemplate`), so hover is native and the text never becomes
HTML: every character and hover line goes through `symbols.escape` first, so "<b>" shows as those three
characters. Whitespace stays visible: a tab is drawn as ⇥, a newline as ↵ at the end of its line, and a
space as an empty coloured cell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from .heatmaps import shared_zrange
from .lines import saturation_scatter
from .style import LINE_COLOURS, SCALES, Text, quantity_kind, style
from .symbols import escape, hover_char, visible_char
from .text_labels import TEXT_LABELS

CELL_PX = 22  # height of one line of text
CHAR_PX = 9  # width of one character cell where the 14 px monospace characters do not overlap
MAX_WIDTH = 200  # the widest line a grid draws before wrapping


def _text(labels: Mapping[str, str] | None) -> Text:
    return Text({**TEXT_LABELS, **dict(labels or {})})


def grid_width_px(width: int) -> int:
    """The width in px at which a text_grid of `width` characters per row shows them without overlap."""
    return CHAR_PX * max(width, 20) + 20  # the x range holds at least 20 cells; margins 10 + 10


def prediction_text(top: Sequence[tuple[str, float]]) -> str:
    """The top predictions [(char, probability)] as plain text: "e 41% · ␣ 12% · a 8%"."""
    return " · ".join(f"{hover_char(char)} {prob:.0%}" for char, prob in top)


def text_layout(text: str, width: int = 80) -> tuple[np.ndarray, np.ndarray, int]:
    """(row (T,), column (T,), number of rows) of every character: a newline ends its row, a line longer than
    `width` continues on the next row."""
    if not 1 <= width <= MAX_WIDTH:
        raise ValueError(f"width must be between 1 and {MAX_WIDTH}, got {width!r}")
    rows = np.empty(len(text), dtype=np.int32)
    cols = np.empty(len(text), dtype=np.int32)
    row = col = 0
    for index, char in enumerate(text):
        if col == width:
            row, col = row + 1, 0
        rows[index], cols[index] = row, col
        col += 1
        if char == "\n":
            row, col = row + 1, 0
    return rows, cols, int(rows[-1]) + 1 if len(text) else 0


def text_grid(
    text: str,
    values: np.ndarray,
    quantity: str,
    zrange: tuple[float, float] | None = None,
    details: Sequence[str] | None = None,
    detail_label: str = "",
    width: int = 80,
    start: int = 0,
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
) -> go.Figure:
    """The text coloured character by character by values (T,), one cell per character.

    quantity picks the scale and the colour-bar name: a gate on [0, 1], anything else diverging about 0
    (zrange, default symmetric about 0 over the finite values). details: one more hover line per character
    (plain text, e.g. prediction_text), after `detail_label`. start: the index of the first character in a
    longer text (hover says t = start + index). NaN values draw an empty cell. Hover names each character
    and its value; what every cell shares is in the hover template, so each cell ships only its own part.
    """
    lab = _text(labels)
    values = np.asarray(values, dtype=np.float32)  # (T,)
    if values.shape != (len(text),):
        raise ValueError(f"values must have one entry per character ({len(text)},), got {values.shape}")
    if details is not None and len(details) != len(text):
        raise ValueError(f"details must have one entry per character ({len(text)}), got {len(details)}")
    rows, cols, n_rows = text_layout(text, width)
    n_cols = int(cols.max()) + 1 if len(text) else 1
    z = np.full((max(n_rows, 1), n_cols), np.nan, dtype=np.float32)  # (rows, columns)
    cells = np.full(z.shape, "", dtype=object)
    hover = np.full(z.shape, None, dtype=object)  # [t, character, detail] per character cell
    z[rows, cols] = values
    name = lab.quantity(quantity)
    for index, char in enumerate(text):
        cells[rows[index], cols[index]] = escape(visible_char(char))
        own = [start + index, escape(hover_char(char))]
        hover[rows[index], cols[index]] = own if details is None else [*own, escape(details[index])]
    step = escape(lab("tx.step", t="%{customdata[0]}"))
    template = f"{step}: %{{customdata[1]}}<br>{escape(name)}: %{{z:.3f}}"
    if details is not None:
        template += f"<br>{escape(detail_label)}{': ' if detail_label else ''}%{{customdata[2]}}"
    kind = quantity_kind(quantity)
    if zrange is None:
        zrange = shared_zrange([values], quantity)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            text=cells,
            texttemplate="%{text}",
            textfont={"family": "DejaVu Sans Mono, Menlo, Consolas, monospace", "size": 14},
            customdata=hover,
            hovertemplate=template + "<extra></extra>",
            hoverongaps=False,
            zmin=zrange[0],
            zmax=zrange[1],
            colorscale=SCALES[kind],
            colorbar={
                "title": {"text": name, "side": "top"},
                "orientation": "h",
                "x": 0,
                "xanchor": "left",
                "y": 1.0,
                "yanchor": "bottom",
                "len": 0.6,
                "thickness": 12,
            },
            xgap=0,
            ygap=0,
        )
    )
    fig.update_xaxes(visible=False, range=[-0.5, max(n_cols, 20) - 0.5])
    fig.update_yaxes(visible=False, autorange="reversed")
    fig = style(fig, title, CELL_PX * max(n_rows, 1) + 110)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 90 if title else 70, "b": 10})
    return fig


def surprise_strip(
    text: str,
    bits: np.ndarray,
    start: int = 0,
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
) -> go.Figure:
    """The model's surprise -log2 p(next character) at every character (T,), as bars, with its mean.

    The bar at t is the surprise at the character after t (the last character has none: NaN, no bar)."""
    lab = _text(labels)
    bits = np.asarray(bits, dtype=np.float32)  # (T,)
    if bits.shape != (len(text),):
        raise ValueError(f"bits must have one entry per character, shape ({len(text)},), got {bits.shape}")
    chars = [escape(hover_char(c)) for c in text]
    pairs = [f"{a} → {b}" for a, b in zip(chars, [*chars[1:], ""], strict=True)]  # read -> came next
    fig = go.Figure(
        go.Bar(
            x=np.arange(start, start + len(text), dtype=np.int32),
            y=bits,
            customdata=pairs or None,
            marker={"color": LINE_COLOURS[0], "line": {"width": 0}},
            hovertemplate=f"{escape(lab('tx.step', t='%{x}'))}: %{{customdata}}<br>"
            f"{escape(lab('tx.surprise'))}: %{{y:.2f}}<extra></extra>",
        )
    )
    finite = bits[np.isfinite(bits)]
    if finite.size:  # the mean as a dashed line across, named at its right end (add_hline copies the data)
        mean = float(finite.mean())
        line = {"color": LINE_COLOURS[1], "dash": "dash", "width": 2}
        fig.update_layout(
            shapes=[{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "y0": mean, "y1": mean,
                     "line": line}],
            annotations=[{"text": lab("tx.surprise_mean", bits=mean), "xref": "paper", "x": 1, "y": mean,
                          "xanchor": "right", "yanchor": "bottom", "showarrow": False}],
        )  # fmt: skip
    fig.update_layout(bargap=0)
    fig.update_xaxes(title={"text": lab("tx.position")})
    fig.update_yaxes(title={"text": lab("tx.surprise")}, rangemode="tozero")
    return style(fig, title, 260)


def saturation_by_layer(
    fractions: Sequence[Mapping[str, tuple[np.ndarray, np.ndarray]]],
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
) -> go.Figure:
    """Karpathy's saturation plot, one panel per layer: one dot per unit of each gate at (share of steps
    below 0.1, share above 0.9). fractions: one {gate: (left (H,), right (H,))} per layer, bottom layer first
    (lstm_viz.text.saturation.gate_saturation)."""
    lab = _text(labels)
    if not fractions:
        raise ValueError("fractions must hold at least one layer")
    count, gap = len(fractions), 0.04
    width = (1 - gap * (count - 1)) / count
    fig = go.Figure()
    for layer, gates in enumerate(fractions):
        suffix = "" if layer == 0 else str(layer + 1)
        for trace in saturation_scatter(gates, labels=lab.table).data:
            trace.update(showlegend=layer == 0, legendgroup=trace.name)
            trace.update(xaxis=f"x{suffix}", yaxis=f"y{suffix}")
            fig.add_trace(trace)
        low = layer * (width + gap)
        fig.update_layout(
            {
                f"xaxis{suffix}": {"domain": [low, low + width], "range": [-0.03, 1.03],
                                   "title": {"text": lab("left_saturated")}, "anchor": f"y{suffix}"},
                f"yaxis{suffix}": {"range": [-0.03, 1.03], "anchor": f"x{suffix}",
                                   "showticklabels": layer == 0,
                                   "title": {"text": lab("right_saturated") if layer == 0 else ""}},
            }
        )  # fmt: skip
        fig.add_shape(type="line", x0=0, y0=1, x1=1, y1=0, xref=f"x{suffix}", yref=f"y{suffix}",
                      line={"color": "grey", "dash": "dash"})  # fmt: skip
        fig.add_annotation(text=lab("tx.layer", layer=layer), xref="paper", yref="paper", x=low + width / 2,
                           y=1.0, yanchor="bottom", showarrow=False)  # fmt: skip
    return style(fig, title, 560, legend_corner="above")


def bracket_accuracy(
    results: Mapping[str, tuple[np.ndarray, np.ndarray, np.ndarray]],
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
) -> go.Figure:
    """Share of closing brackets whose top prediction was right, against the distance back to the opening
    bracket: one line per architecture. results: name -> (bin edges (K+1,), accuracy (K,), count (K,)) as
    lstm_viz.text.closing_bracket_accuracy returns; a bin with no bracket is a gap."""
    lab = _text(labels)
    fig = go.Figure()
    for index, (name, (edges, accuracy, counts)) in enumerate(results.items()):
        edges = np.asarray(edges)
        counts = np.asarray(counts, dtype=np.int64)
        accuracy = np.where(counts > 0, np.asarray(accuracy, dtype=np.float32), np.nan)
        bins = [
            f"≥ {low:g}" if not np.isfinite(high) else f"{low:g}–{high - 1:g}"
            for low, high in zip(edges[:-1], edges[1:], strict=True)
        ]
        fig.add_trace(
            go.Scatter(
                x=bins,
                y=accuracy,
                customdata=counts,
                name=escape(name),
                mode="lines+markers",
                marker={"size": 11, "color": LINE_COLOURS[index % len(LINE_COLOURS)]},
                line={"color": LINE_COLOURS[index % len(LINE_COLOURS)], "width": 3},
                hovertemplate=f"{escape(name)}<br>{escape(lab('tx.distance'))}: %{{x}}<br>"
                f"{escape(lab('tx.accuracy'))}: %{{y:.0%}}<br>{escape(lab('tx.count'))}: "
                "%{customdata}<extra></extra>",
            )
        )
    fig.update_xaxes(title={"text": lab("tx.distance")}, type="category")
    fig.update_yaxes(title={"text": lab("tx.accuracy")}, range=[-0.03, 1.03], tickformat=".0%")
    return style(fig, title, 420, legend_corner="above")
