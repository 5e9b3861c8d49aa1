"""Gradient diagnostics: how far back a recurrent network can hear the loss, measured from a Trace.

- `state_grad_norms`: ||dL/dh_t|| (or ||dL/dc_t||) per step, behind every vanishing-gradient plot.
- `saliency`: |dL/dx_t| per sample and step: which inputs the loss is sensitive to.
- `jacobian_norms`: ||dh_T/dh_t|| for one sequence, exactly, by backpropagating each unit of h_T at once.
- `forget_carousel`: prod_{k=t+1..T} f_k per unit, the direct cell path ("constant error carousel").
- `largest_singular_value` and `pascanu_bound`: Pascanu, Mikolov & Bengio 2013: for a tanh RNN,
  ||dh_T/dh_t|| <= (gamma * sigma_max(W_hh))^(T-t) with gamma = max|tanh'| = 1, so sigma_max < 1 vanishes.
- `saturation_fractions`: share of steps each gate unit spends below 0.1 or above 0.9 (Karpathy,
  Johnson & Fei-Fei 2015).
- `fit_decay`: the per-step factor by which a gradient norm shrinks with lag, from a least-squares line.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from .kinds import GATE_QUANTITIES
from .trace import Trace, trace_key


def state_grad_norms(
    trace: Trace, quantity: str = "hidden", layer: int = 0, reverse: bool = False, per_sample: bool = False
) -> np.ndarray:
    """L2 norm over units of dL/d{quantity}_t: (T,) averaged over the batch, or (B, T) with per_sample."""
    norms = np.linalg.norm(trace[trace_key(layer, f"{quantity}_grad", reverse)], axis=-1)  # (B, T)
    return norms if per_sample else norms.mean(axis=0)


def saliency(trace: Trace) -> np.ndarray:
    """|dL/dx_t|, the L2 norm over input features of the input gradient: (B, T)."""
    return np.linalg.norm(trace["input_grad"], axis=-1)


def jacobian_norms(core, x, layer: int = 0, order=2) -> np.ndarray:
    """||dh_T / dh_t|| for t = 0..T-1 of one sequence x (T, I) or (1, T, I): (T,).

    h_T is the last step of the top layer's forward direction; h_t that of `layer` (forward direction).
    The sequence is repeated once per unit k of h_T with the loss h_T[k], so one backward pass gives row k of
    every Jacobian. order: 2 (spectral norm) or "fro".
    """
    x = torch.as_tensor(x, dtype=torch.float32)
    x = x.reshape(1, *x.shape[-2:])
    hidden = core.hidden_size
    units = torch.arange(hidden)
    repeated = x.expand(hidden, -1, -1).contiguous()  # (H, T, I)

    def last_state_units(output):  # sum_k h_T[k] of copy k; output (H, T, D*H)
        return output[units, -1, units].sum()

    _, trace = core.run_with_trace(repeated, loss_fn=last_state_units)
    jacobians = trace[trace_key(layer, "hidden_grad")].transpose(1, 0, 2)  # (T, H_out, H_t)
    return np.linalg.norm(jacobians, ord=order, axis=(1, 2))


def forget_carousel(trace: Trace, layer: int = 0, reverse: bool = False) -> np.ndarray:
    """prod_{k=t+1..T} f_k for every sample, step and unit: (B, T, H); 1 at the last step of the direction.

    This is d c_T / d c_t along the cell path alone: how much of the cell state at t survives to the end.
    """
    forget = trace[trace_key(layer, "forget_gate", reverse)].astype(np.float64)  # (B, T, H)
    if reverse:
        forget = forget[:, ::-1]
    later = np.concatenate([forget[:, 1:], np.ones_like(forget[:, :1])], axis=1)  # f_{t+1}, 1 at the end
    product = np.cumprod(later[:, ::-1], axis=1)[:, ::-1]
    if reverse:
        product = product[:, ::-1]
    return product.astype(np.float32)


def largest_singular_value(core, layer: int = 0, reverse: bool = False) -> float:
    """sigma_max of the recurrent matrix W_hh (of all gates stacked, for the GRU and LSTM)."""
    weight = getattr(core, f"weight_hh_l{layer}{'_reverse' if reverse else ''}").detach().double()
    return float(torch.linalg.matrix_norm(weight, ord=2))


def pascanu_bound(sigma_max: float, length: int, gamma: float = 1.0) -> np.ndarray:
    """(gamma * sigma_max)^(T-1-t) for t = 0..T-1: the upper bound on ||dh_T/dh_t|| of a tanh RNN."""
    lags = np.arange(length - 1, -1, -1, dtype=np.float64)
    with np.errstate(over="ignore"):
        return (gamma * sigma_max) ** lags


def saturation_fractions(
    trace: Trace, layer: int = 0, reverse: bool = False, low: float = 0.1, high: float = 0.9
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """{gate: (left (H,), right (H,))}: fraction of (sample, step) pairs with value < low, and > high."""
    fractions = {}
    for quantity in trace.quantities(layer, reverse):
        if quantity in GATE_QUANTITIES:
            values = trace[trace_key(layer, quantity, reverse)]  # (B, T, H)
            fractions[quantity] = ((values < low).mean(axis=(0, 1)), (values > high).mean(axis=(0, 1)))
    return fractions


@dataclass(frozen=True)
class DecayFit:
    """log10 ||g|| ~ intercept + log10_per_step * lag; factor = 10 ** log10_per_step per step of lag."""

    factor: float
    log10_per_step: float
    intercept: float
    points: int


def fit_decay(norms, reverse: bool = False) -> DecayFit:
    """Fit the per-step decay of a gradient norm (T,) against lag = steps back from the end of the sequence.

    Steps whose norm is zero or not finite are left out; fewer than two usable points gives NaNs.
    """
    norms = np.asarray(norms, dtype=np.float64)
    lags = np.arange(norms.size)[::-1] if not reverse else np.arange(norms.size)
    usable = np.isfinite(norms) & (norms > 0)
    if usable.sum() < 2:
        return DecayFit(float("nan"), float("nan"), float("nan"), int(usable.sum()))
    slope, intercept = np.polyfit(lags[usable], np.log10(norms[usable]), 1)
    return DecayFit(float(10**slope), float(slope), float(intercept), int(usable.sum()))
