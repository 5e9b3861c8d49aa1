"""The figures of the Long-range dependencies page that every visit draws, cached as figure dicts.

The shipped lag sweep, the saliency heatmaps and the memory-unit lines depend on plain values only (the task,
the language, the three Contexts, the sample), so a rerun reuses them instead of rebuilding them. A live
sweep belongs to one session and is drawn by the page.
"""

from __future__ import annotations

import math

import numpy as np
import streamlit as st

from lstm_viz import figures
from lstm_viz.engine import grads
from lstm_viz.engine.kinds import KIND_NAMES
from lstm_viz.training import lag_sweep

from . import long_range_data as data
from . import probe_cache, sweep_store
from .context import Context
from .strings import strings_for

Y_KEYS = {"accuracy": "lr_accuracy", "mse": "lr_mse"}  # a sweep's metric -> its axis title


def sweep_figure(sweep: dict, lang: str) -> dict:
    """A sweep (shipped or live) as the page draws it, metric against lag per architecture, as a dict."""
    s = strings_for(lang)
    names = {kind: s[f"kind_{kind}"] for kind in KIND_NAMES}
    return data.sweep_figure(sweep, names, Y_KEYS[sweep["metric"]], s["lr_baseline"], s).to_plotly_json()


@st.cache_data(max_entries=16, show_spinner=False)
def shipped_sweep(task_name: str, lang: str) -> dict:
    """The figure of the sweep shipped for a task that has one (sweep_store.shipped_sweep is not None)."""
    return sweep_figure(sweep_store.shipped_sweep(task_name), lang)


@st.cache_data(max_entries=24, show_spinner=False)
def saliency_panels(contexts: tuple[Context, ...]) -> list[tuple[str, dict, float | None]]:
    """Per architecture: (title, saliency heatmap over samples x steps as a figure dict, share of the
    saliency on the marked steps). The marks and the share only for tasks with marked inputs, else None."""
    s = contexts[0].strings
    task = contexts[0].task()
    traces = [c.trace() for c in contexts]
    saliencies = [grads.saliency(trace) for trace in traces]  # (B, T) each
    zrange = figures.shared_zrange(saliencies, "saliency")
    panels = []
    for context, trace, saliency in zip(contexts, traces, saliencies, strict=True):
        title = s("gates_fig_title", quantity=s["q.saliency"], arch=context.arch_label())
        fig = figures.heatmap(
            saliency, "saliency", y_title_key="sample", zrange=zrange, labels=s, title=title
        )
        share = None
        if context.task_name in lag_sweep.TASKS:
            marked, _ = task.marked_signal(trace.input)  # (B, T)
            data.mark_steps(fig, marked, s["lr_marked"])
            share = data.marked_share(saliency, marked)
        panels.append((title, fig.to_plotly_json(), share))
    return panels


def share_text(share: float) -> str:
    """A saliency share as the page shows it: a percentage, or a dash when there was no saliency at all."""
    return f"{share:.0%}" if math.isfinite(share) else "—"


@st.cache_data(max_entries=24, show_spinner=False)
def memory_panel(context: Context, layer: int, reverse: bool) -> tuple[dict, data.Hold]:
    """c_t of the LSTM units that hold the marked input in `layer` (at most the top one) and direction, for
    the view's sample, as a figure dict, and what the strongest of them does after the marked step; context is
    an LSTM on a task with marked inputs."""
    s = context.strings
    layer, reverse = min(layer, context.layers - 1), reverse and context.bidirectional
    memory = probe_cache.memory_cells(
        context.model_key, context.task_name, context.length, context.seed, layer=layer, reverse=reverse
    )
    sample = context.sample
    unit_names = [s("lr_unit", unit=int(u), r=f"{memory['scores'][u]:.2f}") for u in memory["units"]]
    marked_steps = np.flatnonzero(memory["marked"][sample])
    cell = memory["cell"][sample]  # (T, units)
    hold = data.memory_hold(cell[:, 0], marked_steps, int(memory["units"][0]))
    return data.memory_figure(cell, unit_names, marked_steps, s).to_plotly_json(), hold


def hold_text(s, hold: data.Hold, sample: int) -> str:
    """What the chart's strongest memory unit does from the marked step on, in the numbers shown."""
    return s(
        "lr_memory_measured",
        sample=sample,
        unit=hold.unit,
        step=hold.step,
        jump=f"{hold.jump:+.2f}",
        start=f"{hold.start:.2f}",
        end=f"{hold.end:.2f}",
        band=f"{hold.band:.2f}",
        verdict=s[f"lr_hold_{hold.verdict}"],
    )
