"""Helpers of the Long-range dependencies page: sweep settings, saliency with its marked steps,
and the memory-unit lines with what they do after the marked step. Plain values in, figures and numbers out;
the engine work is in engine_cache."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from lstm_viz import figures
from lstm_viz.engine.kinds import KIND_NAMES
from lstm_viz.training import lag_sweep

SWEEP_HIDDEN = 32  # units of every model in a live sweep: small, so the sweep stays short
# How each architecture's line is drawn in a sweep, so that none hides another where their numbers agree
# (a GRU and an LSTM both at 100% accuracy): wide solid below, thin dashed on top, each its own marker.
KIND_LINES = {
    "rnn": {"line": {"width": 3, "dash": "solid"}, "marker": {"symbol": "circle", "size": 9}},
    "gru": {"line": {"width": 8, "dash": "solid"}, "marker": {"symbol": "square", "size": 15}},
    "lstm": {"line": {"width": 3, "dash": "dash"}, "marker": {"symbol": "diamond", "size": 10}},
}
HOLD_FLAT = 0.2  # a unit whose c_t moves less than this share of its jump after the marked step holds it flat


def sweep_task(task_name: str) -> str:
    """The task a sweep runs on: the sidebar's if a sweep supports it, else adding."""
    return task_name if task_name in lag_sweep.TASKS else lag_sweep.TASKS[0]


def sweep_key(task_name: str, kind_indices, lags, steps: int, seed: int) -> tuple:
    """The plain-valued settings of a sweep: (task, kinds in KINDS order, lags, steps, hidden, seed)."""
    kinds = tuple(KIND_NAMES[i] for i in sorted(set(kind_indices)))
    return (task_name, kinds, tuple(sorted(set(lags))), int(steps), SWEEP_HIDDEN, int(seed))


def sweep_figure(
    sweep: Mapping, names: Mapping[str, str], y_key: str, baseline_name: str, labels
) -> go.Figure:
    """Metric against lag, one line per architecture (names: kind -> display name), the baseline dotted."""
    lags = np.asarray(sweep["lags"])
    series = {names[kind]: np.asarray(values, dtype=np.float64) for kind, values in sweep["models"].items()}
    x_values = {names[kind]: lags[: len(values)] for kind, values in sweep["models"].items()}
    fig = figures.line_traces(series, y_key, x_values=x_values, x_title_key="lag", labels=labels)
    for trace, kind in zip(fig.data, sweep["models"], strict=True):
        trace.update(mode="lines+markers", **KIND_LINES.get(kind, {}))
    fig.add_trace(
        go.Scatter(
            x=lags,
            y=chance_level(sweep),
            name=baseline_name,
            mode="lines",
            line={"color": "grey", "dash": "dot", "width": 2},
            hovertemplate="%{y:.4g}<extra></extra>",
        )
    )
    return fig


def chance_level(sweep: Mapping) -> np.ndarray:
    """What a model that learned nothing scores at each lag (L,): the baseline loss for an MSE metric, and
    for accuracy 1/K, the accuracy of guessing whose cross-entropy is the baseline log K."""
    baseline = np.broadcast_to(np.asarray(sweep["baseline"], dtype=np.float64), (len(sweep["lags"]),))
    return np.exp(-baseline) if sweep.get("metric") == "accuracy" else baseline


def marked_share(saliency: np.ndarray, marked: np.ndarray) -> float:
    """Share of all saliency (B, T) that falls on the marked steps (B, T) bool."""
    total = float(np.nansum(saliency))
    return float(np.nansum(saliency[marked]) / total) if total > 0 else math.nan


def mark_steps(fig: go.Figure, marked: np.ndarray, name: str) -> go.Figure:
    """Open circles on a (sample x time) heatmap at the marked steps (B, T) bool of every row."""
    rows, steps = np.nonzero(marked)
    fig.add_trace(
        go.Scatter(
            x=steps.astype(np.int32),
            y=[str(row) for row in rows],
            mode="markers",
            name=name,
            marker={"symbol": "circle-open", "size": 14, "color": "#56B4E9", "line": {"width": 3}},
            hoverinfo="skip",
            showlegend=True,
        )
    )
    fig.update_layout(legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0})
    return fig


def memory_figure(cell: np.ndarray, names: list[str], marked_steps: np.ndarray, labels) -> go.Figure:
    """c_t of the chosen units of one sequence, cell (T, U), with dotted lines at its marked steps."""
    series = {name: cell[:, i] for i, name in enumerate(names)}
    fig = figures.line_traces(series, "q.cell", labels=labels)
    for step in marked_steps:
        fig.add_vline(x=int(step), line={"color": "grey", "dash": "dot", "width": 2})
    # the legend above the plot: beside it, it would take half of a narrow column
    fig.update_layout(legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0})
    return fig


@dataclass(frozen=True)
class Hold:
    """What one unit's c_t does from the first marked step to the end of the sequence."""

    unit: int
    step: int  # the first marked step
    jump: float  # c at that step minus c just before it (0 before step 0)
    start: float  # c at that step
    end: float  # c at the last step
    band: float  # max - min of c from that step to the end

    @property
    def verdict(self) -> str:
        """In a word: "flat" (moving less than HOLD_FLAT of its jump), "drifts" (less than it) or "lost"."""
        if self.band <= HOLD_FLAT * abs(self.jump):
            return "flat"
        return "drifts" if self.band < abs(self.jump) else "lost"


def memory_hold(cell: np.ndarray, marked_steps: np.ndarray, unit: int) -> Hold:
    """The Hold of one unit's c_t (T,) of one sequence, from its first marked step (step 0 if none)."""
    cell = np.asarray(cell, dtype=np.float64)
    step = int(marked_steps[0]) if len(marked_steps) else 0
    before = cell[step - 1] if step > 0 else 0.0
    after = cell[step:]
    jump, band = float(cell[step] - before), float(after.max() - after.min())
    return Hold(unit, step, jump, float(cell[step]), float(cell[-1]), band)
