"""Independent references for the engine tests, written apart from lstm_viz on purpose.

`numpy_unroll` re-derives every gate and state with plain NumPy loops from a torch module's parameters (and
the extra peephole weights), straight from the textbook equations. `torch_cell_unroll` rebuilds the network
from nn.LSTMCell / nn.GRUCell / nn.RNNCell, keeping every step's state so autograd can give dL/dh_t.
"""

import numpy as np
import torch
from torch import nn


def _sigmoid(a):
    return 1.0 / (1.0 + np.exp(-a.astype(np.float64)))


def _params(state_dict, layer, reverse):
    suffix = f"_l{layer}" + ("_reverse" if reverse else "")
    get = lambda name: state_dict[name + suffix].detach().numpy().astype(np.float64)  # noqa: E731
    return get("weight_ih"), get("weight_hh"), get("bias_ih"), get("bias_hh")


def numpy_unroll(kind, state_dict, x, num_layers, bidirectional, nonlinearity="tanh", variant="standard"):
    """{"l{layer}[.reverse].{quantity}": (B, T, H) float64} and the output (B, T, D*H)."""
    x = np.asarray(x, dtype=np.float64)
    batch, length, _ = x.shape
    found = {}
    layer_input = x
    for layer in range(num_layers):
        outputs = []
        for reverse in [False, True] if bidirectional else [False]:
            w_ih, w_hh, b_ih, b_hh = _params(state_dict, layer, reverse)
            hidden = w_hh.shape[1]
            prefix = f"l{layer}." + ("reverse." if reverse else "")
            h = np.zeros((batch, hidden))
            c = np.zeros((batch, hidden))
            steps = range(length - 1, -1, -1) if reverse else range(length)
            record = {}
            for t in steps:
                xt = layer_input[:, t]
                if kind == "rnn":
                    pre = xt @ w_ih.T + b_ih + h @ w_hh.T + b_hh
                    h = np.tanh(pre) if nonlinearity == "tanh" else np.maximum(pre, 0)
                    values = {"preactivation": pre, "hidden": h}
                elif kind == "gru":
                    a_r, a_z, a_n = np.split(xt @ w_ih.T + b_ih, 3, axis=1)
                    b_r, b_z, b_n = np.split(h @ w_hh.T + b_hh, 3, axis=1)
                    r = _sigmoid(a_r + b_r)
                    z = _sigmoid(a_z + b_z)
                    n = np.tanh(a_n + r * b_n)
                    h = (1 - z) * n + z * h
                    values = {"reset_gate": r, "update_gate": z, "candidate": n, "hidden": h}
                else:
                    a_i, a_f, a_g, a_o = np.split(xt @ w_ih.T + b_ih + h @ w_hh.T + b_hh, 4, axis=1)
                    if variant == "peephole":
                        peep = state_dict[f"peephole_l{layer}" + ("_reverse" if reverse else "")].numpy()
                        a_i, a_f = a_i + peep[0] * c, a_f + peep[1] * c
                    i = _sigmoid(a_i)
                    f = {"no_forget_gate": np.ones_like(i), "coupled": 1 - i}.get(variant, _sigmoid(a_f))
                    g = np.tanh(a_g)
                    c = f * c + i * g
                    if variant == "peephole":
                        a_o = a_o + peep[2] * c
                    o = _sigmoid(a_o)
                    h = o * np.tanh(c)
                    values = {
                        "input_gate": i,
                        "forget_gate": f,
                        "cell_candidate": g,
                        "output_gate": o,
                        "cell": c,
                        "hidden": h,
                    }
                for name, value in values.items():
                    record.setdefault(name, [None] * length)[t] = value
            for name, steps_values in record.items():
                found[prefix + name] = np.stack(steps_values, axis=1)
            outputs.append(found[prefix + "hidden"])
        layer_input = np.concatenate(outputs, axis=-1)
    return found, layer_input


def torch_cell_unroll(module, x):
    """(output (B, T, D*H), {key: [state tensor per step]}) from cell modules; states kept for autograd."""
    kind = {nn.LSTM: "lstm", nn.GRU: "gru", nn.RNN: "rnn"}[type(module)]
    batch, length, _ = x.shape
    states = {}
    layer_input = x
    for layer in range(module.num_layers):
        outputs = []
        for reverse in [False, True] if module.bidirectional else [False]:
            suffix = f"_l{layer}" + ("_reverse" if reverse else "")
            sizes = (layer_input.shape[-1], module.hidden_size)
            if kind == "lstm":
                cell = nn.LSTMCell(*sizes)
            elif kind == "gru":
                cell = nn.GRUCell(*sizes)
            else:
                cell = nn.RNNCell(*sizes, nonlinearity=module.nonlinearity)
            with torch.no_grad():
                for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
                    getattr(cell, name).copy_(getattr(module, name + suffix))
            prefix = f"l{layer}." + ("reverse." if reverse else "")
            h = torch.zeros(batch, module.hidden_size)
            c = torch.zeros(batch, module.hidden_size)
            hs, cs = [None] * length, [None] * length
            for t in range(length - 1, -1, -1) if reverse else range(length):
                if kind == "lstm":
                    h, c = cell(layer_input[:, t], (h, c))
                    c.retain_grad()
                    cs[t] = c
                else:
                    h = cell(layer_input[:, t], h)
                h.retain_grad()
                hs[t] = h
            states[prefix + "hidden"] = hs
            if kind == "lstm":
                states[prefix + "cell"] = cs
            outputs.append(torch.stack(hs, dim=1))
        layer_input = torch.cat(outputs, dim=-1)
    return layer_input, states
