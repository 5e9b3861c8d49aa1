"""The step equations of every recurrent cell and their derivatives: the only place they are written.

Each function advances one cell by one time step. It receives the two projections of the step's inputs,
already computed by the caller (one matrix product per step lives with the loop, not here):

    gi = x_t W_ih^T + b_ih      # (B, G)  input projection, G = 4H (LSTM), 3H (GRU), H (RNN)
    gh = h_{t-1} W_hh^T + b_hh  # (B, G)  recurrent projection

and returns every named quantity of the step, in the order they are computed. Gate order inside G follows
PyTorch's packed layout: i, f, g, o for the LSTM (Hochreiter & Schmidhuber 1997, with the forget gate of Gers
et al. 2000) and r, z, n for the GRU (Cho et al. 2014, in PyTorch's formulation).

The same functions run on NumPy arrays (the fast recording replay) and on torch tensors (training of the
variants, autograd): only `sigmoid`, `tanh`, `relu` and `ones_like` come from the `ops` namespace, all the
arithmetic is written with operators.

`edit`, when given, is called as `edit(name, value) -> value` right after each quantity is computed and
before anything else uses it: this is how interventions ("clamp the forget gate to 1") enter the equations.

Each activation function carries its derivative beside it (as TensorFlow Playground's nn.ts does): the
backward pass of `bptt.py` and the activation figures read the slopes from here, written in terms of the
function's output where that is how backpropagation meets them (sigma' = s (1 - s), tanh' = 1 - y^2).
"""

from __future__ import annotations

import numpy as np
import torch

from .kinds import FORGET_GATE_VARIANTS


def sigmoid(a):
    """1 / (1 + e^-a) on a NumPy array, computed as 0.5 tanh(a/2) + 0.5, which never overflows."""
    return np.tanh(a * 0.5) * 0.5 + 0.5


def sigmoid_slope(s):
    """sigma'(a) from the output s = sigma(a): s (1 - s), at most 1/4."""
    return s * (1 - s)


def tanh_slope(y):
    """tanh'(a) from the output y = tanh(a): 1 - y^2, at most 1."""
    return 1 - y * y


def relu(a):
    return np.maximum(a, 0)


def relu_slope(a):
    """ReLU'(a) from the pre-activation: 1 where a > 0, else 0."""
    return (np.asarray(a) > 0).astype(np.float32)


def leaky_relu(a, slope: float = 0.01):
    return np.where(a > 0, a, slope * a)


def leaky_relu_slope(a, slope: float = 0.01):
    return np.where(np.asarray(a) > 0, 1.0, slope).astype(np.float32)


# name -> (phi(a), phi'(a)), both functions of the pre-activation a: what the activation figures draw.
ACTIVATIONS = {
    "sigmoid": (sigmoid, lambda a: sigmoid_slope(sigmoid(a))),
    "tanh": (np.tanh, lambda a: tanh_slope(np.tanh(a))),
    "relu": (relu, relu_slope),
    "leaky_relu": (leaky_relu, leaky_relu_slope),
}


class NumpyOps:
    """Elementwise nonlinearities on float32 NumPy arrays."""

    sigmoid = staticmethod(sigmoid)
    tanh = staticmethod(np.tanh)
    relu = staticmethod(relu)
    ones_like = staticmethod(np.ones_like)


class TorchOps:
    """Elementwise nonlinearities on torch tensors (differentiable)."""

    sigmoid = staticmethod(torch.sigmoid)
    tanh = staticmethod(torch.tanh)
    relu = staticmethod(torch.relu)
    ones_like = staticmethod(torch.ones_like)


def _keep(_name, value):
    return value


def _split4(pre):
    hidden = pre.shape[-1] // 4
    return [pre[..., k * hidden : (k + 1) * hidden] for k in range(4)]


def lstm_gates(pre, c_prev, ops, variant="standard", peephole=None, edit=_keep):
    """Input gate i, forget gate f and candidate g of one step, from the pre-activations (B, 4H).

      standard:        i, f = sigma(.), g = tanh(.)
      peephole:        i and f also see c_{t-1} through diagonal weights (Gers & Schmidhuber 2000)
      no_forget_gate:  f = 1 (the 1997 LSTM)
      coupled:         f = 1 - i
    c_prev is read by the peephole variant only.
    """
    pre_i, pre_f, pre_g, _ = _split4(pre)
    if variant == "peephole":
        pre_i = pre_i + peephole[0] * c_prev
        pre_f = pre_f + peephole[1] * c_prev
    i = edit("input_gate", ops.sigmoid(pre_i))
    if variant in FORGET_GATE_VARIANTS:
        f = ops.sigmoid(pre_f)
    elif variant == "no_forget_gate":
        f = ops.ones_like(i)
    else:
        f = 1 - i
    f = edit("forget_gate", f)
    g = edit("cell_candidate", ops.tanh(pre_g))
    return i, f, g


def lstm_cell(f, c_prev, i, g):
    """The cell state, the LSTM's memory: c_t = f_t * c_{t-1} + i_t * g_t."""
    return f * c_prev + i * g


def lstm_cell_into(f, c_prev, out, scratch):
    """lstm_cell on NumPy arrays, in place for a recording walk: `out` holds i_t * g_t and receives c_t."""
    np.multiply(f, c_prev, out=scratch)
    return np.add(scratch, out, out=out)


def lstm_output_gate(pre, c, ops, variant="standard", peephole=None):
    """o_t = sigma(pre_o), plus a peephole from the new cell state c_t in the peephole variant."""
    pre_o = _split4(pre)[3]
    if variant == "peephole":
        pre_o = pre_o + peephole[2] * c
    return ops.sigmoid(pre_o)


def lstm_hidden(o, c, ops):
    """h_t = o_t * tanh(c_t)."""
    return o * ops.tanh(c)


def lstm_step(gi, gh, h_prev, c_prev, ops, variant="standard", peephole=None, edit=None):
    """One LSTM step; peephole: (3, H) diagonal weights into i, f (from c_{t-1}) and o (from c_t).

    Returns {quantity: (B, H)} with the keys of kinds.LSTM.quantities.
    """
    edit = edit or _keep
    pre = gi + gh  # (B, 4H)
    i, f, g = lstm_gates(pre, c_prev, ops, variant, peephole, edit)
    c = edit("cell", lstm_cell(f, c_prev, i, g))
    o = edit("output_gate", lstm_output_gate(pre, c, ops, variant, peephole))
    h = edit("hidden", lstm_hidden(o, c, ops))
    return {"input_gate": i, "forget_gate": f, "cell_candidate": g, "output_gate": o, "cell": c, "hidden": h}


def gru_step(gi, gh, h_prev, ops, edit=None):
    """One GRU step, PyTorch's formulation (the reset gate scales the recurrent projection of n).

      r = sigma(gi_r + gh_r), z = sigma(gi_z + gh_z), n = tanh(gi_n + r * gh_n), h_t = (1 - z) n + z h_{t-1}
    Returns {quantity: (B, H)} with the keys of kinds.GRU.quantities.
    """
    edit = edit or _keep
    hidden = h_prev.shape[-1]
    r = edit("reset_gate", ops.sigmoid(gi[..., :hidden] + gh[..., :hidden]))
    z = edit("update_gate", ops.sigmoid(gi[..., hidden : 2 * hidden] + gh[..., hidden : 2 * hidden]))
    n = edit("candidate", ops.tanh(gi[..., 2 * hidden :] + r * gh[..., 2 * hidden :]))
    h = edit("hidden", (1 - z) * n + z * h_prev)
    return {"reset_gate": r, "update_gate": z, "candidate": n, "hidden": h}


def rnn_step(gi, gh, h_prev, ops, nonlinearity="tanh", edit=None):
    """One vanilla (Elman) RNN step: h_t = phi(gi + gh) with phi = tanh or relu.

    h_prev is already inside gh; it is taken only so that every step function has the same signature.
    Returns {"preactivation": (B, H), "hidden": (B, H)}.
    """
    edit = edit or _keep
    pre = edit("preactivation", gi + gh)
    phi = ops.tanh if nonlinearity == "tanh" else ops.relu
    return {"preactivation": pre, "hidden": edit("hidden", phi(pre))}
