"""Training on the fused fast path, keeping the record a page needs to show what happened and why.

`train(model, task, TrainConfig(...), callback)` runs Adam (Kingma & Ba 2015) or plain SGD, with gradient
clipping by global norm (Pascanu, Mikolov & Bengio 2013) and, if asked, a cosine learning-rate decay and
dropout before the readout, on batches drawn from a task. It returns a `History`:

- per step: the training loss and the gradient norm before and after clipping;
- every `eval_every` steps: loss and metric (accuracy or MSE) on a fixed held-out batch;
- every `snapshot_every` steps: a gradient-flow snapshot, ||dL/dh_t|| (and ||dL/dc_t|| for the LSTM) of the
  top layer at every time step of a fixed probe batch, so a page can draw training step x time step and
  watch the loss learn to reach the early steps, or fail to.

Every update goes through `SequenceModel.forward`, torch's fused kernel for the standard cores; only the
snapshots replay the model step by step with `run_with_trace`. Evaluations and snapshots also happen at step
0 (the untrained model) and at the last step taken, however the run ended.

A callback receives a `Progress` after every update and stops the run by returning something truthy; a
non-finite loss or gradient stops it too, with the reason in `History.stopped`. Either way the model keeps
the weights of its last finite update. The same config and seed give the same History.

The config lives in `config.py`, the History in `history.py`, the initialisations in `initialisation.py`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

from lstm_viz.engine.grads import state_grad_norms
from lstm_viz.tasks import Batch
from lstm_viz.tasks.losses import task_loss, task_metric

from .config import TrainConfig
from .history import History, float32_number
from .initialisation import apply_init
from .model import SequenceModel, mismatches


@dataclass
class Progress:
    """What a callback sees after each update; times in seconds, eval values are the latest (or None)."""

    step: int
    total: int
    train_loss: float
    eval_loss: float | None
    eval_metric: float | None
    elapsed: float
    eta: float


def evaluation_batches(task, config: TrainConfig) -> tuple[Batch, Batch]:
    """The fixed (evaluation, probe) batches of a run, each drawn from its own child of the seed's
    SeedSequence: neither comes from the stream `np.random.default_rng(config.seed)` that feeds training."""
    eval_seed, probe_seed = np.random.SeedSequence(config.seed).spawn(2)
    return (
        task.generate(config.eval_batch, np.random.default_rng(eval_seed)),
        task.generate(config.probe_batch, np.random.default_rng(probe_seed)),
    )


def _check_fits(model: SequenceModel, task) -> None:
    problems = mismatches(model, task)
    if problems:
        raise ValueError(next(iter(problems.values())))


def learning_rate(config: TrainConfig, step: int) -> float:
    """The learning rate of update `step` (1..config.steps) under config.lr_decay."""
    if config.lr_decay == "cosine":
        return config.lr * 0.5 * (1.0 + math.cos(math.pi * (step - 1) / config.steps))
    return config.lr


def _optimizer(model: SequenceModel, config: TrainConfig) -> torch.optim.Optimizer:
    """Adam in torch's fused form (one kernel over every parameter: 67 against 238 us a step for a 64-unit
    LSTM, equal to the loop form to float32 rounding), or plain SGD."""
    if config.optimizer == "adam":
        return torch.optim.Adam(model.parameters(), lr=config.lr, fused=True)
    return torch.optim.SGD(model.parameters(), lr=config.lr)


class _Recorder:
    """Fills a History: evaluations and snapshots on the fixed batches, at most once per step."""

    def __init__(self, model: SequenceModel, task, config: TrainConfig):
        self.model, self.task = model, task
        self.eval_batch, self.probe = evaluation_batches(task, config)
        self.history = History(metric_name=task.metric)

    def evaluate(self, step: int) -> None:
        if self.history.eval_steps and self.history.eval_steps[-1] == step:
            return
        batch = self.eval_batch
        with torch.inference_mode():  # a little cheaper than no_grad: no version counters
            pred = self.model(batch.x)  # (B, O) or (B, T, O)
            loss = task_loss(pred, batch.y, batch.loss_mask, self.task.loss)
            metric = task_metric(pred, batch.y, batch.loss_mask, self.task.loss)
        self.history.eval_steps.append(step)
        self.history.eval_loss.append(float32_number(loss))
        self.history.eval_metric.append(float32_number(metric))

    def snapshot(self, step: int) -> None:
        if self.history.snapshot_steps and self.history.snapshot_steps[-1] == step:
            return
        probe, core = self.probe, self.model.core
        _, trace = self.model.run_with_trace(probe.x, target=probe.y, loss_mask=probe.loss_mask)
        top = core.num_layers - 1
        self.history.snapshot_steps.append(step)
        self.history.hidden_grad_norms.append(state_grad_norms(trace, "hidden", layer=top).astype(np.float32))
        if core.kind == "lstm":
            self.history.cell_grad_norms.append(state_grad_norms(trace, "cell", layer=top).astype(np.float32))


def train(
    model: SequenceModel,
    task,
    config: TrainConfig | None = None,
    callback: Callable[[Progress], object] | None = None,
) -> History:
    """Train `model` on `task` in place and return its History; see the module docstring.

    The run starts with `apply_init(model, config)`; to continue training a model, pass a config whose init
    options are the defaults. callback(Progress) is called after every update; a truthy return stops the run.
    """
    config = config if config is not None else TrainConfig()
    config.validate()
    _check_fits(model, task)
    torch.manual_seed(config.seed)  # for any torch randomness besides the seeded draws below
    apply_init(model, config)
    optimizer = _optimizer(model, config)
    params = [param for param in model.parameters() if param.requires_grad]
    rng = np.random.default_rng(config.seed)  # the training stream
    recorder = _Recorder(model, task, config)
    history = recorder.history
    snapshots = config.snapshot_every > 0
    start = time.perf_counter()

    recorder.evaluate(0)
    if snapshots:
        recorder.snapshot(0)
    last_step = 0
    for step in range(1, config.steps + 1):
        batch = task.generate(config.batch_size, rng)
        loss = task_loss(_predict(model, batch.x, config.dropout), batch.y, batch.loss_mask, task.loss)
        loss_value = loss.item()
        if not math.isfinite(loss_value):
            history.stopped = f"nan: the training loss was {loss_value} at step {step}; {_kept(last_step)}"
            break
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        norm = torch.nn.utils.get_total_norm([param.grad for param in params if param.grad is not None])
        before = float(norm)
        if not math.isfinite(before):
            history.stopped = f"nan: the gradient norm was {before} at step {step}; {_kept(last_step)}"
            break
        after = before
        if config.clip is not None:
            torch.nn.utils.clip_grads_with_norm_(params, config.clip, norm)
            # the norm that remains: clip_grads_with_norm_ scales by min(1, clip / (norm + 1e-6))
            after = before * min(1.0, config.clip / (before + 1e-6))
        if config.lr_decay != "none":
            for group in optimizer.param_groups:
                group["lr"] = learning_rate(config, step)
        optimizer.step()
        last_step = step
        history.steps.append(step)
        history.train_loss.append(float32_number(loss_value))
        history.grad_norm_before.append(float32_number(before))
        history.grad_norm_after.append(float32_number(after))
        if step % config.eval_every == 0:
            recorder.evaluate(step)
        if snapshots and step % config.snapshot_every == 0:
            recorder.snapshot(step)
        if callback is not None:
            elapsed = time.perf_counter() - start
            progress = Progress(
                step=step,
                total=config.steps,
                train_loss=history.train_loss[-1],
                eval_loss=history.eval_loss[-1],
                eval_metric=history.eval_metric[-1],
                elapsed=elapsed,
                eta=elapsed / step * (config.steps - step),
            )
            if callback(progress):
                history.stopped = "callback"
                break

    recorder.evaluate(last_step)
    if snapshots:
        recorder.snapshot(last_step)
    history.elapsed = time.perf_counter() - start
    return history


def _predict(model: SequenceModel, x: torch.Tensor, dropout: float) -> torch.Tensor:
    """A training update's predictions, with `dropout` on the top layer's outputs (B, T, D*H)."""
    if not dropout:
        return model(x)
    output, _ = model.core(x)
    return model.head(torch.nn.functional.dropout(output, dropout, training=True))


def _kept(last_step: int) -> str:
    return f"the model keeps the weights after step {last_step}" if last_step else "the model was not updated"
