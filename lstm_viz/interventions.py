"""Public: "what if" in one import (`from lstm_viz import interventions`).

A re-export for notebooks and scripts; the code lives in `lstm_viz.training.interventions` (clamp, silence,
reset_cell, reset_cell_per_sequence, combine), `lstm_viz.training.what_if` (effect, memory_units,
control_units, harmless_units) and `lstm_viz.training.memory_curve`. Nothing inside the package imports
this module.

    from lstm_viz import interventions, runs

    run = runs.load_pretrained("remember_first-lstm")
    units, _ = interventions.memory_units(run.model, run.task, count=4)
    result = interventions.effect(run.model, run.task, interventions.silence(units), batch=256, seed=1)
    result.metric_before, result.metric_after
"""

from lstm_viz.training.interventions import (
    SILENCE_TO,
    clamp,
    combine,
    reset_cell,
    reset_cell_per_sequence,
    silence,
)
from lstm_viz.training.memory_curve import MemoryCurve, memory_curve
from lstm_viz.training.what_if import Effect, control_units, effect, harmless_units, memory_units

__all__ = [
    "SILENCE_TO",
    "Effect",
    "MemoryCurve",
    "clamp",
    "combine",
    "control_units",
    "effect",
    "harmless_units",
    "memory_curve",
    "memory_units",
    "reset_cell",
    "reset_cell_per_sequence",
    "silence",
]
