"""Figures of lag sweeps (`lstm_viz.sweeps`): how far back each architecture can learn, with the seed spread.

Two pictures per task, both against the lag (the steps between what must be remembered and where it is
needed):

- `metric_figure`: the held-out metric (accuracy, or a loss such as the MSE), one line per architecture =
  the median over seeds, in a band from the smallest to the largest seed's value; the level of a model that
  learned nothing (chance for an accuracy, the baseline loss for a loss) dotted grey.
- `steps_figure`: the updates each run needed to reach its task's threshold: one dot per run, the median per
  architecture as a line where at least half of the seeds learned, and the runs that never learned as crosses
  on a row of their own above the rest ("did not learn in N updates"), so none is silently dropped.

Inputs are plain: the per-(task, architecture, lag) dicts of `sweeps.summary.summarise` and the rows of the
`runs` table (dicts). Architectures keep the colours every other page gives them (the Okabe-Ito colour of
their place in `engine.kinds.KIND_NAMES`, as `line_traces` draws them) and a marker each. Visible text comes
from `labels` (keys of SWEEP_LABELS; the Chinese is in lstm_viz/ui/strings_zh_sweeps.py).
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from lstm_viz.engine.kinds import KIND_NAMES

from .style import LINE_COLOURS, Text, style

SWEEP_LABELS: dict[str, str] = {
    "sw.lag": "lag (steps)",
    "sw.metric.accuracy": "held-out accuracy",
    "sw.metric.mse": "held-out mean squared error",
    "sw.metric.loss": "held-out loss",
    "sw.metric.other": "held-out {metric}",
    "sw.baseline.accuracy": "chance (learned nothing)",
    "sw.baseline.loss": "baseline (learned nothing)",
    "sw.band": "{arch}: smallest to largest seed",
    "sw.steps": "updates to reach the threshold",
    "sw.never": "did not learn in {steps} updates",
    "sw.never_tick": "never",
    "sw.hover_median": "lag %{{customdata[0]}}<br>median %{{y:.4g}} over %{{customdata[1]}} seeds"
    "<br>smallest %{{customdata[2]:.4g}}, largest %{{customdata[3]:.4g}}",
    "sw.hover_run": "lag %{{customdata[0]}}, seed %{{customdata[1]}}<br>%{{customdata[2]}} updates",
    "sw.hover_never": "lag %{{customdata[0]}}, seed %{{customdata[1]}}<br>did not learn in "
    "%{{customdata[2]}} updates",
    "sw.hover_steps_median": "lag %{{customdata[0]}}<br>median %{{y:.0f}} updates"
    "<br>%{{customdata[1]}} of %{{customdata[2]}} seeds learned",
}
KIND_COLOURS = {kind: LINE_COLOURS[index] for index, kind in enumerate(KIND_NAMES)}  # as line_traces draws
KIND_MARKERS = {"rnn": "circle", "gru": "square", "lstm": "diamond"}
HIGHER_IS_BETTER = frozenset({"accuracy"})
NEVER_ROW = 1.2  # the row of runs that never learned, as a multiple of the largest step budget
HEIGHT = 430


def higher_is_better(metric_name: str) -> bool:
    """Whether a larger value of the metric is better (an accuracy) rather than worse (a loss)."""
    return metric_name in HIGHER_IS_BETTER


def learned_nothing(metric_name: str, baseline_loss: float) -> float:
    """The metric of a model that learned nothing: for an accuracy 1/K, the accuracy of guessing whose
    cross-entropy is the baseline log K; for a loss, the baseline loss itself."""
    return math.exp(-baseline_loss) if higher_is_better(metric_name) else float(baseline_loss)


def perfect(metric_name: str) -> float:
    """The metric of a perfect model: 1 for an accuracy, 0 for a loss."""
    return 1.0 if higher_is_better(metric_name) else 0.0


def architectures(items: Iterable[Mapping]) -> list[str]:
    """The architectures of summary entries or rows, in the app's order (KIND_NAMES first, others after)."""
    found = {item["architecture"] for item in items}
    order = {kind: index for index, kind in enumerate(KIND_NAMES)}
    return sorted(found, key=lambda kind: (order.get(kind, len(order)), kind))


def colour(kind: str, index: int) -> str:
    """An architecture's colour: its own for the app's three, else the next Okabe-Ito colour by position."""
    return KIND_COLOURS.get(kind, LINE_COLOURS[(len(KIND_NAMES) + index) % len(LINE_COLOURS)])


def _rgba(hex_colour: str, alpha: float) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {alpha})"


def metric_title_key(metric_name: str) -> str:
    return f"sw.metric.{metric_name}" if metric_name in ("accuracy", "mse", "loss") else "sw.metric.other"


def _lag_axis(fig: go.Figure, lags: Sequence[int], lab: Text) -> None:
    """The lag axis, logarithmic when the lags span ten times or more, ticked at the lags swept."""
    lags = sorted(set(int(lag) for lag in lags))
    log = len(lags) > 1 and lags[0] > 0 and lags[-1] / lags[0] >= 10
    fig.update_xaxes(title={"text": lab("sw.lag")}, type="log" if log else "linear", tickvals=lags)


def _shifted(lags: np.ndarray, index: int, count: int, log: bool, span: float) -> np.ndarray:
    """Lags (N,) moved a little sideways for architecture `index` of `count`, so that dots at the same lag do
    not hide each other (the hover still names the true lag); span: the lag axis' extent (a linear axis)."""
    offset = (index - (count - 1) / 2) * 0.025
    return lags * 10**offset if log else lags + offset * max(span, 1.0)


def baselines(summary: Sequence[Mapping]) -> dict[int, float]:
    """{lag: baseline loss} of one task's summary entries (the median over its architectures)."""
    found: dict[int, list[float]] = {}
    for entry in summary:
        if entry.get("baseline_loss") is not None and math.isfinite(entry["baseline_loss"]):
            found.setdefault(int(entry["lag"]), []).append(float(entry["baseline_loss"]))
    return {lag: float(np.median(values)) for lag, values in sorted(found.items())}


def metric_figure(
    summary: Sequence[Mapping],
    names: Mapping[str, str],
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
) -> go.Figure:
    """The metric against lag for one task: summary entries of that task (one per architecture and lag,
    `summarise`'s dicts, with their `baseline_loss`), names {architecture: display name}.

    Per architecture, in this trace order: the band's upper edge (max), its lower edge (min, filled up to the
    max), the median line; then the learned-nothing level."""
    lab = Text({**SWEEP_LABELS, **(labels or {})})
    metric_name = summary[0]["metric_name"] if summary else "accuracy"
    fig = go.Figure()
    kinds = architectures(summary)
    for index, kind in enumerate(kinds):
        entries = sorted((e for e in summary if e["architecture"] == kind), key=lambda e: e["lag"])
        lags = np.array([e["lag"] for e in entries], dtype=np.int64)  # (L,)
        median, low, high = (
            np.array([e[key] for e in entries], dtype=np.float64) for key in ("median", "min", "max")
        )  # (L,) each
        custom = np.column_stack([lags, [e["n"] for e in entries], low, high])  # (L, 4)
        line_colour, name = colour(kind, index), names.get(kind, kind)
        band = {"legendgroup": kind, "mode": "lines", "line": {"width": 0}, "hoverinfo": "skip"}
        fig.add_trace(go.Scatter(x=lags, y=high, showlegend=False, name=lab("sw.band", arch=name), **band))
        fig.add_trace(
            go.Scatter(
                x=lags, y=low, fill="tonexty", fillcolor=_rgba(line_colour, 0.18), showlegend=False,
                name=lab("sw.band", arch=name), **band,
            )
        )  # fmt: skip
        fig.add_trace(
            go.Scatter(
                x=lags, y=median, name=name, legendgroup=kind, mode="lines+markers", customdata=custom,
                line={"color": line_colour, "width": 3, "dash": "dash" if kind == "lstm" else "solid"},
                marker={"symbol": KIND_MARKERS.get(kind, "circle"), "size": 10, "color": line_colour},
                hovertemplate=f"{name}<br>{lab('sw.hover_median')}<extra></extra>",
            )
        )  # fmt: skip
    base = baselines(summary)
    lags = sorted(base)
    base_key = "sw.baseline.accuracy" if higher_is_better(metric_name) else "sw.baseline.loss"
    fig.add_trace(
        go.Scatter(
            x=np.array(lags, dtype=np.int64),
            y=np.array([learned_nothing(metric_name, base[lag]) for lag in lags], dtype=np.float64),
            name=lab(base_key), mode="lines", line={"color": "grey", "dash": "dot", "width": 2},
            hovertemplate="%{y:.4g}<extra></extra>",
        )
    )  # fmt: skip
    _lag_axis(fig, [e["lag"] for e in summary] or lags, lab)
    fig.update_yaxes(title={"text": lab(metric_title_key(metric_name), metric=html.escape(str(metric_name)))})
    if higher_is_better(metric_name):
        fig.update_yaxes(range=[-0.03, 1.03])
    else:
        fig.update_yaxes(rangemode="tozero")
    return style(fig, title, HEIGHT, legend_corner="above")


def steps_figure(
    rows: Sequence[Mapping],
    summary: Sequence[Mapping],
    names: Mapping[str, str],
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
) -> go.Figure:
    """Steps to learn against lag for one task: rows (the runs of that task, with `steps_to_threshold` None
    for a run that never reached the threshold) and the task's summary entries.

    Per architecture, in this trace order: its runs that learned (dots at their step), the median (a line,
    `summary`'s `steps_to_threshold`, gaps where fewer than half of the seeds learned), its runs that never
    learned (crosses on the row "never", at NEVER_ROW times the largest step budget); last, when there are
    crosses, one grey legend entry that says what a cross is."""
    lab = Text({**SWEEP_LABELS, **(labels or {})})
    rows = [row for row in rows if not row.get("error")]
    budget = max((int(row["steps"]) for row in rows), default=1)
    never_y = NEVER_ROW * budget
    lags_all = sorted({int(row["lag"]) for row in rows})
    log = len(lags_all) > 1 and lags_all[0] > 0 and lags_all[-1] / lags_all[0] >= 10
    span = float(lags_all[-1] - lags_all[0]) if lags_all else 1.0
    fig = go.Figure()
    kinds = architectures([*rows, *summary])
    for index, kind in enumerate(kinds):
        line_colour, name = colour(kind, index), names.get(kind, kind)
        mine = sorted((r for r in rows if r["architecture"] == kind), key=lambda r: (r["lag"], r["seed"]))
        learned = [r for r in mine if r.get("steps_to_threshold") is not None]
        never = [r for r in mine if r.get("steps_to_threshold") is None]
        shift = {"index": index, "count": len(kinds), "log": log, "span": span}
        dots = _runs_trace(learned, [r["steps_to_threshold"] for r in learned], "steps_to_threshold", **shift)
        dots.update(
            name=name, showlegend=False, hovertemplate=f"{name}<br>{lab('sw.hover_run')}<extra></extra>"
        )
        dots.marker.update(symbol=KIND_MARKERS.get(kind, "circle"), size=9, opacity=0.55)
        crosses = _runs_trace(never, [never_y] * len(never), "steps", **shift)
        crosses.update(
            name=name, showlegend=False, hovertemplate=f"{name}<br>{lab('sw.hover_never')}<extra></extra>"
        )
        crosses.marker.update(symbol="x-thin-open", size=12)
        for trace in (dots, _steps_median(summary, kind, name, line_colour, lab), crosses):
            trace.update(legendgroup=kind)
            if trace.mode == "markers":
                trace.marker.update(color=line_colour, line={"width": 2, "color": line_colour})
            fig.add_trace(trace)
    if any(row.get("steps_to_threshold") is None for row in rows):  # one legend entry explains every cross
        fig.add_trace(
            go.Scatter(
                x=[None], y=[None], mode="markers", name=lab("sw.never", steps=budget), hoverinfo="skip",
                marker={"symbol": "x-thin-open", "size": 12, "color": "grey", "line": {"width": 2}},
            )
        )  # fmt: skip
    fig.add_hline(y=never_y, line={"color": "grey", "dash": "dot", "width": 1})
    _lag_axis(fig, lags_all, lab)
    ticks = _nice_ticks(budget)
    fig.update_yaxes(
        title={"text": lab("sw.steps")}, range=[0, never_y * 1.08], tickvals=[*ticks, never_y],
        ticktext=[f"{tick:g}" for tick in ticks] + [lab("sw.never_tick")],
    )  # fmt: skip
    return style(fig, title, HEIGHT, legend_corner="above")


def _nice_ticks(high: float) -> list[float]:
    """Ticks from 0 to `high` at a round step (1, 2 or 5 times a power of ten), four or five of them."""
    raw = max(high, 1) / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(power * m for m in (1, 2, 5, 10) if power * m >= raw)
    return [float(v) for v in np.arange(0, high + step / 2, step) if v <= high]


def _runs_trace(group: Sequence[Mapping], y, steps_key: str, **shift) -> go.Scatter:
    """Dots for runs (rows) at heights y, moved sideways by architecture; the hover gets (lag, seed, the
    row's `steps_key`)."""
    lags = np.array([r["lag"] for r in group], dtype=np.float64)  # (N,)
    return go.Scatter(
        x=_shifted(lags, **shift), y=np.array(y, dtype=np.float64), mode="markers",
        customdata=[[r["lag"], r["seed"], r[steps_key]] for r in group],
    )  # fmt: skip


def _steps_median(
    summary: Sequence[Mapping], kind: str, name: str, line_colour: str, lab: Text
) -> go.Scatter:
    """The median steps to learn of one architecture (None where fewer than half of its seeds learned)."""
    entries = sorted((e for e in summary if e["architecture"] == kind), key=lambda e: e["lag"])
    y = np.array(
        [math.nan if e["steps_to_threshold"] is None else e["steps_to_threshold"] for e in entries],
        dtype=np.float64,
    )
    return go.Scatter(
        x=np.array([e["lag"] for e in entries], dtype=np.int64), y=y, name=name, legendgroup=kind,
        mode="lines+markers", customdata=[[e["lag"], e["learned"], e["n"]] for e in entries],
        line={"color": line_colour, "width": 3, "dash": "dash" if kind == "lstm" else "solid"},
        marker={"symbol": KIND_MARKERS.get(kind, "circle"), "size": 11, "color": line_colour},
        hovertemplate=f"{name}<br>{lab('sw.hover_steps_median')}<extra></extra>",
    )  # fmt: skip
