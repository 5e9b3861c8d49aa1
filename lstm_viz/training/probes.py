"""What-if probes for the gradient pages: change a copy of a model's weights, clip a gradient, find memory
units.

- `with_spectral_radius(model, rho)`: a copy of an RNN whose recurrent matrix W_hh is rescaled to spectral
  radius rho (largest |eigenvalue|). For a tanh RNN, rho < 1 makes gradients vanish and rho > 1 lets them
  grow (Pascanu, Mikolov & Bengio 2013; in the chaotic regime of Sompolinsky, Crisanti & Sommers 1988).
- `with_forget_bias(model, value)`: a copy of an LSTM whose forget gates start from bias `value`
  (`training.apply_init`: the f block of bias_ih = value, of bias_hh = 0), so sigmoid(value) is the gate of a
  unit that sees nothing else.
- `clip_by_global_norm(grads, threshold)`: the factor gradient clipping by global norm applies, with the rule
  of `torch.nn.utils.clip_grads_with_norm_` that `training.train` uses.
- `memory_units(cell, signal)`: which LSTM units hold what a long-range task hides in its marked inputs
  (`task.marked_signal(x)`): the units whose final cell state c_T correlates most with it.

Every function leaves the model it is given untouched, so a cached, shared model can be probed safely.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np
import torch

from .config import TrainConfig
from .initialisation import apply_init
from .model import SequenceModel

CLIP_EPS = 1e-6  # the epsilon of torch's clip_grads_with_norm_: factor = threshold / (norm + eps)


def spectral_radius(weight) -> float:
    """Largest |eigenvalue| of a square matrix (H, H)."""
    weight = torch.as_tensor(weight).detach().double()
    return float(torch.linalg.eigvals(weight).abs().max())


def recurrent_radius(model: SequenceModel, layer: int = 0) -> float:
    """Spectral radius of an RNN's W_hh (forward direction of `layer`)."""
    _require_kind(model, "rnn")
    return spectral_radius(getattr(model.core, f"weight_hh_l{layer}"))


def with_spectral_radius(model: SequenceModel, rho: float) -> SequenceModel:
    """A copy of an RNN with every W_hh (each layer and direction) rescaled to spectral radius `rho`."""
    _require_kind(model, "rnn")
    if not np.isfinite(rho) or rho <= 0:
        raise ValueError(f"rho must be a finite number above 0, got {rho!r}")
    probe = copy.deepcopy(model)
    with torch.no_grad():
        for name, param in probe.core.named_parameters():
            if name.startswith("weight_hh"):
                radius = spectral_radius(param)
                if radius > 0:
                    param.mul_(rho / radius)
    return probe


def with_forget_bias(model: SequenceModel, value: float) -> SequenceModel:
    """A copy of an LSTM whose forget-gate biases are set to `value` (bias_ih f block) and 0 (bias_hh)."""
    _require_kind(model, "lstm")
    probe = copy.deepcopy(model)
    apply_init(probe, TrainConfig(forget_bias=float(value)))
    return probe


def _require_kind(model: SequenceModel, kind: str) -> None:
    if model.core.kind != kind:
        raise ValueError(f"this probe applies to the {kind} only, not to a {model.core.kind}")


@dataclass(frozen=True)
class Clip:
    """Clipping by global norm: every entry of the gradient is multiplied by `factor` (1 if not above)."""

    norm: float  # global L2 norm of the whole gradient before clipping
    factor: float  # min(1, threshold / (norm + CLIP_EPS))

    @property
    def clipped_norm(self) -> float:
        return self.norm * self.factor


def clip_by_global_norm(grads, threshold: float | None) -> Clip:
    """The clipping of a gradient `grads` (any shape, e.g. (B, T, H) stacked state gradients).

    threshold None means no clipping (factor 1). The global norm is the L2 norm of all entries together, so
    clipping rescales the whole vector and never changes the shape of a per-step curve, only its height.
    """
    norm = float(np.linalg.norm(np.asarray(grads, dtype=np.float64)))
    if threshold is None:
        return Clip(norm, 1.0)
    if not np.isfinite(threshold) or threshold <= 0:
        raise ValueError(f"threshold must be None or a finite number above 0, got {threshold!r}")
    factor = min(1.0, threshold / (norm + CLIP_EPS)) if np.isfinite(norm) else 0.0
    return Clip(norm, factor)


def memory_units(cell, signal, count: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """(units (count,), scores (H,)): the units whose final cell state tracks the signal most closely.

    cell (B, T, H); signal (B, M). score[u] = max over signal columns m of |corr(c_T[:, u], signal[:, m])|
    across the batch (0 where either side is constant). Units come strongest first.
    """
    final = np.asarray(cell, dtype=np.float64)[:, -1]  # (B, H)
    signal = np.asarray(signal, dtype=np.float64)  # (B, M)
    final = final - final.mean(axis=0)
    signal = signal - signal.mean(axis=0)
    scale = np.outer(np.linalg.norm(final, axis=0), np.linalg.norm(signal, axis=0))  # (H, M)
    with np.errstate(divide="ignore", invalid="ignore"):
        corr = np.where(scale > 0, final.T @ signal / scale, 0.0)  # (H, M)
    scores = np.abs(corr).max(axis=1)
    return np.argsort(-scores, kind="stable")[:count], scores
