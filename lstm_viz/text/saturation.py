"""Gate saturation on text, per layer (Karpathy, Johnson & Fei-Fei 2015, figure 4).

For every gate unit of every layer: the fraction of steps at which the gate is below 0.1 (left-saturated,
nearly shut) and above 0.9 (right-saturated, nearly open). A unit near (0, 0) really switches with the text;
a unit near the top left is almost always open (a forget gate that keeps its cell: a long memory).
"""

from __future__ import annotations

import numpy as np

from lstm_viz.engine.grads import saturation_fractions
from lstm_viz.engine.trace import Trace

LOW, HIGH = 0.1, 0.9  # Karpathy's thresholds


def gate_saturation(
    trace: Trace, reverse: bool = False, low: float = LOW, high: float = HIGH
) -> list[dict[str, tuple[np.ndarray, np.ndarray]]]:
    """One {gate: (left (H,), right (H,))} per layer, bottom layer first; a cell without gates (the RNN)
    gives empty dicts. Fractions are over every (sample, step) of the trace."""
    if not 0 <= low < high <= 1:
        raise ValueError(f"low and high must satisfy 0 <= low < high <= 1, got {low!r} and {high!r}")
    layers = int(trace.meta["num_layers"])
    return [saturation_fractions(trace, layer, reverse, low, high) for layer in range(layers)]


def mostly_saturated(fractions: dict[str, tuple[np.ndarray, np.ndarray]], share: float = 0.5) -> dict:
    """{gate: (units shut on more than `share` of the steps, units open on more than `share`, all units)}:
    the counts a caption states about one layer's scatter."""
    return {
        gate: (int((left > share).sum()), int((right > share).sum()), int(left.size))
        for gate, (left, right) in fractions.items()
    }
