"""The step-by-step replay of a recurrent layer: one loop, for NumPy recording and for torch autograd.

`replay_stack` runs every layer and direction of a core in time order, calling the cell's step function from
`equations.py` once per step and handing each step's named quantities to a recorder. The same loop serves
three callers: the fast NumPy recording behind `run_with_trace`, the torch forward of the LSTM variants that
have no fused kernel (training), and the autograd replay that measures gradients when interventions or
variants are involved. Interventions cost nothing when absent: the loop then passes `edit=None` to the step
function.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

import numpy as np
import torch

from . import equations, kinds
from .trace import parse_key


@dataclass(frozen=True)
class LayerWeights:
    """One layer-direction's weights, as arrays or tensors: w_ih (G, I), w_hh (G, H), b_ih, b_hh (G,)."""

    w_ih: object
    w_hh: object
    b_ih: object
    b_hh: object
    peephole: object = None  # (3, H) for the peephole LSTM


@dataclass(frozen=True)
class CellSpec:
    """What a step needs besides weights: kind, LSTM variant, RNN nonlinearity."""

    kind: str
    variant: str = "standard"
    nonlinearity: str = "tanh"

    def step(self, ops, peephole=None) -> Callable:
        if self.kind == "lstm":
            return partial(equations.lstm_step, ops=ops, variant=self.variant, peephole=peephole)
        if self.kind == "gru":
            return partial(equations.gru_step, ops=ops)
        return partial(equations.rnn_step, ops=ops, nonlinearity=self.nonlinearity)

    @property
    def has_cell(self) -> bool:
        return kinds.KINDS[self.kind].has_cell


def time_order(length: int, reverse: bool) -> range:
    return range(length - 1, -1, -1) if reverse else range(length)


def interventions_for(interventions: Mapping | None, layer: int, reverse: bool) -> dict:
    """{quantity: fn(t, value) -> value} for one layer-direction, from a mapping keyed by trace keys."""
    found = {}
    for key, fn in (interventions or {}).items():
        key_layer, key_reverse, quantity = parse_key(key)
        if (key_layer, key_reverse) == (layer, reverse):
            found[quantity] = _checked(key, fn)
    return found


def _checked(key: str, fn: Callable) -> Callable:
    """fn, refusing a result that is not an array (or tensor) of the very shape it was given: a smaller
    or larger one would be broadcast silently into the following steps."""

    def edit(t, value):  # value: (B, H)
        result = fn(t, value)
        if not isinstance(result, type(value)):
            raise TypeError(
                f"the intervention on {key!r} returned a {type(result).__name__} at step {t}; "
                f"it must return a {type(value).__name__} like the one it receives"
            )
        if tuple(result.shape) != tuple(value.shape):
            raise ValueError(
                f"the intervention on {key!r} returned shape {tuple(result.shape)} at step {t}; "
                f"it must return the shape it receives, {tuple(value.shape)} (batch, hidden)"
            )
        return result

    return edit


def _editor(fns: dict, t: int) -> Callable:
    def edit(name, value):
        fn = fns.get(name)
        return value if fn is None else fn(t, value)

    return edit


def run_direction(step, gi, w_hh_t, b_hh, state, times, record, fns=None):
    """Advance one layer-direction over `times`.

    gi: (B, T, G) input projection incl. b_ih; w_hh_t: (H, G); state: (h0,) or (h0, c0), each (B, H).
    record(t, values) receives each step's {quantity: (B, H)}. Returns the final state tuple.
    """
    for t in times:
        gh = state[0] @ w_hh_t + b_hh  # (B, G)
        values = step(gi[:, t], gh, *state, edit=_editor(fns, t) if fns else None)
        record(t, values)
        state = (values["hidden"], values["cell"]) if len(state) == 2 else (values["hidden"],)
    return state


class NumpyRecorder:
    """Writes each step's values into preallocated float32 buffers (B, T, H) per quantity."""

    def __init__(self, quantities, batch, length, hidden):
        self.buffers = {q: np.empty((batch, length, hidden), dtype=np.float32) for q in quantities}

    def __call__(self, t, values):
        for quantity, value in values.items():
            self.buffers[quantity][:, t] = value

    def sequence(self, quantity):
        return self.buffers[quantity]


class TorchRecorder:
    """Keeps each step's tensors, still in the autograd graph."""

    def __init__(self, length):
        self.steps = [None] * length

    def __call__(self, t, values):
        self.steps[t] = values

    def sequence(self, quantity):
        return torch.stack([step[quantity] for step in self.steps], dim=1)  # (B, T, H)


def replay_stack(x, weights, spec: CellSpec, hidden, state0, ops, make_recorder, interventions=None):
    """Run every layer and direction. weights[layer][direction] -> LayerWeights.

    x: (B, T, I); state0[layer][direction]: (h0,) or (h0, c0). Returns (recorders[layer][direction],
    finals[layer][direction], output (B, T, D*H)). The stack is written once for arrays and tensors:
    `ops` picks the nonlinearities, `make_recorder()` the storage.
    """
    concat = np.concatenate if ops is equations.NumpyOps else torch.cat
    layer_input = x
    recorders, finals = [], []
    for layer, directions in enumerate(weights):
        layer_recorders, layer_finals, outputs = [], [], []
        for direction, w in enumerate(directions):
            reverse = direction == 1
            recorder = make_recorder()
            gi = layer_input @ w.w_ih.T + w.b_ih  # (B, T, G)
            final = run_direction(
                spec.step(ops, w.peephole),
                gi,
                w.w_hh.T,
                w.b_hh,
                state0[layer][direction],
                time_order(x.shape[1], reverse),
                recorder,
                interventions_for(interventions, layer, reverse),
            )
            layer_recorders.append(recorder)
            layer_finals.append(final)
            outputs.append(recorder.sequence("hidden"))
        recorders.append(layer_recorders)
        finals.append(layer_finals)
        layer_input = outputs[0] if len(outputs) == 1 else concat(outputs, -1)  # (B, T, D*H)
    return recorders, finals, layer_input
