"""A character model reading a text: its recorded states and, at every character, its guess of the next one.

    reading = read_text(runs.load_pretrained("chars-lstm").model, "def f(x):\\n    return x\\n")
    reading.trace["l0.cell"]        # (1, T, H) every cell state, one step per character
    reading.probabilities[t]        # (V,) p(next character | the text up to t)
    reading.surprise_bits[t]        # -log2 p(the character that did come next); NaN at the last character
    reading.top(t, 3)               # [(char, probability), ...] the three likeliest next characters

The text goes in as one sequence (batch 1) of one-hot characters over the `chars` vocabulary, from a zero
state; the probabilities are the softmax of the model's readout, the same numbers as a plain forward pass.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from lstm_viz.engine.trace import Trace
from lstm_viz.limits import TEXT_MAX_CHARS
from lstm_viz.tasks.chars import VOCAB, encode, one_hot


@dataclass(frozen=True)
class TextReading:
    """What a model did on one text; arrays have one row per character (T = len(text))."""

    text: str
    codes: np.ndarray  # (T,) int64 indices into VOCAB
    trace: Trace  # batch 1: every key (1, T, H)
    probabilities: np.ndarray  # (T, V) float64: p(character t + 1 = v | characters 0..t)
    surprise_bits: np.ndarray  # (T,) float64: -log2 p(character t + 1); NaN at t = T - 1
    layer: int  # the layer the analyses look at unless told otherwise (the top one by default)

    @property
    def bits_per_char(self) -> float:
        """Mean surprise over the characters the model predicted (NaN for a one-character text)."""
        known = self.surprise_bits[:-1]
        return float(known.mean()) if known.size else math.nan

    def top(self, t: int, k: int = 5) -> list[tuple[str, float]]:
        """The k likeliest next characters after character t, likeliest first: [(char, probability)]."""
        if isinstance(t, bool) or not isinstance(t, (int, np.integer)) or not 0 <= t < len(self.text):
            raise ValueError(f"t must be an integer between 0 and {len(self.text) - 1}, got {t!r}")
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 1 <= k <= len(VOCAB):
            raise ValueError(f"k must be an integer between 1 and {len(VOCAB)}, got {k!r}")
        row = self.probabilities[t]  # (V,)
        order = np.argsort(-row, kind="stable")[:k]
        return [(VOCAB[i], float(row[i])) for i in order]


def check_character_model(model) -> None:
    """ValueError unless `model` reads and predicts characters of the `chars` vocabulary at every step."""
    inputs = model.core.input_size
    outputs = getattr(model.readout, "out_features", None)
    if inputs != len(VOCAB) or outputs != len(VOCAB) or model.readout_mode != "every":
        raise ValueError(
            f"model must read and predict the {len(VOCAB)} characters of the chars task at every step; it "
            f"reads {inputs} inputs and predicts {outputs} outputs at {model.readout_mode!r} steps"
        )


def read_text(model, text: str, *, layer: int | None = None) -> TextReading:
    """Trace `model` (a SequenceModel for `chars`) reading `text` (1 to TEXT_MAX_CHARS characters).

    `layer` (default: the top layer; negative counts from the top) is the layer the analyses of the reading
    look at. Characters outside the vocabulary are read as its OTHER symbol.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    if not 1 <= len(text) <= TEXT_MAX_CHARS:
        raise ValueError(f"text must hold between 1 and {TEXT_MAX_CHARS:,} characters, got {len(text):,}")
    check_character_model(model)
    layers = model.core.num_layers
    layer = layers - 1 if layer is None else layer
    if isinstance(layer, bool) or not isinstance(layer, (int, np.integer)) or not -layers <= layer < layers:
        raise ValueError(f"layer must be an integer between {-layers} and {layers - 1}, got {layer!r}")
    codes = encode(text)  # (T,)
    x = torch.from_numpy(one_hot(codes))[None]  # (1, T, V)
    logits, trace = model.run_with_trace(x)  # (1, T, V)
    log_p = torch.log_softmax(logits[0].double(), dim=-1).numpy()  # (T, V)
    surprise = np.full(len(text), np.nan)  # (T,)
    surprise[:-1] = -log_p[np.arange(len(text) - 1), codes[1:]] / math.log(2)
    return TextReading(text, codes, trace, np.exp(log_p), surprise, int(layer) % layers)
