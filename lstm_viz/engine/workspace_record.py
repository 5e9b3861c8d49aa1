"""Recording a standard LSTM layer at the cost of one forward pass: the gates oneDNN keeps for its backward.

On CPU, torch runs `nn.LSTM` through oneDNN's RNN primitive. In training mode that primitive saves every
step's activated gates (i, f, g, o) in a workspace for its own backward pass, so the forward that computes the
hidden states has already computed everything a Trace needs except the cell state. This module runs that
forward (`torch.ops.aten.mkldnn_rnn_layer`, one layer-direction per call), reads the gates out of the
workspace, and gets the cell state by the elementwise walk c_t = f_t c_{t-1} + i_t g_t (equations.lstm_cell).

The workspace layout is oneDNN's, not a public format: its first region is the gates, (T, B, ld) in the
order of the iterations (reversed for the reverse direction), each row 4H floats in torch's i, f, g, o order,
padded to `ld` (a multiple of 16 floats, 16 more when that is a multiple of 256). So every chunk is checked
against what the primitive returned (its last cell state, and h_t = o_t tanh(c_t) at both ends), or
`record_layer` returns None and the caller falls back to recomputing the gates (`fused_record.py`).

Time is cut into chunks (the final state of one is the initial state of the next), which bounds the
workspace (about four times the gates) to a few tens of MB whatever the sequence length.
"""

from __future__ import annotations

import numpy as np
import torch

from . import equations

_LSTM_MODE = 2  # oneDNN's cell kind, in torch's numbering (rnn_relu 0, rnn_tanh 1, lstm 2, gru 3)
_CHUNK_GATE_VALUES = 1 << 21  # gate values per chunk (8 MB of gates, about 32 MB of workspace)
_CHECK_TOLERANCE = 1e-4  # h from the gates read vs h returned; a misread layout is off by O(0.1)
LSTM_GATES = ("input_gate", "forget_gate", "cell_candidate", "output_gate")  # torch's packed order


def available() -> bool:
    """Whether torch can run the LSTM on oneDNN here (a CPU build with it enabled)."""
    return torch.backends.mkldnn.is_available() and torch.backends.mkldnn.enabled


def _row_length(gates: int) -> int:
    """oneDNN's leading dimension for a row of `gates` floats: up to a multiple of 16, +16 if one of 256."""
    row = -(-gates // 16) * 16
    return row + 16 if row % 256 == 0 else row


def _chunks(length: int, steps: int, reverse: bool) -> list[tuple[int, int]]:
    """[start, stop) position ranges in the order the direction walks them."""
    bounds = [(start, min(start + steps, length)) for start in range(0, length, steps)]
    return bounds[::-1] if reverse else bounds


def _run_chunk(x, w, h, c, reverse):
    """(hidden (T, B, H), h_T, c_T, gates (T, B, 4H) in position order) for one chunk; x (T, B, I)."""
    with torch.enable_grad():  # oneDNN returns no workspace under no_grad; nothing here requires grad
        hidden, h_last, c_last, workspace = torch.ops.aten.mkldnn_rnn_layer(
            x, *(p.detach() for p in (w.w_ih, w.w_hh, w.b_ih, w.b_hh)), h, c, reverse, [], _LSTM_MODE,
            h.shape[-1], 1, True, False, False, True,
        )
    length, batch = x.shape[:2]
    gates = 4 * h.shape[-1]
    row = _row_length(gates)
    values = workspace.numpy().view(np.float32)[: length * batch * row].reshape(length, batch, row)
    values = values[::-1] if reverse else values
    return hidden, h_last, c_last, values[..., :gates]


def _cell_walk(i, f, g, c0, reverse):
    """c_t for every step of a chunk, (T, B, H) time-major, walking in the direction's order; c0 (B, H)."""
    cell = np.multiply(i, g)  # (T, B, H); each step then adds f_t c_{t-1}: equations.lstm_cell in place
    scratch = np.empty_like(c0)
    c = c0
    for t in range(len(cell) - 1, -1, -1) if reverse else range(len(cell)):
        c = equations.lstm_cell_into(f[t], c, cell[t], scratch)
    return cell


def _reads_back(o, cell, hidden, c_last, reverse) -> bool:
    """Whether the gates read are the primitive's: its last cell state equals the walk's (which used every
    step's i, f and g), and its hidden states equal o_t tanh(c_t) at both ends of the chunk (o, and the row
    stride). o, cell, hidden: (T, B, H) in position order; c_last (B, H)."""
    ends = [0, -1]
    read = equations.lstm_hidden(o[ends], cell[ends], equations.NumpyOps)  # (2, B, H)
    last_cell = cell[0] if reverse else cell[-1]
    errors = (np.abs(read - hidden[ends]).max(), np.abs(last_cell - c_last).max())
    return all(error <= _CHECK_TOLERANCE for error in errors)  # False for NaN too


def record_layer(x, w, h0, c0, reverse: bool):
    """({quantity: (B, T, H) array}, hidden (T, B, H) tensor) for one LSTM layer-direction, or None when
    the workspace does not read back as expected. x: (T, B, I); w: LayerWeights of tensors; h0, c0 (B, H)."""
    length, batch = x.shape[:2]
    hidden_size = h0.shape[-1]
    arrays = {q: np.empty((batch, length, hidden_size), np.float32) for q in (*LSTM_GATES, "cell")}
    hidden = torch.empty(length, batch, hidden_size)
    steps = max(1, _CHUNK_GATE_VALUES // (batch * 4 * hidden_size))
    h, c = h0.contiguous(), c0.contiguous()
    for start, stop in _chunks(length, steps, reverse):
        out, h, c_next, gates = _run_chunk(x[start:stop], w, h, c, reverse)
        i, f, g, o = (gates[..., k * hidden_size : (k + 1) * hidden_size] for k in range(4))
        cell = _cell_walk(i, f, g, c.numpy(), reverse)
        if not _reads_back(o, cell, out.numpy(), c_next.numpy(), reverse):
            return None
        for quantity, value in zip((*LSTM_GATES, "cell"), (i, f, g, o, cell), strict=True):
            arrays[quantity][:, start:stop] = value.transpose(1, 0, 2)
        hidden[start:stop] = out
        c = c_next
    return arrays, hidden
