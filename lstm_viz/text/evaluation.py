"""Bits per character of a character model on a whole text, and of the baselines, on the same targets.

A recurrent model reads the text from a zero state and predicts every character from the second on; the
state carries across chunks of CHUNK characters, so the result is exactly that of one pass over the whole
text while no tensor grows with its length. The baselines predict the same characters: the unigram
frequencies of the training split and the Kneser-Ney n-gram whose order does best on the validation split.
"""

from __future__ import annotations

import math

import numpy as np
import torch

from lstm_viz.tasks.chars import corpus_codes, encode, one_hot

from .ngram import NGram, choose_order, unigram_bits

CHUNK = 2000  # characters one forward pass reads


def codes_of(text_or_split: str) -> np.ndarray:
    """The codes (T,) of a split's name ("train", "validation", "test") or, otherwise, of the text itself."""
    if text_or_split in ("train", "validation", "test"):
        return corpus_codes(text_or_split)
    return encode(text_or_split)


@torch.no_grad()
def bits_per_char(model, text_or_split: str) -> float:
    """Mean -log2 p(c_t | c_0..c_{t-1}) over t >= 1 of a character model (a SequenceModel on `chars`)."""
    codes = codes_of(text_or_split)  # (T,)
    if codes.size < 2:
        raise ValueError("text_or_split must hold at least two characters")
    state, total = None, 0.0
    for start in range(0, codes.size - 1, CHUNK):
        inputs = codes[start : min(start + CHUNK, codes.size - 1)]  # (L,)
        targets = torch.from_numpy(codes[start + 1 : start + 1 + inputs.size].copy())  # (L,)
        output, state = model.core(torch.from_numpy(one_hot(inputs))[None], state)  # (1, L, H)
        logits = model.head(output)[0]  # (L, V)
        total += float(torch.nn.functional.cross_entropy(logits, targets, reduction="sum"))
    return total / (codes.size - 1) / math.log(2)


@torch.no_grad()
def unit_values_over(model, text_or_split: str, quantity: str = "cell", layer: int = -1) -> np.ndarray:
    """(T, H) float32: one quantity of one layer (negative: from the top) at every character of a whole text
    or split, recorded CHUNK characters at a time with the state carried over; tanh applied to "cell", as
    `interpretable_units` does, so the result can go to it (or to `matches`) in place of a Trace."""
    core, codes = model.core, codes_of(text_or_split)
    layer = int(layer) % core.num_layers
    state, parts = None, []
    for start in range(0, codes.size, CHUNK):
        x = torch.from_numpy(one_hot(codes[start : start + CHUNK]))[None]  # (1, L, V)
        _, trace = core.run_with_trace(x, h0=state)
        parts.append(trace[f"l{layer}.{quantity}"][0])  # (L, H)
        last = [
            torch.from_numpy(np.stack([trace[f"l{n}.{name}"][:, -1] for n in range(core.num_layers)]))
            for name in (("hidden", "cell") if core.kind == "lstm" else ("hidden",))
        ]  # each (layers, 1, H)
        state = tuple(last) if core.kind == "lstm" else last[0]
    values = np.concatenate(parts)  # (T, H)
    return np.tanh(values) if quantity == "cell" else values


def baseline_bits(split: str = "test") -> dict[str, float]:
    """{"unigram": bits, "n-gram (order k)": bits} on `split`, both fitted on the training split."""
    train, test = corpus_codes("train"), corpus_codes(split)
    order, _ = choose_order(train, corpus_codes("validation"))
    return {
        "unigram": unigram_bits(train, test),
        f"n-gram (order {order})": NGram.fit(train, order).bits_per_char(test),
    }
