"""Karpathy's long-range test: does a character model close a bracket, and how far back was it opened?

Karpathy, Johnson & Fei-Fei (2015) measured how often an LSTM predicts a closing bracket right against the
distance back to its opening bracket: a model that remembers only a few characters fails on long ones. Here
every closing bracket of the code (not in a string or a comment; paired with the last open bracket of the
same type) counts as predicted when it was the model's single likeliest next character at the step before.

    distances, correct = closing_brackets(reading)
    edges, accuracy, counts = closing_bracket_accuracy(reading, bins=(1, 5, 10, 20, 50, 100, math.inf))
"""

from __future__ import annotations

import math

import numpy as np

from .features import CLOSING, OPENING, code_mask
from .reading import TextReading

DEFAULT_BINS = (1, 5, 10, 20, 50, 100, math.inf)  # distances in characters: [1, 5), [5, 10), ...


def bracket_pairs(text: str) -> list[tuple[int, int]]:
    """(opening index, closing index) of every matched bracket of the code, in the closing brackets' order.
    A closing bracket that does not close the last open one (of its type) is left out."""
    code, stack, pairs = code_mask(text), [], []
    for t, char in enumerate(text):
        if not code[t]:
            continue
        if char in OPENING:
            stack.append((char, t))
        elif char in CLOSING and stack and OPENING.index(stack[-1][0]) == CLOSING.index(char):
            pairs.append((stack.pop()[1], t))
    return pairs


def closing_brackets(reading: TextReading) -> tuple[np.ndarray, np.ndarray]:
    """(distances (N,) int64, correct (N,) bool) for the N matched closing brackets of the reading's text:
    closing index minus opening index, and whether the model's top prediction at the step before was it."""
    pairs = np.array(bracket_pairs(reading.text), dtype=np.int64).reshape(-1, 2)  # (N, 2)
    guesses = reading.probabilities.argmax(axis=1)  # (T,) the likeliest next character after each one
    correct = guesses[pairs[:, 1] - 1] == reading.codes[pairs[:, 1]]  # (N,)
    return pairs[:, 1] - pairs[:, 0], correct


def closing_bracket_accuracy(
    reading: TextReading, bins=DEFAULT_BINS
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(edges (K+1,) float64, accuracy (K,) float64, counts (K,) int64): the share of closing brackets
    predicted right among those whose distance d lies in [edges[i], edges[i+1]); NaN where a bin is empty.
    `bins` is the increasing sequence of edges (the last may be math.inf)."""
    edges = np.asarray(bins, dtype=np.float64)
    if edges.ndim != 1 or edges.size < 2 or np.isnan(edges).any() or (np.diff(edges) <= 0).any():
        raise ValueError(f"bins must be at least two increasing edges, got {bins!r}")
    distances, correct = closing_brackets(reading)
    which = np.searchsorted(edges, distances, side="right") - 1  # (N,) bin of each; -1 or K: outside
    inside = (which >= 0) & (which < edges.size - 1)
    counts = np.bincount(which[inside], minlength=edges.size - 1)
    hits = np.bincount(which[inside], weights=correct[inside].astype(np.float64), minlength=edges.size - 1)
    accuracy = np.full(edges.size - 1, np.nan)
    np.divide(hits, counts, out=accuracy, where=counts > 0)
    return edges, accuracy, counts.astype(np.int64)
