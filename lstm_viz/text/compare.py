"""Two models on the same text: where one is less surprised than the other, character by character.

`surprise_difference(base, other)` is base's surprise minus other's, in bits, at every character of a text
both read (lstm_viz.text.read_text): positive where `other` predicted the next character better. Its mean is
the difference of their bits per character on that text.
"""

from __future__ import annotations

import numpy as np


def bits_per_char(reading) -> float:
    """The mean surprise (bits) of a reading over the characters that have a next one (NaN if none)."""
    bits = np.asarray(reading.surprise_bits, dtype=np.float64)  # (T,)
    bits = bits[np.isfinite(bits)]
    return float(bits.mean()) if bits.size else float("nan")


def surprise_difference(base, other) -> np.ndarray:
    """base.surprise_bits - other.surprise_bits, (T,) float32, for two readings of the same text; NaN where
    either has no surprise (the last character)."""
    if base.text != other.text:
        raise ValueError("base and other must be readings of the same text")
    return (np.asarray(base.surprise_bits, np.float32) - np.asarray(other.surprise_bits, np.float32)).astype(
        np.float32
    )


def share_better(difference: np.ndarray) -> float:
    """The share of characters (with a surprise) where the difference is positive: `other` did better."""
    difference = np.asarray(difference, dtype=np.float64)
    finite = difference[np.isfinite(difference)]
    return float((finite > 0).mean()) if finite.size else float("nan")
