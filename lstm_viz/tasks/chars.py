"""The `chars` task: predict the next character of Python source code, at every step (Karpathy et al. 2015).

The corpus is an excerpt of the Python standard library's own source (assets/corpus/, see its README), split
by file into "train", "validation" and "test", so the test files are never seen in training. A batch is
`batch` random windows of `length` characters of one split: x (B, T, V) one-hot characters, y (B, T) the
index of the character that follows each one. The vocabulary is fixed: tab, newline, the 95 printable ASCII
characters and one symbol, OTHER, for anything else (a carriage return, an accented letter, an emoji).

    codes = encode("x = 'a'\\n")          # (T,) int64 indices into VOCAB
    decode(codes)                         # "x = 'a'\\n"
    task = tasks.get("chars", length=100)  # task.baseline_loss: the split's unigram entropy (nats)

A model that learned only how often each character occurs scores the unigram entropy of the text it reads,
the task's `baseline_loss` (in nats; `baseline_bits` in bits per character).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from lstm_viz.limits import MAX_LENGTH

from .base import Task

OTHER = "\ufffd"  # the one symbol of every character outside the vocabulary
VOCAB: tuple[str, ...] = ("\t", "\n", *(chr(code) for code in range(32, 127)), OTHER)
OTHER_INDEX = len(VOCAB) - 1
SPLITS = ("train", "validation", "test")

# assets/corpus/ in a checkout; lstm_viz/corpus_data_files/ in an installed wheel (see pyproject.toml)
_PACKAGE = Path(__file__).resolve().parent.parent
_CHECKOUT_CORPUS = _PACKAGE.parent / "assets" / "corpus"
CORPUS_DIR = _CHECKOUT_CORPUS if _CHECKOUT_CORPUS.is_dir() else _PACKAGE / "corpus_data_files"

_ASCII_INDEX = np.full(128, OTHER_INDEX, dtype=np.int64)  # code point < 128 -> index in VOCAB
for _index, _char in enumerate(VOCAB[:-1]):
    _ASCII_INDEX[ord(_char)] = _index


def encode(text: str) -> np.ndarray:
    """The indices (T,) int64 into VOCAB of the characters of `text`, one per character (T = len(text));
    characters outside the vocabulary become OTHER_INDEX."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)  # (T,)
    return np.where(points < 128, _ASCII_INDEX[np.minimum(points, 127)], OTHER_INDEX).astype(np.int64)


def decode(indices) -> str:
    """The text of indices (T,) into VOCAB; OTHER_INDEX becomes the symbol OTHER."""
    indices = np.asarray(indices)
    if indices.ndim != 1 or (indices.size and not np.issubdtype(indices.dtype, np.integer)):
        raise ValueError(f"indices must be one row of integers, got shape {indices.shape} {indices.dtype}")
    if indices.size and (indices.min() < 0 or indices.max() >= len(VOCAB)):
        raise ValueError(f"indices must lie in [0, {len(VOCAB)}), got {indices.min()}..{indices.max()}")
    return "".join(VOCAB[i] for i in indices.tolist())


def _check_split(split) -> str:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {list(SPLITS)}, got {split!r}")
    return split


@lru_cache(maxsize=len(SPLITS))
def corpus(split: str) -> str:
    """The text of one split of the corpus: "train", "validation" or "test"."""
    return (CORPUS_DIR / f"{_check_split(split)}.txt").read_text(encoding="utf-8")


@lru_cache(maxsize=len(SPLITS))
def corpus_codes(split: str) -> np.ndarray:
    """encode(corpus(split)), read-only (N,) int64."""
    codes = encode(corpus(split))
    codes.flags.writeable = False
    return codes


def unigram_entropy(codes) -> float:
    """The entropy in nats of the character frequencies of `codes` (N,): the cross-entropy per character of
    the best model that ignores context, on the same text."""
    counts = np.bincount(np.asarray(codes, dtype=np.int64), minlength=len(VOCAB)).astype(np.float64)  # (V,)
    if counts.sum() == 0:
        raise ValueError("codes must hold at least one character")
    p = counts[counts > 0] / counts.sum()
    return float(-(p * np.log(p)).sum())


def one_hot(codes: np.ndarray) -> np.ndarray:
    """Indices (..., T) -> one-hot float32 (..., T, V)."""
    return np.eye(len(VOCAB), dtype=np.float32)[codes]


@dataclass(frozen=True)
class Chars(Task):
    length: int = 100
    split: str = "train"

    name = "chars"
    loss = "cross_entropy"
    readout = "every"
    input_size = len(VOCAB)  # one-hot characters
    output_size = len(VOCAB)  # the next character
    SPEC = {"length": (100, 1, MAX_LENGTH), "split": ("train", SPLITS, None)}
    description = (
        "The model reads Python source code one character at a time and predicts the next character at "
        "every step; to do well it must know whether it is inside a string, how deep in brackets and how far "
        "indented."
    )

    @property
    def baseline_loss(self) -> float:
        return unigram_entropy(corpus_codes(self.split))

    @property
    def baseline_bits(self) -> float:
        return self.baseline_loss / math.log(2)

    @property
    def vocab(self) -> list[str]:
        return list(VOCAB)

    def decode(self, x_row) -> list[str]:
        """One sequence of one-hot rows (T, V), NumPy or torch -> its characters."""
        return [VOCAB[i] for i in np.asarray(x_row).argmax(axis=-1).tolist()]

    def _arrays(self, batch_size, rng):
        codes = corpus_codes(self.split)  # (N,)
        starts = rng.integers(0, codes.size - self.length, size=batch_size)  # (B,)
        windows = codes[starts[:, None] + np.arange(self.length + 1)]  # (B, T + 1)
        return one_hot(windows[:, :-1]), windows[:, 1:]
