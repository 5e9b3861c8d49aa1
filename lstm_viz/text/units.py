"""Which units track what: rank a model's units by how closely they follow each feature of a text.

Karpathy, Johnson & Fei-Fei (2015) found single cells of a character LSTM that follow quotes, brackets and
line positions. `interpretable_units(trace, text)` finds them by correlation: for every feature of
`character_features(text)`, Pearson's correlation of each unit's value with the feature over the text,
units ranked by its absolute value (a unit that is on outside strings tracks them as well as one that is on
inside). For "cell" the value is tanh(c_t), the part of the cell state the output gate passes on.
"""

from __future__ import annotations

import numpy as np

from lstm_viz.engine.trace import Trace, trace_key

from .features import character_features


def unit_values(trace, quantity: str = "hidden", layer: int = -1) -> np.ndarray:
    """(T, H) float64 values of one quantity of one layer (negative: from the top) of sample 0 of a Trace,
    tanh applied to "cell"; or `trace` itself when it is already an array (T, H) (quantity, layer unused)."""
    if not isinstance(trace, Trace):
        values = np.asarray(trace, dtype=np.float64)
        if values.ndim != 2:
            raise ValueError(f"trace must be a Trace or an array (T, H), got shape {values.shape}")
        return values
    layers = int(trace.meta.get("num_layers", 1))
    if isinstance(layer, bool) or not isinstance(layer, (int, np.integer)) or not -layers <= layer < layers:
        raise ValueError(f"layer must be an integer between {-layers} and {layers - 1}, got {layer!r}")
    key = trace_key(int(layer) % layers, quantity)
    if key not in trace:
        raise ValueError(f"quantity must be one of {trace.quantities(int(layer) % layers)}, got {quantity!r}")
    values = trace[key][0].astype(np.float64)  # (T, H)
    return np.tanh(values) if quantity == "cell" else values


class _Centred:
    """Unit values (T, H) centred once, so that correlating them with several features costs one product
    each."""

    def __init__(self, values: np.ndarray):
        self.values = values - values.mean(axis=0)  # (T, H)
        self.norms = np.sqrt(np.einsum("th,th->h", self.values, self.values))  # (H,)

    def correlations(self, feature: np.ndarray) -> np.ndarray:
        target = np.asarray(feature, dtype=np.float64) - np.mean(feature)  # (T,)
        scale = self.norms * np.sqrt(target @ target)  # (H,)
        result = np.zeros(self.values.shape[1])
        np.divide(target @ self.values, scale, out=result, where=scale > 1e-12)
        return np.clip(result, -1.0, 1.0)


def correlations(values: np.ndarray, feature: np.ndarray) -> np.ndarray:
    """(H,) Pearson correlation of each column of values (T, H) with feature (T,); 0 where either is
    constant."""
    return _Centred(np.asarray(values, dtype=np.float64)).correlations(feature)


def interpretable_units(
    trace, text: str, quantity: str = "cell", layer: int = -1, top: int = 5
) -> dict[str, list[tuple[int, float]]]:
    """{feature name: [(unit, correlation), ...]} for every feature of `character_features(text)`: the `top`
    units (all if fewer) whose values follow the feature most closely over the text, ranked by the absolute
    value of their correlation (the sign kept: negative means the unit is low where the feature is high),
    ties by unit index. `trace` is a Trace of the text (sample 0) or an array (T, H) of unit values."""
    values = unit_values(trace, quantity, layer)  # (T, H)
    if not isinstance(text, str) or len(text) != values.shape[0]:
        raise ValueError(f"text must be a str of the trace's {values.shape[0]} characters")
    if isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 1:
        raise ValueError(f"top must be an integer of at least 1, got {top!r}")
    ranked, centred = {}, _Centred(values)
    for name, feature in character_features(text).items():
        r = centred.correlations(feature)  # (H,)
        order = np.lexsort((np.arange(r.size), -np.abs(r)))[:top]
        ranked[name] = [(int(unit), float(r[unit])) for unit in order]
    return ranked
