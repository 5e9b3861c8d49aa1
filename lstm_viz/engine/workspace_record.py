"""Recording a standard LSTM layer at the cost of one forward pass: the gates oneDNN keeps for its backward.

On CPU, torch runs `nn.LSTM` through oneDNN's RNN primitive. In training mode that primitive saves every
step's activated gates (i, f, g, o) and cell states in a workspace for its own backward pass, so the forward
that computes the hidden states has already computed everything a Trace needs. This module runs that forward
(`torch.ops.aten.mkldnn_rnn_layer`, one layer-direction per call) and copies the gates and the cell states out
of the workspace; where the cell states are not found, it walks c_t = f_t c_{t-1} + i_t g_t
(equations.lstm_cell) instead.

The workspace layout is oneDNN's, not a public format: its first region is the gates, (T, B, ld) in the
order of the iterations (reversed for the reverse direction), each row 4H floats in torch's i, f, g, o order,
padded to `ld` (a multiple of 16 floats, 16 more when that is a multiple of 256). So every chunk is checked
against what the primitive returned (its last cell state, c_t = f_t c_{t-1} + i_t g_t at its first and last
steps, and h_t = o_t tanh(c_t) at both ends), or
`record_layer` returns None and the caller falls back to recomputing the gates (`fused_record.py`).

Time is cut into chunks (the final state of one is the initial state of the next), which bounds the
workspace (about four times the gates) to a few tens of MB whatever the sequence length.
"""

from __future__ import annotations

import numpy as np
import torch

from . import equations
from .replay import time_order

_LSTM_MODE = 2  # oneDNN's cell kind, in torch's numbering (rnn_relu 0, rnn_tanh 1, lstm 2, gru 3)
# Gate values per chunk (4 MB of gates, about 16 MB of workspace, which stays in cache: 128-step chunks of
# (32, 128) ran 1.2x slower). A sequence with up to twice that runs whole, sparing a call's fixed cost.
_CHUNK_GATE_VALUES = 1 << 20
_PAGE = 1024  # oneDNN aligns each workspace region to a 4096-byte page: 1024 floats
_CHECK_TOLERANCE = 1e-4  # h from the gates read vs h returned; a misread layout is off by O(0.1)
LSTM_GATES = ("input_gate", "forget_gate", "cell_candidate", "output_gate")  # torch's packed order
RECORDED = (*LSTM_GATES, "cell", "hidden")
_CELL_REGIONS: dict[tuple, int] = {}  # where the saved cell states were found, by gates' (T, B, 4, H)
_MAX_KNOWN_REGIONS = 64


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
    """(hidden (T, B, H), h_T, c_T, workspace as flat float32 array) for one chunk; x (T, B, I)."""
    with torch.enable_grad():  # oneDNN returns no workspace under no_grad; nothing here requires grad
        hidden, h_last, c_last, workspace = torch.ops.aten.mkldnn_rnn_layer(
            x, *(p.detach() for p in (w.w_ih, w.w_hh, w.b_ih, w.b_hh)), h, c, reverse, [], _LSTM_MODE,
            h.shape[-1], 1, True, False, False, True,
        )
    return hidden, h_last, c_last, workspace.numpy().view(np.float32).reshape(-1)


def _gates(values, length, batch, hidden_size, reverse):
    """The activated gates (T, B, 4, H) in position order: the workspace's first region."""
    gates = 4 * hidden_size
    row = _row_length(gates)
    rows = values[: length * batch * row].reshape(length, batch, row)
    rows = rows[::-1] if reverse else rows
    return rows[..., :gates].reshape(length, batch, 4, hidden_size)


def _saved_cells(values, gates, c_last, reverse):
    """The cell states oneDNN saves for its backward, c_1 .. c_{T-1} as (T - 1, B, H) in the order of the
    iterations (c_T is the returned c_last), or None if they are not found. gates (T, B, 4, H) in position
    order; c_last (B, H).

    They sit in a later page-aligned region, (2, T + 1, B, H) dense, in its second slot after the initial
    state's place. The region is the one whose c_{T-1} gives c_last through the last iteration's gates; the
    caller then checks the recurrence at both ends of the chunk, as for the gates."""
    length, batch, _, hidden_size = gates.shape
    step = batch * hidden_size
    if length == 1:
        return np.empty((0, batch, hidden_size), np.float32)
    i, f, g, _ = (gates[0 if reverse else -1, :, k].reshape(-1) for k in range(4))  # (B * H,) each
    last = c_last.reshape(-1)
    end = (2 * length + 1) * step  # floats from the region's start to the end of c_{T-1}
    first_page = -(-length * batch * _row_length(4 * hidden_size) // _PAGE) * _PAGE  # after the gates
    starts = np.arange(first_page, values.size - end + 1, _PAGE)
    known = _CELL_REGIONS.get(gates.shape)

    @np.errstate(invalid="ignore", over="ignore")  # pages not yet written may hold any bits
    def fits(start) -> bool:
        before = values[start + end - step : start + end]  # this region's c_{T-1}
        return bool(np.abs(f * before + i * g - last).max() <= _CHECK_TOLERANCE)

    if known is None or known + end > values.size or not fits(known):  # one look at every page
        with np.errstate(invalid="ignore", over="ignore"):
            near = np.abs(f[0] * values[starts + end - step] + i[0] * g[0] - last[0]) <= _CHECK_TOLERANCE
        known = next((start for start in starts[near] if fits(start)), None)
        if known is None:
            return None
        if len(_CELL_REGIONS) >= _MAX_KNOWN_REGIONS:
            _CELL_REGIONS.clear()
        _CELL_REGIONS[gates.shape] = known
    return values[known + (length + 2) * step : known + end].reshape(length - 1, batch, hidden_size)


def _cell_walk(part, c0, reverse):
    """c_t for every step of a chunk into part["cell"], walking in the direction's order: c_t = i_t g_t first,
    then each step adds f_t c_{t-1} in place (equations.lstm_cell). part: (B, T, H) views; c0 (B, H)."""
    cell, forget = part["cell"], part["forget_gate"]
    np.multiply(part["input_gate"], part["cell_candidate"], out=cell)
    scratch = np.empty_like(c0)
    c = c0
    for t in time_order(cell.shape[1], reverse):
        c = equations.lstm_cell_into(forget[:, t], c, cell[:, t], scratch)


def _reads_back(part, hidden, c0, c_last, reverse) -> bool:
    """Whether the values read are the primitive's: its last cell state equals ours, c_t = f_t c_{t-1} +
    i_t g_t holds at the chunk's first and last steps (from its initial state), and its hidden states equal
    o_t tanh(c_t) at both ends (o, and the row stride). part: (B, T, H) views in position order; hidden
    (T, B, H); c0, c_last (B, H)."""
    cell, length = part["cell"], part["cell"].shape[1]
    first, last = (length - 1, 0) if reverse else (0, length - 1)
    before_last = c0 if length == 1 else cell[:, last + 1 if reverse else last - 1]
    ends = [first, last]
    i, f, g, o = (part[quantity][:, ends] for quantity in LSTM_GATES)  # (B, 2, H) each
    walked = equations.lstm_cell(f, np.stack([c0, before_last], 1), i, g)
    read = equations.lstm_hidden(o, cell[:, ends], equations.NumpyOps)
    errors = (
        np.abs(read - hidden[ends].transpose(1, 0, 2)).max(),
        np.abs(walked - cell[:, ends]).max(),
        np.abs(cell[:, last] - c_last).max(),
    )
    return all(error <= _CHECK_TOLERANCE for error in errors)  # False for NaN too


def record_layer(x, w, h0, c0, reverse: bool):
    """({quantity: (B, T, H) array}, hidden (T, B, H) tensor) for one LSTM layer-direction, or None when
    the workspace does not read back as expected. x: (T, B, I); w: LayerWeights of tensors; h0, c0 (B, H).

    Each chunk's values go straight into the preallocated (B, T, H) arrays by transposing copies:
    the gates, the cell states oneDNN saved (walked here when they are not found), the hidden states."""
    length, batch = x.shape[:2]
    hidden_size = h0.shape[-1]
    # one array per quantity: a single (6, B, T, H) block is more often above malloc's reuse threshold, and
    # its fresh pages cost more than the copies saved
    arrays = {quantity: np.empty((batch, length, hidden_size), np.float32) for quantity in RECORDED}
    outputs = []
    per_step = batch * 4 * hidden_size  # gate values
    steps = length if length * per_step <= 2 * _CHUNK_GATE_VALUES else max(1, _CHUNK_GATE_VALUES // per_step)
    h, c = h0.contiguous(), c0.contiguous()
    for start, stop in _chunks(length, steps, reverse):
        out, h, c_next, values = _run_chunk(x[start:stop], w, h, c, reverse)
        part = {quantity: value[:, start:stop] for quantity, value in arrays.items()}  # (B, t, H) views
        gates = _gates(values, stop - start, batch, hidden_size, reverse)  # (t, B, 4, H)
        for k, quantity in enumerate(LSTM_GATES):
            np.copyto(part[quantity], gates[:, :, k].transpose(1, 0, 2))
        saved = _saved_cells(values, gates, c_next.numpy(), reverse)  # (t - 1, B, H) iteration order
        if saved is None:
            _cell_walk(part, c.numpy(), reverse)
        else:
            cell, last = (part["cell"][:, 1:], 0) if reverse else (part["cell"][:, :-1], -1)
            np.copyto(cell, (saved[::-1] if reverse else saved).transpose(1, 0, 2))
            part["cell"][:, last] = c_next.numpy()
        hidden = out.numpy()  # (t, B, H)
        if not _reads_back(part, hidden, c.numpy(), c_next.numpy(), reverse):
            return None
        np.copyto(part["hidden"], hidden.transpose(1, 0, 2))
        outputs.append(out)
        c = c_next
    outputs = outputs[::-1] if reverse else outputs
    return arrays, outputs[0] if len(outputs) == 1 else torch.cat(outputs)
