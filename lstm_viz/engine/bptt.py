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
# The states each backward walk reads at the step before: the LSTM its cell, the GRU its hidden state.
_PREVIOUS = {"lstm": ("cell",), "gru": ("hidden",), "rnn": ()}


def _lstm(seq, prev, direct, w, times):
    """Time-major inside: every per-step read and write is a contiguous (B, ...) block, and the row of d pre
    that multiplies W_hh is written where it is kept (seven small kernels a step). Returns the gradients as
    (B, T, H) arrays and d pre as a (B, T, 4H) view of (T, B, 4H)."""
    i, f, g, o, c = (seq[k] for k in ("input_gate", "forget_gate", "cell_candidate", "output_gate", "cell"))
    batch, length, hidden = c.shape
    tanh_c = np.tanh(c)
    dc_per_dh = swap_time_batch(o * tanh_slope(tanh_c))  # (T, B, H)
    forget = swap_time_batch(f)
    # d pre-activation of (i, f, g) per unit of dc, and of o per unit of dh: (T, B, 4, H)
    coef = np.empty((length, batch, 4, hidden), np.float32)
    for k, value in enumerate(
        (g * sigmoid_slope(i), prev["cell"] * sigmoid_slope(f), i * tanh_slope(g), tanh_c * sigmoid_slope(o))
    ):
        coef[:, :, k] = value.transpose(1, 0, 2)
    direct = direct.transpose(1, 0, 2)  # (T, B, H) view
    d_pre = np.empty((length, batch, 4, hidden), np.float32)
    d_h, d_c = np.empty((length, batch, hidden), np.float32), np.empty((length, batch, hidden), np.float32)
    carry_h = np.zeros((batch, hidden), np.float32)
    carry_c = np.zeros((batch, hidden), np.float32)
    for t in reversed(times):
        dh = np.add(direct[t], carry_h, out=d_h[t])
        dc = np.multiply(dh, dc_per_dh[t], out=d_c[t])
        dc += carry_c
        np.multiply(dc, forget[t], out=carry_c)
        row = d_pre[t]  # (B, 4, H)
        np.multiply(dc[:, None], coef[t, :, :3], out=row[:, :3])
        np.multiply(dh, coef[t, :, 3], out=row[:, 3])
        np.matmul(row.reshape(batch, 4 * hidden), w.w_hh, out=carry_h)
    grads = {"hidden_grad": swap_time_batch(d_h), "cell_grad": swap_time_batch(d_c)}
    return grads, d_pre.reshape(length, batch, 4 * hidden).transpose(1, 0, 2)


def swap_time_batch(values):
    """A contiguous copy with the first two axes swapped: (B, T, H) <-> (T, B, H). The results go back
    batch-major and contiguous, as a Trace's arrays are, so that a sum over them adds in the same order
    whether it reads the Trace as computed or as a cache's copy of it."""
    return np.ascontiguousarray(values.transpose(1, 0, 2))


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
        inputs = []  # each direction's share of dL/d(layer input)
        for direction, w in enumerate(weights[layer]):
            reverse = direction == 1
            seq = {q: arrays[trace_key(layer, q, reverse)] for q in kinds.QUANTITIES[spec.kind]}
            hidden = seq["hidden"].shape[-1]
            prev = {
                name: previous_states(torch.from_numpy(seq[name]), initial, reverse).numpy()
                for name, initial in zip(("hidden", "cell"), state0[layer][direction], strict=False)
                if name in _PREVIOUS[spec.kind]
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
            inputs.append(_through_input_weights(d_gi, w.w_ih))
        d_output = inputs[0] if len(inputs) == 1 else sum(inputs)  # (B, T, I_l)
    grads["input_grad"] = d_output
    return grads


def _through_input_weights(d_gi, w_ih):
    """d_gi (B, T, G) @ W_ih (G, I) -> (B, T, I), one product in d_gi's memory order (time-major or not)."""
    time_first = d_gi.transpose(1, 0, 2)
    if time_first.flags.c_contiguous:
        return swap_time_batch(linear(torch.from_numpy(time_first), torch.from_numpy(w_ih).T).numpy())
    return linear(torch.from_numpy(d_gi), torch.from_numpy(w_ih).T).numpy()
