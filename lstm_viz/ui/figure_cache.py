"""Figures cached by plain values: a figure is built once per view, and a rerun only moves its step marker.

Building a Plotly figure (validation, subplots) costs far more than sending it, and moving the time-step
slider changes nothing but the marker. So a gates heatmap is cached as a dict without a marker, keyed by the
view's Context and plain options, and `figures.mark_time` adds the marker for the step shown. Figures
without a marker (the saturation scatter, the gradient-norm lines, the activation curves, the cell diagram
of one step) are cached whole.
"""

from __future__ import annotations

import streamlit as st

from lstm_viz import figures
from lstm_viz.engine import grads

from . import engine_cache as cache
from .context import Context
from .strings import strings_for


@st.cache_data(max_entries=96, show_spinner=False)
def gates_heatmap_spec(
    context: Context, key: str, units: tuple[int, ...], zrange, title: str, max_numbers: int
) -> dict:
    """figures.gates_heatmap of the view's trace (its sample), without a step marker, as a figure dict."""
    fig = figures.gates_heatmap(
        context.trace(), key, sample=context.sample, units=list(units), zrange=zrange, labels=context.strings,
        title=title, max_numbers=max_numbers, vocab=getattr(context.task(), "vocab", None),
    )  # fmt: skip
    return fig.to_plotly_json()


def gates_heatmap(context: Context, key: str, units, t: int, zrange, title: str, max_numbers: int) -> dict:
    """The cached heatmap with the marker at step t."""
    zrange = None if zrange is None else tuple(float(v) for v in zrange)
    units = tuple(int(u) for u in units)
    return figures.mark_time(gates_heatmap_spec(context, key, units, zrange, title, max_numbers), t)


@st.cache_data(max_entries=32, show_spinner=False)
def saturation_scatter(context: Context, layer: int, reverse: bool) -> dict | None:
    """The gate-saturation scatter of a view as a figure dict, or None when the cell has no gates."""
    fractions = grads.saturation_fractions(context.trace(), layer, reverse)
    if not fractions:
        return None
    return figures.saturation_scatter(fractions, labels=context.strings).to_plotly_json()


@st.cache_data(max_entries=16, show_spinner=False)
def grad_norm_lines(contexts: tuple[Context, ...], title: str) -> dict:
    """||dL/dh_t|| of each view in contexts, one line each with its fitted decay, as a figure dict."""
    norms, fits = {}, {}
    for context in contexts:
        result = cache.grad_norms(*context.trace_args)
        norms[context.arch_label()], fits[context.arch_label()] = result["norms"], result["fit"]
    return figures.grad_norm_lines(norms, fits=fits, labels=contexts[0].strings, title=title).to_plotly_json()


@st.cache_data(max_entries=32, show_spinner=False)
def activation_curves(leaky_slope: float, lang: str) -> dict:
    """figures.activation_curves as a figure dict."""
    return figures.activation_curves(leaky_slope=leaky_slope, labels=strings_for(lang)).to_plotly_json()


@st.cache_data(max_entries=32, show_spinner=False)
def derivative_products(k_max: int, leaky_slope: float, seed: int, lang: str) -> dict:
    """figures.derivative_products as a figure dict."""
    fig = figures.derivative_products(
        k_max=k_max, leaky_slope=leaky_slope, seed=seed, labels=strings_for(lang)
    )
    return fig.to_plotly_json()


@st.cache_data(max_entries=64, show_spinner=False)
def cell_diagram(kind: str, variant: str, nonlinearity: str, values: dict[str, float], lang: str) -> dict:
    """figures.cell_diagram of one unit's step (values as in StepNumbers.values) as a figure dict."""
    fig = figures.cell_diagram(
        kind, values, labels=strings_for(lang), variant=variant, nonlinearity=nonlinearity
    )
    return fig.to_plotly_json()
