"""Recurrent against torch and against the independent references: outputs, states, gates, gradients."""

import itertools

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from lstm_viz.engine.kinds import QUANTITIES
from lstm_viz.models import Recurrent
from tests.unit.reference import numpy_unroll, torch_cell_unroll

CONFIGS = [("rnn", "tanh"), ("rnn", "relu"), ("gru", "tanh"), ("lstm", "tanh")]
GRID = list(itertools.product(CONFIGS, [1, 2], [False, True]))


def make_torch(kind, nonlinearity, layers, bidirectional, input_size=3, hidden=5, seed=0):
    torch.manual_seed(seed)
    extra = {"nonlinearity": nonlinearity} if kind == "rnn" else {}
    cls = {"rnn": nn.RNN, "gru": nn.GRU, "lstm": nn.LSTM}[kind]
    return cls(input_size, hidden, layers, batch_first=True, bidirectional=bidirectional, **extra)


def id_of(case):
    (kind, nonlinearity), layers, bidirectional = case
    return f"{kind}-{nonlinearity}-L{layers}-{'bi' if bidirectional else 'uni'}"


@pytest.mark.parametrize("case", GRID, ids=[id_of(c) for c in GRID])
def test_outputs_final_states_and_trace_equal_torch(case):
    (kind, nonlinearity), layers, bidirectional = case
    module = make_torch(kind, nonlinearity, layers, bidirectional)
    core = Recurrent.from_torch(module)
    x = torch.randn(3, 9, 3)
    h0 = torch.randn(layers * (2 if bidirectional else 1), 3, 5)
    state = (h0, torch.randn_like(h0)) if kind == "lstm" else h0
    with torch.no_grad():
        expected, expected_final = module(x, state)
        output, final = core(x, state)
    assert torch.allclose(output, expected, atol=1e-5)
    for mine, theirs in zip(
        final if kind == "lstm" else [final],
        expected_final if kind == "lstm" else [expected_final],
        strict=True,
    ):
        assert torch.allclose(mine, theirs, atol=1e-5)
    traced, trace = core.run_with_trace(x, h0=state)
    assert torch.allclose(traced, expected, atol=1e-5)
    last_forward = trace[f"l{layers - 1}.hidden"][:, -1]
    assert np.allclose(
        last_forward,
        expected_final[0][-(2 if bidirectional else 1)]
        if kind == "lstm"
        else expected_final[-(2 if bidirectional else 1)],
        atol=1e-5,
    )


@pytest.mark.parametrize("case", GRID, ids=[id_of(c) for c in GRID])
def test_every_recorded_quantity_equals_numpy_reference(case):
    (kind, nonlinearity), layers, bidirectional = case
    module = make_torch(kind, nonlinearity, layers, bidirectional)
    core = Recurrent.from_torch(module)
    x = torch.randn(2, 8, 3)
    _, trace = core.run_with_trace(x)
    reference, _ = numpy_unroll(kind, module.state_dict(), x.numpy(), layers, bidirectional, nonlinearity)
    assert set(reference) == {key for key in trace if not key.endswith("_grad")}
    for key, expected in reference.items():
        assert trace[key].shape == expected.shape
        assert trace[key].dtype == np.float32
        np.testing.assert_allclose(trace[key], expected, atol=2e-6, err_msg=key)


@pytest.mark.parametrize("case", GRID, ids=[id_of(c) for c in GRID])
def test_state_gradients_equal_autograd_through_cells(case):
    (kind, nonlinearity), layers, bidirectional = case
    module = make_torch(kind, nonlinearity, layers, bidirectional)
    core = Recurrent.from_torch(module)
    x = torch.randn(2, 10, 3)
    weight = torch.randn(2, 10, 5 * (2 if bidirectional else 1))

    def loss_fn(output):
        return (output * weight).sum() + output[:, -1].pow(2).sum()

    _, trace = core.run_with_trace(x, loss_fn=loss_fn)
    x_ref = x.clone().requires_grad_(True)
    output, states = torch_cell_unroll(module, x_ref)
    loss_fn(output).backward()
    assert trace.meta["loss"] == pytest.approx(loss_fn(output).item(), rel=1e-5)
    for key, tensors in states.items():
        expected = torch.stack([t.grad for t in tensors], dim=1).numpy()
        np.testing.assert_allclose(trace[f"{key}_grad"], expected, rtol=1e-4, atol=1e-6, err_msg=key)
    np.testing.assert_allclose(trace["input_grad"], x_ref.grad.numpy(), rtol=1e-4, atol=1e-6)


VARIANTS = ["standard", "peephole", "no_forget_gate", "coupled"]


@pytest.mark.parametrize("variant", VARIANTS)
def test_lstm_variants_equal_numpy_reference_and_forward(variant):
    core = Recurrent("lstm", 3, 6, num_layers=2, bidirectional=True, variant=variant, seed=1)
    x = torch.randn(2, 7, 3)
    output, trace = core.run_with_trace(x)
    reference, expected_output = numpy_unroll("lstm", core.state_dict(), x.numpy(), 2, True, variant=variant)
    for key, expected in reference.items():
        np.testing.assert_allclose(trace[key], expected, atol=2e-6, err_msg=key)
    with torch.no_grad():
        forward, _ = core(x)
    np.testing.assert_allclose(forward.numpy(), expected_output, atol=2e-6)
    np.testing.assert_allclose(output.numpy(), expected_output, atol=2e-6)


def test_peephole_with_zero_peepholes_equals_standard():
    standard = Recurrent("lstm", 3, 6, seed=4)
    peephole = Recurrent("lstm", 3, 6, variant="peephole", seed=4)
    peephole.load_state_dict({**standard.state_dict(), "peephole_l0": torch.zeros(3, 6)})
    x = torch.randn(2, 12, 3)
    _, a = standard.run_with_trace(x)
    _, b = peephole.run_with_trace(x)
    for key in a:
        np.testing.assert_allclose(a[key], b[key], atol=1e-6, err_msg=key)


def test_coupled_forget_gate_is_one_minus_input_gate():
    _, trace = Recurrent("lstm", 3, 6, variant="coupled", seed=2).run_with_trace(torch.randn(2, 12, 3))
    np.testing.assert_allclose(trace["l0.forget_gate"], 1 - trace["l0.input_gate"], atol=1e-7)


def test_no_forget_gate_cell_adds_input_times_candidate():
    _, trace = Recurrent("lstm", 3, 6, variant="no_forget_gate", seed=2).run_with_trace(torch.randn(2, 12, 3))
    cell = trace["l0.cell"]
    increments = np.diff(cell, axis=1, prepend=0)
    np.testing.assert_allclose(increments, trace["l0.input_gate"] * trace["l0.cell_candidate"], atol=1e-6)
    assert np.all(trace["l0.forget_gate"] == 1)


@pytest.mark.parametrize("variant", ["peephole", "coupled", "no_forget_gate"])
def test_variant_gradients_equal_finite_differences(variant):
    core = Recurrent("lstm", 2, 4, variant=variant, seed=3)
    x32 = torch.randn(1, 6, 2)
    _, trace = core.run_with_trace(x32, loss_fn=lambda out: out[:, -1].sum())
    eps = 1e-2
    for t in (0, 3):
        bumped = x32.clone()
        bumped[0, t, 0] += eps
        lowered = x32.clone()
        lowered[0, t, 0] -= eps
        with torch.no_grad():
            slope = (core(bumped)[0][:, -1].sum() - core(lowered)[0][:, -1].sum()) / (2 * eps)
        assert trace["input_grad"][0, t, 0] == pytest.approx(float(slope), rel=2e-2, abs=1e-4)


@settings(max_examples=25, deadline=None)
@given(
    kind=st.sampled_from(["rnn", "gru", "lstm"]),
    layers=st.integers(1, 3),
    bidirectional=st.booleans(),
    batch=st.integers(1, 4),
    length=st.integers(1, 12),
    input_size=st.integers(1, 5),
    hidden=st.integers(1, 7),
    seed=st.integers(0, 10_000),
)
def test_random_sizes_match_torch_and_keep_contract(
    kind, layers, bidirectional, batch, length, input_size, hidden, seed
):
    module = make_torch(kind, "tanh", layers, bidirectional, input_size, hidden, seed)
    core = Recurrent.from_torch(module)
    x = torch.randn(batch, length, input_size, generator=torch.Generator().manual_seed(seed))
    with torch.no_grad():
        expected, _ = module(x)
    output, trace = core.run_with_trace(x, loss_fn=lambda out: out.sum())
    assert torch.allclose(output, expected, atol=1e-5)
    directions = 2 if bidirectional else 1
    assert len(trace) == layers * directions * (len(QUANTITIES[kind]) + (2 if kind == "lstm" else 1)) + 1
    for key, value in trace.items():
        expected_shape = (batch, length, input_size if key == "input_grad" else hidden)
        assert value.shape == expected_shape and value.dtype == np.float32
    for key in trace:
        if key.endswith("_gate"):
            assert np.all((trace[key] >= 0) & (trace[key] <= 1))


def test_to_torch_round_trip_is_exact():
    core = Recurrent("gru", 3, 4, num_layers=2, bidirectional=True, seed=5)
    module = core.to_torch()
    back = Recurrent.from_torch(module)
    for name, value in core.state_dict().items():
        assert torch.equal(value, back.state_dict()[name])
    x = torch.randn(2, 5, 3)
    with torch.no_grad():
        assert torch.equal(core(x)[0], module(x)[0])


def test_parameter_names_follow_torch():
    core = Recurrent("lstm", 3, 4, num_layers=2, bidirectional=True)
    assert set(core.state_dict()) == set(nn.LSTM(3, 4, 2, bidirectional=True).state_dict())
    assert "peephole_l1_reverse" in Recurrent("lstm", 3, 4, 2, True, variant="peephole").state_dict()


def test_same_seed_same_weights():
    a, b = Recurrent("rnn", 2, 3, seed=9), Recurrent("rnn", 2, 3, seed=9)
    assert all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters(), strict=True))
    assert not torch.equal(a.weight_hh_l0, Recurrent("rnn", 2, 3, seed=10).weight_hh_l0)


@pytest.mark.parametrize(
    ("x", "message"),
    [
        (torch.zeros(4, 3), "3 dimensions"),
        (torch.zeros(2, 5, 7), "7 features"),
        (torch.zeros(2, 0, 3), "empty time axis"),
        (torch.zeros(0, 4, 3), "empty batch"),
        (torch.tensor([[[0.0, float("nan"), 1.0]]]), "NaN"),
        (torch.tensor([[[0.0, float("inf"), 1.0]]]), "infinite"),
    ],
)
def test_bad_input_is_refused_with_reason(x, message):
    core = Recurrent("lstm", 3, 4)
    with pytest.raises(ValueError, match=message):
        core.run_with_trace(x)
    with pytest.raises(ValueError, match=message):
        core(x)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "banana"}, "kind"),
        ({"hidden_size": 0}, "hidden_size"),
        ({"num_layers": 0}, "num_layers"),
        ({"variant": "peephole", "kind": "gru"}, "LSTM only"),
        ({"variant": "sideways"}, "variant"),
        ({"nonlinearity": "sigmoid", "kind": "rnn"}, "nonlinearity"),
    ],
)
def test_bad_configuration_is_refused(kwargs, message):
    options = {"kind": "lstm", "input_size": 2, "hidden_size": 3, **kwargs}
    with pytest.raises(ValueError, match=message):
        Recurrent(**options)


def test_exploding_relu_rnn_is_recorded_and_flagged():
    core = Recurrent("rnn", 1, 4, nonlinearity="relu")
    with torch.no_grad():
        core.weight_hh_l0.copy_(torch.eye(4) * 1e6)
        core.bias_hh_l0.fill_(1.0)
    output, trace = core.run_with_trace(torch.ones(1, 40, 1), loss_fn=lambda out: out.sum())
    assert trace.meta["nonfinite"] is True
    assert 0 < trace.meta["first_nonfinite_step"] < 40
    assert not np.isfinite(trace["l0.hidden"][0, -1]).any()
    assert not torch.isfinite(output).all()


def test_healthy_trace_is_not_flagged():
    _, trace = Recurrent("lstm", 2, 3).run_with_trace(torch.randn(1, 5, 2))
    assert trace.meta["nonfinite"] is False and trace.meta["first_nonfinite_step"] is None
