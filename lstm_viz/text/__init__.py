"""Reading text: character models on Python source, the units that track its structure, and span search.

    from lstm_viz import runs, text
    reading = text.read_text(runs.load_pretrained("chars-lstm").model, source)   # trace + next-char guesses
    text.character_features(source)                  # {"in_string": (T,), "bracket_depth": (T,), ...}
    text.interpretable_units(reading.trace, source)  # {feature: [(unit, correlation), ...]}
    units = text.select_units(reading.trace, 10, 30, threshold=0.3)   # LSTMVis's select ...
    text.matches(reading.trace, units, threshold=0.3, min_length=5)   # ... and match views
    text.closing_bracket_accuracy(reading)           # Karpathy's long-range test

`evaluation` measures bits per character on the corpus beside the unigram and n-gram (`ngram`) baselines.
Layer "text": imports limits, engine, tasks and training only; no Streamlit.
"""

from .brackets import DEFAULT_BINS, bracket_pairs, closing_bracket_accuracy, closing_brackets
from .features import FEATURES, character_features, code_mask
from .reading import TextReading, check_character_model, read_text
from .spans import matches, select_units
from .units import correlations, interpretable_units, unit_values

__all__ = [
    "DEFAULT_BINS",
    "FEATURES",
    "TextReading",
    "bracket_pairs",
    "character_features",
    "check_character_model",
    "closing_bracket_accuracy",
    "closing_brackets",
    "code_mask",
    "correlations",
    "interpretable_units",
    "matches",
    "read_text",
    "select_units",
    "unit_values",
]
