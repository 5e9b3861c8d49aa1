"""The lessons' live views of the Reading text page, and the reveals computed from them.

A view reads a short held-out excerpt (LESSON_TEXT_LINES lines of the page's excerpt at `rt_offset`, so its
picture fits a projector) with the pretrained `chars-<rt_model>` models, through the page's own cached
calls (`reading_data`, `reading_figures`), so a lesson and the page share one computation. A reveal reads
the same numbers: the unit that follows a feature best and its correlation, the bits per character of the
RNN, the GRU and the LSTM on the excerpt, their accuracy on far closing brackets in the held-out files.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from lstm_viz import limits

from . import reading_data as data
from . import reading_figures
from .strings import Strings

LESSON_TEXT_LINES = 14  # lines of the excerpt a lesson reads: a text grid of 14 rows fits a 500 px figure
TEXT_WIDTH = 80  # characters per row of the text grids
COMPARED = data.COMPARED  # rnn, gru, lstm: the models compared (their codes are the architectures)
FAR = 20  # characters back to the opening bracket from which a closing bracket counts as far
WEAK, STRONG = 0.4, 0.7  # |r| below WEAK: weak; from STRONG on: strong; between: moderate


def lesson_text(offset: int) -> tuple[str, int]:
    """(the first LESSON_TEXT_LINES lines of the page's excerpt at `offset`, where it starts in the test
    split)."""
    excerpt = data.excerpt(offset)
    lines = excerpt.split("\n")[:LESSON_TEXT_LINES]
    text = "\n".join(lines)
    return text, (data.test_text().find(excerpt) if offset else 0)


def models_needed(view: str, settings: dict[str, Any]) -> set[str]:
    """The pretrained models (`chars-<code>`) the view `view` (a reading_text.* name) reads."""
    if view in ("reading_text.gain", "reading_text.brackets"):
        return {data.model_name(code) for code in COMPARED}
    return {data.model_name(settings["rt_model"])}


def _unit_choice(settings: dict[str, Any]) -> tuple[str, str, int, str, dict, str]:
    """(code, quantity, layer, text, unit table, feature) of a unit view: "auto" is the feature of the
    strongest quote or bracket unit; a GRU or an RNN is coloured by h_t (it has no cell)."""
    code = settings["rt_model"]
    quantity = settings["rt_quantity"] if settings["rt_quantity"] in data.quantities(code) else "hidden"
    top = data.layers(code) - 1
    layer = top if settings["rt_layer"] < 0 else min(settings["rt_layer"], top)
    text, _ = lesson_text(settings["rt_offset"])
    table = data.unit_table(code, text, quantity, layer)
    feature = settings["rt_feature"]
    if feature not in table:
        feature = data.best_choice(table)[0]
    return code, quantity, layer, text, table, feature


def unit_shown(settings: dict[str, Any]) -> int:
    """The unit a unit view colours the text by: the step's `rt_unit`, or (-1) the feature's best unit."""
    code, _, layer, text, table, feature = _unit_choice(settings)
    hidden = data.reading(code, text).trace[f"l{layer}.hidden"].shape[-1]
    return settings["rt_unit"] if 0 <= settings["rt_unit"] < hidden else table[feature][0][0]


def unit_grid(settings: dict[str, Any], s: Strings) -> tuple[dict, str, tuple]:
    code, quantity, layer, text, _, feature = _unit_choice(settings)
    _, start = lesson_text(settings["rt_offset"])
    unit = unit_shown(settings)
    fig = reading_figures.unit_grid(code, text, quantity, layer, unit, start, TEXT_WIDTH, s.lang)
    names = {"model": s[f"rt_model_{code}"], "feature": s[f"rt_f_{feature}"]}
    caption = s(f"lr_rt_grid_{quantity}", unit=unit, **names)
    return fig, caption, ()


def surprise(settings: dict[str, Any], s: Strings) -> tuple[dict, str, tuple]:
    code = settings["rt_model"]
    text, start = lesson_text(settings["rt_offset"])
    fig = reading_figures.surprise(code, text, start, s.lang)
    bits = data.reading(code, text).bits_per_char
    return fig, s("rt_surprise_caption", bits=bits), ((s["lr_rt_bits_metric"], f"{bits:.2f}"),)


def gain(settings: dict[str, Any], s: Strings) -> tuple[dict, str, tuple]:
    text, start = lesson_text(settings["rt_offset"])
    return reading_figures.gain_grid(text, start, TEXT_WIDTH, s.lang), s["lr_rt_gain_caption"], ()


def brackets(settings: dict[str, Any], s: Strings) -> tuple[dict, str, tuple]:
    caption = s("lr_rt_brackets_caption", chars=limits.APP_TEXT_LONG_CHARS)
    return reading_figures.brackets(COMPARED, s.lang), caption, ()


VIEWS = {
    "reading_text.unit_grid": unit_grid,
    "reading_text.surprise": surprise,
    "reading_text.gain": gain,
    "reading_text.brackets": brackets,
}


# --- reveals ------------------------------------------------------------------------------------------------


def unit_strength(settings: dict[str, Any], s: Strings) -> tuple[str, str]:
    """(weak | moderate | strong, the sentence): |r| of the unit that follows the step's feature best."""
    code, _, _, _, table, feature = _unit_choice(settings)
    unit, r = table[feature][0]
    outcome = "weak" if abs(r) < WEAK else "strong" if abs(r) >= STRONG else "moderate"
    second = table[feature][1] if len(table[feature]) > 1 else (unit, r)
    text = s(
        "lr_rt_unit_strength", feature=s[f"rt_f_{feature}"], unit=unit, r=f"{r:+.2f}",
        model=s[f"rt_model_{code}"], next_unit=second[0], next_r=f"{second[1]:+.2f}",
    )  # fmt: skip
    return outcome, text


def fewest_bits(settings: dict[str, Any], s: Strings) -> tuple[str, str]:
    """(the architecture with the fewest bits per character on the lesson's excerpt, the sentence)."""
    text, _ = lesson_text(settings["rt_offset"])
    bits = {code: float(data.reading(code, text).bits_per_char) for code in COMPARED}
    best = min(COMPARED, key=lambda code: bits[code])
    shown = {code: f"{value:.2f}" for code, value in bits.items()}
    return best, s("lr_rt_fewest_bits", best=s[f"rt_model_{best}"], chars=len(text), **shown)


def far_accuracy(codes=COMPARED) -> tuple[dict[str, float], int]:
    """({code: share of the closing brackets at least FAR characters from their opening one that the model
    predicted}, how many such brackets) in the held-out text of the bracket test."""
    shares, count = {}, 0
    for code, (edges, accuracy, counts) in data.bracket_results(tuple(codes)).items():
        far = edges[:-1] >= FAR  # (K,) bins that start at FAR or later
        count = int(counts[far].sum())
        hits = float(np.nansum(accuracy[far] * counts[far]))
        shares[code] = hits / count if count else float("nan")
    return shares, count


def far_brackets(settings: dict[str, Any], s: Strings) -> tuple[str, str]:
    """(the architecture that predicts the most far closing brackets, the sentence)."""
    shares, count = far_accuracy()
    best = max(COMPARED, key=lambda code: -1.0 if np.isnan(shares[code]) else shares[code])
    shown = {code: f"{share:.0%}" for code, share in shares.items()}
    text = s("lr_rt_far_brackets", best=s[f"rt_model_{best}"], count=count, far=FAR,
             chars=limits.APP_TEXT_LONG_CHARS, **shown)  # fmt: skip
    return best, text


REVEALS = {"unit_strength": unit_strength, "fewest_bits": fewest_bits, "far_brackets": far_brackets}
