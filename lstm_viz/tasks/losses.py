"""Masked losses and metrics for the tasks in `lstm_viz.tasks`.

Both functions take a model's prediction together with a `Batch`'s `y` and `loss_mask`, for either readout:
"last" (pred (B, O), one target per sequence) or "every" (pred (B, T, O), one target per step). The loss is
the mean of the per-position loss over the positions whose mask is 1, so it can be compared with a task's
`baseline_loss` whatever the mask hides. Masks hold 0s and 1s; an all-zero mask gives 0.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

LOSSES = ("mse", "cross_entropy")


def _check(pred: torch.Tensor, y: torch.Tensor, mask: torch.Tensor, loss: str) -> None:
    if loss not in LOSSES:
        raise ValueError(f"loss must be one of {list(LOSSES)}, got {loss!r}")
    if pred.shape[:-1] != mask.shape:
        raise ValueError(f"pred {tuple(pred.shape)} must be the mask's shape {tuple(mask.shape)} + (O,)")
    wanted = mask.shape if loss == "cross_entropy" else pred.shape
    if y.shape != wanted:
        raise ValueError(f"{loss} targets must have shape {tuple(wanted)}, got {tuple(y.shape)}")


def _masked_mean(values: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """sum(mask * values) / sum(mask), with values and mask both (B,) or (B, T)."""
    mask = mask.to(values.dtype)
    return (mask * values).sum() / mask.sum().clamp_min(1.0)


def task_loss(pred: torch.Tensor, y: torch.Tensor, mask: torch.Tensor, loss: str) -> torch.Tensor:
    """Scalar training loss: masked mean of cross-entropy (nats) or of squared error averaged over outputs."""
    _check(pred, y, mask, loss)
    if loss == "cross_entropy":
        logits = pred.reshape(-1, pred.shape[-1])  # (B * T, O)
        per_position = F.cross_entropy(logits, y.reshape(-1), reduction="none").reshape(mask.shape)
    else:
        per_position = ((pred - y) ** 2).mean(dim=-1)  # (B,) or (B, T)
    return _masked_mean(per_position, mask)


@torch.no_grad()
def task_metric(pred: torch.Tensor, y: torch.Tensor, mask: torch.Tensor, loss: str) -> float:
    """Masked accuracy (share of positions whose top class is the target) for cross_entropy tasks, masked
    MSE for mse tasks."""
    if loss == "cross_entropy":
        _check(pred, y, mask, loss)
        correct = (pred.argmax(dim=-1) == y).to(torch.float32)  # (B,) or (B, T)
        return float(_masked_mean(correct, mask))
    return float(task_loss(pred, y, mask, loss))
