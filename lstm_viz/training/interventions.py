"""Interventions to ask "what if": clamp a gate, silence units, wipe the memory, and combine them.

Each helper returns a mapping for `run_with_trace(x, interventions=...)`: a trace key ("l0.forget_gate",
"l1.reverse.cell") -> fn(t, value) -> value, where value is the (B, H) array (NumPy replay) or tensor
(autograd replay) of that quantity at input position t, as the step computes it (`engine/equations.py`,
`edit`). Every function works on both, never changes its input in place and returns the shape it receives.

    clamp("forget_gate", units=None, value=1.0)          # every forget gate held open: nothing is forgotten
    clamp("input_gate", [3, 7], 0.0, steps=range(10))    # units 3 and 7 write nothing during steps 0..9
    silence([3, 7], kind="gru")                          # units 3 and 7 output 0 (and hold 0 in an LSTM cell)
    silence([3, 7], to="batch_mean")                     # ... or the batch's average: mean ablation
    reset_cell(at=40)                                    # the whole cell state is 0 at step 40
    reset_cell_per_sequence([3, 0, 17])                  # ... at step 3 in sequence 0, 0 in 1, 17 in 2
    combine(silence([3]), reset_cell(40, layer=1))       # both; functions on one key run in order

`layer` and `reverse` pick the layer and direction (a reverse direction's step t is input position t too).
`steps=None` means every step; steps past the end of a sequence never come. Which quantities a kind records
is checked by the engine when the mapping is used; the helpers check the rest of their arguments here and
a unit beyond the layer's width when the step is computed, each with a ValueError or TypeError naming it.
A clamped quantity passes no gradient to what computed it (in the autograd replay), as a constant would.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import torch

from lstm_viz import limits
from lstm_viz.engine import kinds
from lstm_viz.engine.checks import check_flag
from lstm_viz.engine.trace import trace_key

ALL_QUANTITIES = tuple(dict.fromkeys(q for quantities in kinds.QUANTITIES.values() for q in quantities))
SILENCE_TO = {"zero": 0.0, "batch_mean": None}  # what `silence` puts in place of a state: SetUnits.fill


@dataclass(frozen=True)
class SetUnits:
    """fn(t, value) -> value with `units` (all when None) replaced at `steps` (every step when None) by
    `fill`, or by their average over the batch at that step when `fill` is None."""

    units: tuple[int, ...] | None
    fill: float | None
    steps: frozenset[int] | None

    def __call__(self, t: int, value):  # value: (B, H) array or tensor
        hidden = value.shape[-1]
        if self.units is not None and max(self.units) >= hidden:
            raise ValueError(
                f"units {list(self.units)} name a unit beyond this layer's {hidden} (0..{hidden - 1})"
            )
        if self.steps is not None and t not in self.steps:
            return value
        mask = np.zeros(hidden, dtype=bool)  # (H,)
        mask[list(self.units) if self.units is not None else slice(None)] = True
        if self.fill is None:
            mean = value.mean(dim=0, keepdim=True) if isinstance(value, torch.Tensor) else value.mean(axis=0)
            return _replaced(value, mask, mean)  # mean: (1, H) or (H,)
        return _replaced(value, mask, self.fill)


@dataclass(frozen=True)
class ResetRows:
    """fn(t, value) -> value with the whole row of sequence b set to 0 at step steps[b]; the batch must have
    one sequence per entry of `steps`."""

    steps: tuple[int, ...]

    def __call__(self, t: int, value):  # value: (B, H) array or tensor
        if value.shape[0] != len(self.steps):
            raise ValueError(
                f"steps name a step for {len(self.steps)} sequences; this batch has {value.shape[0]}"
            )
        rows = np.asarray(self.steps) == t  # (B,)
        return _replaced(value, rows[:, None], 0.0) if rows.any() else value


def _replaced(value, mask: np.ndarray, fill):
    """value (B, H) with `fill` (a number, or an array or tensor of value's kind that broadcasts to it) where
    the boolean NumPy `mask` (broadcast to value) is True; an array stays an array, a tensor a tensor."""
    if isinstance(value, torch.Tensor):
        mask = torch.as_tensor(mask, device=value.device)
        if not isinstance(fill, torch.Tensor):
            fill = torch.tensor(fill, dtype=value.dtype, device=value.device)
        return torch.where(mask, fill, value)
    return np.where(mask, fill if isinstance(fill, np.ndarray) else value.dtype.type(fill), value)


@dataclass(frozen=True)
class Composed:
    """fn(t, value) -> value applying `fns` in order: fns[-1](t, ... fns[0](t, value))."""

    fns: tuple[Callable, ...]

    def __call__(self, t: int, value):
        for fn in self.fns:
            value = fn(t, value)
        return value


def clamp(quantity: str, units, value: float, steps=None, *, layer: int = 0, reverse: bool = False) -> dict:
    """{key: fn}: `quantity` of `units` (an int, ints, or None for every unit) held at `value` at `steps`.

    clamp("forget_gate", None, 1.0) keeps every cell whole; clamp("input_gate", [2], 0.0) stops unit 2
    writing. value: a finite number (a gate is normally in 0..1, which is not enforced).
    """
    if not isinstance(quantity, str) or quantity not in ALL_QUANTITIES:
        raise ValueError(f"quantity must be one of {list(ALL_QUANTITIES)}, got {quantity!r}")
    edit = SetUnits(_units(units), _finite("value", value), _steps(steps))
    return {_key(layer, quantity, reverse): edit}


def silence(
    units, steps=None, *, layer: int = 0, reverse: bool = False, kind: str = "lstm", to: str = "zero"
) -> dict:
    """{key: fn}: the hidden state of `units` silenced at `steps`, and their cell state too in an LSTM.

    kind: the model's kind ("lstm", "gru", "rnn"); a GRU or an RNN has no cell, so only its hidden state is
    silenced. to="zero" sets the states to 0 (the unit is cut out); to="batch_mean" sets each to its average
    over the batch at that step (mean ablation): the unit keeps its usual level but no longer tells one
    sequence from another, which removes what it carries without pushing the rest of the network off its
    usual range. A batch of one sequence is its own mean, so "batch_mean" needs a batch of many.
    """
    if to not in SILENCE_TO:
        raise ValueError(f"to must be one of {list(SILENCE_TO)}, got {to!r}")
    edit = SetUnits(_units(units), SILENCE_TO[to], _steps(steps))
    states = kinds.kind(kind).states  # ("hidden",) or ("hidden", "cell")
    return {_key(layer, state, reverse): edit for state in states}


def reset_cell(at: int, *, layer: int = 0, reverse: bool = False) -> dict:
    """{key: fn}: the whole cell state of an LSTM layer set to 0 at step `at` (so its hidden state is 0 at
    that step as well): what the cell held up to and including step `at` is gone; it writes afresh after."""
    edit = SetUnits(None, 0.0, frozenset({_index("at", at)}))
    return {_key(layer, "cell", reverse): edit}


def reset_cell_per_sequence(steps, *, layer: int = 0, reverse: bool = False) -> dict:
    """{key: fn}: the whole cell state of sequence b set to 0 at its own step steps[b] (`reset_cell` does so
    for every sequence at one step), e.g. at each sequence's first marked step (`task.marked_signal`): what
    it read up to and including that step is gone. steps: one integer >= 0 per sequence of the batch it runs
    on (checked when it runs)."""
    edit = ResetRows(_indices("steps", steps))
    return {_key(layer, "cell", reverse): edit}


def combine(*mappings: Mapping[str, Callable]) -> dict:
    """One mapping holding every key of `mappings`; functions on the same key are applied in the given order.

    combine() and combine({}) are {}: no intervention, and the replay takes its fast path.
    """
    found: dict[str, list[Callable]] = {}
    for position, mapping in enumerate(mappings):
        if not isinstance(mapping, Mapping):
            raise TypeError(
                f"combine takes mappings of interventions; argument {position} is a {type(mapping)}"
            )
        for key, fn in mapping.items():
            if not callable(fn):
                raise TypeError(f"the intervention on {key!r} must be a function fn(t, value), got {fn!r}")
            found.setdefault(key, []).append(fn)
    return {key: fns[0] if len(fns) == 1 else Composed(tuple(fns)) for key, fns in found.items()}


def _key(layer, quantity: str, reverse) -> str:
    layer = _index("layer", layer)
    if layer >= limits.MAX_LAYERS:
        raise ValueError(
            f"layer is {layer}; a model has at most {limits.MAX_LAYERS} layers (lstm_viz.limits)"
        )
    return trace_key(layer, quantity, check_flag("reverse", reverse))


def _index(name: str, value) -> int:
    """value as an int >= 0; TypeError for a flag or a non-integer, ValueError when negative."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r} ({type(value).__name__})")
    if value < 0:
        raise ValueError(f"{name} must be 0 or more, got {value}")
    return int(value)


def _indices(name: str, values: Iterable) -> tuple[int, ...]:
    """One int or an iterable of them, each >= 0, as a tuple; ValueError when there are none."""
    if isinstance(values, numbers.Integral) and not isinstance(values, bool | np.bool_):
        values = [values]
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise TypeError(f"{name} must be an integer or a list of integers, got {values!r}")
    found = tuple(_index(name, value) for value in values)
    if not found:
        raise ValueError(f"{name} is empty: name at least one (or None for all)")
    return found


def _units(units) -> tuple[int, ...] | None:
    if units is None:
        return None
    units = _indices("units", units)
    if max(units) >= limits.MAX_HIDDEN:
        raise ValueError(
            f"units {list(units)}: a layer has at most {limits.MAX_HIDDEN} units (lstm_viz.limits)"
        )
    return units


def _steps(steps) -> frozenset[int] | None:
    return None if steps is None else frozenset(_indices("steps", steps))


def _finite(name: str, value) -> float:
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {value!r} ({type(value).__name__})")
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return float(value)
