"""The engine's argument checks: each wrong argument is a TypeError or ValueError that names it.

Sizes and seeds are checked before anything is allocated, and an input's dtype and shape are read before it
is converted or copied, so that no bad argument reaches torch's allocator or a silent cast.
"""

from __future__ import annotations

import math
import numbers

import numpy as np
import torch

from lstm_viz import limits


def check_count(name: str, value, high: int) -> int:
    """value as an int in 1..high; TypeError for a flag or a non-number, ValueError out of range."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be an integer, got {value!r} ({type(value).__name__})")
    if not math.isfinite(value) or int(value) != value or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    if value > high:
        raise ValueError(f"{name} is {value}, above the limit of {high} (lstm_viz.limits)")
    return int(value)


def check_flag(name: str, value) -> bool:
    """value as a bool; TypeError for anything that is not True or False (a string "no" is truthy)."""
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be True or False, got {value!r} ({type(value).__name__})")
    return bool(value)


def check_seed(seed) -> int | None:
    """seed as None or an int in 0..limits.MAX_SEED; TypeError or ValueError naming the seed."""
    if seed is None:
        return None
    if isinstance(seed, bool | np.bool_) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be None or an integer, got {seed!r} ({type(seed).__name__})")
    if not 0 <= seed <= limits.MAX_SEED:
        raise ValueError(f"seed must be between 0 and {limits.MAX_SEED} (lstm_viz.limits), got {seed}")
    return int(seed)


def _array_like(x):
    """x itself when it is a tensor or an array (no copy), else x as a NumPy array; TypeError naming x."""
    if not isinstance(x, torch.Tensor | np.ndarray):
        try:
            x = np.asarray(x)
        except (ValueError, TypeError, RuntimeError) as error:
            raise TypeError(
                f"x must be an array or tensor of numbers (batch, time, features): {error}"
            ) from None
    real = not x.dtype.is_complex if isinstance(x, torch.Tensor) else x.dtype.kind in "biuf"
    if not real:
        raise TypeError(f"x must hold real numbers, got dtype {x.dtype} (an imaginary part would be lost)")
    return x


def check_input(x, input_size: int):
    """x unconverted (a tensor or an array, never copied) once its dtype and shape (B, T, I) are right."""
    x = _array_like(x)
    if x.ndim != 3:
        raise ValueError(
            f"x (the input) must have 3 dimensions (batch, time, features); got shape {tuple(x.shape)}"
        )
    batch, length, features = x.shape
    if features != input_size:
        raise ValueError(f"x (the input) has {features} features per step but the model expects {input_size}")
    if length == 0:
        raise ValueError("x (the input) has an empty time axis (0 steps)")
    if batch == 0:
        raise ValueError("x (the input) has an empty batch (0 sequences)")
    return x


def as_input_tensor(x) -> torch.Tensor:
    """A checked input as a float32 tensor (B, T, I); ValueError if it holds NaN or an infinity."""
    x = torch.as_tensor(x, dtype=torch.float32)
    if not all_finite(x):
        raise ValueError("x (the input) contains NaN or infinite values")
    return x


def all_finite(values) -> bool:
    """Whether a float tensor or array holds no NaN and no infinity, in one reading pass without a mask: a sum
    is finite when every term is (a NaN or an infinity makes it NaN or infinite); only a sum that overflows
    or is not finite needs the exact elementwise test."""
    if isinstance(values, torch.Tensor):
        values = values.detach()
        return math.isfinite(values.sum()) or bool(torch.isfinite(values).all())
    with np.errstate(over="ignore", invalid="ignore"):  # an overflowing sum is the case handled here
        return math.isfinite(values.sum()) or bool(np.isfinite(values).all())


def validate_input(x, input_size: int) -> torch.Tensor:
    """x as a float32 tensor (B, T, I), or TypeError/ValueError naming what is wrong with it."""
    return as_input_tensor(check_input(x, input_size))


def nonfinite_steps(hiddens) -> np.ndarray:
    """The steps at which some hidden state (B, T, H) is NaN or infinite; one cheap pass when none is."""
    if all(all_finite(hidden) for hidden in hiddens):
        return np.empty(0, np.int64)
    finite_by_step = np.all([np.isfinite(hidden).all(axis=(0, 2)) for hidden in hiddens], axis=0)  # (T,)
    return np.flatnonzero(~finite_by_step)
