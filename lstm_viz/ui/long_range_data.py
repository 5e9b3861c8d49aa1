"""Helpers of the Long-range dependencies page: sweep settings and progress, saliency with its marked steps,
and the memory-unit lines. Plain values in, figures and numbers out; the engine work is in engine_cache."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping

import numpy as np
import plotly.graph_objects as go

from lstm_viz import figures, limits
from lstm_viz.engine.kinds import KIND_NAMES
from lstm_viz.training import lag_sweep

SWEEP_HIDDEN = 32  # units of every model in a live sweep: small, so the sweep stays short


def sweep_task(task_name: str) -> str:
    """The task a sweep runs on: the sidebar's if a sweep supports it, else adding."""
    return task_name if task_name in lag_sweep.TASKS else lag_sweep.TASKS[0]


def sweep_key(task_name: str, kind_indices, lags, steps: int, seed: int) -> tuple:
    """The plain-valued settings of a sweep: (task, kinds in KINDS order, lags, steps, hidden, seed)."""
    kinds = tuple(KIND_NAMES[i] for i in sorted(set(kind_indices)))
    return (task_name, kinds, tuple(sorted(set(lags))), int(steps), SWEEP_HIDDEN, int(seed))


class Reporter:
    """A sweep callback that moves a progress bar at most once per percent and stops at the time limit.

    show(fraction, eta_seconds) draws; the callback returns True (stop) once the time limit has passed.
    """

    def __init__(self, show: Callable[[float, float], None], limit: float = limits.SWEEP_TIME_LIMIT):
        self.show, self.limit, self.shown = show, limit, -1
        self.start = time.perf_counter()

    def __call__(self, done: int, total: int, elapsed: float) -> bool:
        percent = int(100 * done / total)
        if percent != self.shown:
            self.shown = percent
            fraction = done / total
            eta = elapsed / fraction * (1 - fraction) if fraction > 0 else math.nan
            self.show(fraction, eta)
        return time.perf_counter() - self.start > self.limit


def sweep_figure(
    sweep: Mapping, names: Mapping[str, str], y_key: str, baseline_name: str, labels
) -> go.Figure:
    """Metric against lag, one line per architecture (names: kind -> display name), the baseline dotted."""
    lags = np.asarray(sweep["lags"])
    series = {names[kind]: np.asarray(values, dtype=np.float64) for kind, values in sweep["models"].items()}
    x_values = {names[kind]: lags[: len(values)] for kind, values in sweep["models"].items()}
    fig = figures.line_traces(series, y_key, x_values=x_values, x_title_key="lag", labels=labels)
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
    return fig
