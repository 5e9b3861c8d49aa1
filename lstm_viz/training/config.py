"""The training config: everything that decides a run, validated, and its JSON form for saved runs."""

from __future__ import annotations

import math
import numbers
from dataclasses import asdict, dataclass, fields

from lstm_viz.limits import MAX_BATCH, MAX_SEED, MAX_STEPS

OPTIMIZERS = ("adam", "sgd")
RECURRENT_INITS = ("default", "orthogonal", "spectral")
LR_DECAYS = ("none", "cosine")


def is_int(value) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def is_real(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)


@dataclass
class TrainConfig:
    """Everything that decides a training run. `validate` says what is wrong with a setting, if anything.

    snapshot_every=0 turns the gradient-flow snapshots off. forget_bias is ignored by cores without a
    forget gate (RNN, GRU, the "no_forget_gate" and "coupled" LSTMs), so one config can train all three
    kinds side by side. spectral_radius is used by recurrent_init="spectral" only. lr_decay="cosine" lowers
    the learning rate of update k (1..steps) to lr * (1 + cos(pi (k - 1) / steps)) / 2, from lr to almost 0
    (Loshchilov & Hutter 2017, without restarts); "none" keeps it at lr. dropout (0 <= p < 1) zeroes each of
    the top layer's outputs with probability p before the readout (scaling the rest by 1 / (1 - p)) in the
    training updates only (Zaremba, Sutskever & Vinyals 2014); evaluations, snapshots and the trained model
    have none.
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
    lr_decay: str = "none"
    dropout: float = 0.0

    def validate(self) -> None:
        """ValueError naming the first setting that is out of range."""
        problems = []
        for name, low, high in (
            ("steps", 1, MAX_STEPS),
            ("batch_size", 1, MAX_BATCH),
            ("seed", 0, MAX_SEED),
            ("eval_every", 1, MAX_STEPS),
            ("eval_batch", 1, MAX_BATCH),
            ("snapshot_every", 0, MAX_STEPS),
            ("probe_batch", 1, MAX_BATCH),
        ):
            value = getattr(self, name)
            if not is_int(value) or not low <= value <= high:
                problems.append(f"{name} must be an integer between {low} and {high}, got {value!r}")
        for name in ("lr", "spectral_radius"):
            value = getattr(self, name)
            if not is_real(value) or value <= 0:
                problems.append(f"{name} must be a finite number above 0, got {value!r}")
        if self.clip is not None and (not is_real(self.clip) or self.clip <= 0):
            problems.append(f"clip must be None (no clipping) or a finite number above 0, got {self.clip!r}")
        if self.forget_bias is not None and not is_real(self.forget_bias):
            problems.append(f"forget_bias must be None or a finite number, got {self.forget_bias!r}")
        if self.optimizer not in OPTIMIZERS:
            problems.append(f"optimizer must be one of {list(OPTIMIZERS)}, got {self.optimizer!r}")
        if not is_real(self.dropout) or not 0 <= self.dropout < 1:
            problems.append(f"dropout must be a number from 0 up to (not including) 1, got {self.dropout!r}")
        if self.lr_decay not in LR_DECAYS:
            problems.append(f"lr_decay must be one of {list(LR_DECAYS)}, got {self.lr_decay!r}")
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
