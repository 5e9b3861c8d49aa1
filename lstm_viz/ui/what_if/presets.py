"""What the What if page runs, as plain values: its presets, which of them fit a model and task, and plans.

A plan is a tuple of plain steps, so it keys the caches; `interventions` turns it into the mapping that
`lstm_viz.training.what_if.effect` takes (through the helpers of `lstm_viz.training.interventions`):

    ("silence", units, to)                    the units' hidden state (and cell) to 0 or to the batch mean
    ("clamp", quantity, units, value, steps)  a quantity of units (None: all) at value at steps (None: all)
    ("reset_marks",)                          each sequence's whole cell set to 0 at its first marked step

Presets: "memory" silences the units the memory finder ranks first (tasks with marked inputs);
"forget_open" and "forget_shut" hold every forget gate at 1 or at 0 (an LSTM with a forget gate);
"reset_marker" wipes the cell right after each sequence's first marker (an LSTM on a task with markers).
"""

from __future__ import annotations

import numpy as np

from lstm_viz.tasks.base import Task
from lstm_viz.training import interventions as helpers

from ..url_params import WHAT_IF_PRESETS

PRESETS = tuple(p for p in WHAT_IF_PRESETS if p != "custom")  # one click each; "custom": your own
FORGET_PRESETS = ("forget_open", "forget_shut")
LSTM_PRESETS = (*FORGET_PRESETS, "reset_marker")
MARKER_PRESETS = ("memory", "reset_marker")
FORGET_VALUE = {"forget_open": 1.0, "forget_shut": 0.0}


def has_marks(task: Task) -> bool:
    """Whether the task marks what must be remembered (adding, remember_first): it has a marked_signal."""
    return type(task).marked_signal is not Task.marked_signal


def unavailable(kind: str, variant: str, marks: bool, reverse: bool, hidden: int) -> dict[str, str]:
    """{preset: strings key of why this view cannot run it}, for the presets that do not fit."""
    reasons = {}
    for preset in PRESETS:
        if preset in LSTM_PRESETS and kind != "lstm":
            reasons[preset] = "wi_why_lstm"
        elif preset in FORGET_PRESETS and variant == "no_forget_gate":
            reasons[preset] = "wi_why_no_forget"
        elif preset in MARKER_PRESETS and not marks:
            reasons[preset] = "wi_why_marks"
        elif preset in MARKER_PRESETS and reverse:
            reasons[preset] = "wi_why_forward"
        elif preset == "memory" and hidden < 2:
            reasons[preset] = "wi_why_small"
    return reasons


def max_count(hidden: int, limit: int) -> int:
    """How many memory units may be silenced: at most half the layer (the random control needs as many
    others), at most `limit`, at least 1."""
    return max(1, min(limit, hidden // 2))


def preset_plan(preset: str, units=(), to: str = "batch_mean") -> tuple:
    """The plan of a preset; "memory" silences `units` (found by the memory finder) to `to`."""
    if preset == "memory":
        return (("silence", tuple(int(u) for u in units), to),)
    if preset in FORGET_PRESETS:
        return (("clamp", "forget_gate", None, FORGET_VALUE[preset], None),)
    if preset == "reset_marker":
        return (("reset_marks",),)
    raise ValueError(f"preset must be one of {list(PRESETS)}, got {preset!r}")


def needs_marks(plan: tuple) -> bool:
    return any(step[0] == "reset_marks" for step in plan)


def first_marks(task: Task, x) -> np.ndarray:
    """The first marked step of each sequence of x (B, T, I): (B,) int."""
    marked, _ = task.marked_signal(x)  # (B, T) bool
    return marked.argmax(axis=1)


def interventions(plan: tuple, kind: str, layer: int, reverse: bool, marks=None) -> dict:
    """The mapping {trace key: fn} of a plan for a model of `kind`, acting on `layer` and direction; `marks`
    (B,) are the first marked steps of the batch it will run on (needed by "reset_marks")."""
    mappings = []
    for step in plan:
        where = {"layer": layer, "reverse": reverse}
        if step[0] == "silence":
            _, units, to = step
            mappings.append(helpers.silence(list(units), kind=kind, to=to, **where))
        elif step[0] == "clamp":
            _, quantity, units, value, steps = step
            mappings.append(helpers.clamp(quantity, units, value, steps, **where))
        elif step[0] == "reset_marks":
            mappings.append(helpers.reset_cell_per_sequence([int(m) for m in marks], **where))
        else:
            raise ValueError(f"unknown step {step[0]!r} in a plan")
    return helpers.combine(*mappings)
