"""Gradient diagnostics against direct computations with torch and NumPy."""

from functools import partial

import numpy as np
import pytest
import torch

from lstm_viz import grads
from lstm_viz.engine.trace import Trace
from lstm_viz.models import Recurrent


@pytest.fixture(scope="module")
def lstm_trace():
    core = Recurrent("lstm", 2, 6, seed=0)
    x = torch.randn(3, 20, 2)
    return core, x, core.run_with_trace(x, loss_fn=lambda out: out[:, -1].sum())[1]


def test_state_grad_norms_are_unit_norms_averaged_over_the_batch(lstm_trace):
    _, _, trace = lstm_trace
    per_sample = grads.state_grad_norms(trace, "cell", per_sample=True)
    manual = np.sqrt((trace["l0.cell_grad"].astype(np.float64) ** 2).sum(-1))
    np.testing.assert_allclose(per_sample, manual, rtol=1e-5)
    np.testing.assert_allclose(
        grads.state_grad_norms(trace), np.linalg.norm(trace["l0.hidden_grad"], axis=-1).mean(0)
    )


def test_saliency_is_the_input_gradient_norm(lstm_trace):
    _, _, trace = lstm_trace
    np.testing.assert_allclose(grads.saliency(trace), np.linalg.norm(trace["input_grad"], axis=-1))


@pytest.mark.parametrize("kind", ["rnn", "gru", "lstm"])
def test_jacobian_norms_equal_torch_jacobians(kind):
    core = Recurrent(kind, 2, 4, seed=1)
    x = torch.randn(7, 2)
    norms = grads.jacobian_norms(core, x)
    module = core.to_torch()

    def last_state_from(t, h_t):  # run from step t+1 starting at h_t (and c_t for the LSTM)
        state = h_t[None, None]
        if kind == "lstm":
            state = (state, torch.from_numpy(trace["l0.cell"][:, t])[None])
        out, _ = module(x[None, t + 1 :], state)
        return out[0, -1]

    _, trace = core.run_with_trace(x[None])
    for t in (0, 3, 5):  # h_t and c_t are separate states: d h_T / d h_t holds c_t fixed, as done here
        h_t = torch.from_numpy(trace["l0.hidden"][0, t])
        jacobian = torch.autograd.functional.jacobian(partial(last_state_from, t), h_t)
        assert norms[t] == pytest.approx(float(torch.linalg.matrix_norm(jacobian, ord=2)), rel=1e-4)
    assert norms[-1] == pytest.approx(1.0, rel=1e-5)  # dh_T/dh_T is the identity


def test_jacobian_norm_respects_the_pascanu_bound_for_a_tanh_rnn():
    core = Recurrent("rnn", 1, 8, seed=2)
    x = torch.randn(30, 1)
    norms = grads.jacobian_norms(core, x)
    bound = grads.pascanu_bound(grads.largest_singular_value(core), 30)
    assert np.all(norms <= bound * (1 + 1e-4))
    assert bound[-1] == 1.0 and bound[0] == pytest.approx(grads.largest_singular_value(core) ** 29)


def test_largest_singular_value_matches_numpy():
    core = Recurrent("gru", 2, 5, seed=3)
    expected = np.linalg.svd(core.weight_hh_l0.detach().numpy(), compute_uv=False)[0]
    assert grads.largest_singular_value(core) == pytest.approx(float(expected), rel=1e-5)


def test_forget_carousel_is_the_product_of_later_forget_gates(lstm_trace):
    _, _, trace = lstm_trace
    carousel = grads.forget_carousel(trace)
    forget = trace["l0.forget_gate"]
    assert carousel.shape == forget.shape
    np.testing.assert_allclose(carousel[:, -1], 1.0)
    np.testing.assert_allclose(carousel[:, 12], np.prod(forget[:, 13:], axis=1), rtol=1e-5)


def test_forget_carousel_in_the_reverse_direction_runs_toward_step_zero():
    core = Recurrent("lstm", 2, 3, bidirectional=True, seed=4)
    _, trace = core.run_with_trace(torch.randn(2, 9, 2))
    carousel = grads.forget_carousel(trace, reverse=True)
    forget = trace["l0.reverse.forget_gate"]
    np.testing.assert_allclose(carousel[:, 0], 1.0)
    np.testing.assert_allclose(carousel[:, 5], np.prod(forget[:, :5], axis=1), rtol=1e-5)


def test_saturation_fractions_on_known_values():
    gates = np.array([[[0.05, 0.5], [0.95, 0.5], [0.02, 0.99], [0.5, 0.97]]], dtype=np.float32)  # (1, 4, 2)
    trace = Trace({"l0.input_gate": gates, "l0.cell": gates}, {"kind": "lstm"}, np.zeros((1, 4, 1)))
    fractions = grads.saturation_fractions(trace)
    assert list(fractions) == ["input_gate"]
    left, right = fractions["input_gate"]
    np.testing.assert_allclose(left, [0.5, 0.0])
    np.testing.assert_allclose(right, [0.25, 0.5])


def test_fit_decay_recovers_a_geometric_factor():
    lags = np.arange(50)[::-1]
    norms = 3.0 * 0.8**lags
    fit = grads.fit_decay(norms)
    assert fit.factor == pytest.approx(0.8, rel=1e-9) and fit.points == 50
    assert 10**fit.intercept == pytest.approx(3.0)
    norms[::7] = 0.0
    assert grads.fit_decay(norms).factor == pytest.approx(0.8, rel=1e-9)
    assert np.isnan(grads.fit_decay([0.0, np.inf, 1.0]).factor)


def test_untrained_rnn_gradient_vanishes_faster_than_lstm_with_open_forget_gates():
    x = torch.randn(4, 60, 2)
    rnn = Recurrent("rnn", 2, 16, seed=0)
    lstm = Recurrent("lstm", 2, 16, seed=0)
    with torch.no_grad():
        lstm.bias_ih_l0[16:32] = 5.0  # forget gates near 1
    factors = {}
    for name, core in (("rnn", rnn), ("lstm", lstm)):
        _, trace = core.run_with_trace(x, loss_fn=lambda out: out[:, -1].sum())
        factors[name] = grads.fit_decay(
            grads.state_grad_norms(trace, "cell" if name == "lstm" else "hidden")
        ).factor
    assert factors["rnn"] < 0.9 < factors["lstm"]
