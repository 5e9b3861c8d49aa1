"""Select and match, after LSTMVis (Strobelt et al. 2018): the units that stay on over a span of text, and
the other spans where all of them are on together.

    units = select_units(trace, start=120, stop=140, threshold=0.3)   # on throughout characters 120..139
    matches(trace, units, threshold=0.3, min_length=5)                 # [(start, stop), ...] longest first

A unit is "on" at a step when its value (hidden state by default; tanh of the cell state for "cell") is above
the threshold. `trace` is a Trace (sample 0) or an array (T, H) of unit values, e.g. a whole corpus's hidden
states from a plain forward pass.
"""

from __future__ import annotations

import math

import numpy as np

from .units import unit_values


def _check_threshold(threshold) -> float:
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float, np.number)):
        raise ValueError(f"threshold must be a number, got {threshold!r}")
    if not math.isfinite(threshold):
        raise ValueError(f"threshold must be finite, got {threshold!r}")
    return float(threshold)


def _check_int(name: str, value, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not low <= value <= high:
        raise ValueError(f"{name} must be an integer between {low} and {high}, got {value!r}")
    return int(value)


def select_units(trace, start: int, stop: int, threshold: float, quantity: str = "hidden", layer: int = -1):
    """The units (list of int) whose value is above `threshold` at every step of [start, stop), the most
    clearly on (highest lowest value over the span) first."""
    values = unit_values(trace, quantity, layer)  # (T, H)
    length = values.shape[0]
    start = _check_int("start", start, 0, length - 1)
    stop = _check_int("stop", stop, start + 1, length)
    threshold = _check_threshold(threshold)
    lowest = values[start:stop].min(axis=0)  # (H,)
    units = np.flatnonzero(lowest > threshold)
    order = np.lexsort((units, -lowest[units]))
    return [int(unit) for unit in units[order]]


def matches(trace, units, threshold: float, min_length: int, quantity: str = "hidden", layer: int = -1):
    """The spans (start, stop) where every one of `units` is above `threshold` at every step, at least
    `min_length` steps long and as long as they go (maximal), longest first, then in text order."""
    values = unit_values(trace, quantity, layer)  # (T, H)
    length, hidden = values.shape
    units = [_check_int("each unit", unit, 0, hidden - 1) for unit in units]
    if not units:
        raise ValueError("units must name at least one unit")
    threshold = _check_threshold(threshold)
    min_length = _check_int("min_length", min_length, 1, max(length, 1))
    on = (values[:, units] > threshold).all(axis=1)  # (T,)
    edges = np.diff(np.concatenate([[0], on.astype(np.int8), [0]]))  # +1 at a start, -1 after a stop
    starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    spans = [(int(a), int(b)) for a, b in zip(starts, stops, strict=True) if b - a >= min_length]
    return sorted(spans, key=lambda span: (span[0] - span[1], span[0]))
