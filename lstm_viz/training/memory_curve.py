"""The memory curve: how well the state at step t tells the input of step t - k, for every lag k.

For each lag k = 0..K a linear decoder (ridge regression, closed form in NumPy) is fit on one batch to predict
the input x_{t-k} (I features) from the model's state at step t, over every pair the sequences hold at that
lag (t = k..T-1), and scored on a second, held-out batch of the same kind:

    R^2_k = mean over input features i of  1 - SSE_i / SST_i      (on the held-out batch)
    SSE_i = sum over pairs (b, t) of (x_{b,t-k,i} - its prediction)^2
    SST_i = sum over pairs (b, t) of (x_{b,t-k,i} - its mean over the held-out pairs)^2

Features that are constant in the held-out pairs (SST_i = 0: e.g. a one-hot channel that never fires at
those steps) have no R^2 and are left out of the mean; a lag where every feature is constant scores 0.
R^2_k can be negative (a decoder worse than the held-out mean). The memory capacity is
sum over k of max(R^2_k, 0): negatives are clipped to 0 before summing. Jaeger's measure (Jaeger 2002,
"Short term memory in echo state networks") sums squared correlations, never negative, over k >= 1 for one
input; ours starts at k = 0 and averages over input features. R^2_k does not depend on K.

The state is the chosen layer's (default: the top one, forward direction) cell, hidden, or both side by side
("both" is the hidden state alone for a GRU or an RNN, which have no cell). Inputs are either i.i.d. uniform
on RANDOM_RANGE, zero-mean (so that a unit that sums its inputs does not drift away), of the
model's input size (`task=None`, any `length`), or a task's own sequences (its length). Each state feature is
standardised on the fit batch (a cell can grow 100 times larger than a hidden state) and the ridge penalty is
`ridge` times the number of fit pairs, so neither depends on the states' scale. Sizes are bounded by the
MEMORY_CURVE_* limits of `lstm_viz.limits`; the same seed gives the same curve.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np

from lstm_viz import limits
from lstm_viz.engine.checks import check_count, check_seed
from lstm_viz.engine.trace import trace_key

from .model import SequenceModel
from .what_if import check_task, layer_or_top

STATES = ("cell", "hidden", "both")
RANDOM_LENGTH = 200  # time steps of the random input sequences, unless `length` says otherwise
RANDOM_RANGE = (-0.5, 0.5)  # the random inputs are i.i.d. uniform on this zero-mean interval


@dataclass(frozen=True)
class MemoryCurve:
    """R^2 of the decoder of x_{t-k} at every lag k; `inputs` is "random" or the task's name, `state` the
    state decoded from ("cell", "hidden" or "both")."""

    lags: np.ndarray  # (K + 1,) 0..K
    r2: np.ndarray  # (K + 1,) held-out R^2, averaged over the input features that vary; may be negative
    r2_by_feature: np.ndarray  # (K + 1, I), NaN where the feature is constant in the held-out pairs
    inputs: str
    state: str
    layer: int

    @property
    def capacity(self) -> float:
        """sum over k of max(R^2_k, 0): the memory capacity, at most K + 1."""
        return float(np.clip(self.r2, 0.0, None).sum())


def memory_curve(
    model: SequenceModel,
    task=None,
    max_lag: int = 50,
    batch: int = 128,
    length: int | None = None,
    seed: int = 0,
    state: str = "both",
    layer: int | None = None,
    ridge: float = 1e-3,
) -> MemoryCurve:
    """The memory curve of `model` for lags 0..max_lag (see the module doc), on random inputs or `task`'s."""
    max_lag = check_count("max_lag", max_lag, limits.MEMORY_CURVE_MAX_LAG)
    batch = check_count("batch", batch, limits.MEMORY_CURVE_MAX_BATCH)
    layer = layer_or_top(model, layer)
    if state not in STATES or (state == "cell" and not model.core.spec.has_cell):
        raise ValueError(f"state must be one of {list(STATES)} ('cell' for an LSTM only), got {state!r}")
    if isinstance(ridge, bool) or not isinstance(ridge, numbers.Real) or not 0 < ridge < math.inf:
        raise ValueError(f"ridge must be a finite number above 0, got {ridge!r}")
    if task is None:
        length = RANDOM_LENGTH if length is None else length
        length = check_count("length", length, limits.MEMORY_CURVE_MAX_LENGTH)
    else:
        check_task(task)
        if length is not None:
            raise ValueError(f"length is set by the task ({task.length} steps); leave it None")
        length = task.length
    if length <= max_lag:
        raise ValueError(f"max_lag ({max_lag}) must be below the sequence length ({length} steps)")
    keys = _state_keys(model, layer, state)
    _check_work(batch * length, len(keys) * model.core.hidden_size, model.core.input_size, max_lag)
    fit_x, test_x = _inputs(model, task, batch, length, check_seed(seed))  # (B, T, I) each
    fit_states, test_states = (_states(model, x, keys) for x in (fit_x, test_x))  # (T, B, F) each
    fit_x, test_x = (np.ascontiguousarray(x.transpose(1, 0, 2), dtype=np.float64) for x in (fit_x, test_x))
    r2_by_feature = _ridge_r2(fit_states, fit_x, test_states, test_x, max_lag, ridge)  # (K + 1, I)
    varying = ~np.isnan(r2_by_feature)
    sums = np.where(varying, r2_by_feature, 0.0).sum(axis=1)
    r2 = np.divide(sums, varying.sum(axis=1), out=np.zeros(max_lag + 1), where=varying.any(axis=1))
    inputs = "random" if task is None else task.name
    used = state if model.core.spec.has_cell else "hidden"
    return MemoryCurve(np.arange(max_lag + 1), r2, r2_by_feature, inputs, used, layer)


def _inputs(model: SequenceModel, task, batch: int, length: int, seed: int | None):
    """(fit, held-out) inputs (B, T, I) float32: uniform draws on RANDOM_RANGE, or two batches of the task."""
    rng = np.random.default_rng(seed)
    if task is None:
        shape = (batch, length, model.core.input_size)
        return tuple(rng.uniform(*RANDOM_RANGE, size=shape).astype(np.float32) for _ in range(2))
    if task.input_size != model.core.input_size:
        raise ValueError(
            f"task {task.name!r} has {task.input_size} inputs per step; "
            f"the model takes {model.core.input_size}"
        )
    return task.generate(batch, rng).x.numpy(), task.generate(batch, rng).x.numpy()


def _states(model: SequenceModel, x, keys) -> np.ndarray:
    """The chosen states of the layer at every step, side by side and time-major: (T, B, F) float64."""
    _, trace = model.core.run_with_trace(x)
    states = np.concatenate([trace[key] for key in keys], axis=-1)  # (B, T, F)
    return np.ascontiguousarray(states.transpose(1, 0, 2), dtype=np.float64)


def _pairs(states, x, lag: int) -> tuple[np.ndarray, np.ndarray]:
    """Views, not copies: rows (N, F) of the states at t = k..T-1 and (N, I) of the inputs x_{t-k} of every
    sequence, N = (T - k) * B. states (T, B, F) and x (T, B, I) are time-major and contiguous."""
    length = x.shape[0]
    return states[lag:].reshape(-1, states.shape[-1]), x[: length - lag].reshape(-1, x.shape[-1])


def _ridge_r2(fit_states, fit_x, test_states, test_x, max_lag: int, ridge: float) -> np.ndarray:
    """Held-out R^2 per lag and input feature (K + 1, I); NaN where the held-out target is constant.

    fit_states, test_states (T, B, F) and fit_x, test_x (T, B, I), time-major float64; the states are
    standardised in place. Going from lag K down to 0 adds the states of step k to the running scatter
    matrix, so the whole curve costs about one scatter of every state.
    """
    if not (np.isfinite(fit_states).all() and np.isfinite(test_states).all()):
        raise ValueError("the model's states overflow on these inputs (inf or NaN): no decoder can be fit")
    features = fit_states.shape[-1]
    mean = fit_states.mean(axis=(0, 1))  # (F,)
    scale = fit_states.std(axis=(0, 1))
    scale = np.where(scale > 0, scale, 1.0)  # (F,)
    for states in (fit_states, test_states):
        states -= mean
        states /= scale
    later = fit_states[max_lag + 1 :].reshape(-1, features)  # the states that every lag pairs
    scatter, total = later.T @ later, later.sum(axis=0)  # (F, F), (F,): sums over the pairs so far
    r2 = np.empty((max_lag + 1, fit_x.shape[-1]))
    for lag in range(max_lag, -1, -1):
        step = fit_states[lag]  # (B, F)
        scatter, total = scatter + step.T @ step, total + step.sum(axis=0)
        fit_rows, fit_y = _pairs(fit_states, fit_x, lag)  # (N, F), (N, I)
        test_rows, test_y = _pairs(test_states, test_x, lag)
        rows = len(fit_rows)
        row_mean, y_mean = total / rows, fit_y.mean(axis=0)  # (F,), (I,)
        centred = scatter - rows * np.outer(row_mean, row_mean) + ridge * rows * np.eye(features)
        weights = np.linalg.solve(centred, fit_rows.T @ fit_y - np.outer(total, y_mean))  # (F, I)
        predicted = test_rows @ weights + (y_mean - row_mean @ weights)  # (N, I)
        errors = ((test_y - predicted) ** 2).sum(axis=0)  # (I,) SSE
        spread = ((test_y - test_y.mean(axis=0)) ** 2).sum(axis=0)  # (I,) SST
        with np.errstate(divide="ignore", invalid="ignore"):
            r2[lag] = np.where(spread > 0, 1.0 - errors / spread, np.nan)
    return r2


def _state_keys(model: SequenceModel, layer: int, state: str) -> list[str]:
    if not model.core.spec.has_cell or state == "hidden":
        return [trace_key(layer, "hidden")]
    return (
        [trace_key(layer, "cell")]
        if state == "cell"
        else [trace_key(layer, "cell"), trace_key(layer, "hidden")]
    )


def _check_work(rows: int, features: int, inputs: int, max_lag: int) -> None:
    """ValueError when the fits would take over MEMORY_CURVE_MAX_WORK multiply-adds (about 3 s).

    rows = B * T states of F features: one scatter (rows F^2), then per lag a solve (F^3) and the decoder's
    fit and held-out products (2 rows F I at most).
    """
    work = rows * features**2 + (max_lag + 1) * (features**3 + 2 * rows * features * inputs)
    if work > limits.MEMORY_CURVE_MAX_WORK:
        raise ValueError(
            f"this memory curve would take {work:,} multiply-adds, above the limit of "
            f"{limits.MEMORY_CURVE_MAX_WORK:,} (lstm_viz.limits): use a smaller batch, shorter sequences "
            "or a smaller max_lag"
        )
