"""Toy sentences for the `sentiment` task: a tiny vocabulary where the word "not" flips the meaning.

Every sentence is left-padded with "<pad>" to exactly `length` tokens and reads like
"the movie was not very really good": a subject (determiner, noun, verb), an optional "not",
zero or more intensifiers, and a sentiment word as the very last token. The label is positive (1)
when a positive word is not negated or a negative word is negated, and negative (0) otherwise, so
whoever classifies the sentence at its last step must still know whether "not" came earlier. The
number of intensifiers sets how far back that "not" lies: anything from 1 to `length - 4` steps.

Word polarity and negation are each drawn with probability 1/2, so the two labels are equally
likely and a model that learned nothing scores log(2) nats. The NumPy helpers draw the sentences; the
`Sentiment` task at the end wraps them into the registered task.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from lstm_viz.limits import MAX_LENGTH

from .base import Task

PAD = "<pad>"
DETERMINERS = ("the", "this")
NOUNS = ("movie", "film", "plot", "acting")
VERBS = ("was", "is")
NEGATION = "not"
INTENSIFIERS = ("very", "really", "quite", "so", "truly")
POSITIVE = ("good", "great", "fun", "excellent")
NEGATIVE = ("bad", "awful", "boring", "dull")

VOCAB: tuple[str, ...] = (PAD, *DETERMINERS, *NOUNS, *VERBS, NEGATION, *INTENSIFIERS, *POSITIVE, *NEGATIVE)
MIN_LENGTH = 5  # determiner, noun, verb, "not", sentiment word

_INDEX = {word: i for i, word in enumerate(VOCAB)}


def _ids(words: tuple[str, ...]) -> np.ndarray:
    return np.array([_INDEX[w] for w in words], dtype=np.int64)


def sentences(batch_size: int, length: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Draw `batch_size` sentences of `length` tokens; return (token ids (B, T) int64, labels (B,) int64)."""
    positions = np.arange(length)[None, :]  # (1, T)
    negated = rng.random(batch_size) < 0.5  # (B,)
    positive_word = rng.random(batch_size) < 0.5  # (B,)
    n_intensifiers = rng.integers(0, length - MIN_LENGTH + 1, size=batch_size)  # (B,)
    start = length - (4 + negated + n_intensifiers)  # (B,) first token of the sentence proper
    offset = positions - start[:, None]  # (B, T) position inside the sentence, negative on padding

    tokens = np.full((batch_size, length), _INDEX[PAD], dtype=np.int64)  # (B, T)
    for slot, words in enumerate((DETERMINERS, NOUNS, VERBS)):
        choice = rng.choice(_ids(words), size=batch_size)  # (B,)
        tokens = np.where(offset == slot, choice[:, None], tokens)
    tokens = np.where((offset == 3) & negated[:, None], _INDEX[NEGATION], tokens)
    filler = rng.choice(_ids(INTENSIFIERS), size=(batch_size, length))  # (B, T)
    tokens = np.where(offset >= 3 + negated[:, None], filler, tokens)
    polar = np.where(
        positive_word,
        rng.choice(_ids(POSITIVE), size=batch_size),
        rng.choice(_ids(NEGATIVE), size=batch_size),
    )  # (B,)
    tokens[:, -1] = polar
    labels = (positive_word ^ negated).astype(np.int64)  # (B,)
    return tokens, labels


def one_hot(tokens: np.ndarray) -> np.ndarray:
    """Token ids (B, T) -> one-hot float32 (B, T, V) with V = len(VOCAB)."""
    return np.eye(len(VOCAB), dtype=np.float32)[tokens]


def decode(x_row) -> list[str]:
    """One sentence as one-hot rows (T, V), NumPy or torch -> its words, padding included."""
    ids = np.asarray(x_row).argmax(axis=-1)  # (T,)
    return [VOCAB[i] for i in ids]


@dataclass(frozen=True)
class Sentiment(Task):
    length: int = 12

    name = "sentiment"
    loss = "cross_entropy"
    readout = "last"
    input_size = len(VOCAB)  # one-hot words
    output_size = 2  # 0 negative, 1 positive
    SPEC = {"length": (12, MIN_LENGTH, MAX_LENGTH)}
    baseline_loss = math.log(2)  # the two labels are equally likely
    description = (
        "The model reads a short movie review one word at a time and must say whether it is positive. "
        "A 'not' several words before the final adjective flips the meaning, so it has to remember it."
    )

    @property
    def vocab(self) -> list[str]:
        return list(VOCAB)

    def decode(self, x_row) -> list[str]:
        """One sequence of one-hot rows (T, V) -> its words."""
        return decode(x_row)

    def _arrays(self, batch_size, rng):
        tokens, labels = sentences(batch_size, self.length, rng)  # (B, T), (B,)
        return one_hot(tokens), labels
