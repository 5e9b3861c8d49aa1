"""Recording a standard core from torch's fused kernel, the fast path behind `run_with_trace`.

A standard LSTM is recorded from the gates oneDNN saves during its own forward (`workspace_record.py`), when
torch runs it on oneDNN and the workspace reads back; otherwise, and for the GRU and the RNN, as follows.
The fused kernel, called once per layer, computes every hidden state as fast as a plain forward. The gates are
then recomputed for all steps at once with the equations of `equations.py`, from the projections of x_t and
h_{t-1}: two large matrix products instead of T small ones. Only the LSTM's cell state still needs a walk
over time, c_t = f_t c_{t-1} + i_t g_t, which is elementwise and cheap. The loop of `replay.py` remains the
path for interventions and for the LSTM variants, which have no fused kernel.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import _VF

from . import equations, workspace_record
from .replay import time_order
from .trace import trace_key

_KERNELS = {
    ("lstm", "tanh"): _VF.lstm,
    ("gru", "tanh"): _VF.gru,
    ("rnn", "tanh"): _VF.rnn_tanh,
    ("rnn", "relu"): _VF.rnn_relu,
}


def fused_kernel(kind: str, nonlinearity: str):
    """torch's fused multi-step function for a standard core."""
    return _KERNELS[(kind, "tanh" if kind != "rnn" else nonlinearity)]


def previous_states(sequence, initial, reverse: bool):
    """The state each step started from, aligned to input positions. sequence (B, T, H), initial (B, H)."""
    if reverse:
        return torch.cat([sequence[:, 1:], initial[:, None]], dim=1)
    return torch.cat([initial[:, None], sequence[:, :-1]], dim=1)


def _cell_walk(f, i, g, c0, reverse):
    """c_t for every step, walking time in the direction's order. f, i, g: (B, T, H) arrays; c0: (B, H)."""
    cell = np.empty_like(f)
    c = c0
    for t in time_order(f.shape[1], reverse):
        c = cell[:, t] = equations.lstm_cell(f[:, t], c, i[:, t], g[:, t])
    return cell


def linear(inputs, weight, bias=None):
    """inputs (..., K) @ weight.T (K, N) [+ bias], as one 2-D product (torch's fastest route on CPU)."""
    flat = inputs.reshape(-1, inputs.shape[-1])
    product = flat @ weight.T if bias is None else torch.addmm(bias, flat, weight.T)
    return product.reshape(*inputs.shape[:-1], weight.shape[0])


def _direction_quantities(spec, layer_input, hidden, state0, w, reverse):
    """{quantity: (B, T, H) array} for one layer-direction whose hidden states are known."""
    ops = equations.NumpyOps
    h_prev = previous_states(hidden, state0[0], reverse)  # (B, T, H)
    if spec.kind == "gru":  # the reset gate needs the two projections apart
        gi, gh = linear(layer_input, w.w_ih, w.b_ih).numpy(), linear(h_prev, w.w_hh, w.b_hh).numpy()
        values = spec.step(ops)(gi, gh, h_prev.numpy())
    else:  # x_t W_ih^T + h_{t-1} W_hh^T + biases as one product over [x_t, h_{t-1}]
        weight = torch.cat([w.w_ih, w.w_hh], dim=1)
        pre = linear(torch.cat([layer_input, h_prev], dim=-1), weight, w.b_ih + w.b_hh).numpy()  # (B, T, G)
        if spec.kind == "rnn":
            values = spec.step(ops)(pre, 0, h_prev)
        else:
            i, f, g = equations.lstm_gates(pre, None, ops)
            cell = _cell_walk(f, i, g, state0[1].numpy(), reverse)
            values = {
                "input_gate": i,
                "forget_gate": f,
                "cell_candidate": g,
                "output_gate": equations.lstm_output_gate(pre, cell, ops),
                "cell": cell,
            }
    values["hidden"] = hidden.numpy()
    return {quantity: np.ascontiguousarray(value, dtype=np.float32) for quantity, value in values.items()}


def _record_lstm_from_workspace(core, x, state0):
    """record_fused for a standard LSTM from oneDNN's saved gates, or None if a layer does not read back."""
    arrays = {}
    layer_input = x.transpose(0, 1).contiguous()  # (T, B, I)
    for layer, directions in enumerate(core.layer_weights(to_numpy=False)):
        outputs = []
        for direction, w in enumerate(directions):
            reverse = direction == 1
            recorded = workspace_record.record_layer(layer_input, w, *state0[layer][direction], reverse)
            if recorded is None:
                return None
            quantities, hidden = recorded  # hidden (T, B, H)
            for quantity, value in quantities.items():
                arrays[trace_key(layer, quantity, reverse)] = value
            outputs.append(hidden)
        layer_input = outputs[0] if len(outputs) == 1 else torch.cat(outputs, -1)  # (T, B, D*H)
    return arrays, layer_input.transpose(0, 1)  # (B, T, D*H), a view as nn.LSTM's batch-first output


def record_fused(core, x: torch.Tensor, state0) -> tuple[dict, torch.Tensor]:
    """({trace key: (B, T, H) array}, output (B, T, D*H)) for a standard core. state0 as in Recurrent."""
    if core.kind == "lstm" and workspace_record.available():
        recorded = _record_lstm_from_workspace(core, x, state0)
        if recorded is not None:
            return recorded
    kernel = fused_kernel(core.kind, core.nonlinearity)
    weights = core.layer_weights(to_numpy=False)
    arrays = {}
    layer_input = x
    with torch.no_grad():
        for layer, directions in enumerate(weights):
            initial = [
                torch.stack([state0[layer][d][k] for d in range(len(directions))])
                for k in range(len(state0[layer][0]))
            ]  # each (D, B, H)
            flat = [tensor for w in directions for tensor in (w.w_ih, w.w_hh, w.b_ih, w.b_hh)]
            hx = tuple(initial) if core.kind == "lstm" else initial[0]
            output = kernel(layer_input, hx, flat, True, 1, 0.0, False, core.bidirectional, True)[0]
            hidden_size = core.hidden_size
            for direction, w in enumerate(directions):
                hidden = output[..., direction * hidden_size : (direction + 1) * hidden_size]
                quantities = _direction_quantities(
                    core.spec, layer_input, hidden, state0[layer][direction], w, direction == 1
                )
                for quantity, value in quantities.items():
                    arrays[trace_key(layer, quantity, direction == 1)] = value
            layer_input = output
    return arrays, layer_input
