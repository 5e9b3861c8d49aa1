"""Tests for lstm_viz.training: config checks, learning, the history, determinism, stopping, NaN, init."""

import json
import math

import numpy as np
import pytest
import torch

from lstm_viz import models, tasks, training
from lstm_viz.training import History, TrainConfig

torch.set_num_threads(1)

EASY = tasks.get("remember_first", lag=3, classes=2)  # T = 4


def tiny(kind="lstm", task=EASY, hidden=8, **options):
    return models.for_task(kind, task, hidden_size=hidden, seed=0, **options)


def short_config(**changes):
    settings = dict(steps=12, batch_size=16, eval_every=5, eval_batch=32, snapshot_every=4, probe_batch=4)
    return TrainConfig(**{**settings, **changes})


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"steps": 0}, "steps"),
        ({"steps": training.MAX_STEPS + 1}, "steps"),
        ({"steps": 2.5}, "steps"),
        ({"lr": 0.0}, "lr"),
        ({"lr": float("nan")}, "lr"),
        ({"lr": float("inf")}, "lr"),
        ({"batch_size": 0}, "batch_size"),
        ({"batch_size": tasks.MAX_BATCH + 1}, "batch_size"),
        ({"clip": 0.0}, "clip"),
        ({"clip": -1.0}, "clip"),
        ({"optimizer": "rmsprop"}, "optimizer"),
        ({"recurrent_init": "xavier"}, "recurrent_init"),
        ({"spectral_radius": 0.0}, "spectral_radius"),
        ({"forget_bias": float("nan")}, "forget_bias"),
        ({"seed": -1}, "seed"),
        ({"eval_every": 0}, "eval_every"),
        ({"snapshot_every": -1}, "snapshot_every"),
    ],
)
def test_config_rejects_bad_settings(changes, message):
    with pytest.raises(ValueError, match=message):
        TrainConfig(**changes).validate()
    with pytest.raises(ValueError, match=message):
        training.train(tiny(), EASY, TrainConfig(**changes))


def test_config_round_trips_and_rejects_unknown_keys():
    config = TrainConfig(steps=5, clip=None, optimizer="sgd", forget_bias=1.0, recurrent_init="spectral")
    assert TrainConfig.from_dict(json.loads(json.dumps(config.to_dict()))) == config
    assert TrainConfig.from_dict({}) == TrainConfig()
    with pytest.raises(ValueError, match="unknown setting 'stepz'"):
        TrainConfig.from_dict({"stepz": 5})


def test_loss_falls_on_an_easy_setting():
    model = tiny(hidden=16)
    history = training.train(model, EASY, short_config(steps=150, batch_size=32, eval_every=50, lr=0.02))
    assert history.stopped is None
    assert history.eval_loss[0] > 0.6 * EASY.baseline_loss
    assert history.eval_loss[-1] < 0.2 * EASY.baseline_loss
    assert history.eval_metric[-1] > 0.95 and history.metric_name == "accuracy"


def test_history_holds_every_series_on_its_schedule():
    history = training.train(tiny(), EASY, short_config(clip=0.05))
    assert history.steps == list(range(1, 13))
    assert len(history.train_loss) == len(history.grad_norm_before) == len(history.grad_norm_after) == 12
    assert history.eval_steps == [0, 5, 10, 12]
    assert history.snapshot_steps == [0, 4, 8, 12]
    assert len(history.eval_loss) == len(history.eval_metric) == 4
    assert all(
        norms.shape == (EASY.length,) and norms.dtype == np.float32 for norms in history.hidden_grad_norms
    )
    assert len(history.cell_grad_norms) == 4
    before, after = np.array(history.grad_norm_before), np.array(history.grad_norm_after)
    assert np.all(after <= np.minimum(before, 0.05) * (1 + 1e-5))
    assert history.elapsed > 0


def test_gru_has_no_cell_snapshots_and_snapshots_can_be_turned_off():
    history = training.train(tiny("gru"), EASY, short_config())
    assert len(history.hidden_grad_norms) == 4 and history.cell_grad_norms == []
    quiet = training.train(tiny("rnn"), EASY, short_config(snapshot_every=0, clip=None))
    assert quiet.snapshot_steps == [] and quiet.hidden_grad_norms == []
    assert quiet.grad_norm_before == quiet.grad_norm_after


def test_snapshot_matches_run_with_trace_on_the_probe_batch():
    model = tiny()
    config = short_config(steps=4)
    history = training.train(model, EASY, config)
    _, probe = training.evaluation_batches(EASY, config)
    _, trace = model.run_with_trace(probe.x, target=probe.y, loss_mask=probe.loss_mask)
    expected = np.linalg.norm(trace["l0.hidden_grad"], axis=-1).mean(axis=0)
    np.testing.assert_allclose(history.hidden_grad_norms[-1], expected, rtol=1e-6)


def test_same_seed_gives_the_same_history_and_weights():
    runs = []
    for _ in range(2):
        model = tiny()
        history = training.train(model, EASY, short_config(seed=3, recurrent_init="orthogonal"))
        runs.append((history.to_dict(), model.state_dict()))
    (first, weights), (second, weights_again) = runs
    first.pop("elapsed"), second.pop("elapsed")
    assert first == second
    assert all(torch.equal(weights[key], weights_again[key]) for key in weights)
    other = training.train(tiny(), EASY, short_config(seed=4)).to_dict()
    assert other["train_loss"] != first["train_loss"]


def test_held_out_batches_are_fixed_and_not_from_the_training_stream():
    config = short_config(eval_batch=16, probe_batch=16, batch_size=16)
    evaluation, probe = training.evaluation_batches(EASY, config)
    again, _ = training.evaluation_batches(EASY, config)
    first_training = EASY.generate(16, np.random.default_rng(config.seed))
    assert torch.equal(evaluation.x, again.x)
    assert not torch.equal(evaluation.x, first_training.x) and not torch.equal(probe.x, first_training.x)
    assert not torch.equal(evaluation.x, probe.x)


def test_callback_sees_progress_and_can_stop_a_run_that_keeps_what_it_learned():
    model = tiny()
    start = {key: value.clone() for key, value in model.state_dict().items()}
    seen = []

    def callback(progress):
        seen.append(progress)
        return progress.step == 5

    history = training.train(model, EASY, short_config(steps=50), callback)
    assert history.stopped == "callback"
    assert (
        history.steps == [1, 2, 3, 4, 5] and history.eval_steps == [0, 5] and history.snapshot_steps[-1] == 5
    )
    assert [p.step for p in seen] == [1, 2, 3, 4, 5] and all(p.total == 50 for p in seen)
    assert seen[-1].train_loss == history.train_loss[-1] and seen[-1].eval_loss == history.eval_loss[-1]
    assert all(p.elapsed > 0 and p.eta >= 0 for p in seen) and seen[-1].elapsed >= seen[0].elapsed
    assert any(not torch.equal(start[key], value) for key, value in model.state_dict().items())


def test_a_diverging_run_stops_with_a_reason_and_finite_weights():
    task = tasks.get("adding", length=20)
    model = tiny("rnn", task, hidden=16, nonlinearity="relu")
    history = training.train(model, task, short_config(steps=200, optimizer="sgd", lr=1e4, clip=None))
    assert history.stopped is not None and history.stopped.startswith("nan:")
    assert "step" in history.stopped and len(history.steps) < 200
    assert all(torch.isfinite(param).all() for param in model.parameters())
    assert history.eval_steps[-1] == (history.steps[-1] if history.steps else 0)
    json.dumps(history.to_dict(), allow_nan=False)


def test_a_nan_from_the_first_step_stops_without_an_update():
    model = tiny()
    with torch.no_grad():
        model.readout.bias.fill_(float("nan"))
    history = training.train(
        model, EASY, short_config(), callback=lambda progress: pytest.fail("no progress")
    )
    assert history.stopped.startswith("nan: the training loss was nan at step 1")
    assert history.steps == [] and history.eval_steps == [0] and history.snapshot_steps == [0]


def test_model_and_task_must_fit():
    with pytest.raises(ValueError, match="input size"):
        training.train(tiny(task=tasks.get("adding", length=5)), EASY, short_config())


def test_history_round_trips_through_json_exactly():
    history = training.train(tiny(), EASY, short_config())
    history.eval_loss[1] = float("nan")
    history.hidden_grad_norms[1][0] = np.inf
    data = json.loads(json.dumps(history.to_dict(), allow_nan=False))
    back = History.from_dict(data)
    assert back.to_dict() == history.to_dict()
    assert math.isnan(back.eval_loss[1]) and np.isnan(back.hidden_grad_norms[1][0])
    assert back.train_loss == history.train_loss
    for ours, theirs in zip(history.cell_grad_norms, back.cell_grad_norms, strict=True):
        np.testing.assert_array_equal(ours, theirs)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data.pop("steps"),
        lambda data: data.update(extra=1),
        lambda data: data["train_loss"].pop(),
        lambda data: data.update(eval_loss="oops"),
        lambda data: data.update(elapsed=-1.0),
        lambda data: data["hidden_grad_norms"].append(["a"]),
    ],
)
def test_history_from_dict_rejects_damaged_data(damage):
    data = training.train(tiny(), EASY, short_config(steps=3)).to_dict()
    damage(data)
    with pytest.raises(ValueError):
        History.from_dict(data)


def test_apply_init_sets_forget_bias_and_recurrent_blocks():
    model = tiny("lstm", hidden=6, num_layers=2)
    training.apply_init(model, TrainConfig(forget_bias=1.5, recurrent_init="orthogonal"))
    core = model.core
    for layer in range(2):
        ih, hh = getattr(core, f"bias_ih_l{layer}"), getattr(core, f"bias_hh_l{layer}")
        assert torch.all(ih[6:12] == 1.5) and torch.all(hh[6:12] == 0)
        for block in getattr(core, f"weight_hh_l{layer}").detach().split(6):
            torch.testing.assert_close(block @ block.T, torch.eye(6), atol=1e-5, rtol=0)

    rnn = tiny("rnn", hidden=10)
    training.apply_init(rnn, TrainConfig(recurrent_init="spectral", spectral_radius=0.8, forget_bias=2.0))
    eigenvalues = torch.linalg.eigvals(rnn.core.weight_hh_l0.detach().double())
    assert eigenvalues.abs().max().item() == pytest.approx(0.8, rel=1e-5)


def test_apply_init_is_seeded_and_does_nothing_by_default():
    untouched = tiny("gru")
    before = {key: value.clone() for key, value in untouched.state_dict().items()}
    training.apply_init(untouched, TrainConfig())
    assert all(torch.equal(before[key], value) for key, value in untouched.state_dict().items())
    first, second = tiny("gru"), tiny("gru")
    for model in (first, second):
        training.apply_init(model, TrainConfig(recurrent_init="orthogonal", seed=7))
    assert torch.equal(first.core.weight_hh_l0, second.core.weight_hh_l0)
    assert not torch.equal(first.core.weight_hh_l0, before["core.weight_hh_l0"])


def test_forget_bias_leaves_lstm_variants_without_a_forget_gate_alone():
    model = tiny("lstm", variant="coupled")
    before = model.core.bias_ih_l0.detach().clone()
    training.apply_init(model, TrainConfig(forget_bias=3.0))
    assert torch.equal(model.core.bias_ih_l0, before)
