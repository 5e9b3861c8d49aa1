"""Interventions: a function applied to one quantity as the replay computes it, to ask "what if"."""

import numpy as np
import pytest
import torch

from lstm_viz.models import Recurrent


@pytest.fixture(scope="module")
def setup():
    core = Recurrent("lstm", 2, 5, seed=3)
    return core, torch.randn(2, 15, 2)


def test_clamping_the_forget_gate_to_one_keeps_the_whole_cell(setup):
    core, x = setup
    _, trace = core.run_with_trace(x, interventions={"l0.forget_gate": lambda t, f: f * 0 + 1})
    assert np.all(trace["l0.forget_gate"] == 1)
    increments = np.diff(trace["l0.cell"], axis=1, prepend=0)
    np.testing.assert_allclose(increments, trace["l0.input_gate"] * trace["l0.cell_candidate"], atol=1e-6)


def test_zeroing_a_unit_changes_the_output_and_only_from_that_step(setup):
    core, x = setup
    plain_output, plain = core.run_with_trace(x)

    def zero_unit_two_from_step_eight(t, h):
        if t < 8:
            return h
        h = h.copy()
        h[:, 2] = 0
        return h

    output, edited = core.run_with_trace(x, interventions={"l0.hidden": zero_unit_two_from_step_eight})
    assert np.all(edited["l0.hidden"][:, 8:, 2] == 0)
    np.testing.assert_allclose(edited["l0.hidden"][:, :8], plain["l0.hidden"][:, :8], atol=1e-6)
    assert not torch.allclose(output[:, 9:], plain_output[:, 9:])


def test_resetting_the_cell_at_one_step(setup):
    core, x = setup
    _, trace = core.run_with_trace(x, interventions={"l0.cell": lambda t, c: c * 0 if t == 6 else c})
    assert np.all(trace["l0.cell"][:, 6] == 0)
    np.testing.assert_allclose(trace["l0.hidden"][:, 6], 0, atol=1e-7)


def test_without_interventions_the_replay_equals_the_fast_path(setup):
    core, x = setup
    _, fast = core.run_with_trace(x)
    _, replay = core.run_with_trace(x, interventions={"l0.hidden": lambda t, h: h})
    for key in fast:
        np.testing.assert_allclose(replay[key], fast[key], atol=1e-6)


def test_interventions_with_a_loss_give_gradients_of_the_edited_model(setup):
    core, x = setup
    _, trace = core.run_with_trace(
        x, loss_fn=lambda out: out[:, -1].sum(), interventions={"l0.forget_gate": lambda t, f: f * 0 + 1}
    )
    cell_grad = trace["l0.cell_grad"]
    # with f = 1 the direct cell path passes gradients unchanged, so dL/dc_t never shrinks going back in time
    assert np.all(np.abs(cell_grad[:, 0]).sum() >= 0.5 * np.abs(cell_grad[:, -1]).sum())


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("l3.hidden", "does not have"),
        ("l0.reverse.cell", "does not have"),
        ("l0.reset_gate", "records"),
        ("input_grad", "per-layer"),
    ],
)
def test_bad_intervention_keys_are_refused(setup, key, message):
    core, x = setup
    with pytest.raises(ValueError, match=message):
        core.run_with_trace(x, interventions={key: lambda t, v: v})
