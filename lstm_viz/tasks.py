"""Toy sequence tasks with a controlled long-range dependency, and the loss of a model that learned nothing.

Each task is a small frozen dataclass whose fields are its parameters; `get(name, **params)` builds one,
`spec(name)` tells a UI which controls to draw, and `task.sample(batch_size, seed)` draws a reproducible
`Batch`. The tasks:

- `adding`: sum the two marked numbers (Hochreiter & Schmidhuber 1997; Le, Jaitly & Hinton 2015).
- `copy`: reproduce a list of symbols after a long blank gap (Arjovsky, Shah & Bengio 2016).
- `remember_first`: name the symbol seen at the first step after `lag` distracting steps.
- `parity`: the parity of a bit stream, at the end or at every step.
- `sine`: predict the next value of a noisy sum of two sines.
- `series`: predict the next value of a user's own series (loading lives in `lstm_viz.series`).
- `sentiment`: classify a tiny sentence where an earlier "not" flips the meaning (`lstm_viz.sentiment`).

`baseline_loss` is derived from each task's definition, so a training curve can be read against it.
"""

from __future__ import annotations

import math
from dataclasses import MISSING, dataclass, field, fields
from typing import ClassVar

import numpy as np
import torch

from lstm_viz import sentiment, series

MAX_LENGTH = 1000  # time steps in one sequence
MAX_BATCH = 512  # sequences in one batch
LIMITS = {"length": MAX_LENGTH, "batch": MAX_BATCH}


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

    def __post_init__(self) -> None:
        for key, (default, low, high) in self.SPEC.items():
            object.__setattr__(self, key, _checked(self.name, key, getattr(self, key), default, low, high))

    @property
    def params(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.init}

    @property
    def metric(self) -> str:
        return "accuracy" if self.loss == "cross_entropy" else "mse"

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


@dataclass(frozen=True)
class Adding(Task):
    length: int = 100

    name = "adding"
    loss = "mse"
    readout = "last"
    input_size = 2  # channel 0: value in U(0, 1); channel 1: marker (0 or 1)
    output_size = 1
    SPEC = {"length": (100, 2, MAX_LENGTH)}
    description = (
        "Each step shows a random number and a marker; exactly two numbers are marked, one in each half. "
        "At the end the model must output the sum of the two marked numbers."
    )

    @property
    def baseline_loss(self) -> float:
        return 2 / 12  # predicting the mean 1 leaves Var(U1 + U2) = 2 * Var(U(0, 1))

    def _arrays(self, batch_size, rng):
        rows = np.arange(batch_size)
        half = self.length // 2
        values = rng.random((batch_size, self.length))  # (B, T)
        first = rng.integers(0, half, size=batch_size)  # (B,) in the first half
        second = rng.integers(half, self.length, size=batch_size)  # (B,) in the second half
        markers = np.zeros_like(values)  # (B, T)
        markers[rows, first] = 1.0
        markers[rows, second] = 1.0
        x = np.stack([values, markers], axis=-1)  # (B, T, 2)
        y = (values[rows, first] + values[rows, second])[:, None]  # (B, 1)
        return x, y


@dataclass(frozen=True)
class Copy(Task):
    """Layout: `memorise` symbols, `lag - 1` blanks, one delimiter, `memorise` blanks; T = lag + 2 * memorise.

    Input channels: symbols 0..S-1, blank S, delimiter S+1. Output classes: symbols 0..S-1, blank S.
    The target is blank everywhere except the last `memorise` steps, which hold the symbols in order.
    """

    lag: int = 50
    symbols: int = 8
    memorise: int = 10

    name = "copy"
    loss = "cross_entropy"
    readout = "every"
    SPEC = {"lag": (50, 1, MAX_LENGTH - 20), "symbols": (8, 2, 64), "memorise": (10, 1, 100)}

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.length > MAX_LENGTH:
            raise ValueError(
                f"copy: lag + 2 * memorise = {self.length} time steps; the limit is {MAX_LENGTH}"
            )

    @property
    def length(self) -> int:
        return self.lag + 2 * self.memorise

    @property
    def input_size(self) -> int:
        return self.symbols + 2

    @property
    def output_size(self) -> int:
        return self.symbols + 1

    @property
    def baseline_loss(self) -> float:
        # A memoryless model that knows the layout is certain of "blank" on the first lag + memorise steps
        # (loss 0) and can only guess uniformly among the symbols on the last `memorise` steps.
        return self.memorise * math.log(self.symbols) / self.length

    @property
    def description(self) -> str:
        return (
            f"The model sees {self.memorise} symbols, then waits {self.lag} steps until a delimiter appears; "
            "afterwards it must write the same symbols back in the same order."
        )

    def _arrays(self, batch_size, rng):
        blank, delimiter, m = self.symbols, self.symbols + 1, self.memorise
        symbols = rng.integers(0, self.symbols, size=(batch_size, m))  # (B, M)
        tokens = np.full((batch_size, self.length), blank, dtype=np.int64)  # (B, T)
        tokens[:, :m] = symbols
        tokens[:, m + self.lag - 1] = delimiter
        x = np.eye(self.input_size, dtype=np.float32)[tokens]  # (B, T, S + 2)
        y = np.full((batch_size, self.length), blank, dtype=np.int64)  # (B, T)
        y[:, -m:] = symbols
        return x, y


@dataclass(frozen=True)
class RememberFirst(Task):
    """Step 0 holds a one-hot symbol on channels 0..K-1; each of the `lag` later steps holds one random
    distractor, one-hot on the separate channels K..2K-1. The answer is the first symbol."""

    lag: int = 50
    classes: int = 4

    name = "remember_first"
    loss = "cross_entropy"
    readout = "last"
    SPEC = {"lag": (50, 1, MAX_LENGTH - 1), "classes": (4, 2, 64)}

    @property
    def length(self) -> int:
        return self.lag + 1

    @property
    def input_size(self) -> int:
        return 2 * self.classes

    @property
    def output_size(self) -> int:
        return self.classes

    @property
    def baseline_loss(self) -> float:
        return math.log(self.classes)  # uniform guess over K equally likely classes

    @property
    def description(self) -> str:
        return (
            f"The first step shows one of {self.classes} symbols, then {self.lag} steps of random "
            "distractors follow. At the end the model must name the first symbol."
        )

    def _arrays(self, batch_size, rng):
        k = self.classes
        tokens = np.empty((batch_size, self.length), dtype=np.int64)  # (B, T)
        tokens[:, 0] = rng.integers(0, k, size=batch_size)
        tokens[:, 1:] = k + rng.integers(0, k, size=(batch_size, self.lag))
        x = np.eye(2 * k, dtype=np.float32)[tokens]  # (B, T, 2K)
        return x, tokens[:, 0]


@dataclass(frozen=True)
class Parity(Task):
    length: int = 20
    mode: str = "final"

    name = "parity"
    loss = "cross_entropy"
    input_size = 1  # the bit, 0 or 1
    output_size = 2
    SPEC = {"length": (20, 1, MAX_LENGTH), "mode": ("final", ("final", "running"), None)}
    baseline_loss = math.log(2)  # both parities are equally likely

    @property
    def readout(self) -> str:
        return "last" if self.mode == "final" else "every"

    @property
    def description(self) -> str:
        when = "at the end whether it saw" if self.mode == "final" else "after every bit whether it has seen"
        return f"The model reads a stream of bits and must say {when} an odd number of 1s."

    def _arrays(self, batch_size, rng):
        bits = rng.integers(0, 2, size=(batch_size, self.length))  # (B, T)
        x = bits[:, :, None]  # (B, T, 1)
        if self.mode == "final":
            return x, bits.sum(axis=1) % 2  # (B,)
        return x, np.cumsum(bits, axis=1) % 2  # (B, T)


@dataclass(frozen=True)
class Sine(Task):
    """s(t) = sin(2 pi t / P1 + a) + 0.5 sin(2 pi t / P2 + b) + noise * N(0, 1), with P1 ~ U(20, 60) and
    P2 ~ U(5, 15) steps and phases a, b ~ U(0, 2 pi) drawn per sequence. x = s(0..T-1), y = s(T).

    The baseline is exact, not estimated: with uniform phases each sine has mean 0 and variance 1/2 whatever
    its period, so predicting 0 costs Var(y) = 1/2 + 0.25 / 2 + noise**2 = 0.625 + noise**2.
    """

    length: int = 50
    noise: float = 0.05

    name = "sine"
    loss = "mse"
    readout = "last"
    input_size = 1
    output_size = 1
    SPEC = {"length": (50, 2, MAX_LENGTH), "noise": (0.05, 0.0, 1.0)}
    description = (
        "The input is a window of a noisy wave made of a slow and a fast sine. "
        "The model must predict the value that comes right after the window."
    )

    @property
    def baseline_loss(self) -> float:
        return 0.5 + 0.5**2 / 2 + self.noise**2

    def _arrays(self, batch_size, rng):
        t = np.arange(self.length + 1)[None, :]  # (1, T + 1)
        periods = rng.uniform([20.0, 5.0], [60.0, 15.0], size=(batch_size, 2))  # (B, 2)
        phases = rng.uniform(0.0, 2 * np.pi, size=(batch_size, 2))  # (B, 2)
        wave = (
            np.sin(2 * np.pi * t / periods[:, :1] + phases[:, :1])
            + 0.5 * np.sin(2 * np.pi * t / periods[:, 1:] + phases[:, 1:])
            + self.noise * rng.standard_normal((batch_size, self.length + 1))
        )  # (B, T + 1)
        return wave[:, :-1, None], wave[:, -1:]  # (B, T, 1), (B, 1)


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

    name = "series"
    loss = "mse"
    readout = "last"
    input_size = 1
    output_size = 1
    SPEC = {"window": (20, 2, MAX_LENGTH)}

    def __post_init__(self) -> None:
        super().__post_init__()
        values = series.check_values(self.values, self.window)
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


@dataclass(frozen=True)
class Sentiment(Task):
    length: int = 12

    name = "sentiment"
    loss = "cross_entropy"
    readout = "last"
    input_size = len(sentiment.VOCAB)  # one-hot words
    output_size = 2  # 0 negative, 1 positive
    SPEC = {"length": (12, sentiment.MIN_LENGTH, MAX_LENGTH)}
    baseline_loss = math.log(2)  # the two labels are equally likely
    description = (
        "The model reads a short movie review one word at a time and must say whether it is positive. "
        "A 'not' several words before the final adjective flips the meaning, so it has to remember it."
    )

    @property
    def vocab(self) -> list[str]:
        return list(sentiment.VOCAB)

    def decode(self, x_row) -> list[str]:
        """One sequence of one-hot rows (T, V) -> its words."""
        return sentiment.decode(x_row)

    def _arrays(self, batch_size, rng):
        tokens, labels = sentiment.sentences(batch_size, self.length, rng)  # (B, T), (B,)
        return sentiment.one_hot(tokens), labels


_REGISTRY: dict[str, type[Task]] = {
    cls.name: cls for cls in (Adding, Copy, RememberFirst, Parity, Sine, Series, Sentiment)
}


def names() -> list[str]:
    return list(_REGISTRY)


def _task_class(name: str) -> type[Task]:
    if name not in _REGISTRY:
        raise ValueError(f"unknown task {name!r}; choose one of {names()}")
    return _REGISTRY[name]


def spec(name: str) -> dict[str, tuple]:
    """Parameter -> (default, min, max) for a numeric parameter, or (default, allowed values, None) for a
    choice such as parity's `mode`. The data of the `series` task (`values`) is not a control and is left out.
    """
    return dict(_task_class(name).SPEC)


def get(name: str, **params) -> Task:
    """The task `name` with `params` (missing ones take their defaults); ValueError names any problem."""
    cls = _task_class(name)
    allowed = [f.name for f in fields(cls) if f.init]
    unknown = sorted(set(params) - set(allowed))
    if unknown:
        raise ValueError(f"{name}: unknown parameter {unknown[0]!r}; the parameters are {allowed}")
    required = [f.name for f in fields(cls) if f.init and f.default is MISSING and f.name not in params]
    if required:
        raise ValueError(f"{name}: the parameter {required[0]!r} is required")
    return cls(**params)


def series_from_csv(source, column: str | int | None = None, window: int = 20) -> Task:
    """The `series` task on one numeric column of a CSV file (path, bytes or file object)."""
    return get("series", values=series.read_csv(source, column), window=window)
