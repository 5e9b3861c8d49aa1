"""The cosine learning-rate decay of TrainConfig(lr_decay="cosine"): its schedule, its check, and that the
optimizer really steps with it (the same updates written out by hand with plain torch)."""

import json
import math

import numpy as np
import pytest
import torch

from lstm_viz import models, tasks, training
from lstm_viz.tasks.losses import task_loss
from lstm_viz.training import TrainConfig
from lstm_viz.training.loop import learning_rate

torch.set_num_threads(1)

EASY = tasks.get("remember_first", lag=3, classes=2)  # T = 4


def test_the_cosine_schedule_goes_from_lr_to_almost_zero():
    config = TrainConfig(steps=100, lr=0.01, lr_decay="cosine")
    assert learning_rate(config, 1) == pytest.approx(0.01, abs=1e-15)
    assert learning_rate(config, 51) == pytest.approx(0.005, abs=1e-15)
    assert learning_rate(config, 100) == pytest.approx(0.005 * (1 + math.cos(math.pi * 99 / 100)), abs=1e-15)
    assert learning_rate(config, 100) < 3e-6
    rates = [learning_rate(config, step) for step in range(1, 101)]
    assert all(later < earlier for earlier, later in zip(rates, rates[1:], strict=False))
    assert {learning_rate(TrainConfig(steps=100, lr=0.01), step) for step in (1, 50, 100)} == {0.01}


def test_lr_decay_is_checked_round_trips_and_defaults_to_none_for_old_configs():
    assert TrainConfig().lr_decay == "none"
    with pytest.raises(ValueError, match="lr_decay must be one of"):
        TrainConfig(lr_decay="linear").validate()
    model = models.for_task("lstm", EASY, hidden_size=8, seed=0)
    with pytest.raises(ValueError, match="lr_decay"):
        training.train(model, EASY, TrainConfig(lr_decay=None))
    config = TrainConfig(steps=7, lr_decay="cosine")
    assert TrainConfig.from_dict(json.loads(json.dumps(config.to_dict()))) == config
    old = {key: value for key, value in TrainConfig(steps=7).to_dict().items() if key != "lr_decay"}
    assert TrainConfig.from_dict(old) == TrainConfig(steps=7)


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_the_optimizer_steps_with_the_decayed_rate(optimizer):
    config = TrainConfig(
        steps=4, lr=0.5, lr_decay="cosine", optimizer=optimizer, clip=None, batch_size=8, seed=2,
        eval_every=10, eval_batch=4, snapshot_every=0, probe_batch=2,
    )
    model = models.for_task("gru", EASY, hidden_size=6, seed=1)
    by_hand = models.for_task("gru", EASY, hidden_size=6, seed=1)
    training.train(model, EASY, config)
    rates = [0.5, 0.25 * (1 + math.cos(math.pi / 4)), 0.25, 0.25 * (1 + math.cos(3 * math.pi / 4))]
    opt_class = torch.optim.SGD if optimizer == "sgd" else torch.optim.Adam
    opt = opt_class(by_hand.parameters(), lr=rates[0])
    rng = np.random.default_rng(config.seed)
    for rate in rates:
        batch = EASY.generate(config.batch_size, rng)
        opt.zero_grad()
        task_loss(by_hand(batch.x), batch.y, batch.loss_mask, EASY.loss).backward()
        opt.param_groups[0]["lr"] = rate
        opt.step()
    expected = by_hand.state_dict()
    for name, trained in model.state_dict().items():
        torch.testing.assert_close(trained, expected[name], rtol=1e-6, atol=1e-7, msg=name)
    constant = models.for_task("gru", EASY, hidden_size=6, seed=1)
    training.train(constant, EASY, TrainConfig(**{**config.to_dict(), "lr_decay": "none"}))
    assert not torch.equal(constant.core.weight_hh_l0, model.core.weight_hh_l0)
