"""Real series that ship with lstm-viz, each a forecasting task: yearly sunspot numbers, weekly Mauna Loa
CO2, the Nile's yearly flow and monthly El Niño sea temperatures (sources, licence, units:
assets/series/README.md).

    task = tasks.get("sunspots", window=20)   # `window` values in, the next value out
    task.sample(32, seed=0)                   # training windows, drawn at random
    task.split_batch("test")                  # every test window, in time order
    task.baselines                            # {"mean": ..., "naive": ..., "seasonal_naive": ...}

The split is in time. The last TEST_FRACTION of the values are the test targets; every training window and
its target lie wholly before the first of them, so no value of the test period is ever trained on. A test
window reads the `window` values just before its target, as a forecast would, training values included.
Values are scaled with the mean and standard deviation of the training part alone: z = (v - mean) / std.

The baselines are mean squared errors over the test targets, in scaled units; the test targets do not depend
on the window, so neither do they. "mean" always predicts the training mean (0), "naive" repeats the last
value, and "seasonal_naive" repeats the value one season (`SEASON` steps) back, for a series with a season.
`baseline_loss` is the naive one: a model that cannot beat "the next value is the last one" learned nothing
a forecaster would use.

The CSVs are read with pandas (they ship with the package, so they need none of the guards of
`series_data.read_csv`) and checked with `series_data.check_values`. A value the source lacks is an empty
field in the CSV, filled by linear interpolation between its neighbours (59 of CO2's 2,284 weeks).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import numpy as np
import pandas as pd
import torch

from . import series_data
from .base import Batch, Task

# assets/series/ in a checkout; lstm_viz/series_data_files/ in an installed wheel (see pyproject.toml)
_PACKAGE = Path(__file__).resolve().parent.parent
_CHECKOUT_SERIES = _PACKAGE.parent / "assets" / "series"
SERIES_DIR = _CHECKOUT_SERIES if _CHECKOUT_SERIES.is_dir() else _PACKAGE / "series_data_files"
TEST_FRACTION = 0.2  # the last fifth of every series is its test period
SPLITS = ("train", "test")


@dataclass(frozen=True, eq=False)
class Recorded:
    """One series as its CSV holds it: times (N,) (years or ISO dates), values (N,) float64, gaps filled."""

    times: np.ndarray = field(repr=False)
    values: np.ndarray = field(repr=False)
    filled: int  # values missing from the source, filled by linear interpolation


@functools.cache
def read_series(file: str, column: str) -> Recorded:
    """The CSV `file` of SERIES_DIR: its first column as times, `column` as values (read-only arrays)."""
    frame = pd.read_csv(SERIES_DIR / file)
    raw = frame[column].astype(np.float64)
    values = raw.interpolate(method="linear", limit_area="inside").to_numpy()  # (N,)
    values = series_data.check_values(values, window=1)
    times = frame.iloc[:, 0].to_numpy()  # (N,)
    for array in (times, values):
        array.flags.writeable = False
    return Recorded(times, values, int(raw.isna().sum()))


def _mse(target: np.ndarray, prediction) -> float:
    return float(np.mean((target - prediction) ** 2))


@dataclass(frozen=True)
class RealSeries(Task):
    """A shipped series as a forecasting task; a subclass names its file, column, unit, step and season.

    Tasks compare by their window: the data is the same for every task of one class.
    """

    window: int = 20
    values: np.ndarray = field(init=False, repr=False, compare=False)  # (N,) in UNIT
    times: np.ndarray = field(init=False, repr=False, compare=False)  # (N,) year or ISO date of each value
    mean: float = field(init=False, compare=False)  # of the training part
    std: float = field(init=False, compare=False)  # of the training part
    normalised: np.ndarray = field(init=False, repr=False, compare=False)  # (N,)

    length_param = "window"
    loss = "mse"
    readout = "last"
    input_size = 1
    output_size = 1
    FILE: ClassVar[str]
    COLUMN: ClassVar[str]
    UNIT: ClassVar[str]  # of the values, e.g. "°C"
    STEP: ClassVar[str]  # the time between two values: "year", "month" or "week"
    SEASON: ClassVar[int | None] = None  # steps in one season, for the seasonal-naive baseline
    WHAT: ClassVar[str]  # what the series measures, for the description

    def __post_init__(self) -> None:
        super().__post_init__()
        recorded = read_series(self.FILE, self.COLUMN)
        train = recorded.values[: self.test_start]  # (S,)
        mean, std = float(train.mean()), float(train.std())
        normalised = (recorded.values - mean) / std  # (N,)
        normalised.flags.writeable = False
        object.__setattr__(self, "values", recorded.values)
        object.__setattr__(self, "times", recorded.times)
        object.__setattr__(self, "mean", mean)
        object.__setattr__(self, "std", std)
        object.__setattr__(self, "normalised", normalised)

    @property
    def length(self) -> int:
        return self.window

    @property
    def test_start(self) -> int:
        """Index of the first test target: the values from here on are the test period."""
        size = read_series(self.FILE, self.COLUMN).values.size
        return size - round(size * TEST_FRACTION)

    def targets(self, split: str) -> np.ndarray:
        """Indices (M,) of the values a split predicts, in time order: "train" or "test"."""
        if split not in SPLITS:
            raise ValueError(f"split must be one of {list(SPLITS)}, got {split!r}")
        if split == "train":
            return np.arange(self.window, self.test_start)
        return np.arange(self.test_start, self.values.size)

    def split_batch(self, split: str) -> Batch:
        """Every window of a split, in time order: x (M, W, 1), y (M, 1), scaled."""
        target = self.targets(split)
        x, y = self._windows(target)
        return Batch(
            x=torch.from_numpy(x.astype(np.float32)),
            y=torch.from_numpy(y.astype(np.float32)),
            loss_mask=torch.ones(target.size, dtype=torch.float32),
        )

    @property
    def baselines(self) -> dict[str, float]:
        """Mean squared error of each simple forecast over the test targets, in scaled units."""
        z, target = self.normalised, self.targets("test")
        found = {"mean": _mse(z[target], 0.0), "naive": _mse(z[target], z[target - 1])}
        if self.SEASON is not None:
            found["seasonal_naive"] = _mse(z[target], z[target - self.SEASON])
        return found

    @property
    def baseline_loss(self) -> float:
        return self.baselines["naive"]

    @property
    def description(self) -> str:
        period = f"{self.times[0]} to {self.times[-1]}"
        return (
            f"The input is {self.window} consecutive {self.STEP}ly values of {self.WHAT} ({period}), "
            "rescaled with the mean and spread of the training part. The model must predict the value that "
            f"comes next. The last {TEST_FRACTION:.0%} of the series is kept for testing."
        )

    def denormalise(self, z):
        """Scaled values (any shape, NumPy or torch) back in the series' own units (UNIT)."""
        return z * self.std + self.mean

    def _windows(self, target: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The windows before `target` (M,): x (M, W, 1) and y (M, 1), scaled."""
        index = target[:, None] - self.window + np.arange(self.window)[None, :]  # (M, W)
        return self.normalised[index][:, :, None], self.normalised[target][:, None]

    def _arrays(self, batch_size, rng):
        return self._windows(rng.integers(self.window, self.test_start, size=batch_size))  # (B,) targets


@dataclass(frozen=True)
class Sunspots(RealSeries):
    """Yearly mean sunspot numbers, 1700 to 2008 (309 values); the season is the mean solar cycle."""

    window: int = 20

    name = "sunspots"
    SPEC = {"window": (20, 2, 100)}
    FILE, COLUMN, UNIT, STEP = "sunspots.csv", "sunspots", "sunspot number", "year"
    SEASON = 11  # years: the mean length of the solar cycle (single cycles last 9 to 14 years)
    WHAT = "the sunspot number"


@dataclass(frozen=True)
class MaunaLoaCO2(RealSeries):
    """Weekly mean CO2 at Mauna Loa, March 1958 to December 2001 (2,284 weeks, 59 of them filled)."""

    window: int = 52

    name = "co2"
    SPEC = {"window": (52, 2, 520)}
    FILE, COLUMN, UNIT, STEP = "co2.csv", "co2", "ppm", "week"
    SEASON = 52  # weeks in a year
    WHAT = "the CO2 concentration at Mauna Loa"


@dataclass(frozen=True)
class Nile(RealSeries):
    """The Nile's yearly flow at Aswan, 1871 to 1970 (100 values); no season."""

    window: int = 10

    name = "nile"
    SPEC = {"window": (10, 2, 40)}
    FILE, COLUMN, UNIT, STEP = "nile.csv", "volume", "10^8 m^3", "year"
    WHAT = "the Nile's flow at Aswan"


@dataclass(frozen=True)
class ElNino(RealSeries):
    """Monthly mean sea surface temperature off Peru (Niño 1+2), 1950 to 2010 (732 values)."""

    window: int = 24

    name = "elnino"
    SPEC = {"window": (24, 2, 240)}
    FILE, COLUMN, UNIT, STEP = "elnino.csv", "temperature", "°C", "month"
    SEASON = 12  # months in a year
    WHAT = "the sea surface temperature off Peru, in the Niño 1+2 region,"


REAL_SERIES = (Sunspots, MaunaLoaCO2, Nile, ElNino)  # in the order a task list shows them
