"""Bring your own model: a PyTorch checkpoint of one nn.LSTM, nn.GRU or nn.RNN, with an optional nn.Linear
after it, imported as a `Run` whose model gives the original modules' outputs (to float32 rounding).

    run = import_torch_checkpoint("model.pt")   # a path, bytes or a binary file object (an upload)
    run.model(x)                                # x (B, T, I) batch-first -> (B, T, O), or (B, T, D*H)

The checkpoint is a state_dict saved with torch.save, read with weights_only=True only (`checkpoint_file`);
one nested under "state_dict", "model_state_dict" or "model" (as training scripts save them) is found too.
Everything else is inferred from the tensor names and shapes, torch's own layout:

- the recurrent module: `{prefix}weight_ih_l{k}`, `weight_hh_l{k}`, `bias_ih_l{k}`, `bias_hh_l{k}`, with
  `_reverse` for the second direction, under any prefix ("", "rnn.", "encoder.lstm.");
- its kind from weight_hh_l0 (G*H, H): G = 4 gate blocks for an LSTM, 3 for a GRU, 1 for an RNN; H units;
  the input size from weight_ih_l0 (G*H, I); the layers from the l{k} found; bidirectional from `_reverse`;
  no bias tensors at all (bias=False) means zero biases;
- the readout: one other pair `{p}weight` (O, D*H) and optionally `{p}bias` (O,), a linear layer that reads
  the recurrent output. Without one, the model's output is the recurrent output itself.

A vanilla RNN's nonlinearity (tanh or relu) leaves no trace in its weights: pass `nonlinearity`. Tensors
may be float16, bfloat16, float32 or float64; the model computes in float32. What cannot be imported (a
pickled module, two recurrent modules and no `prefix` to choose, an LSTM with proj_size, shapes that do not
fit, sizes beyond the engine's limits, a tensor that is not a finite floating-point array, an oversized or
corrupt file) is a ValueError saying what was found and what was expected.

`recurrent_prefixes(file)` lists the recurrent modules a checkpoint holds, to choose one. `fit_to_task(run,
task)` makes an imported run a run of a task, as `save_run` saves it, when its model answers that task.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

import torch

from lstm_viz import limits
from lstm_viz.engine.core import Recurrent
from lstm_viz.engine.kinds import KINDS, NONLINEARITIES
from lstm_viz.tasks.losses import task_loss, task_metric

from .checkpoint_file import read_checkpoint
from .config import TrainConfig
from .history import History, float32_number
from .loop import evaluation_batches
from .model import IdentityReadout, SequenceModel, mismatches
from .runs import Run, run_config

_RECURRENT = re.compile(
    r"(?P<prefix>(?:.*\.)?)(?P<param>weight_ih|weight_hh|bias_ih|bias_hh|weight_hr)_l(?P<layer>\d+)"
    r"(?P<reverse>_reverse)?"
)
_KIND_OF_GATES = {kind.gates_per_unit: name for name, kind in KINDS.items()}  # 4: lstm, 3: gru, 1: rnn
_FLOATS = (torch.float16, torch.bfloat16, torch.float32, torch.float64)
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")
READOUTS = ("every", "last")


@dataclass(frozen=True)
class Architecture:
    """What a checkpoint's recurrent tensors describe."""

    kind: str
    input_size: int
    hidden_size: int
    num_layers: int
    bidirectional: bool
    has_bias: bool

    @property
    def features(self) -> int:
        """Outputs per step of the recurrent module: directions x units."""
        return self.hidden_size * (2 if self.bidirectional else 1)

    def describe(self) -> str:
        """e.g. "a bidirectional 2-layer LSTM with 32 units per direction"."""
        sides = "bidirectional " if self.bidirectional else ""
        per = " per direction" if self.bidirectional else ""
        return f"a {sides}{self.num_layers}-layer {self.kind.upper()} with {self.hidden_size} units{per}"


def _shapes(tensors: dict[str, torch.Tensor]) -> str:
    """The first few names with their shapes, for a message."""
    shown = [f"{name} {tuple(tensor.shape)}" for name, tensor in list(tensors.items())[:8]]
    more = f", and {len(tensors) - 8} more" if len(tensors) > 8 else ""
    return ", ".join(shown) + more


def _recurrent_modules(state: dict) -> dict[str, dict[str, torch.Tensor]]:
    """prefix -> {name without the prefix: tensor} for every tensor named like a recurrent module's."""
    modules: dict[str, dict[str, torch.Tensor]] = {}
    for name, tensor in state.items():
        match = _RECURRENT.fullmatch(name)
        if match:
            modules.setdefault(match["prefix"], {})[name[len(match["prefix"]) :]] = tensor
    return modules


def _choose_module(modules: dict, state: dict, prefix: str | None) -> str:
    """The prefix of the recurrent module to import; ValueError when there is none, or no way to choose."""
    if not modules:
        raise ValueError(
            "found no recurrent module: expected tensors named like an nn.LSTM, nn.GRU or nn.RNN's "
            "('weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0', possibly under a prefix such as "
            f"'rnn.'); the checkpoint holds {_shapes(state)}"
        )
    found = sorted(modules)
    if prefix is not None:
        if not isinstance(prefix, str):
            raise TypeError(f"prefix must be a string such as 'rnn.', got {type(prefix).__name__}")
        chosen = prefix if prefix == "" or prefix.endswith(".") else prefix + "."
        if chosen not in modules:
            raise ValueError(
                f"found no recurrent module under the prefix {chosen!r}; found one under {found}"
            )
        return chosen
    if len(found) > 1:
        raise ValueError(
            f"found {len(found)} recurrent modules, under the prefixes {found}; expected one, or a prefix "
            f"to choose it: import_torch_checkpoint(..., prefix={found[0]!r})"
        )
    return found[0]


def _parse_key(key: str) -> tuple[str, int, str]:
    match = _RECURRENT.fullmatch(key)
    return match["param"], int(match["layer"]), match["reverse"] or ""


def _size(what: str, value: int, limit: int, name: str) -> int:
    """A size read off the tensor `name`, within 1..limit; ValueError saying which and why otherwise."""
    if value < 1:
        raise ValueError(f"{what} is {value} (from {name}); expected at least 1")
    if value > limit:
        raise ValueError(f"{what} is {value:,} (from {name}); the limit is {limit:,} (lstm_viz.limits)")
    return value


def infer_architecture(tensors: dict[str, torch.Tensor], prefix: str) -> Architecture:
    """The architecture that a recurrent module's tensors (names without `prefix`) describe."""
    if any(_parse_key(key)[0] == "weight_hr" for key in tensors):
        raise ValueError(
            f"found {prefix}weight_hr_l0: an LSTM with proj_size, which lstm-viz does not model; expected an "
            "LSTM without projections"
        )
    layers = sorted({_parse_key(key)[1] for key in tensors})
    if layers != list(range(len(layers))):
        raise ValueError(
            f"found layers {layers} under {prefix!r}; expected layers numbered 0, 1, 2, ... in turn"
        )
    last = f"{prefix}weight_ih_l{layers[-1]}"
    num_layers = _size("the number of layers", len(layers), limits.MAX_LAYERS, f"layers 0 to {last}")
    hh, ih = tensors.get("weight_hh_l0"), tensors.get("weight_ih_l0")
    if hh is None or ih is None or hh.dim() != 2 or ih.dim() != 2:
        found = {
            name: tuple(tensors[name].shape) for name in ("weight_ih_l0", "weight_hh_l0") if name in tensors
        }
        raise ValueError(
            f"found {found} under {prefix!r}; expected both weight_ih_l0 (G*H, I) and weight_hh_l0 (G*H, H), "
            "two-dimensional"
        )
    rows, hidden = hh.shape
    hidden = _size("the hidden size", hidden, limits.MAX_HIDDEN, f"{prefix}weight_hh_l0")
    gates = rows // hidden if rows % hidden == 0 else None
    if gates not in _KIND_OF_GATES:
        raise ValueError(
            f"{prefix}weight_hh_l0 has shape {tuple(hh.shape)}; expected (G*H, H) with G = 4 gate blocks "
            "(LSTM), 3 (GRU) or 1 (RNN) of H rows each"
        )
    return Architecture(
        kind=_KIND_OF_GATES[gates],
        input_size=_size("the input size", ih.shape[1], limits.MAX_INPUT_SIZE, f"{prefix}weight_ih_l0"),
        hidden_size=hidden,
        num_layers=num_layers,
        bidirectional=any(_parse_key(key)[2] for key in tensors),
        has_bias="bias_ih_l0" in tensors or "bias_hh_l0" in tensors,
    )


def expected_shapes(arch: Architecture) -> dict[str, tuple[int, ...]]:
    """Name (without prefix) -> shape of every tensor of the module, as torch lays it out."""
    rows = KINDS[arch.kind].gates_per_unit * arch.hidden_size
    shapes = {}
    for layer in range(arch.num_layers):
        columns = arch.input_size if layer == 0 else arch.features
        for suffix in ("", "_reverse") if arch.bidirectional else ("",):
            shapes[f"weight_ih_l{layer}{suffix}"] = (rows, columns)
            shapes[f"weight_hh_l{layer}{suffix}"] = (rows, arch.hidden_size)
            if arch.has_bias:
                shapes[f"bias_ih_l{layer}{suffix}"] = (rows,)
                shapes[f"bias_hh_l{layer}{suffix}"] = (rows,)
    return shapes


def _check_shapes(tensors: dict, shapes: dict, prefix: str, what: str) -> None:
    missing = [prefix + name for name in shapes if name not in tensors]
    unexpected = [prefix + name for name in tensors if name not in shapes]
    if missing or unexpected:
        raise ValueError(
            f"the tensors under {prefix!r} do not make up {what}: missing {missing}, unexpected {unexpected}"
        )
    for name, shape in shapes.items():
        if tuple(tensors[name].shape) != shape:
            raise ValueError(f"{prefix}{name} has shape {tuple(tensors[name].shape)}; {what} needs {shape}")


def _as_float32(name: str, tensor: torch.Tensor) -> torch.Tensor:
    """A finite floating-point tensor as a float32 copy; ValueError naming the tensor otherwise."""
    if tensor.layout != torch.strided or tensor.dtype not in _FLOATS:
        layout = "" if tensor.layout == torch.strided else f" {tensor.layout}"
        raise ValueError(
            f"{name} is a{layout} {tensor.dtype} tensor; expected dense floating-point weights "
            "(float16, bfloat16, float32 or float64)"
        )
    if not torch.isfinite(tensor).all():
        raise ValueError(f"{name} holds NaN or infinite values; expected finite weights")
    return tensor.detach().to(torch.float32, copy=True)


def _readout_tensors(state: dict, modules: dict, arch: Architecture):
    """(prefix of the readout or None, its weight (O, D*H) or None, its bias (O,) or None): the one pair of
    tensors `{p}weight`, `{p}bias` besides the recurrent modules (those not chosen are left out)."""
    recurrent = {module + name for module, tensors in modules.items() for name in tensors}
    rest = {name: tensor for name, tensor in state.items() if name not in recurrent}
    linear = sorted({name.removesuffix("weight") for name in rest if re.fullmatch(r"(?:.*\.)?weight", name)})
    unexpected = [name for name in rest if name.removesuffix("weight").removesuffix("bias") not in linear]
    if unexpected:
        raise ValueError(
            f"found tensors that are neither the recurrent module nor a linear readout: "
            f"{_shapes({name: rest[name] for name in unexpected})}; expected one nn.LSTM, nn.GRU or nn.RNN "
            "and at most one nn.Linear after it"
        )
    if len(linear) > 1:
        raise ValueError(
            f"found {len(linear)} linear layers, under the prefixes {linear}; expected at most one readout "
            "after the recurrent module"
        )
    if not linear:
        return None, None, None
    (head,) = linear
    weight, bias = rest[head + "weight"], rest.get(head + "bias")
    if weight.dim() != 2 or weight.shape[1] != arch.features:
        raise ValueError(
            f"{head}weight has shape {tuple(weight.shape)}; a readout of {arch.describe()} reads its "
            f"{arch.features} outputs per step, so it needs shape (O, {arch.features})"
        )
    outputs = _size("the readout's output size", weight.shape[0], limits.MAX_READOUT_OUTPUTS, f"{head}weight")
    if bias is not None and tuple(bias.shape) != (outputs,):
        raise ValueError(
            f"{head}bias has shape {tuple(bias.shape)}; the readout {head}weight needs ({outputs},)"
        )
    return head, weight, bias


def _run_name(file_name: str | None) -> str:
    """A safe run name from the checkpoint's file name: its stem, or "imported"."""
    stem = _UNSAFE_NAME.sub("-", file_name.rsplit(".", 1)[0] if file_name else "")
    stem = re.sub(r"\.{2,}", ".", stem).lstrip("-_.")[:100]
    return stem or "imported"


def import_torch_checkpoint(
    path_or_bytes, prefix: str | None = None, nonlinearity: str = "tanh", readout: str = "every"
) -> Run:
    """The model of a PyTorch checkpoint as a Run (see the module docstring); ValueError saying what is wrong.

    prefix: the recurrent module to import when the checkpoint holds more than one ("encoder." or "encoder");
    the others are left out, and a linear layer that fits the chosen one is taken as its readout.
    nonlinearity: "tanh" (torch's default) or "relu", for a vanilla RNN only: weights do not record it.
    readout: "every" applies the readout at every step (B, T, O), "last" at the last step only (B, O).
    The Run's config records the architecture with "task": None and an "imported" entry (file, prefixes,
    sizes, readout); its history has no steps. Without a linear layer in the checkpoint the model's output
    is the recurrent output (B, T, D*H), or its last step (B, D*H).
    """
    if nonlinearity not in NONLINEARITIES:
        raise ValueError(f"nonlinearity must be one of {list(NONLINEARITIES)}, got {nonlinearity!r}")
    if readout not in READOUTS:
        raise ValueError(f"readout must be one of {list(READOUTS)}, got {readout!r}")
    state, file_name = read_checkpoint(path_or_bytes)
    modules = _recurrent_modules(state)
    chosen = _choose_module(modules, state, prefix)
    tensors = modules[chosen]
    arch = infer_architecture(tensors, chosen)
    _check_shapes(tensors, expected_shapes(arch), chosen, arch.describe())
    head, weight, bias = _readout_tensors(state, modules, arch)

    core_nonlinearity = nonlinearity if arch.kind == "rnn" else "tanh"
    core = Recurrent(
        arch.kind, arch.input_size, arch.hidden_size, arch.num_layers, arch.bidirectional,
        nonlinearity=core_nonlinearity,
    )  # fmt: skip
    weights = {name: _as_float32(chosen + name, tensor) for name, tensor in tensors.items()}
    for name, parameter in core.named_parameters():
        if name not in weights:  # bias=False: torch adds nothing, which is a zero bias
            weights[name] = torch.zeros_like(parameter)
    core.load_state_dict(weights)
    model = SequenceModel(core, None if weight is None else weight.shape[0], readout=readout)
    if weight is not None:
        with torch.no_grad():
            model.readout.weight.copy_(_as_float32(head + "weight", weight))
            model.readout.bias.copy_(_as_float32(head + "bias", bias) if bias is not None else 0.0)
    model.eval()
    name = _run_name(file_name)
    config = {
        "kind": arch.kind,
        "variant": "standard",
        "nonlinearity": core_nonlinearity,
        "hidden_size": arch.hidden_size,
        "num_layers": arch.num_layers,
        "bidirectional": arch.bidirectional,
        "task": None,
        "task_params": {},
        "train": None,
        "seed": None,
        "imported": {
            "file": file_name,
            "prefix": chosen,
            "readout_prefix": head,
            "input_size": arch.input_size,
            "output_size": model.readout.out_features,
            "readout": readout,
            "bias": arch.has_bias,
        },
    }
    return Run(name, config, model, History())


def recurrent_prefixes(path_or_bytes) -> list[str]:
    """The prefixes of the recurrent modules a checkpoint holds ("" for a module saved on its own), sorted:
    the choices of `import_torch_checkpoint(..., prefix=...)`. ValueError as that function's for a file that
    does not read or holds no recurrent module."""
    state, _ = read_checkpoint(path_or_bytes)
    modules = _recurrent_modules(state)
    if not modules:
        _choose_module(modules, state, None)  # raises: says what the checkpoint holds instead
    return sorted(modules)


def unfit_reason(model: SequenceModel, task) -> str:
    """Why an imported model does not answer `task` (see fit_to_task), or "" when it does."""
    if isinstance(model.readout, IdentityReadout):
        return (
            "the checkpoint has no linear layer after its recurrent module, so the model's outputs are its "
            f"{model.readout.out_features} recurrent features per step, not the answer of the task "
            f"{task.name!r}"
        )
    return "; ".join(text for what, text in mismatches(model, task).items() if what != "loss")


def fit_to_task(run: Run, task) -> Run:
    """An imported run as a run of `task`, which `runs.save_run` saves and `runs.load_run` reads back.

    Its model answers the task: the same input size, a linear readout with the task's output size, read at
    the task's step(s) ("last" or "every"); it gets the task's loss, which a checkpoint does not record. The
    config names the task and keeps the "imported" entry (its "train" entry holds TrainConfig's defaults:
    the model was not trained here, and "seed" is 0); the history holds one evaluation of the model as
    imported (step 0) on the task's evaluation batch. ValueError saying what does not fit otherwise.
    """
    model = run.model
    reason = unfit_reason(model, task)
    if reason:
        raise ValueError(reason)
    fitted = SequenceModel(copy.deepcopy(model.core), task.output_size, readout=task.readout, loss=task.loss)
    fitted.readout.load_state_dict(model.readout.state_dict())
    fitted.eval()
    train = TrainConfig()
    history = History(metric_name=task.metric)
    batch, _ = evaluation_batches(task, train)
    with torch.no_grad():
        prediction = fitted(batch.x)  # (B, O) or (B, T, O)
        scored = (prediction, batch.y, batch.loss_mask, task.loss)
        history.eval_loss.append(float32_number(task_loss(*scored)))
        history.eval_metric.append(float32_number(task_metric(*scored)))
    history.eval_steps.append(0)
    config = {**run_config(fitted, task, train, seed=0), "imported": run.config["imported"]}
    return Run(run.name, config, fitted, history)
