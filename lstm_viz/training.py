"""Training on the fused fast path, keeping the record a page needs to show what happened and why.

`train(model, task, TrainConfig(...), callback)` runs Adam (Kingma & Ba 2015) or plain SGD, with gradient
clipping by global norm (Pascanu, Mikolov & Bengio 2013), on batches drawn from a task. It returns a
`History`:

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

`apply_init` holds the initialisations a config can ask for: a forget-gate bias (Gers, Schmidhuber & Cummins
2000; Jozefowicz, Zaremba & Sutskever 2015) and orthogonal (Saxe, McClelland & Ganguli 2014) or
spectral-radius-scaled recurrent weights.
"""

from __future__ import annotations

import math
import numbers
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields

import numpy as np
import torch

from . import tasks
from .grads import state_grad_norms
from .losses import task_loss, task_metric
from .models import SequenceModel

MAX_STEPS = 20_000
OPTIMIZERS = ("adam", "sgd")
RECURRENT_INITS = ("default", "orthogonal", "spectral")
_MAX_SEED = 2**63 - 1


def _is_int(value) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _is_real(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)


@dataclass
class TrainConfig:
    """Everything that decides a training run. `validate` says what is wrong with a setting, if anything.

    snapshot_every=0 turns the gradient-flow snapshots off. forget_bias is ignored by cores without a
    forget gate (RNN, GRU, the "no_forget_gate" and "coupled" LSTMs), so one config can train all three
    kinds side by side. spectral_radius is used by recurrent_init="spectral" only.
    """

    steps: int = 1000
    lr: float = 0.01
    batch_size: int = 64
    clip: float | None = 1.0
    optimizer: str = "adam"
    seed: int = 0
    eval_every: int = 50
    eval_batch: int = 256
    snapshot_every: int = 50
    probe_batch: int = 16
    forget_bias: float | None = None
    recurrent_init: str = "default"
    spectral_radius: float = 1.0

    def validate(self) -> None:
        """ValueError naming the first setting that is out of range."""
        problems = []
        for name, low, high in (
            ("steps", 1, MAX_STEPS),
            ("batch_size", 1, tasks.MAX_BATCH),
            ("seed", 0, _MAX_SEED),
            ("eval_every", 1, MAX_STEPS),
            ("eval_batch", 1, tasks.MAX_BATCH),
            ("snapshot_every", 0, MAX_STEPS),
            ("probe_batch", 1, tasks.MAX_BATCH),
        ):
            value = getattr(self, name)
            if not _is_int(value) or not low <= value <= high:
                problems.append(f"{name} must be an integer between {low} and {high}, got {value!r}")
        for name in ("lr", "spectral_radius"):
            value = getattr(self, name)
            if not _is_real(value) or value <= 0:
                problems.append(f"{name} must be a finite number above 0, got {value!r}")
        if self.clip is not None and (not _is_real(self.clip) or self.clip <= 0):
            problems.append(f"clip must be None (no clipping) or a finite number above 0, got {self.clip!r}")
        if self.forget_bias is not None and not _is_real(self.forget_bias):
            problems.append(f"forget_bias must be None or a finite number, got {self.forget_bias!r}")
        if self.optimizer not in OPTIMIZERS:
            problems.append(f"optimizer must be one of {list(OPTIMIZERS)}, got {self.optimizer!r}")
        if self.recurrent_init not in RECURRENT_INITS:
            problems.append(
                f"recurrent_init must be one of {list(RECURRENT_INITS)}, got {self.recurrent_init!r}"
            )
        if problems:
            raise ValueError(f"training config: {problems[0]}")

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data) -> TrainConfig:
        """A validated config from a dict such as `to_dict` writes; missing keys take their defaults."""
        if not isinstance(data, dict):
            raise ValueError(f"training config must be a JSON object, got {type(data).__name__}")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(
                f"training config: unknown setting {unknown[0]!r}; the settings are {sorted(known)}"
            )
        config = cls(**data)
        config.validate()
        return config


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


_SCALAR_SERIES = ("train_loss", "grad_norm_before", "grad_norm_after", "eval_loss", "eval_metric")
_STEP_SERIES = ("steps", "eval_steps", "snapshot_steps")
_ARRAY_SERIES = ("hidden_grad_norms", "cell_grad_norms")


@dataclass
class History:
    """The record of one run. `steps[k]` is the update whose batch had loss `train_loss[k]` (counting from
    1); step 0 in `eval_steps` / `snapshot_steps` is the model before any update. Each gradient-flow
    snapshot is a float32 array (T,) over time steps; `cell_grad_norms` stays empty for cores without a cell.
    `stopped` is None for a run that took every step, "callback", or "nan: <what and where>".

    Measurements are float32 numbers kept as the shortest Python float that reads back to the same float32,
    so the JSON of `to_dict` is short and `from_dict(to_dict())` gives back exactly the same History.
    """

    metric_name: str = "mse"
    steps: list[int] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    grad_norm_before: list[float] = field(default_factory=list)
    grad_norm_after: list[float] = field(default_factory=list)
    eval_steps: list[int] = field(default_factory=list)
    eval_loss: list[float] = field(default_factory=list)
    eval_metric: list[float] = field(default_factory=list)
    snapshot_steps: list[int] = field(default_factory=list)
    hidden_grad_norms: list[np.ndarray] = field(default_factory=list)
    cell_grad_norms: list[np.ndarray] = field(default_factory=list)
    stopped: str | None = None
    elapsed: float = 0.0

    def to_dict(self) -> dict:
        """A JSON-safe dict: plain lists of numbers, with None where a value was NaN or infinite."""
        data = {"metric_name": self.metric_name, "stopped": self.stopped, "elapsed": self.elapsed}
        for name in _STEP_SERIES:
            data[name] = [int(step) for step in getattr(self, name)]
        for name in _SCALAR_SERIES:
            data[name] = [_json_number(value) for value in getattr(self, name)]
        for name in _ARRAY_SERIES:
            data[name] = [[_json_number(value) for value in array] for array in getattr(self, name)]
        return data

    @classmethod
    def from_dict(cls, data) -> History:
        """The History a dict from `to_dict` describes; ValueError if it is not one."""
        if not isinstance(data, dict):
            raise ValueError(f"a history must be a JSON object, got {type(data).__name__}")
        expected = {f.name for f in fields(cls)}
        missing, unknown = sorted(expected - set(data)), sorted(set(data) - expected)
        if missing or unknown:
            raise ValueError(f"not a training history: missing {missing}, unexpected {unknown}")
        if not isinstance(data["metric_name"], str):
            raise ValueError("history: metric_name must be a string")
        if data["stopped"] is not None and not isinstance(data["stopped"], str):
            raise ValueError("history: stopped must be null or a string")
        if not _is_real(data["elapsed"]) or data["elapsed"] < 0:
            raise ValueError("history: elapsed must be a number of seconds >= 0")
        values = {name: data[name] for name in ("metric_name", "stopped")}
        values["elapsed"] = float(data["elapsed"])
        for name in _STEP_SERIES:
            values[name] = _list_of(data[name], name, _is_int, int)
        for name in _SCALAR_SERIES:
            values[name] = _list_of(data[name], name, _is_number_or_none, _from_json_number)
        for name in _ARRAY_SERIES:
            rows = _list_of(data[name], name, lambda row: isinstance(row, list), list)
            values[name] = [
                np.array(_list_of(row, name, _is_number_or_none, _from_json_number), dtype=np.float32)
                for row in rows
            ]
        history = cls(**values)
        history._check_lengths()
        return history

    def _check_lengths(self) -> None:
        groups = {
            "steps": ("train_loss", "grad_norm_before", "grad_norm_after"),
            "eval_steps": ("eval_loss", "eval_metric"),
            "snapshot_steps": ("hidden_grad_norms",),
        }
        for anchor, names in groups.items():
            for name in names:
                if len(getattr(self, name)) != len(getattr(self, anchor)):
                    raise ValueError(
                        f"history: {name} has {len(getattr(self, name))} entries, {anchor} has "
                        f"{len(getattr(self, anchor))}"
                    )
        if self.cell_grad_norms and len(self.cell_grad_norms) != len(self.snapshot_steps):
            raise ValueError("history: cell_grad_norms must be empty or one array per snapshot step")


def _short(value) -> float:
    """A float32 measurement as the shortest Python float that reads back to the same float32."""
    return float(str(np.float32(value)))


def _json_number(value):
    value = float(value)
    return value if math.isfinite(value) else None


def _is_number_or_none(value) -> bool:
    return value is None or (isinstance(value, numbers.Real) and not isinstance(value, bool))


def _from_json_number(value) -> float:
    return float("nan") if value is None else float(value)


def _list_of(values, name: str, check: Callable, convert: Callable) -> list:
    if not isinstance(values, list) or not all(check(value) for value in values):
        raise ValueError(f"history: {name} is not a list of the expected values")
    return [convert(value) for value in values]


def evaluation_batches(task, config: TrainConfig) -> tuple[tasks.Batch, tasks.Batch]:
    """The fixed (evaluation, probe) batches of a run, each drawn from its own child of the seed's
    SeedSequence: neither comes from the stream `np.random.default_rng(config.seed)` that feeds training."""
    eval_seed, probe_seed = np.random.SeedSequence(config.seed).spawn(2)
    return (
        task.generate(config.eval_batch, np.random.default_rng(eval_seed)),
        task.generate(config.probe_batch, np.random.default_rng(probe_seed)),
    )


def apply_init(model: SequenceModel, config: TrainConfig) -> None:
    """Set the initialisations `config` asks for, in place; with the defaults this changes nothing.

    forget_bias: for an LSTM with a forget gate, the f block of every bias_ih is set to the value and that of
    bias_hh to 0, so the gate starts at sigmoid(value) (near 0.73 for 1.0: remember by default).
    recurrent_init: every (H, H) gate block of every weight_hh becomes orthogonal, or a Gaussian matrix
    rescaled to largest |eigenvalue| = spectral_radius. Random draws come from a generator seeded with
    config.seed.
    """
    config.validate()
    core = model.core
    hidden = core.hidden_size
    generator = torch.Generator().manual_seed(config.seed)
    has_forget_gate = core.kind == "lstm" and core.variant in ("standard", "peephole")
    with torch.no_grad():
        for name, param in core.named_parameters():
            if name.startswith("weight_hh") and config.recurrent_init != "default":
                for block in param.split(hidden, dim=0):  # (H, H) views, one per gate
                    block.copy_(_recurrent_block(hidden, config, generator))
            if config.forget_bias is not None and has_forget_gate and name.startswith("bias_"):
                forget = slice(hidden, 2 * hidden)  # gate order i, f, g, o
                param[forget] = config.forget_bias if name.startswith("bias_ih") else 0.0


def _recurrent_block(hidden: int, config: TrainConfig, generator: torch.Generator) -> torch.Tensor:
    if config.recurrent_init == "orthogonal":
        return torch.nn.init.orthogonal_(torch.empty(hidden, hidden), generator=generator)
    weight = torch.randn(hidden, hidden, generator=generator, dtype=torch.float64) / math.sqrt(hidden)
    radius = torch.linalg.eigvals(weight).abs().max()
    return (weight * (config.spectral_radius / radius)).float()


def _check_fits(model: SequenceModel, task) -> None:
    core = model.core
    wanted = {
        "input size": (core.input_size, task.input_size),
        "output size": (model.readout.out_features, task.output_size),
        "readout": (model.readout_mode, task.readout),
        "loss": (model.loss_kind, task.loss),
    }
    for what, (has, needs) in wanted.items():
        if has != needs:
            raise ValueError(f"the model's {what} is {has!r} but the task {task.name!r} needs {needs!r}")


def _optimizer(model: SequenceModel, config: TrainConfig) -> torch.optim.Optimizer:
    if config.optimizer == "adam":
        return torch.optim.Adam(model.parameters(), lr=config.lr)
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
        with torch.no_grad():
            pred = self.model(batch.x)  # (B, O) or (B, T, O)
            loss = task_loss(pred, batch.y, batch.loss_mask, self.task.loss)
            metric = task_metric(pred, batch.y, batch.loss_mask, self.task.loss)
        self.history.eval_steps.append(step)
        self.history.eval_loss.append(_short(loss))
        self.history.eval_metric.append(_short(metric))

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
        loss = task_loss(model(batch.x), batch.y, batch.loss_mask, task.loss)
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
        optimizer.step()
        last_step = step
        history.steps.append(step)
        history.train_loss.append(_short(loss_value))
        history.grad_norm_before.append(_short(before))
        history.grad_norm_after.append(_short(after))
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


def _kept(last_step: int) -> str:
    return f"the model keeps the weights after step {last_step}" if last_step else "the model was not updated"
