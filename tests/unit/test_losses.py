"""Tests for lstm_viz.tasks.losses: agreement with torch's losses and masking."""

import pytest
import torch
import torch.nn.functional as F

from lstm_viz.tasks.losses import task_loss, task_metric

torch.set_num_threads(1)


def test_cross_entropy_last_matches_torch():
    g = torch.Generator().manual_seed(0)
    pred, y = torch.randn(6, 4, generator=g), torch.randint(0, 4, (6,), generator=g)
    loss = task_loss(pred, y, torch.ones(6), "cross_entropy")
    torch.testing.assert_close(loss, F.cross_entropy(pred, y))


def test_cross_entropy_every_matches_torch():
    g = torch.Generator().manual_seed(1)
    pred, y = torch.randn(3, 5, 7, generator=g), torch.randint(0, 7, (3, 5), generator=g)
    loss = task_loss(pred, y, torch.ones(3, 5), "cross_entropy")
    torch.testing.assert_close(loss, F.cross_entropy(pred.reshape(15, 7), y.reshape(15)))
    torch.testing.assert_close(loss, F.cross_entropy(pred.transpose(1, 2), y))


@pytest.mark.parametrize("shape", [(6, 3), (4, 5, 2)])
def test_mse_matches_torch(shape):
    g = torch.Generator().manual_seed(2)
    pred, y = torch.randn(shape, generator=g), torch.randn(shape, generator=g)
    loss = task_loss(pred, y, torch.ones(shape[:-1]), "mse")
    torch.testing.assert_close(loss, F.mse_loss(pred, y))
    assert task_metric(pred, y, torch.ones(shape[:-1]), "mse") == pytest.approx(float(loss))


def test_masked_positions_do_not_count():
    g = torch.Generator().manual_seed(3)
    pred, y = torch.randn(2, 6, 3, generator=g), torch.randint(0, 3, (2, 6), generator=g)
    mask = torch.tensor([[1, 1, 0, 0, 1, 0], [0, 1, 1, 0, 0, 0]], dtype=torch.float32)
    keep = mask.bool()
    expected = F.cross_entropy(pred[keep], y[keep])
    torch.testing.assert_close(task_loss(pred, y, mask, "cross_entropy"), expected)
    scrambled = pred.clone()
    scrambled[~keep] = 100.0 * torch.randn(int((~keep).sum()), 3, generator=g)
    torch.testing.assert_close(task_loss(scrambled, y, mask, "cross_entropy"), expected)

    target = torch.randn(2, 6, 3, generator=g)
    torch.testing.assert_close(task_loss(pred, target, mask, "mse"), F.mse_loss(pred[keep], target[keep]))


def test_gradient_ignores_masked_positions():
    pred = torch.randn(4, 2, generator=torch.Generator().manual_seed(4), requires_grad=True)
    mask = torch.tensor([1.0, 0.0, 1.0, 0.0])
    task_loss(pred, torch.tensor([0, 1, 1, 0]), mask, "cross_entropy").backward()
    assert bool((pred.grad[[1, 3]] == 0).all()) and bool((pred.grad[[0, 2]] != 0).all())


def test_accuracy_is_masked():
    pred = torch.tensor([[2.0, 0.0], [0.0, 2.0], [2.0, 0.0], [0.0, 2.0]])  # predicts 0, 1, 0, 1
    y = torch.tensor([0, 1, 1, 1])
    assert task_metric(pred, y, torch.ones(4), "cross_entropy") == pytest.approx(0.75)
    assert task_metric(pred, y, torch.tensor([1.0, 1.0, 0.0, 0.0]), "cross_entropy") == pytest.approx(1.0)
    assert task_metric(pred, y, torch.tensor([0.0, 0.0, 1.0, 0.0]), "cross_entropy") == pytest.approx(0.0)


def test_bad_arguments():
    with pytest.raises(ValueError, match="loss must be one of"):
        task_loss(torch.zeros(2, 1), torch.zeros(2, 1), torch.ones(2), "l1")
    with pytest.raises(ValueError, match="mask's shape"):
        task_loss(torch.zeros(2, 3), torch.zeros(2, dtype=torch.long), torch.ones(3), "cross_entropy")
    with pytest.raises(ValueError, match="mse targets must have shape \\(2, 1\\)"):
        task_loss(torch.zeros(2, 1), torch.zeros(2), torch.ones(2), "mse")
