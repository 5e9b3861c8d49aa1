"""The `series` task: predict the next value of a user's own series (reading a CSV lives in `series_data`)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from lstm_viz.limits import MAX_LENGTH

from . import series_data
from .base import Task


@dataclass(frozen=True, eq=False)
class Series(Task):
    """Windows of a user's series, z-scored with the series' own mean and std (kept as `mean`, `std`).

    Windows start uniformly at random among all N - window positions. The baseline is the variance of all
    N - window normalised targets: the loss of always predicting their mean.
    """

    values: np.ndarray = field(repr=False)
    window: int = 20
    mean: float = field(init=False)
    std: float = field(init=False)
    normalised: np.ndarray = field(init=False, repr=False)  # (N,)

    length_param = "window"
    name = "series"
    loss = "mse"
    readout = "last"
    input_size = 1
    output_size = 1
    SPEC = {"window": (20, 2, MAX_LENGTH)}

    def __post_init__(self) -> None:
        super().__post_init__()
        values = series_data.check_values(self.values, self.window)
        values.flags.writeable = False
        z = (values - values.mean()) / values.std()
        z.flags.writeable = False
        object.__setattr__(self, "values", values)
        object.__setattr__(self, "mean", float(values.mean()))
        object.__setattr__(self, "std", float(values.std()))
        object.__setattr__(self, "normalised", z)

    @property
    def length(self) -> int:
        return self.window

    @property
    def baseline_loss(self) -> float:
        return float(self.normalised[self.window :].var())

    @property
    def description(self) -> str:
        return (
            f"The input is a window of {self.window} consecutive values from your series, rescaled to mean 0 "
            "and standard deviation 1. The model must predict the value that comes next."
        )

    def denormalise(self, z):
        """Normalised values (any shape, NumPy or torch) back in the units of the original series."""
        return z * self.std + self.mean

    def _arrays(self, batch_size, rng):
        start = rng.integers(0, self.normalised.size - self.window, size=batch_size)  # (B,)
        index = start[:, None] + np.arange(self.window)[None, :]  # (B, W)
        return self.normalised[index][:, :, None], self.normalised[start + self.window][:, None]
