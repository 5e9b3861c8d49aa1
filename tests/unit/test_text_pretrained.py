"""The pretrained character models: what they are, and the README's bits-per-character table, measured again.

Every number of the table is recomputed here on the whole test split (about 147,000 characters the models
never saw in training): each model's bits per character, the unigram and the Kneser-Ney n-gram whose order
did best on the validation split.
"""

import re
from pathlib import Path

import pytest
import torch

from lstm_viz import runs, text
from lstm_viz.tasks import chars
from lstm_viz.text import evaluation

torch.set_num_threads(1)

README = Path(__file__).resolve().parents[2] / "README.md"
SHAPES = {"rnn": ("rnn", 1, 256), "gru": ("gru", 1, 256), "lstm": ("lstm", 1, 256), "lstm2": ("lstm", 2, 128)}


def stated_bits() -> dict[str, float]:
    """The README's table: model or baseline -> test bits per character."""
    section = README.read_text().split("| model | test bits per character |", 1)[1].split("\n\n", 1)[0]
    return {
        name.strip(): float(bits) for name, bits in re.findall(r"^\| ([^|]+) \| ([0-9.]+) \|$", section, re.M)
    }


@pytest.mark.parametrize("suffix", SHAPES)
def test_each_character_model_reads_the_chars_vocabulary(suffix):
    run = runs.load_pretrained(f"chars-{suffix}")
    core = run.model.core
    assert (core.kind, core.num_layers, core.hidden_size) == SHAPES[suffix]
    assert run.task == chars.Chars(length=100) and run.history.stopped is None
    text.check_character_model(run.model)
    reading = text.read_text(run.model, "def f(x):\n    return x\n")
    assert reading.top(10, 1)[0][0] == ":" or reading.probabilities[10].max() > 0.2


def test_the_readme_table_is_what_the_models_score_on_the_test_split():
    stated = stated_bits()
    baselines = evaluation.baseline_bits("test")
    assert set(stated) == {*baselines, *(f"chars-{suffix}" for suffix in SHAPES)}
    for name, bits in baselines.items():
        assert stated[name] == pytest.approx(bits, abs=5e-4), name
    measured = {s: evaluation.bits_per_char(runs.load_pretrained(f"chars-{s}").model, "test") for s in SHAPES}
    for suffix, bits in measured.items():
        assert stated[f"chars-{suffix}"] == pytest.approx(bits, abs=5e-4), suffix
    assert max(measured.values()) < baselines["unigram"] - 2  # every model is far beyond the frequencies
    assert measured["lstm"] < measured["rnn"] - 0.15 and measured["gru"] < measured["rnn"] - 0.15
    ngram = next(bits for name, bits in baselines.items() if name.startswith("n-gram"))
    assert max(measured["gru"], measured["lstm"], measured["lstm2"]) < ngram  # the goal


def test_the_readme_names_the_lstm_units_that_follow_each_feature_on_the_test_split():
    table = README.read_text().split("| feature | rnn | gru | lstm | lstm2 |", 1)[1].split("\n\n", 1)[0]
    stated = {
        feature: (int(unit), float(r))
        for feature, unit, r in re.findall(
            r"^\| (\w+) \|[^|]+\|[^|]+\| (\d+) \(([-+][0-9.]+)\) \|", table, re.M
        )
    }
    assert set(stated) == set(text.FEATURES)
    values = evaluation.unit_values_over(runs.load_pretrained("chars-lstm").model, "test", "cell")  # (T, H)
    best = text.interpretable_units(values, chars.corpus("test"), top=1)
    for feature, (unit, r) in stated.items():
        assert best[feature][0][0] == unit and best[feature][0][1] == pytest.approx(r, abs=0.005), feature
