"""The numbers behind the Vanishing gradients page, from cached engine calls, as plain arrays and floats.

For each architecture: ||dL/dh_t|| per step (batch mean, top layer, forward direction) with its fitted decay,
the same after clipping; for the LSTM its forget gates and the forget carousel prod f_k; for the RNN the
largest singular value and spectral radius of W_hh and how saturated its units are. The loss is the task
loss at the last step of the recorded batch (engine_cache.trace_for, or probed_trace for a changed copy of
the model), so tests can rebuild every number with the engine alone. A ModelView is built once per view and
shared by every session (`st.cache_resource`); nothing changes it afterwards.

Clipping here is what `training.train` does to a gradient, applied to one vector we can draw: all the
state gradients dL/dh_t of the batch stacked together (B, T, H). If its global L2 norm exceeds the threshold
the whole vector is scaled down to that norm, so every per-step norm shown after clipping is at most the
threshold, and the shape of the curve (its decay per step) does not change.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from lstm_viz.engine import grads
from lstm_viz.engine.kinds import has_forget_gate
from lstm_viz.engine.trace import Trace, trace_key
from lstm_viz.training import probes

from . import engine_cache as cache
from . import probe_cache
from .context import Context

SATURATED = 0.99  # |tanh| above this has slope 1 - 0.99^2 < 0.02: the gradient barely passes
OPEN_FACTOR = 0.9  # a fitted decay per step at least this close to 1 counts as a path that stays open


def option_value(text: str) -> float | None:
    """A choice of the rho / fbias / clip controls as a number; None for "own" and "off"."""
    return None if text in ("own", "off") else float(text)


@dataclass
class ModelView:
    """What the page draws for one architecture (all arrays over time steps t = 0..T-1)."""

    context: Context
    trace: Trace
    norms: np.ndarray  # (T,) ||dL/dh_t||
    fit: grads.DecayFit
    clip: probes.Clip
    clipped: np.ndarray  # (T,) ||dL/dh_t|| after clipping
    mean_forget: float | None = None  # mean forget gate over batch, steps and units, LSTM
    best_forget: float | None = None  # the largest per-unit mean forget gate, LSTM
    best_carry: float | None = None  # the largest per-unit mean of prod f_k from step 0 to the end, LSTM
    sigma_max: float | None = None  # largest singular value of W_hh, RNN
    radius: float | None = None  # spectral radius of W_hh, RNN
    saturated: float | None = None  # share of (sample, step, unit) with |h| > SATURATED, RNN

    @property
    def key(self) -> str:
        """The top layer's forward-direction trace key prefix, e.g. "l0"."""
        return f"l{self.trace.meta['num_layers'] - 1}"

    @property
    def span(self) -> float:
        """max / min of the per-step norms: how many orders of magnitude the curve covers (as a ratio)."""
        finite = self.norms[np.isfinite(self.norms) & (self.norms > 0)]
        return float(finite.max() / finite.min()) if finite.size else float("nan")

    @property
    def keeps_path(self) -> bool:
        """True when the gradient loses at most 10% per step back on average (fitted decay factor)."""
        return bool(self.fit.factor >= OPEN_FACTOR)

    @property
    def last_over_first(self) -> float:
        return float(self.norms[-1] / self.norms[0]) if self.norms[0] > 0 else float("inf")


@st.cache_resource(max_entries=24, show_spinner=False)
def model_view(
    context: Context, rho: float | None, forget_bias: float | None, clip: float | None
) -> ModelView:
    """The ModelView of one architecture; rho applies to an RNN, forget_bias to an LSTM with a forget gate."""
    rho = rho if context.kind == "rnn" else None
    has_forget = has_forget_gate(context.kind, context.variant)
    forget_bias = forget_bias if has_forget else None
    result = probe_cache.probed_trace(*context.trace_args, rho, forget_bias)
    trace = result["trace"]
    top = trace.meta["num_layers"] - 1
    norms = grads.state_grad_norms(trace, "hidden", layer=top)
    clipping = probes.clip_by_global_norm(trace[trace_key(top, "hidden_grad")], clip)
    view = ModelView(
        context=context,
        trace=trace,
        norms=norms,
        fit=grads.fit_decay(norms),
        clip=clipping,
        clipped=norms * clipping.factor,
        sigma_max=result.get("sigma_max"),
        radius=result.get("radius"),
    )
    if context.kind == "rnn":
        view.saturated = float((np.abs(trace[trace_key(top, "hidden")]) > SATURATED).mean())
    if context.kind == "lstm":
        forget = trace[trace_key(top, "forget_gate")]  # (B, T, H)
        view.mean_forget = float(forget.mean())
        view.best_forget = float(forget.mean(axis=(0, 1)).max())
        view.best_carry = float(grads.forget_carousel(trace, layer=top)[:, 0].mean(axis=0).max())
    return view


def log_range(arrays) -> list[float]:
    """A log10 y-axis range that fits the finite positive values of `arrays` with one decade to spare, so a
    bound far above them (sigma_max > 1 makes it astronomically large) does not flatten the measured lines."""
    values = np.concatenate([np.asarray(a, dtype=np.float64).ravel() for a in arrays])
    values = values[np.isfinite(values) & (values > 0)]
    if values.size == 0:
        return [-1.0, 1.0]
    return [float(np.log10(values.min())) - 1, float(np.log10(values.max())) + 1]


def pascanu_line(view: ModelView) -> np.ndarray:
    """The bound (sigma_max)^(T-1-t) * ||dL/dh_{T-1}|| on an RNN's ||dL/dh_t|| (the loss is at the end)."""
    return grads.pascanu_bound(view.sigma_max, view.norms.size) * float(view.norms[-1])


def carousel(view: ModelView, sample: int) -> np.ndarray:
    """prod_{k=t+1..T-1} f_k of one sequence, (H, T): how much of c_t reaches the last step along the cell."""
    return grads.forget_carousel(view.trace, layer=view.trace.meta["num_layers"] - 1)[sample].T


def snapshots(context: Context) -> tuple[np.ndarray, np.ndarray] | None:
    """(training steps (S,), ||dL/dh_t|| (S, T)) from the run's gradient-flow snapshots, or None."""
    if context.source == "fresh":
        return None
    history = cache.run_of(context.source, context.run_name).history
    if not history.snapshot_steps:
        return None
    return np.asarray(history.snapshot_steps), np.stack(history.hidden_grad_norms)
