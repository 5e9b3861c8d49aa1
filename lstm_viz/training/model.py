"""A sequence model for a task: a recurrent core plus a linear readout, at the last step or at every step.

`for_task(kind, task, ...)` sizes one for a task (its input and output sizes, readout and loss), and
`SequenceModel.run_with_trace(x, target=...)` records the core with the task loss's per-step gradients.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from lstm_viz.engine.checks import check_seed
from lstm_viz.engine.core import Recurrent
from lstm_viz.tasks.losses import task_loss


class IdentityReadout(nn.Identity):
    """No readout: the core's output (B, T, D*H) is the model's output; `out_features` is D*H."""

    def __init__(self, features: int):
        super().__init__()
        self.in_features = self.out_features = features


class SequenceModel(nn.Module):
    """A core plus a linear readout, at the last step (B, O) or at every step (B, T, O).

    `output_size=None` gives no readout (an `IdentityReadout`): the model outputs the core's output itself,
    as a recurrent module imported without a linear layer after it does.
    """

    def __init__(
        self,
        core: Recurrent,
        output_size: int | None,
        readout: str = "last",
        loss: str = "mse",
        seed: int | None = None,
    ):
        super().__init__()
        if readout not in ("last", "every"):
            raise ValueError(f"readout must be 'last' or 'every', got {readout!r}")
        self.core, self.readout_mode, self.loss_kind = core, readout, loss
        features = core.hidden_size * core.num_directions
        if output_size is None:
            self.readout = IdentityReadout(features)
        else:
            self.readout = nn.Linear(features, output_size)
        seed = check_seed(seed)
        if seed is not None and output_size is not None:
            generator = torch.Generator().manual_seed(seed + 1)
            bound = 1.0 / math.sqrt(self.readout.in_features)
            with torch.no_grad():
                self.readout.weight.uniform_(-bound, bound, generator=generator)
                self.readout.bias.uniform_(-bound, bound, generator=generator)

    def head(self, hidden_sequence: torch.Tensor) -> torch.Tensor:
        """(B, T, D*H) -> predictions (B, O) at the last step or (B, T, O) at every step."""
        if self.readout_mode == "last":
            return self.readout(hidden_sequence[:, -1])
        return self.readout(hidden_sequence)

    def forward(self, x):
        output, _ = self.core(x)
        return self.head(output)

    def run_with_trace(self, x, target=None, loss_mask=None, interventions=None):
        """(predictions, Trace); with `target` the Trace holds the task loss's per-step gradients."""
        loss_fn = None
        if target is not None:
            target = torch.as_tensor(target)
            mask = (
                torch.ones(target.shape[: 1 if self.readout_mode == "last" else 2])
                if loss_mask is None
                else loss_mask
            )
            loss_fn = lambda hidden: task_loss(self.head(hidden), target, mask, self.loss_kind)  # noqa: E731
        output, trace = self.core.run_with_trace(x, loss_fn=loss_fn, interventions=interventions)
        with torch.no_grad():
            return self.head(output), trace


def mismatches(model: SequenceModel, task) -> dict[str, str]:
    """What of `model` does not fit `task`: {"input size" | "output size" | "readout" | "loss": a sentence
    saying what the model has and what the task needs}; empty when it fits."""
    wanted = {
        "input size": (model.core.input_size, task.input_size),
        "output size": (model.readout.out_features, task.output_size),
        "readout": (model.readout_mode, task.readout),
        "loss": (model.loss_kind, task.loss),
    }
    return {
        what: f"the model's {what} is {has!r} but the task {task.name!r} needs {needs!r}"
        for what, (has, needs) in wanted.items()
        if has != needs
    }


def for_task(kind: str, task, hidden_size: int = 64, seed: int = 0, **core_options) -> SequenceModel:
    """A SequenceModel sized for a task: kind "rnn" | "gru" | "lstm", core options as for Recurrent."""
    core = Recurrent(kind, task.input_size, hidden_size, seed=seed, **core_options)
    return SequenceModel(core, task.output_size, task.readout, task.loss, seed=seed)
