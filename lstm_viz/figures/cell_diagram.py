"""The diagram of one recurrent cell at one time step, for one unit, with that unit's numbers on it.

The layout follows the familiar LSTM picture (Olah, "Understanding LSTM Networks", 2015): the inputs x_t
and h_{t-1} run along a bus at the bottom, the gates sit in a row of boxes above it, and the cell state
runs straight along the top from c_{t-1} on the left to c_t on the right (the "constant error carousel"),
touched only by one multiplication (forget) and one addition (write). The GRU uses the same frame with
h_{t-1} on the top line; the vanilla RNN is a single box. Each gate box is coloured by its value on the
heatmap scale of its kind (style.SCALES), and the key equations are written out with the numbers.

Nodes are scatter markers (they stay round whatever the figure's aspect ratio), wires are shapes, and
arrow heads are annotations that stop short of the node they point at. Labels are placed so that none
overlaps a node, a box or another label down to a plot about 760 px wide (1280 px with the sidebar open):
names and values of states sit on two lines beside their wire, a gate box holds its name, its symbol and its
value on three short lines, and a node's value goes on the side of it that no wire or label uses.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping

import plotly.graph_objects as go
from plotly.colors import get_colorscale, sample_colorscale

from .style import SCALES, Text, style

BOX_W, BOX_H = 1.6, 1.1  # gate box size, in data units (the canvas spans x 0..12.4, y about -1.5..7.4)
NODE_PX = 44  # node marker diameter in pixels
WIRE = {"color": "#444444", "width": 2.5}
GATE_Y, BUS_Y, TOP_Y, MID_Y = 3.2, 1.3, 6.0, 4.6  # rows: gate boxes, input bus, top line, joins between
STATE_GAP = 0.45  # between a wire and the label of the state it carries, clear of the nodes on the wire
RIGHT = 11.8  # where the outputs leave the cell
MIN_WIDTH = 760  # px: the narrowest plot whose labels do not collide (a page scales it down below that)


def diagram_height(kind: str) -> int:
    """The diagram's height in pixels for a cell kind."""
    return 420 if kind == "rnn" else 620


def _num(value: float | None) -> str:
    """A value with 3 significant digits, or a dash when it was not given."""
    return "–" if value is None or not math.isfinite(value) else f"{value:.3g}"


def _term(value: float | None) -> str:
    """A number as a factor in an equation: negative values in parentheses."""
    text = _num(value)
    return f"({text})" if text.startswith("-") else text


def _times(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a * b


@functools.lru_cache(maxsize=16)
def _colours(scale: str | tuple) -> list:
    """A colour scale's stops (Plotly looks a named scale up anew at every sample: ~7 ms)."""
    return get_colorscale(scale) if isinstance(scale, str) else list(scale)


class _Canvas:
    """Collects the shapes, annotations and nodes of one diagram, then hands out the finished figure."""

    def __init__(self):
        self.shapes: list[dict] = []
        self.annotations: list[dict] = []
        self.nodes: list[tuple[float, float, str]] = []

    def line(self, *points, dash: str = "solid") -> None:
        for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
            self.shapes.append(
                {"type": "line", "x0": x0, "y0": y0, "x1": x1, "y1": y1, "line": {**WIRE, "dash": dash}}
            )

    def wire(self, *points, from_node: bool = False, to_node: bool = False) -> None:
        """A polyline whose last segment ends in an arrow head (stopping at the rim of a node)."""
        self.line(*points[:-1])
        (x0, y0), (x1, y1) = points[-2], points[-1]
        self.annotations.append(
            {
                "x": x1,
                "y": y1,
                "ax": x0,
                "ay": y0,
                "axref": "x",
                "ayref": "y",
                "text": "",
                "showarrow": True,
                "arrowhead": 2,
                "arrowsize": 1.1,
                "arrowwidth": WIRE["width"],
                "arrowcolor": WIRE["color"],
                "standoff": NODE_PX / 2 if to_node else 0,
                "startstandoff": NODE_PX / 2 if from_node and len(points) == 2 else 0,
            }
        )

    def node(self, x: float, y: float, symbol: str, note: float | None = None, below: bool = False) -> None:
        """An operation circle (×, +, tanh, 1−) with the value it produces written at its upper right (lower
        right with `below`)."""
        self.nodes.append((x, y, symbol))
        if note is not None:
            self.text(
                x, y, f"<b>{_num(note)}</b>", xanchor="left", yanchor="top" if below else "bottom",
                xshift=NODE_PX / 2, yshift=-8 if below else 8,
            )  # fmt: skip

    def box(
        self, x: float, y: float, name: str, value: float | None, scale: str, low: float, high: float
    ) -> None:
        """A gate box filled with the colour of its value, with the gate's name and value inside."""
        if value is None or not math.isfinite(value):
            fill, ink = "#dddddd", "black"
        else:
            fill = sample_colorscale(_colours(scale), [min(max((value - low) / (high - low), 0.0), 1.0)])[0]
            red, green, blue = (float(part) for part in fill[4:-1].split(","))
            ink = "black" if 0.299 * red + 0.587 * green + 0.114 * blue > 140 else "white"
        self.shapes.append(
            {
                "type": "rect",
                "x0": x - BOX_W / 2,
                "x1": x + BOX_W / 2,
                "y0": y - BOX_H / 2,
                "y1": y + BOX_H / 2,
                "fillcolor": fill,
                "line": {"color": "#222222", "width": 2},
            }
        )
        words, _, symbol = name.rpartition(" ")  # "forget gate f_t": the name above its symbol
        small = "<br>".join(f"<span style='font-size:13px'>{part}</span>" for part in (words, symbol) if part)
        self.text(x, y, f"{small}<br><b>{_num(value)}</b>", font={"color": ink, "size": 20})

    def text(self, x: float, y: float, text: str, **options) -> None:
        self.annotations.append({"x": x, "y": y, "text": text, "showarrow": False, **options})

    def input(self, x: float, text) -> None:
        """x_t entering the input bus from below."""
        self.line((x, 0.5), (x, BUS_Y))
        self.text(x, 0.45, text("input"), yanchor="top", font={"size": 17})

    def state(self, x: float, y: float, name: str, value: float | None, xanchor: str, yanchor: str) -> None:
        """The name and (below it) the value of a state (c_{t-1}, h_t, ...) next to the wire that carries it;
        (x, y) is the label's corner given by the anchors."""
        self.text(
            x, y, f"{name}<br><b>{_num(value)}</b>", xanchor=xanchor, yanchor=yanchor, font={"size": 17}
        )

    def figure(self, frame: Mapping) -> go.Figure:
        """Everything drawn so far on the layout `frame` (a dict); the shapes go below the node markers, so
        wires end under the circles. Plain dicts of valid properties, so Plotly's validation is skipped."""
        xs, ys, symbols = zip(*self.nodes, strict=True) if self.nodes else ((), (), ())
        nodes = {
            "type": "scatter",
            "x": list(xs),
            "y": list(ys),
            "text": list(symbols),
            "mode": "markers+text",
            "marker": {"size": NODE_PX, "color": "white", "line": {"color": "#222222", "width": 2}},
            "textfont": {"size": 17},
            "hoverinfo": "skip",
            "showlegend": False,
        }
        shapes = [{**shape, "layer": "below"} for shape in self.shapes]
        layout = {**frame, "shapes": shapes, "annotations": self.annotations}
        return go.Figure({"data": [nodes], "layout": layout}, _validate=False)


@functools.lru_cache(maxsize=32)
def _frame(title: str | None, height: int, bottom: float, top: float) -> dict:
    """The layout of a diagram without its drawing (style, hidden axes, margins), made through Plotly once
    per size and kept as a dict: validating the ~70 shapes and labels again at every step took ~40 ms."""
    fig = go.Figure()
    fig.update_xaxes(visible=False, range=[0, 12.4], fixedrange=True)
    fig.update_yaxes(visible=False, range=[bottom, top], fixedrange=True)
    fig = style(fig, title, height)
    fig.update_layout(margin={"l": 10, "r": 10, "b": 10}, plot_bgcolor="white")
    return fig.to_plotly_json()["layout"]


def _lstm(
    canvas: _Canvas, v: Mapping[str, float], text, variant: str, scales: Mapping[str, str]
) -> list[str]:
    f, i, g, o = (v.get(name) for name in ("forget_gate", "input_gate", "cell_candidate", "output_gate"))
    c_prev, c, h = v.get("cell_prev"), v.get("cell"), v.get("hidden")
    tanh_c = None if c is None else math.tanh(c)
    f_x, i_x, g_x, o_x, write_x, out_x = 3.0, 4.7, 6.4, 8.2, 5.55, 9.9
    # the cell state along the top: c_{t-1} -> (× f_t) -> (+ i_t g_t) -> c_t
    has_forget = variant != "no_forget_gate"  # without one, f_t = 1: the old cell passes on unscaled
    if has_forget:
        canvas.wire((0.4, TOP_Y), (f_x, TOP_Y), to_node=True)
        canvas.node(f_x, TOP_Y, "×", _times(f, c_prev), below=True)
        canvas.wire((f_x, TOP_Y), (write_x, TOP_Y), from_node=True, to_node=True)
    else:
        canvas.wire((0.4, TOP_Y), (write_x, TOP_Y), to_node=True)
    canvas.node(write_x, TOP_Y, "+")
    canvas.wire((write_x, TOP_Y), (RIGHT, TOP_Y), from_node=True)
    canvas.state(0.4, TOP_Y + STATE_GAP, text("q.cell_prev"), c_prev, "left", "bottom")
    canvas.state(RIGHT, TOP_Y + STATE_GAP, text("q.cell"), c, "right", "bottom")
    # the input bus and the gates it feeds
    gates = [
        (i_x, "input_gate", i, "gate"),
        (g_x, "cell_candidate", g, "state"),
        (o_x, "output_gate", o, "gate"),
    ]
    if has_forget:
        gates.insert(0, (f_x, "forget_gate", f, "gate"))
    canvas.line((0.4, BUS_Y), (o_x, BUS_Y))
    canvas.state(0.4, BUS_Y - STATE_GAP, text("q.hidden_prev"), v.get("hidden_prev"), "left", "top")
    canvas.input(7.3, text)
    for x, name, value, kind in gates:
        canvas.wire((x, BUS_Y), (x, GATE_Y - BOX_H / 2))
        low = 0.0 if kind == "gate" else -1.0  # candidates are tanh outputs, in [-1, 1]
        canvas.box(x, GATE_Y, text(f"q.{name}"), value, scales[kind], low, 1.0)
    # forget: f_t scales the old cell; write: i_t g_t is added to it
    if has_forget:
        canvas.wire((f_x, GATE_Y + BOX_H / 2), (f_x, TOP_Y), to_node=True)
    canvas.wire((i_x, GATE_Y + BOX_H / 2), (i_x, MID_Y), (write_x, MID_Y), to_node=True)
    canvas.wire((g_x, GATE_Y + BOX_H / 2), (g_x, MID_Y), (write_x, MID_Y), to_node=True)
    canvas.node(write_x, MID_Y, "×", _times(i, g))
    canvas.wire((write_x, MID_Y), (write_x, TOP_Y), from_node=True, to_node=True)
    # read: h_t = o_t tanh(c_t)
    canvas.wire((out_x, TOP_Y), (out_x, MID_Y), to_node=True)
    canvas.node(out_x, MID_Y, "tanh", tanh_c)
    canvas.wire((out_x, MID_Y), (out_x, GATE_Y), from_node=True, to_node=True)
    canvas.wire((o_x + BOX_W / 2, GATE_Y), (out_x, GATE_Y), to_node=True)
    canvas.node(out_x, GATE_Y, "×")
    canvas.wire((out_x, GATE_Y), (RIGHT, GATE_Y), from_node=True)
    canvas.state(RIGHT, GATE_Y - BOX_H / 2 - 0.1, text("q.hidden"), h, "right", "top")
    notes = []
    if variant == "peephole":  # dotted wires from the cell line down into f, i and o
        for x in (f_x - 0.5, i_x - 0.5, o_x - 0.5):
            canvas.line((x, TOP_Y), (x, GATE_Y + BOX_H / 2), dash="dot")
        notes.append(text("diagram.peephole"))
    elif variant in ("no_forget_gate", "coupled"):
        notes.append(text(f"diagram.{variant}"))
    cell = text("eq.lstm_cell", f=_term(f), c_prev=_term(c_prev), i=_term(i), g=_term(g), c=_num(c))
    hidden = text("eq.lstm_hidden", o=_term(o), tanh_c=_term(tanh_c), h=_num(h))
    return [cell, hidden, *notes]


def _gru(canvas: _Canvas, v: Mapping[str, float], text, scales: Mapping[str, str]) -> list[str]:
    r, z, n = v.get("reset_gate"), v.get("update_gate"), v.get("candidate")
    h_prev, h = v.get("hidden_prev"), v.get("hidden")
    one_minus_z = None if z is None else 1 - z
    z_x, flip_x, r_x, n_x, bend_x = 3.0, 4.3, 5.0, 7.0, 1.0
    # h_{t-1} along the top: kept in proportion z_t, topped up with (1 - z_t) n_t
    canvas.line((0.4, TOP_Y), (bend_x, TOP_Y), (bend_x, BUS_Y), (n_x, BUS_Y))
    canvas.input(2.0, text)
    canvas.wire((bend_x, TOP_Y), (z_x, TOP_Y), to_node=True)
    canvas.node(z_x, TOP_Y, "×", _times(z, h_prev), below=True)
    canvas.wire((z_x, TOP_Y), (n_x, TOP_Y), from_node=True, to_node=True)
    canvas.node(n_x, TOP_Y, "+")
    canvas.wire((n_x, TOP_Y), (RIGHT, TOP_Y), from_node=True)
    canvas.state(0.4, TOP_Y + STATE_GAP, text("q.hidden_prev"), h_prev, "left", "bottom")
    canvas.state(RIGHT, TOP_Y + STATE_GAP, text("q.hidden"), h, "right", "bottom")
    for x, name, value, kind in (
        (z_x, "update_gate", z, "gate"),
        (r_x, "reset_gate", r, "gate"),
        (n_x, "candidate", n, "state"),
    ):
        canvas.wire((x, BUS_Y), (x, GATE_Y - BOX_H / 2))
        canvas.box(x, GATE_Y, text(f"q.{name}"), value, scales[kind], 0.0 if kind == "gate" else -1.0, 1.0)
    canvas.wire((r_x + BOX_W / 2, GATE_Y), (n_x - BOX_W / 2, GATE_Y))  # r_t gates h_{t-1} inside n_t
    canvas.wire((z_x, GATE_Y + BOX_H / 2), (z_x, TOP_Y), to_node=True)
    canvas.wire((z_x, MID_Y), (flip_x, MID_Y), to_node=True)
    canvas.node(flip_x, MID_Y, "1−", one_minus_z)
    canvas.wire((flip_x, MID_Y), (n_x, MID_Y), from_node=True, to_node=True)
    canvas.wire((n_x, GATE_Y + BOX_H / 2), (n_x, MID_Y), to_node=True)
    canvas.node(n_x, MID_Y, "×", _times(one_minus_z, n))
    canvas.wire((n_x, MID_Y), (n_x, TOP_Y), from_node=True, to_node=True)
    fields = {
        "one_minus_z": _term(one_minus_z),
        "n": _term(n),
        "z": _term(z),
        "h_prev": _term(h_prev),
        "h": _num(h),
    }
    return [text("eq.gru_hidden", **fields)]


def _rnn(
    canvas: _Canvas, v: Mapping[str, float], text, nonlinearity: str, scales: Mapping[str, str]
) -> list[str]:
    a, h = v.get("preactivation"), v.get("hidden")
    box_x = 6.0
    canvas.line((0.4, BUS_Y), (box_x, BUS_Y))
    canvas.input(2.0, text)
    canvas.state(0.4, BUS_Y + STATE_GAP, text("q.hidden_prev"), v.get("hidden_prev"), "left", "bottom")
    canvas.wire((box_x, BUS_Y), (box_x, GATE_Y - BOX_H / 2))
    middle = (BUS_Y + GATE_Y - BOX_H / 2) / 2
    canvas.state(box_x + 0.15, middle, text("q.preactivation"), a, "left", "middle")
    phi = text(f"act.{nonlinearity}")
    canvas.box(box_x, GATE_Y, phi, h, scales["state"], -1.0, 1.0)
    canvas.wire((box_x + BOX_W / 2, GATE_Y), (RIGHT, GATE_Y))
    canvas.state(RIGHT, GATE_Y + STATE_GAP, text("q.hidden"), h, "right", "bottom")
    return [text("eq.rnn_hidden", phi=phi, a=_num(a), h=_num(h))]


def cell_diagram(
    kind: str,
    values: Mapping[str, float],
    labels: Mapping[str, str] | None = None,
    variant: str = "standard",
    nonlinearity: str = "tanh",
    title: str | None = None,
) -> go.Figure:
    """One unit of a cell at one step, drawn with its numbers.

    kind: "lstm" | "gru" | "rnn"; values: {quantity of kinds.QUANTITIES[kind]: float} plus "cell_prev"
    (LSTM) and "hidden_prev", e.g. {q: trace[f"l0.{q}"][sample, t, unit]}; missing values show as a dash.
    variant: the LSTM variant (peephole adds the peephole wires; no_forget_gate and coupled add a note);
    nonlinearity: the RNN's "tanh" or "relu".
    """
    text = Text(labels)
    values = {name: float(value) for name, value in values.items()}
    canvas = _Canvas()
    if kind == "lstm":
        lines = _lstm(canvas, values, text, variant, SCALES)
    elif kind == "gru":
        lines = _gru(canvas, values, text, SCALES)
    elif kind == "rnn":
        lines = _rnn(canvas, values, text, nonlinearity, SCALES)
    else:
        raise ValueError(f"kind must be 'lstm', 'gru' or 'rnn', not {kind!r}")
    for row, line in enumerate(lines):
        canvas.text(6.2, -0.5 - 0.6 * row, line, font={"size": 18})
    top = 4.6 if kind == "rnn" else 7.4  # room for the two-line labels above the top line
    return canvas.figure(_frame(title, diagram_height(kind), -0.6 * len(lines) - 0.3, top))
