"""Figures: pure Plotly builders from NumPy arrays or a Trace (plus options) to a `go.Figure`.

Nothing here imports streamlit or trains anything, so every picture of the app can also be made in a notebook:

    figures.gates_heatmap(trace, "l0.forget_gate", sample=0).show()

Modules: `style` (scales, fonts, template, captions), `labels` (every visible English string), `heatmaps`,
`lines`, `cell_diagram`, `step_equations` (one unit's equations typeset with its numbers). Imports the engine
and the limits only.
"""

from lstm_viz.limits import MAX_HEATMAP_NUMBERS

from .cell_diagram import cell_diagram
from .heatmaps import gates_heatmap, heatmap, mark_time, shared_zrange, time_marker_shapes, unit_order
from .labels import LABELS
from .lines import (
    BOUND_COLOUR,
    activation_curves,
    derivative_products,
    grad_norm_lines,
    line_traces,
    saturation_scatter,
)
from .style import LINE_COLOURS, SCALES, TEMPLATE, caption, quantity_kind, to_html

__all__ = [
    "BOUND_COLOUR",
    "LABELS",
    "LINE_COLOURS",
    "MAX_HEATMAP_NUMBERS",
    "SCALES",
    "TEMPLATE",
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
