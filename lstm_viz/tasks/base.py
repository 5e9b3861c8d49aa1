"""The base of every task: a frozen dataclass of parameters that draws reproducible batches.

A task knows its own facts: its parameters with their ranges (`SPEC`), which parameter sets how far apart its
dependencies lie (`length_param`: "length", "lag" or "window"), which inputs carry what must be remembered
(`marked_signal`), its loss, readout, metric and the loss of a model that learned nothing (`baseline_loss`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import ClassVar

import numpy as np
import torch

from lstm_viz.limits import MAX_BATCH


@dataclass(frozen=True)
class Batch:
    """One batch of sequences with targets; every tensor is batch-first."""

    x: torch.Tensor  # (B, T, I) float32
    y: torch.Tensor  # "last": (B,) int64 or (B, O) float32; "every": (B, T) int64 or (B, T, O) float32
    loss_mask: torch.Tensor  # (B,) for "last", (B, T) for "every", float32: 1 where the loss counts


class Task:
    """Base of every task. Subclasses are frozen dataclasses whose init fields are the parameters.

    Attributes every task provides: name, params, length (T), input_size, output_size, loss ("mse" or
    "cross_entropy"), readout ("last" or "every"), metric, baseline_loss, description.
    """

    name: ClassVar[str]
    loss: ClassVar[str]
    readout: ClassVar[str]
    SPEC: ClassVar[dict[str, tuple]]  # parameter -> (default, min, max); see `spec`
    length_param: ClassVar[str] = "length"  # the parameter that sets how far apart the dependencies are

    def __post_init__(self) -> None:
        for key, (default, low, high) in self.SPEC.items():
            object.__setattr__(self, key, _checked(self.name, key, getattr(self, key), default, low, high))

    @property
    def params(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.init}

    @property
    def metric(self) -> str:
        return "accuracy" if self.loss == "cross_entropy" else "mse"

    @property
    def threshold(self) -> float:
        """The metric at which the task counts as learned (sweeps report the steps it took to get there):
        accuracy >= 0.9, or an MSE at most a tenth of the baseline's; `learned(metric)` applies it."""
        return 0.9 if self.metric == "accuracy" else 0.1 * self.baseline_loss

    def learned(self, metric: float) -> bool:
        return metric >= self.threshold if self.metric == "accuracy" else metric <= self.threshold

    def generate(self, batch_size: int, rng: np.random.Generator) -> Batch:
        """Draw `batch_size` sequences from `rng`."""
        batch_size = _checked(self.name, "batch_size", batch_size, 1, 1, MAX_BATCH)
        x, y = self._arrays(batch_size, rng)
        mask_shape = (batch_size,) if self.readout == "last" else (batch_size, self.length)
        y_dtype = torch.int64 if self.loss == "cross_entropy" else torch.float32
        return Batch(
            x=torch.from_numpy(np.ascontiguousarray(x, dtype=np.float32)),
            y=torch.from_numpy(np.ascontiguousarray(y)).to(y_dtype),
            loss_mask=torch.ones(mask_shape, dtype=torch.float32),
        )

    def sample(self, batch_size: int, seed: int) -> Batch:
        """Same as `generate` with a fresh generator seeded by `seed`: one seed, one batch."""
        return self.generate(batch_size, np.random.default_rng(seed))

    def marked_signal(self, x) -> tuple[np.ndarray, np.ndarray]:
        """(marked (B, T) bool, signal (B, M)): the steps of x (B, T, I) that carry what must be remembered,
        and its value. Tasks without marked inputs raise ValueError."""
        raise ValueError(f"the task {self.name!r} has no marked inputs; use adding or remember_first")

    def _arrays(self, batch_size: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError


def _checked(task: str, key: str, value, default, low, high):
    """The validated value of one parameter, as a plain Python int, float or str."""
    if isinstance(default, str):
        if value not in low:
            raise ValueError(f"{task}: {key} must be one of {list(low)}, got {value!r}")
        return value
    wanted = "an integer" if isinstance(default, int) else "a number"
    numeric = (np.integer,) if isinstance(default, int) else (np.integer, np.floating, float)
    if isinstance(value, bool) or not isinstance(value, (int, *numeric)) or not low <= value <= high:
        raise ValueError(f"{task}: {key} must be {wanted} between {low} and {high}, got {value!r}")
    return type(default)(value)
