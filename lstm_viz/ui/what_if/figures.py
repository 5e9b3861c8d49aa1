"""The What if page's figures, cached as figure dicts by plain values (the view's keys, the language).

- before / after / difference: one sequence's quantity as time x unit heatmaps. Before and after share one
  colour range and the difference (after - before, a diverging "state" scale) uses the same size: for a state
  all three are (-m, m) with m the largest |value| of the three; for a gate before and after are [0, 1] and
  the difference [-1, 1], the widest a gate can move.
- the memory curves: R^2 against lag k, one line per architecture, its capacity in the legend.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from lstm_viz import figures
from lstm_viz.engine.trace import trace_key

from ..strings import strings_for
from ..task_names import make_task
from . import cache

DIFFERENCE = "difference"  # the quantity of a difference heatmap: a "state" scale, its name "q.difference"


@st.cache_data(max_entries=24, show_spinner=False)
def effect_heatmaps(
    view: cache.EffectView, quantity: str, arch: str, lang: str, max_numbers: int
) -> tuple[list[tuple[str, dict]], np.ndarray]:
    """([(title, figure dict)] of `quantity` before, after and their difference, and the difference (T, H)),
    for the view's sample, layer and direction."""
    s = strings_for(lang)
    result = cache.effect(view)
    key = trace_key(view.layer, quantity, view.reverse)
    before, after = result["traces"]
    difference = after[key][0] - before[key][0]  # (T, H)
    if figures.quantity_kind(quantity) == "gate":
        zrange, spread = (0.0, 1.0), (-1.0, 1.0)
    else:
        zrange = spread = figures.shared_zrange([before[key], after[key], difference], quantity)
    name = s(f"q.{quantity}")
    vocab = getattr(make_task(view.task_name, view.length), "vocab", None)  # a symbolic input: its symbols
    panels = []
    for moment, trace in (("before", before), ("after", after)):
        title = s(f"wi_fig_{moment}", quantity=name, arch=arch)
        fig = figures.gates_heatmap(
            trace, key, sample=0, zrange=zrange, labels=s, title=title, max_numbers=max_numbers, vocab=vocab
        )
        panels.append((title, fig.to_plotly_json()))
    title = s("wi_fig_difference", quantity=name, arch=arch)
    fig = figures.heatmap(
        difference.T, DIFFERENCE, zrange=spread, labels=s, title=title, max_numbers=max_numbers
    )
    panels.append((title, fig.to_plotly_json()))
    return panels, difference


@st.cache_data(max_entries=16, show_spinner=False)
def curves_figure(curves: tuple[tuple[str, tuple], ...], max_lag: int, lang: str) -> dict:
    """R^2 against lag for each (architecture name, curve key for cache.curve) that has a curve."""
    s = strings_for(lang)
    series, lags = {}, None
    for arch, curve_key in curves:
        found = cache.curve(*curve_key)
        if "error" in found:
            continue
        series[s("wi_curve_legend", arch=arch, capacity=f"{found['capacity']:.2f}")] = found["r2"]
        lags = found["lags"]
    fig = figures.line_traces(
        series, "wi_r2_axis", x_values=lags, x_title_key="wi_lag_axis", labels=s,
        title=s("wi_curve_title", max_lag=max_lag),
    )  # fmt: skip
    fig.add_hline(y=0, line={"color": "grey", "dash": "dot", "width": 1})
    return fig.to_plotly_json()
