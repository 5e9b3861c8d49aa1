"""The History of a training run: losses, evaluations, gradient-flow snapshots, and an exact JSON codec."""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass, field, fields

import numpy as np

from .config import is_int, is_real

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
        if not is_real(data["elapsed"]) or data["elapsed"] < 0:
            raise ValueError("history: elapsed must be a number of seconds >= 0")
        values = {name: data[name] for name in ("metric_name", "stopped")}
        values["elapsed"] = float(data["elapsed"])
        for name in _STEP_SERIES:
            values[name] = _list_of(data[name], name, is_int, int)
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


def float32_number(value) -> float:
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
