"""A sweep spec: a grid of training settings, read from TOML, expanded into runs with stable ids.

    [sweep]
    tasks = ["adding", "remember_first"]   # each task's length or lag parameter is swept over `lags`
    lags = [10, 25, 50, 100]
    architectures = ["rnn", "gru", "lstm"]
    seeds = [0, 1, 2]
    hidden = [32]
    steps = 300
    lr = [0.01]                            # optional axes: lr, forget_bias, clip (a list or one value)

    [sweep.task.remember_first]            # optional: settings for one task, replacing the common ones,
    lr = 0.003                             # and that task's own parameters (here the number of symbols)
    recurrent_init = "spectral"
    classes = 4

`expand(spec)` gives one `RunSpec` per point of the grid, task by task; a run's `id` is the first 16 hex
characters of the SHA-256 of its settings as sorted JSON, so the same settings have the same id in every
spec, on every machine, and a database can tell which runs of a spec it already holds. `forget_bias = "none"`
and `clip = "none"` (TOML has no null) mean torch's default bias and no clipping.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import tomllib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from lstm_viz import tasks
from lstm_viz.engine.kinds import KIND_NAMES
from lstm_viz.limits import (
    MAX_BATCH,
    SWEEPS_MAX_AXIS,
    SWEEPS_MAX_HIDDEN,
    SWEEPS_MAX_RUNS,
    SWEEPS_MAX_SPEC_BYTES,
)
from lstm_viz.training import TrainConfig
from lstm_viz.training.lag_sweep import make_task

AXES = ("tasks", "lags", "architectures", "seeds", "hidden", "lr", "forget_bias", "clip")  # lists in a spec
SCALARS = ("steps", "batch_size", "recurrent_init", "spectral_radius")  # one value per spec (or task)
PER_TASK = ("lags", "hidden", "lr", "forget_bias", "clip", *SCALARS)  # what a [sweep.task.NAME] may replace


@dataclass(frozen=True)
class RunSpec:
    """One training run of a sweep: the task with its lag, the architecture, the seed and the settings."""

    task: str
    lag: int
    architecture: str
    seed: int
    hidden: int
    steps: int
    lr: float
    forget_bias: float | None
    clip: float | None
    batch_size: int
    recurrent_init: str = "default"
    spectral_radius: float = 1.0
    task_params: tuple[tuple[str, object], ...] = ()  # the task's other parameters, sorted by name

    def as_dict(self) -> dict:
        data = asdict(self)
        data["task_params"] = dict(self.task_params)
        return data

    @property
    def id(self) -> str:
        text = json.dumps(self.as_dict(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    @classmethod
    def from_dict(cls, data: dict) -> RunSpec:
        params = tuple(sorted(dict(data.get("task_params") or {}).items()))
        return cls(**{**data, "task_params": params})


@dataclass(frozen=True)
class SweepSpec:
    """The grid. Axes are tuples (a single value is taken as a one-value axis); `per_task` holds each
    task's replacements as sorted (key, value) pairs. Construction validates everything: ValueError names
    the bad key and value, and `expand` of a valid spec never fails."""

    tasks: tuple[str, ...]
    lags: tuple[int, ...]
    architectures: tuple[str, ...] = KIND_NAMES
    seeds: tuple[int, ...] = (0,)
    hidden: tuple[int, ...] = (32,)
    steps: int = 300
    lr: tuple[float, ...] = (0.01,)
    forget_bias: tuple[float | None, ...] = (None,)
    clip: tuple[float | None, ...] = (1.0,)
    batch_size: int = 64
    recurrent_init: str = "default"
    spectral_radius: float = 1.0
    per_task: tuple[tuple[str, tuple[tuple[str, object], ...]], ...] = field(default=())

    def __post_init__(self) -> None:
        for name in AXES:
            object.__setattr__(self, name, _axis(name, getattr(self, name)))
        per_task = self.per_task.items() if isinstance(self.per_task, dict) else self.per_task
        object.__setattr__(
            self, "per_task", tuple(sorted((task, tuple(sorted(dict(v).items()))) for task, v in per_task))
        )
        for task, _ in self.per_task:
            if task not in self.tasks:
                raise ValueError(f"sweep.task.{task}: {task!r} is not one of the spec's tasks {self.tasks}")
        runs = _grid(self)
        if len(runs) > SWEEPS_MAX_RUNS:
            raise ValueError(f"the spec expands to {len(runs)} runs; the limit is {SWEEPS_MAX_RUNS}")

    @classmethod
    def from_dict(cls, data) -> SweepSpec:
        """A spec from a dict shaped like the TOML file: {"sweep": {...}} or the inner table itself."""
        if not isinstance(data, dict):
            raise ValueError(f"a sweep spec must be a table, got {type(data).__name__}")
        data = data["sweep"] if set(data) == {"sweep"} else data
        if not isinstance(data, dict):
            raise ValueError("sweep must be a table")
        known = {f.name for f in fields(cls)} - {"per_task"}
        unknown = sorted(set(data) - known - {"task"})
        if unknown:
            raise ValueError(f"sweep: unknown key {unknown[0]!r}; the keys are {sorted(known | {'task'})}")
        for required in ("tasks", "lags"):
            if required not in data:
                raise ValueError(f"sweep: the key {required!r} is required")
        per_task = data.get("task", {})
        if not isinstance(per_task, dict) or not all(isinstance(v, dict) for v in per_task.values()):
            raise ValueError("sweep.task must hold one table per task, e.g. [sweep.task.adding]")
        values = {key: _none_words(key, value) for key, value in data.items() if key != "task"}
        per_task = {
            task: {key: _none_words(f"sweep.task.{task}.{key}", value) for key, value in table.items()}
            for task, table in per_task.items()
        }
        return cls(**values, per_task=per_task)

    @classmethod
    def from_toml(cls, path_or_text) -> SweepSpec:
        """A spec from a TOML file (a Path, or a str naming an existing file) or from TOML text."""
        if isinstance(path_or_text, Path) or (
            isinstance(path_or_text, str) and "\n" not in path_or_text and path_or_text.endswith(".toml")
        ):
            path = Path(path_or_text)
            if not path.is_file():
                raise ValueError(f"no sweep spec file at {str(path)!r}")
            if path.stat().st_size > SWEEPS_MAX_SPEC_BYTES:
                raise ValueError(f"{path.name}: a sweep spec is at most {SWEEPS_MAX_SPEC_BYTES} bytes")
            text = path.read_text(encoding="utf-8", errors="replace")
        elif isinstance(path_or_text, str):
            text = path_or_text
        else:
            raise TypeError(f"path_or_text must be a path or TOML text, got {type(path_or_text).__name__}")
        if len(text.encode()) > SWEEPS_MAX_SPEC_BYTES:
            raise ValueError(f"a sweep spec is at most {SWEEPS_MAX_SPEC_BYTES} bytes")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ValueError(f"the sweep spec is not valid TOML: {error}") from None
        if "sweep" not in data:
            raise ValueError("the sweep spec needs a [sweep] table")
        return cls.from_dict(data)


def expand(spec: SweepSpec) -> list[RunSpec]:
    """Every run of the grid, task by task, in a fixed order (task, lag, architecture, seed, ...)."""
    return list(_grid(spec).values())


def _settings(spec: SweepSpec, task: str) -> tuple[dict, dict]:
    """(sweep settings, task parameters) of one task: the common ones with its [sweep.task.NAME] applied."""
    settings = {name: getattr(spec, name) for name in PER_TASK}
    params = {}
    for key, value in dict(spec.per_task).get(task, ()):
        if key in PER_TASK:
            settings[key] = _axis(f"sweep.task.{task}.{key}", value) if key not in SCALARS else value
        elif key in ("tasks", "architectures", "seeds", tasks.length_param(task)):
            raise ValueError(f"sweep.task.{task}: {key!r} cannot differ between tasks")
        else:
            params[key] = value
    return settings, params


def _grid(spec: SweepSpec) -> dict[str, RunSpec]:
    """id -> RunSpec of every run, each checked against the task and the training config (ValueError)."""
    for kind in spec.architectures:
        if kind not in KIND_NAMES:
            raise ValueError(f"sweep: architectures must be from {list(KIND_NAMES)}, got {kind!r}")
    runs = {}
    for task_name in spec.tasks:
        if task_name not in tasks.names():
            raise ValueError(f"sweep: unknown task {task_name!r}; choose from {tasks.names()}")
        s, params = _settings(spec, task_name)
        length_param = tasks.length_param(task_name)
        for lag in s["lags"]:
            try:
                make_task(task_name, lag, **params)
            except (ValueError, TypeError) as error:
                raise ValueError(f"sweep: {task_name} with {length_param} {lag!r}: {error}") from None
        for size in s["hidden"]:
            if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= SWEEPS_MAX_HIDDEN:
                raise ValueError(f"hidden must hold integers from 1 to {SWEEPS_MAX_HIDDEN}, not {size!r}")
        if not isinstance(s["batch_size"], int) or not 1 <= s["batch_size"] <= MAX_BATCH:
            raise ValueError(f"sweep: batch_size must be an integer from 1 to {MAX_BATCH}")
        task_params = tuple(sorted(params.items()))
        for lag, kind, seed, hidden, lr, bias, clip in itertools.product(
            s["lags"], spec.architectures, spec.seeds, s["hidden"], s["lr"], s["forget_bias"], s["clip"]
        ):
            run = RunSpec(
                task_name, lag, kind, seed, hidden, s["steps"], _real(lr), _real(bias), _real(clip),
                s["batch_size"], s["recurrent_init"], _real(s["spectral_radius"]), task_params,
            )  # fmt: skip
            try:
                train_config(run).validate()
            except ValueError as error:
                raise ValueError(f"sweep: {task_name}: {error}") from None
            runs.setdefault(run.id, run)
            if len(runs) > SWEEPS_MAX_RUNS:
                return runs
    return runs


def train_config(run: RunSpec) -> TrainConfig:
    """The TrainConfig of a run: its settings, an evaluation every tenth of the run and a gradient-flow
    snapshot at the start and at the end only."""
    return TrainConfig(
        steps=run.steps,
        lr=run.lr,
        batch_size=run.batch_size,
        clip=run.clip,
        seed=run.seed,
        eval_every=max(1, run.steps // 10),
        eval_batch=256,
        snapshot_every=run.steps,
        forget_bias=run.forget_bias,
        recurrent_init=run.recurrent_init,
        spectral_radius=run.spectral_radius,
    )


def _axis(name: str, value) -> tuple:
    values = tuple(value) if isinstance(value, (list, tuple)) else (value,)
    if not 1 <= len(values) <= SWEEPS_MAX_AXIS:
        raise ValueError(f"sweep: {name} must hold 1 to {SWEEPS_MAX_AXIS} values, got {len(values)}")
    kinds = {"tasks": str, "architectures": str, "lags": int, "seeds": int, "hidden": int}
    wanted = kinds.get(name.rpartition(".")[2])
    for item in values:
        if wanted is not None and (not isinstance(item, wanted) or isinstance(item, bool)):
            raise ValueError(f"sweep: {name} must hold {wanted.__name__} values, got {item!r}")
    return tuple(dict.fromkeys(values))  # repeated values give the same runs: keep one, in order


def _real(value):
    """An int where a float is meant (lr = 1 in TOML) as that float, so both give the same run id."""
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _none_words(key: str, value):
    """TOML has no null: "none" stands for None in forget_bias and clip."""
    if key.rpartition(".")[2] not in ("forget_bias", "clip"):
        return value
    if isinstance(value, list):
        return [None if item == "none" else item for item in value]
    return None if value == "none" else value
