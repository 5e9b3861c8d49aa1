"""Recording at the cost of a forward pass (issue 16.5): the cell states read from oneDNN's workspace equal
the walked ones, the walk takes over when they are not found, and the one-pass finiteness checks give the
same answers (and the same errors) as the elementwise ones."""

import numpy as np
import pytest
import torch

from lstm_viz.engine import checks, fused_record, workspace_record
from lstm_viz.models import Recurrent

needs_onednn = pytest.mark.skipif(not workspace_record.available(), reason="torch without oneDNN")


def _record(core, x, h0):
    state0 = core._initial_states(h0, x.shape[0], detach=True)
    recorded = fused_record._record_lstm_from_workspace(core, x, state0)
    assert recorded is not None, "the workspace did not read back"
    return recorded


def _replayed(core, x, h0):
    return core._record_by_replay(x, core._initial_states(h0, x.shape[0], detach=True), None)


@needs_onednn
@pytest.mark.parametrize(
    ("batch", "length", "hidden", "layers", "bidirectional", "chunk_steps"),
    [
        (3, 7, 5, 1, False, None),
        (2, 1, 4, 1, True, None),
        (4, 30, 100, 2, True, 7),
        (1, 50, 256, 1, False, 1),
    ],
)
def test_saved_cells_are_read_and_equal_the_replay(
    monkeypatch, batch, length, hidden, layers, bidirectional, chunk_steps
):
    found = []
    saved_cells = workspace_record._saved_cells

    def spy(*args):
        cells = saved_cells(*args)
        found.append(cells is not None)
        return cells

    monkeypatch.setattr(workspace_record, "_saved_cells", spy)
    if chunk_steps:
        monkeypatch.setattr(workspace_record, "_CHUNK_GATE_VALUES", batch * 4 * hidden * chunk_steps)
    core = Recurrent("lstm", 3, hidden, num_layers=layers, bidirectional=bidirectional, seed=4)
    x = torch.randn(batch, length, 3, generator=torch.Generator().manual_seed(5))
    shape = (layers * (2 if bidirectional else 1), batch, hidden)
    h0 = (torch.randn(shape) * 0.5, torch.randn(shape) * 3)
    arrays, output = _record(core, x, h0)
    assert found and all(found), "the saved cell states were not found in the workspace"
    replay_arrays, replay_output = _replayed(core, x, h0)
    for key, value in replay_arrays.items():
        np.testing.assert_allclose(arrays[key], value, atol=2e-5, err_msg=key)
        assert arrays[key].dtype == np.float32 and arrays[key].flags.c_contiguous
    with torch.no_grad():
        expected, _ = core.to_torch()(x, h0)
    torch.testing.assert_close(output, expected, atol=1e-5, rtol=0)


@needs_onednn
def test_the_walk_takes_over_when_the_cells_are_not_found(monkeypatch):
    core = Recurrent("lstm", 2, 9, bidirectional=True, seed=0)
    x = torch.randn(3, 12, 2, generator=torch.Generator().manual_seed(0))
    read, _ = _record(core, x, None)
    monkeypatch.setattr(workspace_record, "_saved_cells", lambda *args: None)
    walked, _ = _record(core, x, None)
    for key in read:
        np.testing.assert_allclose(walked[key], read[key], atol=1e-6, err_msg=key)


@needs_onednn
def test_a_stale_remembered_region_is_searched_again(monkeypatch):
    """A wrong remembered offset for a shape fails the recurrence check and the region is found anew."""
    core = Recurrent("lstm", 2, 6, seed=0)
    x = torch.randn(2, 10, 2, generator=torch.Generator().manual_seed(1))
    first, _ = _record(core, x, None)
    monkeypatch.setattr(workspace_record, "_CELL_REGIONS", {key: 0 for key in workspace_record._CELL_REGIONS})
    again, _ = _record(core, x, None)
    np.testing.assert_array_equal(again["l0.cell"], first["l0.cell"])
    assert workspace_record._CELL_REGIONS[(10, 2, 4, 6)] > 0  # keyed by the gates' (T, B, 4, H)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_bad_input_gives_the_same_error(bad):
    core = Recurrent("lstm", 2, 4, seed=0)
    x = torch.randn(2, 5, 2)
    x[1, 3, 0] = bad
    with pytest.raises(ValueError, match="NaN or infinite"):
        core.run_with_trace(x)
    with pytest.raises(ValueError, match="NaN or infinite"):
        core(x)


def test_all_finite_is_exact_when_the_sum_overflows():
    huge = np.full((4, 3, 2), 3e38, np.float32)  # every value finite, their sum is not
    assert checks.all_finite(huge) and checks.all_finite(torch.from_numpy(huge))
    huge[2, 1, 0] = np.inf
    assert not checks.all_finite(huge) and not checks.all_finite(torch.from_numpy(huge))
    assert not checks.all_finite(np.array([1.0, np.nan], np.float32))


def test_nonfinite_steps_matches_the_elementwise_scan():
    hidden = np.zeros((2, 6, 3), np.float32)
    assert checks.nonfinite_steps([hidden, hidden]).size == 0
    other = hidden.copy()
    other[1, 4, 2] = np.nan
    hidden[0, 2, 0] = -np.inf
    np.testing.assert_array_equal(checks.nonfinite_steps([hidden, other]), [2, 4])


@pytest.mark.parametrize("batch", [1, 3])
def test_hand_written_backpropagation_equals_autograd(batch):
    """The hand-written BPTT over the workspace recording against autograd over the torch replay, two layers,
    both directions; every gradient a contiguous float32 (B, T, .) array."""
    core = Recurrent("lstm", 3, 6, num_layers=2, bidirectional=True, seed=2)
    x = torch.randn(batch, 9, 3, generator=torch.Generator().manual_seed(3))
    weight = torch.randn(batch, 9, 12, generator=torch.Generator().manual_seed(4))

    def loss_fn(output):
        return (output * weight).sum()

    _, fast = core.run_with_trace(x, loss_fn=loss_fn)
    state0 = core._initial_states(None, batch, detach=True)
    _, slow = core._trace_by_autograd(x, state0, loss_fn, None)
    grad_keys = [key for key in slow if key.endswith("_grad")]
    assert len(grad_keys) == 9  # hidden and cell for 2 layers x 2 directions, and the input
    for key in grad_keys:
        assert fast[key].dtype == np.float32 and fast[key].flags.c_contiguous, key
        np.testing.assert_allclose(fast[key], slow[key], rtol=1e-4, atol=1e-6, err_msg=key)
