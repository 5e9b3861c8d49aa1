"""Probes: weight copies that leave the original alone, clipping by global norm, memory units, lag sweeps."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstm_viz import grads, models, tasks
from lstm_viz.training import lag_sweep, probes


def model(kind, hidden=16, seed=0, task="adding"):
    return models.for_task(kind, tasks.get(task), hidden_size=hidden, seed=seed)


def test_spectral_radius_copy_has_the_radius_and_leaves_the_original():
    rnn = model("rnn")
    before = rnn.core.weight_hh_l0.detach().clone()
    for rho in (0.5, 1.0, 1.5):
        probe = probes.with_spectral_radius(rnn, rho)
        assert probes.recurrent_radius(probe) == pytest.approx(rho, rel=1e-5)
        torch.testing.assert_close(probe.core.weight_ih_l0, rnn.core.weight_ih_l0)
    torch.testing.assert_close(rnn.core.weight_hh_l0, before)
    with pytest.raises(ValueError):
        probes.with_spectral_radius(model("lstm"), 1.0)
    with pytest.raises(ValueError):
        probes.with_spectral_radius(rnn, 0.0)


def test_larger_radius_keeps_more_gradient():
    # One seeded model: with tanh, saturation can cap the growth for other draws (the bound is only an upper
    # bound).
    task = tasks.get("adding", length=100)
    batch = task.sample(8, 0)
    ratios = []
    for rho in (0.5, 1.0, 1.5):
        _, trace = probes.with_spectral_radius(model("rnn", 64), rho).run_with_trace(
            batch.x, target=batch.y, loss_mask=batch.loss_mask
        )
        norms = grads.state_grad_norms(trace)
        ratios.append(norms[0] / norms[-1])
    assert ratios[0] < ratios[1] < ratios[2]
    assert ratios[2] > 1, "spectral radius 1.5 makes the gradient grow towards the first step"


def test_forget_bias_copy_sets_the_gate_and_flattens_the_gradient():
    lstm = model("lstm", 16)
    original = lstm.core.bias_ih_l0.detach().clone()
    probe = probes.with_forget_bias(lstm, 5.0)
    assert torch.all(probe.core.bias_ih_l0[16:32] == 5.0) and torch.all(probe.core.bias_hh_l0[16:32] == 0.0)
    torch.testing.assert_close(lstm.core.bias_ih_l0, original)
    batch = tasks.get("adding", length=80).sample(8, 0)
    spans = []
    for m in (lstm, probe):
        _, trace = m.run_with_trace(batch.x, target=batch.y, loss_mask=batch.loss_mask)
        norms = grads.state_grad_norms(trace)
        spans.append(norms.max() / norms.min())
    assert spans[1] < spans[0] / 1e6
    with pytest.raises(ValueError):
        probes.with_forget_bias(model("gru"), 1.0)


def test_clip_by_global_norm_matches_torch():
    rng = np.random.default_rng(0)
    g = rng.standard_normal((4, 10, 8)).astype(np.float32)
    for threshold in (0.5, 5.0, 100.0):
        clip = probes.clip_by_global_norm(g, threshold)
        tensor = torch.tensor(g, requires_grad=True)
        tensor.grad = torch.tensor(g)
        torch.nn.utils.clip_grad_norm_([tensor], threshold)
        np.testing.assert_allclose(g * clip.factor, tensor.grad.numpy(), rtol=1e-5)
        assert clip.clipped_norm <= threshold * (1 + 1e-6)
    assert probes.clip_by_global_norm(g, None).factor == 1.0


def test_marked_signal_and_memory_units():
    task = tasks.get("adding", length=30)
    batch = task.sample(64, 1)
    marked, signal = task.marked_signal(batch.x)
    assert marked.shape == (64, 30) and (marked.sum(axis=1) == 2).all()
    first = marked.argmax(axis=1)
    np.testing.assert_array_equal(signal[:, 0], batch.x.numpy()[np.arange(64), first, 0])
    cell = np.random.default_rng(0).standard_normal((64, 30, 6))
    cell[:, -1, 4] = 3 * signal[:, 0] + 1  # unit 4 holds the value exactly
    units, scores = probes.memory_units(cell, signal, count=2)
    assert units[0] == 4 and scores[4] == pytest.approx(1.0)
    rf = tasks.get("remember_first", lag=5)
    marked, signal = rf.marked_signal(rf.sample(8, 0).x)
    assert marked[:, 0].all() and not marked[:, 1:].any() and signal.shape == (8, rf.classes)
    with pytest.raises(ValueError):
        tasks.get("parity").marked_signal(np.zeros((2, 20, 1)))


def test_lag_sweep_is_bounded_seeded_and_stoppable():
    calls = []
    result = lag_sweep.run(
        "remember_first", ["lstm", "rnn"], [3, 6], steps=4, hidden=4, callback=lambda *a: calls.append(a)
    )
    assert result["lags"] == [3, 6] and result["metric"] == "accuracy" and result["parameter"] == "lag"
    assert result["baseline"] == pytest.approx([np.log(4), np.log(4)])
    assert set(result["models"]) == {"lstm", "rnn"} and all(len(v) == 2 for v in result["models"].values())
    assert calls[-1][0] == calls[-1][1] == 4 * (4 + 7) * 2
    again = lag_sweep.run("remember_first", ["lstm", "rnn"], [3, 6], steps=4, hidden=4)
    assert again["models"] == result["models"]
    stopped = lag_sweep.run("adding", ["gru"], [5, 10], steps=4, hidden=4, callback=lambda *a: True)
    assert stopped["stopped"] and stopped["models"]["gru"] and len(stopped["models"]["gru"]) == 1
    for bad in (("parity", ["rnn"], [5], 4), ("adding", [], [5], 4), ("adding", ["rnn"], [500], 4),
                ("adding", ["rnn"], [5], 10_000)):  # fmt: skip
        with pytest.raises(ValueError):
            lag_sweep.check(*bad)
