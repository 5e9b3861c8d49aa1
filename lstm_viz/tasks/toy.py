"""Toy sequence tasks with a controlled long-range dependency, and the loss of a model that learned nothing.

- `adding`: sum the two marked numbers (Hochreiter & Schmidhuber 1997; Le, Jaitly & Hinton 2015).
- `copy`: reproduce a list of symbols after a long blank gap (Arjovsky, Shah & Bengio 2016).
- `remember_first`: name the symbol seen at the first step after `lag` distracting steps.
- `parity`: the parity of a bit stream, at the end or at every step.
- `sine`: predict the next value of a noisy sum of two sines.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from lstm_viz.limits import MAX_LENGTH

from .base import Task


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

    def marked_signal(self, x):
        """The two marked steps; the signal is the value at the first (the one furthest from the end)."""
        x = np.asarray(x, dtype=np.float32)  # (B, T, 2)
        marked = x[:, :, 1] > 0.5  # (B, T)
        first = marked.argmax(axis=1)  # (B,) the earlier marked step
        return marked, x[np.arange(x.shape[0]), first, 0][:, None]

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

    length_param = "lag"
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
    def threshold(self) -> float:
        # accuracy counts every step and blanks are easy: 90% of the symbols right, with every blank right
        return 1 - 0.1 * self.memorise / self.length

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

    length_param = "lag"
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

    def marked_signal(self, x):
        """Step 0; the signal is the one-hot first symbol (B, K)."""
        x = np.asarray(x, dtype=np.float32)  # (B, T, 2K)
        marked = np.zeros(x.shape[:2], dtype=bool)
        marked[:, 0] = True
        return marked, x[:, 0, : self.classes]

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
