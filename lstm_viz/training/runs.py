"""Saved training runs, and the pretrained runs that ship in assets/pretrained/.

A run is one folder holding three files:

    config.json    {"format": "lstm-viz-run", "version": 1, "config": {...}}: what to build and how it trained
    weights.pt     the model's state dict, written by torch.save: float32 tensors, or float16 ones for a run
                   saved with `half=True` (half the size; loading turns them back into float32)
    history.json   training.History.to_dict()

Nothing is ever unpickled: the weights are read with `torch.load(..., weights_only=True)`, which accepts
tensors and plain containers and refuses any other object, so a crafted file cannot run code. Loading checks
every file (the format marker, the config, every weight's name and shape against the model the config
builds, the history's structure) and turns any problem into a ValueError that says which file and what.

A save is atomic (`run_folder.py`): a save that fails or is interrupted while writing leaves the previous
run untouched, and what a killed save leaves behind is removed by a later save or listing. A symbolic link
in a run's place is refused, never followed. Messages name a run by its folder name and a file within it,
never by a path on the server.
"""

from __future__ import annotations

import json
import os
import pickle
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from lstm_viz import limits, tasks
from lstm_viz.engine.kinds import KIND_NAMES

from .config import TrainConfig, is_int
from .history import History
from .model import SequenceModel, for_task
from .run_folder import remove_leftovers, write_atomically

FORMAT = "lstm-viz-run"
VERSION = 1
CONFIG_FILE, WEIGHTS_FILE, HISTORY_FILE = "config.json", "weights.pt", "history.json"
RUN_FILES = (CONFIG_FILE, WEIGHTS_FILE, HISTORY_FILE)
CONFIG_KEYS = (
    "kind",
    "variant",
    "nonlinearity",
    "hidden_size",
    "num_layers",
    "bidirectional",
    "task",
    "task_params",
    "train",
    "seed",
)
OPTIONAL_CONFIG_KEYS = ("imported",)  # a JSON object: where an imported model came from (checkpoint_import)
# assets/pretrained/ in a checkout; lstm_viz/pretrained/ in an installed wheel (see pyproject.toml)
_PACKAGE = Path(__file__).resolve().parent.parent
_CHECKOUT_ASSETS = _PACKAGE.parent / "assets" / "pretrained"
_INSTALLED_ASSETS = _PACKAGE / "pretrained"
PRETRAINED_DIR = _CHECKOUT_ASSETS if _CHECKOUT_ASSETS.is_dir() else _INSTALLED_ASSETS
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")  # whole name: fullmatch, so no trailing newline


@dataclass
class Run:
    """A trained model with the config that builds it and the history of its training."""

    name: str
    config: dict
    model: SequenceModel
    history: History

    @property
    def task(self) -> tasks.Task:
        """The task the run trained on, rebuilt from the config."""
        return tasks.get(self.config["task"], **self.config["task_params"])

    @property
    def train_config(self) -> TrainConfig:
        return TrainConfig.from_dict(self.config["train"])


def run_config(model: SequenceModel, task, train_config: TrainConfig, seed: int) -> dict:
    """The JSON-safe config of a run: the model's architecture, the task, the training config, and the
    `seed` the model was built with (`models.for_task(..., seed=seed)`)."""
    core = model.core
    params = {
        key: value.tolist() if isinstance(value, np.ndarray) else value for key, value in task.params.items()
    }
    return {
        "kind": core.kind,
        "variant": core.variant,
        "nonlinearity": core.nonlinearity,
        "hidden_size": core.hidden_size,
        "num_layers": core.num_layers,
        "bidirectional": core.bidirectional,
        "task": task.name,
        "task_params": params,
        "train": train_config.to_dict(),
        "seed": seed,
    }


def build_model(config) -> SequenceModel:
    """The untrained model a run config describes; ValueError naming the first thing wrong with it."""
    if not isinstance(config, dict):
        raise ValueError(f"a run config must be a JSON object, got {type(config).__name__}")
    missing = [key for key in CONFIG_KEYS if key not in config]
    unknown = sorted(set(config) - set(CONFIG_KEYS) - set(OPTIONAL_CONFIG_KEYS))
    if missing or unknown:
        raise ValueError(f"run config: missing {missing}, unexpected {unknown}")
    if not isinstance(config.get("imported", {}), dict):
        raise ValueError(f"run config: imported must be a JSON object, got {config['imported']!r}")
    for key in ("kind", "variant", "nonlinearity", "task"):
        if not isinstance(config[key], str):
            raise ValueError(f"run config: {key} must be a string, got {config[key]!r}")
    for key, high in (
        ("hidden_size", limits.MAX_HIDDEN),
        ("num_layers", limits.MAX_LAYERS),
        ("seed", limits.MAX_SEED),
    ):
        if not is_int(config[key]) or not (0 if key == "seed" else 1) <= config[key] <= high:
            raise ValueError(f"run config: {key} must be an integer up to {high}, got {config[key]!r}")
    if not isinstance(config["bidirectional"], bool):
        raise ValueError(f"run config: bidirectional must be true or false, got {config['bidirectional']!r}")
    if not isinstance(config["task_params"], dict):
        raise ValueError("run config: task_params must be a JSON object")
    try:
        task = tasks.get(config["task"], **config["task_params"])
    except TypeError as error:  # a parameter of the wrong type that a task's own checks did not catch
        raise ValueError(
            f"run config: task_params do not fit the task {config['task']!r}: {error}"
        ) from error
    TrainConfig.from_dict(config["train"])
    return for_task(
        config["kind"],
        task,
        hidden_size=config["hidden_size"],
        seed=config["seed"],
        num_layers=config["num_layers"],
        bidirectional=config["bidirectional"],
        variant=config["variant"],
        nonlinearity=config["nonlinearity"],
    )


def default_runs_dir() -> Path:
    """$LSTM_VIZ_RUNS if set, else ./runs (relative to the working directory)."""
    return Path(os.environ.get("LSTM_VIZ_RUNS") or "runs").expanduser()


def _check_name(name) -> str:
    if not isinstance(name, str) or not _NAME.fullmatch(name) or ".." in name:
        raise ValueError(
            f"unsafe run name {name!r}: use 1 to 100 letters, digits, '_', '-' or '.', "
            "starting with a letter or digit, without '..'"
        )
    return name


def _looks_like_run(folder: Path) -> bool:
    return folder.is_dir() and all((folder / file).is_file() for file in RUN_FILES)


def _json_bytes(value, indent=None) -> bytes:
    separators = None if indent else (",", ":")
    return json.dumps(value, allow_nan=False, indent=indent, separators=separators).encode("utf-8")


def save_run(run: Run, runs_dir=None, half: bool = False) -> Path:
    """Write `run` to runs_dir/run.name/ atomically (see the module docstring) and return that folder.

    half=True stores the weights as float16: half the bytes, and the loaded model is the saved one with each
    weight rounded to float16 (the pretrained character models ship this way to keep the assets small).

    ValueError for an unsafe name, a config that does not describe the model, or a run name already taken
    by a folder that is not a run.
    """
    name = _check_name(run.name)
    expected = build_model(run.config).state_dict()
    state = {key: value.detach().cpu().clone() for key, value in run.model.state_dict().items()}
    _check_weights(state, expected, f"the model of run {name!r}")
    if half:
        state = {key: value.half() for key, value in state.items()}
    runs_dir = Path(runs_dir) if runs_dir is not None else default_runs_dir()
    runs_dir.mkdir(parents=True, exist_ok=True)
    final = runs_dir / name
    if final.is_symlink():
        raise ValueError(
            f"{name!r} in the runs folder is a symbolic link; lstm-viz saves only over a run folder it wrote"
        )
    if final.exists() and not _looks_like_run(final):
        raise ValueError(
            f"{name!r} in the runs folder exists and is not a saved run; it will not be overwritten"
        )
    header = {"format": FORMAT, "version": VERSION, "config": run.config}
    writers = {
        CONFIG_FILE: lambda handle: handle.write(_json_bytes(header, indent=2)),
        WEIGHTS_FILE: lambda handle: torch.save(state, handle),
        HISTORY_FILE: lambda handle: handle.write(_json_bytes(run.history.to_dict())),
    }
    return write_atomically(runs_dir, name, writers)


def _reject_constant(name):
    raise ValueError(f"{name} is not valid JSON")


def _shown(path: Path) -> str:
    """How a message names a file of a run: "run-name/config.json", never the server's absolute path."""
    return f"{path.parent.name}/{path.name}"


def _read_json(path: Path):
    if path.stat().st_size > limits.MAX_RUN_JSON_BYTES:
        raise ValueError(
            f"{_shown(path)} is larger than {limits.MAX_RUN_JSON_BYTES:,} bytes: not a file lstm-viz wrote"
        )
    try:
        return json.loads(path.read_bytes().decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:  # RecursionError: nested too deep
        raise ValueError(f"{_shown(path)} is corrupt or not JSON: {error}") from error


def _read_weights(path: Path) -> dict:
    try:
        with open(path, "rb") as handle:  # a handle, so that no message of torch's carries the path
            state = torch.load(handle, map_location="cpu", weights_only=True)
    # torch raises many types for a truncated, foreign or malicious file (UnpicklingError, RuntimeError,
    # EOFError, ...); weights_only has refused to build any object, so each means "not our weights".
    except Exception as error:
        raise ValueError(
            f"{_shown(path)} is not a readable weights file (nothing in it was run): {_reason(error)}"
        ) from None
    if not isinstance(state, dict):
        raise ValueError(f"{_shown(path)} does not hold a state dict but a {type(state).__name__}")
    return state


def _reason(error: Exception) -> str:
    """A one-line reason from a torch.load error, without torch's advice on how to load the file unsafely."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    refused = re.search(r"Unsupported global: GLOBAL (\S+)", str(error))
    if refused:
        return f"it refers to the Python object {refused[1]}, which is not a tensor and was refused"
    if isinstance(error, pickle.UnpicklingError) or not lines:
        return f"{type(error).__name__}, not a state dict saved by torch"
    return f"{type(error).__name__}: {lines[0]}"


def _check_weights(state: dict, expected: dict, source: str) -> None:
    """ValueError unless `state` has exactly the expected names, each a float32 or float16 tensor of the right
    shape."""
    missing = sorted(set(expected) - set(state))
    unknown = sorted(str(key) for key in set(state) - set(expected))
    if missing or unknown:
        raise ValueError(
            f"{source}: weights do not match the config: missing {missing}, unexpected {unknown}"
        )
    for key, reference in expected.items():
        value = state[key]
        if not isinstance(value, torch.Tensor) or value.dtype not in (torch.float32, torch.float16):
            raise ValueError(f"{source}: {key} must be a float32 or float16 tensor")
        if value.shape != reference.shape:
            raise ValueError(
                f"{source}: {key} has shape {tuple(value.shape)}, the config needs {tuple(reference.shape)}"
            )


def _check_history(history: History, run_config: dict, task, shown: str) -> None:
    if history.metric_name != task.metric:
        raise ValueError(f"{shown}: the metric is {history.metric_name!r}, the task's is {task.metric!r}")
    if any(norms.shape != (task.length,) for norms in history.hidden_grad_norms + history.cell_grad_norms):
        raise ValueError(f"{shown}: a gradient-flow snapshot does not have the task's {task.length} steps")
    if history.cell_grad_norms and run_config["kind"] != "lstm":
        raise ValueError(f"{shown}: cell gradient norms recorded for a {run_config['kind']} with no cell")


def load_run(path) -> Run:
    """The run saved in the folder `path`; ValueError with the reason for anything missing or wrong."""
    folder = Path(path)
    config_file, weights_file, history_file = (folder / file for file in RUN_FILES)
    if not folder.is_dir():
        raise ValueError(f"{folder.name!r} is not a run folder: it does not exist or is not a directory")
    for file in RUN_FILES:
        if not (folder / file).is_file():
            raise ValueError(f"{folder.name!r} is not a complete run: {file} is missing")
    header = _read_json(config_file)
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ValueError(f"{_shown(config_file)} is not an lstm-viz run config (no {FORMAT!r} format marker)")
    if header.get("version") != VERSION:
        raise ValueError(
            f"{_shown(config_file)} has format version {header.get('version')!r}; this is {VERSION}"
        )
    config = header.get("config")
    try:
        model = build_model(config)
    except ValueError as error:
        raise ValueError(f"{_shown(config_file)}: {error}") from error
    state = _read_weights(weights_file)
    _check_weights(state, model.state_dict(), _shown(weights_file))
    model.load_state_dict(state)
    try:
        history = History.from_dict(_read_json(history_file))
    except ValueError as error:
        raise ValueError(f"{_shown(history_file)}: {error}") from error
    task = tasks.get(config["task"], **config["task_params"])
    _check_history(history, config, task, _shown(history_file))
    return Run(folder.name, config, model, history)


def list_runs(runs_dir=None) -> list[str]:
    """Names of the folders in runs_dir that hold the three run files, most recently saved first."""
    runs_dir = Path(runs_dir) if runs_dir is not None else default_runs_dir()
    if not runs_dir.is_dir():
        return []
    remove_leftovers(runs_dir)
    found = [
        folder for folder in runs_dir.iterdir() if not folder.name.startswith(".") and _looks_like_run(folder)
    ]
    found.sort(key=lambda folder: (folder / CONFIG_FILE).stat().st_mtime, reverse=True)
    return [folder.name for folder in found]


def pretrained_names() -> list[str]:
    """The pretrained runs, "<task>-<kind>", grouped by task and ordered rnn, gru, lstm within each."""

    def order(name):
        task, _, kind = name.rpartition("-")
        return task, KIND_NAMES.index(kind) if kind in KIND_NAMES else len(KIND_NAMES), name

    return sorted(list_runs(PRETRAINED_DIR), key=order)


def load_pretrained(name: str) -> Run:
    """One of `pretrained_names()`, loaded and checked like any run."""
    names = pretrained_names()
    if name not in names:
        raise ValueError(f"no pretrained run {name!r}; the pretrained runs are {names}")
    return load_run(PRETRAINED_DIR / name)


@dataclass(frozen=True)
class RunSummary:
    """What a list of runs shows about one run, read from its config and history without its weights."""

    name: str
    kind: str
    task: str
    steps: int  # updates taken: the last step of the history (0 if it took none)
    planned_steps: int  # updates its training config asked for
    metric_name: str
    final_metric: float | None  # the last held-out evaluation; None if there is none or it is not finite
    stopped: str | None  # History.stopped: None, "callback" or "nan: ..."
    imported: bool = False  # a checkpoint imported and saved as a run (checkpoint_import.fit_to_task)

    @property
    def partial(self) -> bool:
        """Whether the run ended before its last planned update (stopped by a callback, or by a NaN); an
        imported run was not trained here, so it is never partial."""
        return not self.imported and (self.stopped is not None or self.steps < self.planned_steps)


def summarise_run(path) -> RunSummary:
    """The RunSummary of the run saved in the folder `path`; ValueError if its config or history is wrong."""
    folder = Path(path)
    header = _read_json(folder / CONFIG_FILE)
    config = header.get("config") if isinstance(header, dict) and header.get("format") == FORMAT else None
    if not isinstance(config, dict) or not isinstance(config.get("kind"), str):
        raise ValueError(f"{folder.name}/{CONFIG_FILE} is not an lstm-viz run config")
    train_config = TrainConfig.from_dict(config.get("train"))
    history = History.from_dict(_read_json(folder / HISTORY_FILE))
    final = history.eval_metric[-1] if history.eval_metric else None
    return RunSummary(
        name=folder.name,
        kind=config["kind"],
        task=str(config.get("task")),
        steps=history.steps[-1] if history.steps else 0,
        planned_steps=train_config.steps,
        metric_name=history.metric_name,
        final_metric=final if final is not None and np.isfinite(final) else None,
        stopped=history.stopped,
        imported=isinstance(config.get("imported"), dict),
    )
