"""Recording a standard LSTM from oneDNN's saved gates (issue 16.5): the same numbers as the step-by-step
replay and as torch, on every layer, direction and chunk, and a fall-back when the workspace misreads."""

import numpy as np
import pytest
import torch

from lstm_viz.engine import fused_record, workspace_record
from lstm_viz.engine.replay import LayerWeights
from lstm_viz.models import Recurrent

pytestmark = pytest.mark.skipif(not workspace_record.available(), reason="torch without oneDNN")


def _replayed(core, x, h0=None):
    """The same trace from the NumPy step loop (the path interventions take)."""
    state0 = core._initial_states(h0, x.shape[0], detach=True)
    return core._record_by_replay(x, state0, None)


def _torch_module(core):
    module = torch.nn.LSTM(
        core.input_size, core.hidden_size, core.num_layers, batch_first=True, bidirectional=core.bidirectional
    )
    module.load_state_dict(core.to_torch().state_dict())
    return module


@pytest.mark.parametrize(
    ("batch", "length", "input_size", "hidden", "layers", "bidirectional"),
    [(3, 7, 2, 5, 1, False), (2, 9, 4, 256, 1, True), (4, 6, 3, 100, 2, True), (1, 40, 1, 16, 2, False)],
)
def test_the_workspace_trace_equals_the_replay_and_torch(
    batch, length, input_size, hidden, layers, bidirectional
):
    core = Recurrent("lstm", input_size, hidden, num_layers=layers, bidirectional=bidirectional, seed=1)
    x = torch.randn(batch, length, input_size, generator=torch.Generator().manual_seed(2))
    directions = 2 if bidirectional else 1
    shape = (layers * directions, batch, hidden)
    h0 = (torch.randn(shape) * 0.5, torch.randn(shape) * 2)
    state0 = core._initial_states(h0, batch, detach=True)
    recorded = fused_record._record_lstm_from_workspace(core, x, state0)
    assert recorded is not None, "the workspace did not read back"
    arrays, output = recorded
    replay_arrays, replay_output = _replayed(core, x, h0)
    assert set(arrays) == set(replay_arrays)
    for key, value in arrays.items():
        assert value.shape == (batch, length, hidden) and value.dtype == np.float32
        np.testing.assert_allclose(value, replay_arrays[key], atol=2e-5, err_msg=key)
    with torch.no_grad():
        expected, _ = _torch_module(core)(x, h0)
    torch.testing.assert_close(output, expected, atol=1e-5, rtol=0)
    torch.testing.assert_close(output, replay_output, atol=2e-5, rtol=0)


def test_chunks_join_seamlessly(monkeypatch):
    """Cutting time into chunks of 3 steps changes the numbers by float rounding only (oneDNN blocks its
    products by length): each chunk starts from the last one's state."""
    core = Recurrent("lstm", 2, 8, bidirectional=True, seed=0)
    x = torch.randn(5, 20, 2, generator=torch.Generator().manual_seed(0))
    state0 = core._initial_states(None, 5, detach=True)
    whole, whole_output = fused_record._record_lstm_from_workspace(core, x, state0)
    monkeypatch.setattr(workspace_record, "_CHUNK_GATE_VALUES", 5 * 4 * 8 * 3)
    chunked, chunked_output = fused_record._record_lstm_from_workspace(core, x, state0)
    for key in whole:
        np.testing.assert_allclose(chunked[key], whole[key], atol=1e-6, err_msg=key)
    torch.testing.assert_close(chunked_output, whole_output, atol=1e-6, rtol=0)


def test_a_misread_workspace_falls_back_to_recomputed_gates(monkeypatch):
    """A wrong row length (a layout oneDNN might change) is caught, and run_with_trace stays right."""
    core = Recurrent("lstm", 3, 6, seed=0)
    x = torch.randn(2, 10, 3, generator=torch.Generator().manual_seed(0))
    state0 = core._initial_states(None, 2, detach=True)
    weights = core.layer_weights(to_numpy=False)[0][0]
    w = LayerWeights(*(p.detach() for p in (weights.w_ih, weights.w_hh, weights.b_ih, weights.b_hh)))
    layer_input = x.transpose(0, 1).contiguous()
    assert workspace_record.record_layer(layer_input, w, *state0[0][0], False) is not None
    monkeypatch.setattr(workspace_record, "_row_length", lambda gates: gates + 16)
    assert workspace_record.record_layer(layer_input, w, *state0[0][0], False) is None
    output, trace = core.run_with_trace(x)
    replay_arrays, _ = _replayed(core, x)
    for key, value in replay_arrays.items():
        np.testing.assert_allclose(trace[key], value, atol=2e-5, err_msg=key)
    with torch.no_grad():
        torch.testing.assert_close(output, _torch_module(core)(x)[0], atol=1e-5, rtol=0)


def test_row_length_follows_onednn_padding():
    assert [workspace_record._row_length(g) for g in (4, 20, 400, 512, 1024)] == [16, 32, 400, 528, 1040]
