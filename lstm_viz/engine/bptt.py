"""Backpropagation through time by hand, in NumPy, over a recorded replay of a standard core.

`run_with_trace(loss_fn=...)` needs the total derivative of the loss with respect to every step's hidden
(and cell) state: dL/dh_t through the step's output and through every later step. Autograd over the unrolled
loop gives it, but slowly; here the recorded gates make the backward recurrence explicit, so each step costs
one matrix-vector product and a few elementwise products, and no weight gradients are formed.

For each layer-direction, `direct` is dL/dh_t through the layer's output only, (B, T, H). Walking time
backwards:   dh_t = direct_t + (dL/d gh_{t+1}) W_hh  [+ dh_{t+1} z_{t+1} for the GRU]
and the LSTM's cell:   dc_t = dh_t o_t (1 - tanh^2 c_t) + dc_{t+1} f_{t+1}.
The gradient reaching the layer's input is (dL/d gi) W_ih, which is the `direct` of the layer below.
These are the derivatives of the equations in `equations.py`; the tests check them against torch autograd.
"""

from __future__ import annotations

import numpy as np
import torch
from threadpoolctl import ThreadpoolController

from . import kinds
from .equations import relu_slope, sigmoid_slope, tanh_slope
from .fused_record import linear, previous_states
from .replay import time_order
from .trace import trace_key

# The per-step products here are small: one BLAS thread runs them fastest, and an idle second thread left
# spinning would steal the core that torch's next fused kernel needs.
_BLAS = ThreadpoolController()


def _lstm(seq, prev, direct, w, times):
    """Each step writes into preallocated buffers: dh, dc, the carried dc, d pre of (i, f, g) and of o into a
    contiguous (B, 4H) row, the row into d_pre, and row @ W_hh into the carried dh (eight small kernels)."""
    i, f, g, o, c = (seq[k] for k in ("input_gate", "forget_gate", "cell_candidate", "output_gate", "cell"))
    batch, length, hidden = c.shape
    tanh_c = np.tanh(c)
    dc_per_dh = o * tanh_slope(tanh_c)  # (B, T, H)
    # d pre-activation of (i, f, g) per unit of dc, and of o per unit of dh: (B, T, 4, H)
    coef = np.stack([g * sigmoid_slope(i), prev["cell"] * sigmoid_slope(f), i * tanh_slope(g)], 2)
    coef_o = tanh_c * sigmoid_slope(o)
    d_pre = np.empty((batch, length, 4, hidden), np.float32)
    d_h, d_c = np.empty_like(c), np.empty_like(c)
    carry_h = np.zeros((batch, hidden), np.float32)
    carry_c = np.zeros((batch, hidden), np.float32)
    row = np.empty((batch, 4, hidden), np.float32)
    for t in reversed(times):
        dh = np.add(direct[:, t], carry_h, out=d_h[:, t])
        dc = np.multiply(dh, dc_per_dh[:, t], out=d_c[:, t])
        dc += carry_c
        np.multiply(dc, f[:, t], out=carry_c)
        np.multiply(dc[:, None], coef[:, t], out=row[:, :3])
        np.multiply(dh, coef_o[:, t], out=row[:, 3])
        d_pre[:, t] = row
        np.matmul(row.reshape(batch, 4 * hidden), w.w_hh, out=carry_h)
    return {"hidden_grad": d_h, "cell_grad": d_c}, d_pre.reshape(batch, length, 4 * hidden)


def _gru(seq, prev, direct, w, times):
    r, z, n = seq["reset_gate"], seq["update_gate"], seq["candidate"]
    batch, _, hidden = n.shape
    h_prev = prev["hidden"]
    gh_n = linear(
        torch.from_numpy(h_prev),
        torch.from_numpy(w.w_hh[2 * hidden :]),
        torch.from_numpy(w.b_hh[2 * hidden :]),
    ).numpy()  # (B, T, H)
    c_n = (1 - z) * tanh_slope(n)
    c_z = (h_prev - n) * sigmoid_slope(z)
    c_r = c_n * gh_n * sigmoid_slope(r)
    coef_gh = np.stack([c_r, c_z, c_n * r], 2)  # (B, T, 3, H): d gh per unit of dh
    d_h = np.empty_like(n)
    carry = np.zeros((batch, hidden), np.float32)
    for t in reversed(times):
        dh = direct[:, t] + carry
        d_gh = (dh[:, None] * coef_gh[:, t]).reshape(batch, 3 * hidden)
        carry = d_gh @ w.w_hh + dh * z[:, t]
        d_h[:, t] = dh
    d_gi = d_h[:, :, None] * np.stack([c_r, c_z, c_n], 2)  # (B, T, 3, H)
    return {"hidden_grad": d_h}, d_gi.reshape(batch, -1, 3 * hidden)


def _rnn(seq, prev, direct, w, times, nonlinearity):
    h = seq["hidden"]
    slope = tanh_slope(h) if nonlinearity == "tanh" else relu_slope(seq["preactivation"])
    d_h, d_pre = np.empty_like(h), np.empty_like(h)
    carry = np.zeros_like(h[:, 0])
    for t in reversed(times):
        d_h[:, t] = direct[:, t] + carry
        d_pre[:, t] = d_h[:, t] * slope[:, t]
        carry = d_pre[:, t] @ w.w_hh
    return {"hidden_grad": d_h}, d_pre


def backpropagate(spec, weights, arrays, state0, output, loss_fn):
    """({key: gradient array}, loss) for a replay recorded in `arrays` (keys as in the Trace).

    weights[layer][direction] -> LayerWeights (NumPy); state0[layer][direction] -> (h0,) or (h0, c0) tensors;
    output (B, T, D*H) is the replay's output, on which loss_fn is evaluated by torch autograd.
    """
    output = output.detach().clone().requires_grad_(True)
    loss = loss_fn(output)
    (d_output,) = torch.autograd.grad(loss, output)
    d_output = d_output.numpy()  # (B, T, D*H)
    with _BLAS.limit(limits=1, user_api="blas"):
        return _backpropagate_layers(spec, weights, arrays, state0, d_output, output.shape[1]), float(
            loss.detach()
        )


def _backpropagate_layers(spec, weights, arrays, state0, d_output, length):
    grads = {}
    for layer in reversed(range(len(weights))):
        d_input = 0.0
        for direction, w in enumerate(weights[layer]):
            reverse = direction == 1
            seq = {q: arrays[trace_key(layer, q, reverse)] for q in kinds.QUANTITIES[spec.kind]}
            hidden = seq["hidden"].shape[-1]
            prev = {
                name: previous_states(torch.from_numpy(seq[name]), initial, reverse).numpy()
                for name, initial in zip(("hidden", "cell"), state0[layer][direction], strict=False)
            }
            direct = d_output[..., direction * hidden : (direction + 1) * hidden]
            times = time_order(length, reverse)
            if spec.kind == "lstm":
                layer_grads, d_gi = _lstm(seq, prev, direct, w, times)
            elif spec.kind == "gru":
                layer_grads, d_gi = _gru(seq, prev, direct, w, times)
            else:
                layer_grads, d_gi = _rnn(seq, prev, direct, w, times, spec.nonlinearity)
            for name, value in layer_grads.items():
                grads[trace_key(layer, name, reverse)] = value
            d_input = (
                d_input + linear(torch.from_numpy(d_gi), torch.from_numpy(w.w_ih).T).numpy()
            )  # (B, T, I_l)
        d_output = d_input
    grads["input_grad"] = d_output
    return grads
