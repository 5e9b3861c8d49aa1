"""The numbers of the Reading text page, cached by plain values (a model code, a text, a unit), never tensors.

The models are the pretrained character models `chars-<code>` (MODELS). A text is read once per model
(`reading`, a shared object in st.cache_resource: a TextReading with its Trace, never mutated); the unit
finder, the default unit, the matches, the bracket test and the comparison are cached in st.cache_data. The
long text of the match view and of the bracket test is the first APP_TEXT_LONG_CHARS characters of the test
split: held-out files, never seen in training.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from lstm_viz import limits
from lstm_viz import text as reading_lib
from lstm_viz.engine.trace import trace_key
from lstm_viz.tasks import chars
from lstm_viz.text import compare, saturation

from . import engine_cache as cache

MODELS = ("lstm", "lstm2", "gru", "rnn")  # pretrained chars-<code>: one layer each, and a two-layer LSTM
COMPARED = ("rnn", "gru", "lstm")  # the three read side by side
QUANTITIES = ("cell", "hidden")  # what colours the text: tanh(c_t) (LSTMs only) or h_t
LEADING_FEATURES = ("in_string", "bracket_depth")  # the default view opens on the best unit of one of these
TOP_UNITS = 5  # units the finder lists per feature


def model_name(code: str) -> str:
    return f"chars-{code}"


def available() -> list[str]:
    """The model codes whose pretrained model ships with this installation."""
    names = set(cache.pretrained_names())
    return [code for code in MODELS if model_name(code) in names]


def model(code: str):
    return cache.pretrained_run(model_name(code)).model


def layers(code: str) -> int:
    return int(model(code).core.num_layers)


def quantities(code: str) -> tuple[str, ...]:
    return QUANTITIES if model(code).core.kind == "lstm" else ("hidden",)


@st.cache_data(max_entries=4, show_spinner=False)
def test_text() -> str:
    return chars.corpus("test")


def excerpt_limit() -> int:
    """The largest excerpt offset: the last APP_TEXT_EXCERPT_CHARS characters of the test split."""
    return max(0, len(test_text()) - limits.APP_TEXT_EXCERPT_CHARS)


def excerpt(offset: int) -> str:
    """APP_TEXT_EXCERPT_CHARS characters of the test split from the start of the line at or after offset."""
    text = test_text()
    offset = int(min(max(offset, 0), excerpt_limit()))
    start = 0 if offset == 0 else text.find("\n", offset - 1) + 1 or offset
    return text[start : start + limits.APP_TEXT_EXCERPT_CHARS]


def long_text() -> str:
    return test_text()[: limits.APP_TEXT_LONG_CHARS]


@st.cache_resource(max_entries=24, show_spinner=False)
def reading(code: str, text: str):
    """lstm_viz.text.read_text of model `code` on `text` (shared: do not change it)."""
    return reading_lib.read_text(model(code), text)


def values(code: str, text: str, quantity: str, layer: int, unit: int) -> np.ndarray:
    """What colours the text (T,): tanh(c_t) for "cell", h_t for "hidden", of one unit of one layer."""
    return reading_lib.unit_values(reading(code, text).trace, quantity, layer)[:, unit]


@st.cache_data(max_entries=64, show_spinner=False)
def unit_table(code: str, text: str, quantity: str, layer: int) -> dict[str, list[tuple[int, float]]]:
    """feature -> [(unit, correlation)], the best TOP_UNITS units by |correlation| on this text."""
    found = reading_lib.interpretable_units(reading(code, text).trace, text, quantity, layer, TOP_UNITS)
    return {name: [(int(u), float(r)) for u, r in ranked] for name, ranked in found.items()}


def best_choice(table: dict[str, list[tuple[int, float]]]) -> tuple[str, int]:
    """(feature, unit): the strongest quote or bracket unit of a unit table (by |correlation|)."""
    ranked = [(abs(table[f][0][1]), f) for f in LEADING_FEATURES if table.get(f)]
    if not ranked:
        feature = next(iter(table))
        return feature, table[feature][0][0]
    feature = max(ranked)[1]
    return feature, table[feature][0][0]


def correlation(code: str, text: str, quantity: str, layer: int, unit: int, feature: str) -> float:
    """The correlation over the text of one unit's values with one feature (0 when either is constant)."""
    found = reading_lib.character_features(text)[feature]  # (T,)
    return float(reading_lib.correlations(values(code, text, quantity, layer, unit)[:, None], found)[0])


@st.cache_data(max_entries=32, show_spinner=False)
def selected(code: str, text: str, layer: int, start: int, stop: int, threshold: float) -> list[int]:
    """The units whose hidden state is above threshold throughout [start, stop) of the text."""
    trace = reading(code, text).trace
    return [int(u) for u in reading_lib.select_units(trace, start, stop, threshold, "hidden", layer)]


@st.cache_data(max_entries=32, show_spinner=False)
def matched(code: str, layer: int, units: tuple[int, ...], threshold: float, min_length: int) -> list:
    """Spans [(start, stop)] of the long text where all units are above threshold, longest first."""
    trace = reading(code, long_text()).trace
    spans = reading_lib.matches(trace, list(units), threshold, min_length, "hidden", layer)
    return [(int(a), int(b)) for a, b in spans]


def lowest_of(code: str, text: str, layer: int, units: tuple[int, ...]) -> np.ndarray:
    """The smallest hidden value among `units` at each character (T,): above the threshold = all are on."""
    hidden = reading(code, text).trace[trace_key(layer, "hidden")][0][:, list(units)]  # (T, U)
    return hidden.min(axis=1)


@st.cache_data(max_entries=16, show_spinner=False)
def bracket_results(codes: tuple[str, ...]) -> dict[str, tuple]:
    """code -> (edges, accuracy, count) of the closing-bracket test on the long text."""
    found = {}
    for code in codes:
        edges, accuracy, counts = reading_lib.closing_bracket_accuracy(reading(code, long_text()))
        found[code] = (np.asarray(edges), np.asarray(accuracy, np.float64), np.asarray(counts, np.int64))
    return found


@st.cache_data(max_entries=32, show_spinner=False)
def comparison(text: str, codes: tuple[str, ...]) -> dict:
    """{"bits": code -> bits per char on the text, "difference": RNN bits - LSTM bits (T,), "better": share
    of characters where the LSTM was less surprised}; needs "rnn" and "lstm" in codes."""
    bits = {code: compare.bits_per_char(reading(code, text)) for code in codes}
    difference = compare.surprise_difference(reading("rnn", text), reading("lstm", text))
    return {"bits": bits, "difference": difference, "better": compare.share_better(difference)}


@st.cache_data(max_entries=32, show_spinner=False)
def gate_saturation(code: str, text: str) -> tuple[list, list]:
    """(per layer {gate: (left, right)}, per layer {gate: (mostly shut, mostly open, units)})."""
    fractions = saturation.gate_saturation(reading(code, text).trace)
    return fractions, [saturation.mostly_saturated(layer) for layer in fractions]
