"""The numbers behind the Vanishing gradients page, from cached engine calls, as plain arrays and floats.

For each architecture: ||dL/dh_t|| per step (batch mean, of the chosen layer and direction: the top layer's
forward direction by default) with its fitted decay, the same after clipping; for the LSTM its forget gates
and the forget carousel prod f_k; for the RNN the largest singular value and spectral radius of W_hh and how
saturated its units are. The loss is the task
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
BOUND_HEADROOM = 3  # decades the gradient plot may extend above the measured lines to show the bound


def option_value(text: str) -> float | None:
    """A choice of the rho / fbias / clip controls as a number; None for "own" and "off"."""
    return None if text in ("own", "off") else float(text)


@dataclass
class ModelView:
    """What the page draws for one architecture (all arrays over time steps t = 0..T-1)."""

    context: Context
    trace: Trace
    layer: int  # the layer shown (the view's own top layer when the chosen one is deeper than it has)
    reverse: bool  # the direction shown
    norms: np.ndarray  # (T,) ||dL/dh_t||
    fit: grads.DecayFit
    clip: probes.Clip
    clipped: np.ndarray  # (T,) ||dL/dh_t|| after clipping
    mean_forget: float | None = None  # mean forget gate over batch, steps and units, LSTM
    best_forget: float | None = None  # the largest per-unit mean forget gate, LSTM
    best_carry: float | None = None  # the largest per-unit mean of prod f_k from step 0 to the end, LSTM
    sigma_max: float | None = None  # largest singular value of W_hh of the layer and direction, RNN
    radius: float | None = None  # spectral radius of that W_hh, RNN
    saturated: float | None = None  # share of (sample, step, unit) where the slope is about 0, RNN: |h| >
    # SATURATED for tanh, h = 0 (inactive) for ReLU

    def key(self, quantity: str) -> str:
        """The trace key of a quantity in the layer and direction shown, e.g. "l1.reverse.hidden_grad"."""
        return trace_key(self.layer, quantity, self.reverse)

    @property
    def loss_enters_here(self) -> bool:
        """Whether the loss at the last step reaches this layer and direction at its last step directly: the
        top layer's forward direction, the one the Pascanu bound (a product of W_hh back from there) is
        for."""
        return self.layer == self.trace.meta["num_layers"] - 1 and not self.reverse

    @property
    def span(self) -> float:
        """max / min of the per-step norms: how many orders of magnitude the curve covers (as a ratio)."""
        finite = self.norms[np.isfinite(self.norms) & (self.norms > 0)]
        return float(finite.max() / finite.min()) if finite.size else float("nan")

    @property
    def keeps_path(self) -> bool:
        """True when the gradient loses at most 10% per step back on average (fitted decay factor)."""
        return bool(self.fit.factor >= OPEN_FACTOR)


@st.cache_resource(max_entries=24, show_spinner=False)
def model_view(
    context: Context,
    rho: float | None,
    forget_bias: float | None,
    clip: float | None,
    layer: int | None = None,
    reverse: bool = False,
) -> ModelView:
    """The ModelView of one architecture in `layer` (default and at most its top layer) and direction (the
    forward one if it has no other); rho applies to an RNN, forget_bias to an LSTM with a forget gate."""
    rho = rho if context.kind == "rnn" else None
    has_forget = has_forget_gate(context.kind, context.variant)
    forget_bias = forget_bias if has_forget else None
    result = probe_cache.probed_trace(*context.trace_args, rho, forget_bias)
    trace = result["trace"]
    top = trace.meta["num_layers"] - 1
    layer = top if layer is None else min(layer, top)
    reverse = reverse and trace.meta["bidirectional"]
    norms = grads.state_grad_norms(trace, "hidden", layer=layer, reverse=reverse)
    clipping = probes.clip_by_global_norm(trace[trace_key(layer, "hidden_grad", reverse)], clip)
    view = ModelView(
        context=context,
        trace=trace,
        layer=layer,
        reverse=reverse,
        norms=norms,
        fit=grads.fit_decay(norms, reverse=reverse),
        clip=clipping,
        clipped=norms * clipping.factor,
        sigma_max=result["sigma_max"][layer, reverse] if "sigma_max" in result else None,
        radius=result["radius"][layer, reverse] if "radius" in result else None,
    )
    if context.kind == "rnn":
        hidden = trace[view.key("hidden")]  # (B, T, H)
        flat = hidden <= 0 if context.nonlinearity == "relu" else np.abs(hidden) > SATURATED
        view.saturated = float(flat.mean())
    if context.kind == "lstm":
        forget = trace[view.key("forget_gate")]  # (B, T, H)
        view.mean_forget = float(forget.mean())
        view.best_forget = float(forget.mean(axis=(0, 1)).max())
        first = -1 if reverse else 0  # the step the direction starts from
        carry = grads.forget_carousel(trace, layer=layer, reverse=reverse)[:, first]  # (B, H)
        view.best_carry = float(carry.mean(axis=0).max())
    return view


def _finite_logs(arrays) -> np.ndarray:
    values = np.concatenate([np.asarray(a, dtype=np.float64).ravel() for a in arrays])
    return np.log10(values[np.isfinite(values) & (values > 0)])


def log_range(arrays, bound=None) -> list[float]:
    """A log10 y-axis range that fits the finite positive values of `arrays` with one decade to spare, and
    reaches up to BOUND_HEADROOM decades higher where `bound` (T,) goes there: the bound's climb stays in
    view, but one that is astronomically large (sigma_max > 1) does not flatten the measured lines."""
    logs = _finite_logs(arrays)
    if logs.size == 0:
        return [-1.0, 1.0]
    low, high = float(logs.min()) - 1, float(logs.max()) + 1
    bound_logs = _finite_logs([bound]) if bound is not None else logs[:0]
    if bound_logs.size:
        high = max(high, min(float(bound_logs.max()), high + BOUND_HEADROOM))
    return [low, high]


def has_bound(view: ModelView) -> bool:
    """Whether the page draws the Pascanu bound for this view: an RNN, in the layer and direction the loss
    enters at the last step."""
    return view.sigma_max is not None and view.loss_enters_here


@dataclass(frozen=True)
class BoundSummary:
    """The Pascanu bound of an RNN view as the caption states it."""

    sigma: float  # sigma_max of W_hh
    at_start: float  # the bound at step 0
    decades_above: float  # log10(bound / the RNN's own gradient) at step 0 (inf when the gradient is 0)
    leaves_at: int | None  # the last step where the bound is above the top of the chart, if it goes there


def bound_summary(rnn: ModelView, chart_top: float) -> BoundSummary:
    """The numbers behind the bound's caption; chart_top is the log10 top of the y axis (log_range)."""
    bound = pascanu_line(rnn)  # (T,)
    with np.errstate(divide="ignore"):
        decades = float(np.log10(bound[0]) - np.log10(rnn.norms[0]))
    above = np.flatnonzero(~(bound <= 10.0**chart_top))  # inf counts as above
    return BoundSummary(rnn.sigma_max, float(bound[0]), decades, int(above[-1]) if above.size else None)


def pascanu_line(view: ModelView) -> np.ndarray:
    """The bound (sigma_max)^(T-1-t) * ||dL/dh_{T-1}|| on an RNN's ||dL/dh_t|| (the loss is at the end)."""
    return grads.pascanu_bound(view.sigma_max, view.norms.size) * float(view.norms[-1])


def carousel(view: ModelView, sample: int) -> np.ndarray:
    """prod f_k over the later steps of the direction, of one sequence, (H, T): how much of c_t reaches the
    direction's last step along the cell."""
    return grads.forget_carousel(view.trace, layer=view.layer, reverse=view.reverse)[sample].T


def snapshots(context: Context) -> tuple[np.ndarray, np.ndarray] | None:
    """(training steps (S,), ||dL/dh_t|| (S, T)) from the run's gradient-flow snapshots, or None."""
    if context.source == "fresh":
        return None
    history = cache.run_of(context.source, context.run_name).history
    if not history.snapshot_steps:
        return None
    return np.asarray(history.snapshot_steps), np.stack(history.hidden_grad_norms)
