"""TrainConfig(dropout=p): checked, kept in saved configs, and applied exactly as written out in plain torch,
to the top layer's outputs before the readout in the training updates only."""

import numpy as np
import pytest
import torch

from lstm_viz import models, tasks, training
from lstm_viz.tasks.losses import task_loss
from lstm_viz.training import TrainConfig

torch.set_num_threads(1)

TASK = tasks.get("chars", length=12)


@pytest.mark.parametrize("bad", [-0.1, 1.0, 1.5, float("nan"), "0.2", True])
def test_a_bad_dropout_is_refused_by_name(bad):
    with pytest.raises(ValueError, match="dropout must be a number from 0 up to"):
        TrainConfig(dropout=bad).validate()


def test_dropout_round_trips_and_defaults_to_zero_for_old_configs():
    assert TrainConfig().dropout == 0.0
    assert TrainConfig.from_dict(TrainConfig(dropout=0.3).to_dict()).dropout == 0.3
    old = {key: value for key, value in TrainConfig().to_dict().items() if key != "dropout"}
    assert TrainConfig.from_dict(old) == TrainConfig()


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_one_update_with_dropout_is_the_plain_torch_update(kind):
    config = TrainConfig(steps=1, lr=0.5, optimizer="sgd", clip=None, batch_size=4, seed=3, dropout=0.5,
                         eval_batch=4, probe_batch=2)  # fmt: skip
    model = models.for_task(kind, TASK, hidden_size=8, seed=1)
    reference = models.for_task(kind, TASK, hidden_size=8, seed=1)
    history = training.train(model, TASK, config)

    batch = TASK.generate(config.batch_size, np.random.default_rng(config.seed))  # the first training batch
    torch.manual_seed(config.seed)  # nothing else draws from torch's generator before the first update
    output, _ = reference.core(batch.x)  # (B, T, H)
    dropped = torch.nn.functional.dropout(output, 0.5, training=True)
    assert 0 < float((dropped == 0).float().mean()) < 1  # some outputs dropped, not all
    loss = task_loss(reference.head(dropped), batch.y, batch.loss_mask, TASK.loss)
    loss.backward()
    with torch.no_grad():
        for param in reference.parameters():
            param -= 0.5 * param.grad
    assert history.train_loss[0] == pytest.approx(loss.item(), rel=1e-6)
    for (name, ours), theirs in zip(model.state_dict().items(), reference.state_dict().values(), strict=True):
        torch.testing.assert_close(ours, theirs, rtol=1e-5, atol=1e-6, msg=name)


def test_evaluations_have_no_dropout():
    config = TrainConfig(steps=2, batch_size=4, seed=0, dropout=0.9, eval_every=1, eval_batch=16)
    model = models.for_task("lstm", TASK, hidden_size=8, seed=0)
    history = training.train(model, TASK, config)
    eval_batch, _ = training.loop.evaluation_batches(TASK, config)
    with torch.no_grad():
        loss = float(task_loss(model(eval_batch.x), eval_batch.y, eval_batch.loss_mask, TASK.loss))
    assert history.eval_loss[-1] == pytest.approx(loss, rel=1e-6)
