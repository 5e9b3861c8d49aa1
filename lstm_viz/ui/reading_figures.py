"""The figures of the Reading text page, cached as figure dicts by plain values, and the sentences that say
what they show, computed from the same numbers."""

from __future__ import annotations

import numpy as np
import streamlit as st

from lstm_viz import limits
from lstm_viz.figures import text_figures
from lstm_viz.figures.symbols import hover_char
from lstm_viz.tasks import chars

from . import reading_data as data
from .strings import Strings, literal, strings_for

TOP_PREDICTIONS = 3  # predictions named in the hover of each character
MATCHES_SHOWN = 5  # matching spans drawn with their context
CONTEXT = 40  # characters of context on each side of a match
GRID_QUANTITY = {"cell": "tanh_cell", "hidden": "hidden"}  # the colour-bar name of what colours the text


def _predictions(code: str, text: str) -> list[str]:
    """One hover line per character: the model's top predictions for the next one."""
    probabilities = data.reading(code, text).probabilities  # (T, V)
    top = np.argsort(-probabilities, axis=1)[:, :TOP_PREDICTIONS]  # (T, K)
    return [
        text_figures.prediction_text([(chars.VOCAB[i], float(probabilities[t, i])) for i in top[t]])
        for t in range(len(text))
    ]


@st.cache_data(max_entries=32, show_spinner=False)
def unit_grid(
    code: str, text: str, quantity: str, layer: int, unit: int, start: int, width: int, lang: str
) -> dict:
    """The text coloured by one unit (tanh(c_t) or h_t on a fixed [-1, 1] scale), its predictions on hover."""
    fig = text_figures.text_grid(
        text, data.values(code, text, quantity, layer, unit), GRID_QUANTITY[quantity], zrange=(-1.0, 1.0),
        details=_predictions(code, text), detail_label=strings_for(lang)["tx.next"], start=start,
        width=width, labels=strings_for(lang),
    )  # fmt: skip
    return fig.to_plotly_json()


def grid_caption(s: Strings, quantity: str, unit: int, feature: str, r: float, layer: int | None) -> str:
    """How to read the coloured text, with the unit's correlation with the feature over this text; layer
    None for a model of one layer (nothing to say)."""
    where = "" if layer is None else s("rt_where_layer", layer=layer)
    strength = "—" if not np.isfinite(r) else f"{r:+.2f}"
    return s(f"rt_grid_caption_{quantity}", unit=unit, feature=s[f"rt_f_{feature}"], r=strength, where=where)


@st.cache_data(max_entries=32, show_spinner=False)
def surprise(code: str, text: str, start: int, lang: str) -> dict:
    bits = data.reading(code, text).surprise_bits
    return text_figures.surprise_strip(text, bits, start=start, labels=strings_for(lang)).to_plotly_json()


def finder_rows(table: dict[str, list[tuple[int, float]]], s: Strings) -> list[dict]:
    """The unit finder as table rows: per feature its three best units with their correlations."""
    rows = []
    for feature, ranked in table.items():
        row = {s["rt_col_feature"]: s[f"rt_f_{feature}"]}
        for rank, (unit, r) in enumerate(ranked[:3], start=1):
            row[s("rt_col_rank", rank=rank)] = f"{unit} ({r:+.2f})"
        rows.append(row)
    return rows


def first_string(text: str, longest: int = 20) -> tuple[int, int]:
    """The default span of select and match: the first string literal of 3 to `longest` characters (else the
    first `longest` characters of the first longer one, else the first 10 characters of the text)."""
    inside = data.reading_lib.character_features(text)["in_string"].astype(np.int8)  # (T,)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], inside, [0]])))
    strings = [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True) if b - a >= 3]
    for a, b in strings:
        if b - a <= longest:
            return a, b
    return (strings[0][0], strings[0][0] + longest) if strings else (0, min(10, len(text)))


def quoted(text: str, most: int = 60) -> str:
    """A span of the text as literal markdown, whitespace made visible, cut at `most` characters."""
    shown = "".join(hover_char(c) for c in text[:most]) + ("…" if len(text) > most else "")
    return f"“{literal(shown)}”"


@st.cache_data(max_entries=64, show_spinner=False)
def match_grid(code: str, layer: int, units: tuple[int, ...], a: int, b: int, width: int, lang: str) -> dict:
    """One matching span of the long text with CONTEXT characters around it, coloured by the lowest of the
    chosen units' hidden states (above the threshold inside the span)."""
    long = data.long_text()
    lo, hi = max(0, a - CONTEXT), min(len(long), b + CONTEXT)
    lowest = data.lowest_of(code, long, layer, units)[lo:hi]
    fig = text_figures.text_grid(
        long[lo:hi], lowest, "match", zrange=(-1.0, 1.0), start=lo, width=width, labels=strings_for(lang)
    )
    return fig.to_plotly_json()


@st.cache_data(max_entries=32, show_spinner=False)
def gain_grid(text: str, start: int, width: int, lang: str) -> dict:
    """The text coloured by RNN bits - LSTM bits: red where the LSTM predicted the next character better."""
    s = strings_for(lang)
    rnn, lstm = data.reading("rnn", text).surprise_bits, data.reading("lstm", text).surprise_bits
    details = [f"{r:.2f} · {m:.2f}" for r, m in zip(rnn, lstm, strict=True)]
    difference = data.comparison(text, ("rnn", "lstm"))["difference"]
    finite = np.abs(difference[np.isfinite(difference)])
    peak = float(np.percentile(finite, 98)) if finite.size else 1.0
    fig = text_figures.text_grid(
        text, difference, "bits_gain", zrange=(-peak, peak), details=details, detail_label=s["rt_gain_hover"],
        start=start, width=width, labels=s,
    )
    return fig.to_plotly_json()


@st.cache_data(max_entries=8, show_spinner=False)
def brackets(codes: tuple[str, ...], lang: str) -> dict:
    s = strings_for(lang)
    results = {s[f"rt_model_{code}"]: found for code, found in data.bracket_results(codes).items()}
    return text_figures.bracket_accuracy(results, labels=s).to_plotly_json()


def bracket_caption(s: Strings, codes: tuple[str, ...]) -> str:
    """How many closing brackets the test counted, and each model's accuracy at the longest distances that
    hold at least 10 of them."""
    results = data.bracket_results(codes)
    edges, _, counts = next(iter(results.values()))
    total = int(counts.sum())
    far = [i for i in range(len(counts)) if counts[i] >= 10]
    if not far:
        return s("rt_brackets_caption_few", total=total, chars=limits.APP_TEXT_LONG_CHARS)
    last = far[-1]
    shares = s["list_separator"].join(
        s("rt_share", model=s[f"rt_model_{code}"], share=float(results[code][1][last])) for code in codes
    )
    return s(
        "rt_brackets_caption", total=total, chars=limits.APP_TEXT_LONG_CHARS, low=int(edges[last]),
        high=int(edges[last + 1]) - 1, count=int(counts[last]), shares=shares,
    )  # fmt: skip


def saturation_caption(s: Strings, counts: list[dict]) -> str:
    """How to read the scatter, and per layer how many forget-gate (else update-gate) units are open more
    than half the time."""
    parts = []
    for layer, gates in enumerate(counts):
        gate = "forget_gate" if "forget_gate" in gates else next(iter(gates))
        shut, open_, units = gates[gate]
        fields = {"layer": layer, "gate": s[f"q.{gate}"], "open": open_, "shut": shut, "units": units}
        parts.append(s("rt_saturation_layer", **fields))
    return f"{s['rt_saturation_caption']} {' '.join(parts)}"
