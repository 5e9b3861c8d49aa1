"""The recurrent core (RNN, GRU, LSTM and its variants): trains fast, replays step by step.

`Recurrent` keeps PyTorch's parameter names and packed layout (`weight_ih_l0`, `bias_hh_l1_reverse`, gate
order i, f, g, o / r, z, n), so `from_torch` and `to_torch` copy exactly. Its `forward` uses torch's fused
kernel where one exists (training speed) and the unrolled loop of `replay.py` otherwise (LSTM variants).
`run_with_trace` replays the same weights step by step and returns (output, Trace): every gate and state at
every step, and with a loss the total derivative of the loss with respect to every step's state.
The readout that turns a core into a model of a task lives in `lstm_viz.training.model`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import numpy as np
import torch
from torch import nn

from lstm_viz import limits

from . import bptt, equations, kinds
from .checks import (
    as_input_tensor,
    check_count,
    check_flag,
    check_input,
    check_seed,
    nonfinite_steps,
    validate_input,
)
from .fused_record import fused_kernel, record_fused
from .replay import CellSpec, LayerWeights, NumpyRecorder, TorchRecorder, replay_stack
from .trace import Trace, parse_key, trace_key

KINDS = kinds.KIND_NAMES
NONLINEARITIES = kinds.NONLINEARITIES
_TORCH_CLASSES = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}


class Recurrent(nn.Module):
    """A recurrent core: kind "rnn" | "gru" | "lstm", batch-first, with torch's parameter layout."""

    def __init__(
        self,
        kind: str,
        input_size: int,
        hidden_size: int,
        num_layers: int = 1,
        bidirectional: bool = False,
        variant: str = "standard",
        nonlinearity: str = "tanh",
        seed: int | None = None,
    ):
        super().__init__()
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
        if kind == "lstm" and variant not in kinds.LSTM_VARIANTS:
            raise ValueError(f"LSTM variant must be one of {kinds.LSTM_VARIANTS}, got {variant!r}")
        if kind != "lstm" and variant != "standard":
            raise ValueError(f"variant {variant!r} applies to the LSTM only, not {kind!r}")
        if nonlinearity not in NONLINEARITIES:
            raise ValueError(f"nonlinearity must be one of {NONLINEARITIES}, got {nonlinearity!r}")
        input_size = check_count("input_size", input_size, limits.MAX_INPUT_SIZE)
        hidden_size = check_count("hidden_size", hidden_size, limits.MAX_HIDDEN)
        num_layers = check_count("num_layers", num_layers, limits.MAX_LAYERS)
        seed = check_seed(seed)
        self.kind, self.variant, self.nonlinearity = kind, variant, nonlinearity
        self.input_size, self.hidden_size, self.num_layers = input_size, hidden_size, num_layers
        self.bidirectional = check_flag("bidirectional", bidirectional)
        self.spec = CellSpec(kind, variant, nonlinearity)
        gates = kinds.KINDS[kind].gates_per_unit * hidden_size
        for layer in range(num_layers):
            layer_input = input_size if layer == 0 else hidden_size * self.num_directions
            for suffix in self._suffixes():
                self._param(f"weight_ih_l{layer}{suffix}", gates, layer_input)
                self._param(f"weight_hh_l{layer}{suffix}", gates, hidden_size)
                self._param(f"bias_ih_l{layer}{suffix}", gates)
                self._param(f"bias_hh_l{layer}{suffix}", gates)
                if variant == "peephole":
                    self._param(f"peephole_l{layer}{suffix}", 3, hidden_size)
        self.reset_parameters(seed)

    def _param(self, name, *shape):
        self.register_parameter(name, nn.Parameter(torch.empty(*shape)))

    def _suffixes(self):
        return ("", "_reverse") if self.bidirectional else ("",)

    @property
    def num_directions(self) -> int:
        return 2 if self.bidirectional else 1

    @property
    def uses_fused_kernel(self) -> bool:
        return self.variant == "standard"

    def reset_parameters(self, seed: int | None = None) -> None:
        """torch's default init, U(-1/sqrt(H), 1/sqrt(H)) for every parameter; seeded when asked."""
        seed = check_seed(seed)
        generator = torch.Generator().manual_seed(seed) if seed is not None else None
        bound = 1.0 / math.sqrt(self.hidden_size)
        with torch.no_grad():
            for param in self.parameters():
                param.uniform_(-bound, bound, generator=generator)

    def layer_weights(self, to_numpy: bool) -> list[list[LayerWeights]]:
        """weights[layer][direction] as NumPy copies (recording) or the live parameters (autograd)."""

        def get(name):
            param = getattr(self, name)
            return param.detach().numpy().copy() if to_numpy else param

        return [
            [
                LayerWeights(
                    get(f"weight_ih_l{layer}{suffix}"),
                    get(f"weight_hh_l{layer}{suffix}"),
                    get(f"bias_ih_l{layer}{suffix}"),
                    get(f"bias_hh_l{layer}{suffix}"),
                    get(f"peephole_l{layer}{suffix}") if self.variant == "peephole" else None,
                )
                for suffix in self._suffixes()
            ]
            for layer in range(self.num_layers)
        ]

    def _initial_states(self, h0, batch: int, detach: bool = False):
        """state0[layer][direction] from torch-style h0 ((L*D, B, H), or (h0, c0) for the LSTM)."""
        shape = (self.num_layers * self.num_directions, batch, self.hidden_size)
        if h0 is None:
            parts = [torch.zeros(shape)] * (2 if self.kind == "lstm" else 1)
        else:
            parts = list(h0) if self.kind == "lstm" else [h0]
            parts = [torch.as_tensor(p, dtype=torch.float32) for p in parts]
            parts = [p.detach() for p in parts] if detach else parts
            if any(tuple(p.shape) != shape for p in parts):
                raise ValueError(
                    f"initial state must have shape {shape}, got {[tuple(p.shape) for p in parts]}"
                )
        index = lambda layer, direction: layer * self.num_directions + direction  # noqa: E731
        return [
            [tuple(p[index(layer, d)] for p in parts) for d in range(self.num_directions)]
            for layer in range(self.num_layers)
        ]

    def forward(self, x: torch.Tensor, h0=None):
        """(output (B, T, D*H), h_n) exactly as the torch module; h_n = (h_n, c_n) for the LSTM."""
        x = validate_input(x, self.input_size)
        if self.uses_fused_kernel:
            return self._fused_forward(x, h0)
        state0 = self._initial_states(h0, x.shape[0])
        _, finals, output = replay_stack(
            x,
            self.layer_weights(False),
            self.spec,
            self.hidden_size,
            state0,
            equations.TorchOps,
            lambda: TorchRecorder(x.shape[1]),
        )
        return output, self._stack_finals(finals, torch.stack)

    def _fused_forward(self, x, h0):
        batch = x.shape[0]
        shape = (self.num_layers * self.num_directions, batch, self.hidden_size)
        if h0 is None:
            h0 = (torch.zeros(shape), torch.zeros(shape)) if self.kind == "lstm" else torch.zeros(shape)
        fused = fused_kernel(self.kind, self.nonlinearity)
        weights = [getattr(self, name) for name in self._flat_weight_names()]
        result = fused(
            x,
            h0 if self.kind != "lstm" else tuple(h0),
            weights,
            True,
            self.num_layers,
            0.0,
            self.training,
            self.bidirectional,
            True,
        )
        if self.kind == "lstm":
            return result[0], (result[1], result[2])
        return result[0], result[1]

    def _flat_weight_names(self):
        return [
            f"{kind}_l{layer}{suffix}"
            for layer in range(self.num_layers)
            for suffix in self._suffixes()
            for kind in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
        ]

    def _stack_finals(self, finals, stack):
        """torch-style final states from finals[layer][direction] = (h,) or (h, c)."""
        flat = [state for layer in finals for state in layer]
        stacked = [stack([state[i] for state in flat]) for i in range(len(flat[0]))]  # (L*D, B, H) each
        return tuple(stacked) if self.kind == "lstm" else stacked[0]

    def run_with_trace(
        self,
        x,
        h0=None,
        loss_fn: Callable[[torch.Tensor], torch.Tensor] | None = None,
        interventions: Mapping[str, Callable] | None = None,
    ) -> tuple[torch.Tensor, Trace]:
        """Replay step by step: (output (B, T, D*H), Trace of every quantity at every step).

        loss_fn(output) -> scalar adds "{...}.hidden_grad", "{...}.cell_grad" and "input_grad" to the Trace.
        interventions maps a trace key to fn(t, value) -> value, applied as the step computes that value.
        """
        x = check_input(x, self.input_size)  # dtype and shape only: nothing is copied before the size check
        self._check_trace_size(*x.shape[:2], with_grads=loss_fn is not None)
        for key in interventions or {}:
            self._check_intervention_key(key)
        x = as_input_tensor(x).detach()  # recording never needs the caller's graph
        state0 = self._initial_states(h0, x.shape[0], detach=True)
        if loss_fn is not None and (interventions or not self.uses_fused_kernel):
            return self._trace_by_autograd(x, state0, loss_fn, interventions)
        with np.errstate(over="ignore", invalid="ignore"):
            if interventions or not self.uses_fused_kernel:
                arrays, output = self._record_by_replay(x, state0, interventions)
            else:
                arrays, output = record_fused(self, x, state0)
            loss = None
            if loss_fn is not None:
                grads, loss = bptt.backpropagate(
                    self.spec, self.layer_weights(True), arrays, state0, output, loss_fn
                )
                arrays.update(grads)
        return output, Trace(arrays, self._meta(x, arrays, loss), x.numpy())

    def _record_by_replay(self, x, state0, interventions):
        """The NumPy step loop: every variant, and interventions applied as each step computes."""
        batch, length = x.shape[:2]
        quantities = kinds.QUANTITIES[self.kind]
        state0 = [[tuple(s.numpy() for s in state) for state in layer] for layer in state0]
        recorders, _, output = replay_stack(
            x.numpy(),
            self.layer_weights(True),
            self.spec,
            self.hidden_size,
            state0,
            equations.NumpyOps,
            lambda: NumpyRecorder(quantities, batch, length, self.hidden_size),
            interventions,
        )
        arrays = {
            trace_key(layer, quantity, direction == 1): recorder.sequence(quantity)
            for layer, layer_recorders in enumerate(recorders)
            for direction, recorder in enumerate(layer_recorders)
            for quantity in quantities
        }
        return arrays, torch.from_numpy(output)

    def _check_trace_size(self, batch: int, length: int, with_grads: bool) -> None:
        """ValueError when recording (batch, length), or its input, holds over MAX_TRACE_VALUES floats."""
        cell_kind = kinds.KINDS[self.kind]
        # per layer and direction, each (B, T, H): the quantities, and with a loss every state's gradient
        arrays = cell_kind.recorded_arrays if with_grads else len(cell_kind.quantities)
        per_step = arrays * self.hidden_size * self.num_layers * self.num_directions
        if with_grads:
            per_step += self.input_size  # input_grad (B, T, I)
        values = batch * length * per_step
        if values > limits.MAX_TRACE_VALUES:
            raise ValueError(
                f"recording {batch} sequences of {length} steps would hold {values:,} values "
                f"({values * 4 / 2**20:,.0f} MB); the limit is {limits.MAX_TRACE_VALUES:,} "
                "(lstm_viz.limits): use fewer sequences, shorter ones or a smaller model"
            )
        inputs = batch * length * self.input_size  # the Trace keeps the input (B, T, I) too
        if inputs > limits.MAX_TRACE_VALUES:
            raise ValueError(
                f"x (the input) holds {inputs:,} values ({batch} x {length} x {self.input_size}); "
                f"a recording takes at most {limits.MAX_TRACE_VALUES:,} (lstm_viz.limits)"
            )

    def _check_intervention_key(self, key: str) -> None:
        layer, reverse, quantity = parse_key(key)
        if layer >= self.num_layers or (reverse and not self.bidirectional):
            raise ValueError(f"intervention key {key!r} names a layer or direction this model does not have")
        if quantity not in kinds.QUANTITIES[self.kind]:
            raise ValueError(f"intervention key {key!r}: a {self.kind} records {kinds.QUANTITIES[self.kind]}")

    def _trace_by_autograd(self, x, state0, loss_fn, interventions):
        """The general gradient path: autograd over the torch replay, differentiating every step's state."""
        x = x.clone().requires_grad_(True)
        length = x.shape[1]
        recorders, _, output = replay_stack(
            x,
            self.layer_weights(False),
            self.spec,
            self.hidden_size,
            state0,
            equations.TorchOps,
            lambda: TorchRecorder(length),
            interventions,
        )
        loss = loss_fn(output)
        states = kinds.KINDS[self.kind].states
        arrays, targets = {}, {"input_grad": [x]}
        for layer, layer_recorders in enumerate(recorders):
            for direction, recorder in enumerate(layer_recorders):
                for quantity in kinds.QUANTITIES[self.kind]:
                    arrays[trace_key(layer, quantity, direction == 1)] = (
                        recorder.sequence(quantity).detach().numpy()
                    )
                for quantity in states:
                    targets[trace_key(layer, f"{quantity}_grad", direction == 1)] = [
                        step[quantity] for step in recorder.steps
                    ]
        flat = [tensor for tensors in targets.values() for tensor in tensors]
        grads = iter(torch.autograd.grad(loss, flat, allow_unused=True, materialize_grads=True))
        arrays["input_grad"] = next(grads).numpy()  # (B, T, I)
        for key, tensors in list(targets.items())[1:]:
            arrays[key] = torch.stack([next(grads) for _ in tensors], 1).numpy()  # (B, T, H)
        return output.detach(), Trace(arrays, self._meta(x, arrays, float(loss.detach())), x.detach().numpy())

    def _meta(self, x, arrays, loss) -> dict:
        bad_steps = nonfinite_steps([arrays[key] for key in arrays if key.endswith(".hidden")])
        return {
            "kind": self.kind,
            "variant": self.variant,
            "nonlinearity": self.nonlinearity,
            "input_size": self.input_size,
            "hidden_size": self.hidden_size,
            "num_layers": self.num_layers,
            "bidirectional": self.bidirectional,
            "directions": ["forward", "reverse"][: self.num_directions],
            "batch": int(x.shape[0]),
            "time": int(x.shape[1]),
            "nonfinite": bool(bad_steps.size),
            "first_nonfinite_step": int(bad_steps[0]) if bad_steps.size else None,
            "loss": loss,
        }

    @classmethod
    def from_torch(cls, module: nn.Module) -> Recurrent:
        """An exact copy of an nn.LSTM / nn.GRU / nn.RNN (biases on, no projections)."""
        kind = next((k for k, c in _TORCH_CLASSES.items() if type(module) is c), None)
        if kind is None:
            raise ValueError(f"from_torch takes nn.LSTM, nn.GRU or nn.RNN, not {type(module).__name__}")
        if not module.bias or getattr(module, "proj_size", 0):
            raise ValueError("from_torch needs bias=True and no proj_size")
        nonlinearity = getattr(module, "nonlinearity", "tanh")
        core = cls(
            kind,
            module.input_size,
            module.hidden_size,
            module.num_layers,
            module.bidirectional,
            nonlinearity=nonlinearity,
        )
        core.load_state_dict(module.state_dict())
        return core

    def to_torch(self) -> nn.Module:
        """The equivalent nn.LSTM / nn.GRU / nn.RNN (batch_first=True) with copied weights."""
        if self.variant != "standard":
            raise ValueError(f"torch has no {self.variant} LSTM; only standard cores convert")
        extra = {"nonlinearity": self.nonlinearity} if self.kind == "rnn" else {}
        module = _TORCH_CLASSES[self.kind](
            self.input_size,
            self.hidden_size,
            self.num_layers,
            batch_first=True,
            bidirectional=self.bidirectional,
            **extra,
        )
        module.load_state_dict(self.state_dict())
        return module
