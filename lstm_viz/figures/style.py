"""The shared look of every figure: colour scales, line colours, fonts, the slim template, the labels table.

The conventions come from shared/DESIGN.md ("Conventions for pictures"). The colour scale follows the kind of
quantity (`quantity_kind`): gates use Viridis fixed to [0, 1] (dark purple = closed, yellow = open); states
(cell, hidden, candidates, pre-activations) use reversed RdBu, symmetric about 0 (positive red, negative blue,
zero white); gradients are drawn as log10 |value| with Magma (black = tiny). These scales and the Okabe-Ito
line colours stay distinguishable with the common colour-vision deficiencies.

Every visible string comes from `labels`: a mapping with the keys of LABELS (the English table, the default);
lstm_viz/ui/strings.py holds the Chinese table with the same keys. A partial mapping falls back to English.
Every value is a str.format template: {placeholders} are filled in, literal braces are doubled.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import plotly.graph_objects as go
import plotly.io as pio

from lstm_viz.engine.kinds import GATE_QUANTITIES

from .labels import LABELS

BASE_FONT_SIZE = 16  # readable from the back of a classroom
SCALES = {"gate": "Viridis", "state": "RdBu_r", "grad": "Magma"}  # by quantity_kind
LINE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")  # Okabe-Ito
_GRAD_NAMES = frozenset({"saliency"})  # magnitudes of gradients whose name does not end in _grad


def base_quantity(name: str) -> str:
    """The quantity of a trace key ("l0.reverse.cell" -> "cell"); plain quantity names pass through."""
    return name.rsplit(".", 1)[-1]


class Text:
    """Visible strings from one labels table: text("blocks", axis="t", stride=4) formats an entry."""

    def __init__(self, labels: Mapping[str, str] | None):
        self.table = LABELS if labels is None else {**LABELS, **labels}

    def __call__(self, key: str, **fields) -> str:
        return self.table[key].format(**fields)

    def quantity(self, name: str) -> str:
        """Display name of a quantity or trace key; a name the table does not know is shown as it is."""
        key = f"q.{base_quantity(name)}"
        return self(key) if key in self.table else base_quantity(name)


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


LEGEND_ABOVE = {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.02, "yanchor": "bottom"}


def style(fig: go.Figure, title: str | None, height: int, legend_corner: str | None = None) -> go.Figure:
    """Shared look: large fonts, white background; legend_corner ("top right", ...) puts the legend inside,
    "above" puts it in a row above the plot, where it can cover no line."""
    if legend_corner == "above":
        fig.update_layout(legend=LEGEND_ABOVE)
    elif legend_corner is not None:
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
    base = base_quantity(quantity)
    if base.endswith("_grad") or base in _GRAD_NAMES:
        return "grad"
    return "gate" if base in GATE_QUANTITIES else "state"


def caption(name: str, labels: Mapping[str, str] | None = None, quantity: str | None = None) -> str:
    """The one-line "how to read it" caption of a builder, e.g. caption("gates_heatmap").

    With quantity (a quantity or trace key), a heatmap caption also explains its colour scale.
    """
    lab = Text(labels)
    text = lab(f"caption.{name}")
    if quantity is not None and name in ("gates_heatmap", "heatmap"):
        text = f"{text} {lab('caption.scale_' + quantity_kind(quantity))}"
    return text


def to_html(fig: go.Figure | Mapping, title: str | None = None) -> str:
    """A standalone HTML page of a figure (or its dict) with plotly.js inlined, so it opens offline.

    The page's <title> (the browser tab, a bookmark) is `title`, else the figure's own title, else "lstm-viz";
    it is HTML-escaped.
    """
    if title is None:
        spec = fig if isinstance(fig, Mapping) else fig.to_plotly_json()
        title = ((spec.get("layout") or {}).get("title") or {}).get("text") or "lstm-viz"
    page = pio.to_html(fig, include_plotlyjs=True, full_html=True)
    return page.replace("</head>", f"    <title>{html.escape(title)}</title>\n</head>", 1)
