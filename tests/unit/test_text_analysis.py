"""lstm_viz.text on synthetic traces whose answer is known, and read_text against a plain torch forward."""

import math

import numpy as np
import pytest
import torch

from lstm_viz import limits, models, tasks, text
from lstm_viz.engine.trace import Trace
from lstm_viz.tasks.chars import VOCAB, encode, one_hot

torch.set_num_threads(1)

SOURCE = 'def f(a, b):\n    s = "x(y" + g(a, [b, (1)])  # it\'s\n    return {s: b}\n'


def synthetic_trace(cell: np.ndarray, hidden: np.ndarray, layers: int = 1) -> Trace:
    arrays = {}
    for layer in range(layers):
        arrays[f"l{layer}.cell"] = cell[None]  # (1, T, H)
        arrays[f"l{layer}.hidden"] = hidden[None]
    return Trace(arrays, {"kind": "lstm", "num_layers": layers}, np.zeros((1, cell.shape[0], 1)))


def test_a_unit_that_equals_a_feature_ranks_first_with_correlation_one():
    features = text.character_features(SOURCE)
    rng = np.random.default_rng(0)
    size = len(SOURCE)
    tanh_cell = rng.uniform(-0.5, 0.5, (size, 8))  # (T, H) what tanh(c) should be
    tanh_cell[:, 3] = 0.8 * features["in_string"] - 0.4  # unit 3 follows the quotes
    tanh_cell[:, 5] = 0.7 - 0.3 * features["bracket_depth"]  # unit 5 falls as brackets open
    hidden = rng.normal(size=(size, 8))
    hidden[:, 6] = features["column"]
    trace = synthetic_trace(np.arctanh(tanh_cell), hidden)
    ranked = text.interpretable_units(trace, SOURCE, quantity="cell", top=3)
    assert set(ranked) == set(text.FEATURES) and all(len(units) == 3 for units in ranked.values())
    assert ranked["in_string"][0][0] == 3 and ranked["in_string"][0][1] == pytest.approx(1.0, abs=1e-9)
    assert ranked["bracket_depth"][0] == (5, pytest.approx(-1.0, abs=1e-9))
    stored = np.tanh(trace["l0.cell"][0].astype(np.float64))  # (T, H) as the trace holds it (float32)
    for name, units in ranked.items():
        sizes = [abs(r) for _, r in units]
        assert sizes == sorted(sizes, reverse=True)
        for unit, r in units:  # each correlation is Pearson's, computed independently
            assert r == pytest.approx(np.corrcoef(stored[:, unit], features[name])[0, 1], abs=1e-9)
    by_hidden = text.interpretable_units(trace, SOURCE, quantity="hidden", top=50)
    assert by_hidden["column"][0] == (6, pytest.approx(1.0, abs=1e-9)) and len(by_hidden["column"]) == 8
    assert text.interpretable_units(hidden, SOURCE)["column"][0][0] == 6  # an array (T, H) works too


def test_constant_units_and_features_correlate_zero():
    values = np.ones((4, 2))
    values[:, 1] = [0, 1, 2, 3]
    assert text.correlations(values, np.array([1, 2, 3, 4])).tolist() == [0.0, pytest.approx(1.0)]
    assert text.correlations(values, np.zeros(4)).tolist() == [0.0, 0.0]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"quantity": "forget_gate"}, "quantity must be one of"),
        ({"layer": 2}, "layer must be an integer between -2 and 1"),
        ({"top": 0}, "top must be"),
        ({"text": "short"}, "text must be a str of the trace's"),
    ],
)
def test_interpretable_units_refuses_bad_arguments(kwargs, message):
    trace = synthetic_trace(np.zeros((len(SOURCE), 2)), np.zeros((len(SOURCE), 2)), layers=2)
    arguments = {"text": SOURCE, **kwargs}
    with pytest.raises(ValueError, match=message):
        text.interpretable_units(trace, arguments.pop("text"), **arguments)


def spans_trace() -> Trace:
    hidden = np.full((30, 4), -0.5)  # (T, H): every unit off
    hidden[5:15, 0] = 0.9
    hidden[20:23, 0] = 0.9
    hidden[3:17, 1] = 0.6
    hidden[20:29, 1] = 0.6
    hidden[10:12, 3] = 0.95
    return synthetic_trace(np.zeros_like(hidden), hidden)


def test_select_units_finds_the_units_on_throughout_the_span():
    trace = spans_trace()
    assert text.select_units(trace, 5, 15, threshold=0.5) == [0, 1]  # unit 0 is higher: first
    assert text.select_units(trace, 10, 12, threshold=0.5) == [3, 0, 1]
    assert text.select_units(trace, 10, 12, threshold=0.7) == [3, 0]
    assert text.select_units(trace, 3, 17, threshold=0.5) == [1]
    assert text.select_units(trace, 0, 30, threshold=0.0) == []


def test_matches_are_the_maximal_spans_where_all_units_are_on_longest_first():
    trace = spans_trace()
    assert text.matches(trace, [0, 1], threshold=0.5, min_length=1) == [(5, 15), (20, 23)]
    assert text.matches(trace, [0, 1], threshold=0.5, min_length=4) == [(5, 15)]
    assert text.matches(trace, [1], threshold=0.5, min_length=1) == [(3, 17), (20, 29)]
    assert text.matches(trace, [1, 3], threshold=0.5, min_length=1) == [(10, 12)]
    assert text.matches(trace, [2], threshold=0.5, min_length=1) == []
    hidden = np.zeros((9, 1))
    hidden[[0, 1, 4, 5, 7, 8], 0] = 1.0  # three spans of two: ties keep the text's order
    assert text.matches(hidden, [0], threshold=0.5, min_length=2) == [(0, 2), (4, 6), (7, 9)]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda t: text.select_units(t, 5, 5, 0.5), "stop must be an integer between 6 and 30"),
        (lambda t: text.select_units(t, -1, 5, 0.5), "start must be an integer between 0 and 29"),
        (lambda t: text.select_units(t, 0, 5, float("nan")), "threshold must be finite"),
        (lambda t: text.select_units(t, 0, 5, "high"), "threshold must be a number"),
        (lambda t: text.matches(t, [], 0.5, 1), "units must name at least one unit"),
        (lambda t: text.matches(t, [4], 0.5, 1), "each unit must be an integer between 0 and 3"),
        (lambda t: text.matches(t, [0], 0.5, 0), "min_length must be an integer between 1 and 30"),
        (lambda t: text.matches(np.zeros(5), [0], 0.5, 1), "trace must be a Trace or an array"),
    ],
)
def test_select_and_match_refuse_bad_arguments(call, message):
    with pytest.raises(ValueError, match=message):
        call(spans_trace())


def reading_of(source: str, guesses: str) -> text.TextReading:
    """A reading whose model puts probability 0.9 on guesses[t] after character t, the rest spread evenly."""
    probabilities = np.full((len(source), len(VOCAB)), 0.1 / (len(VOCAB) - 1))
    probabilities[np.arange(len(source)), encode(guesses)] = 0.9
    trace = synthetic_trace(np.zeros((len(source), 1)), np.zeros((len(source), 1)))
    surprise = np.full(len(source), np.nan)
    return text.TextReading(source, encode(source), trace, probabilities, surprise, 0)


def test_closing_bracket_accuracy_against_the_distance_to_the_opening_bracket():
    source = "f(x) + g([1, 2]) + '(' + (a +\n  b)"
    guesses = ["?"] * len(source)
    guesses[2], guesses[13] = ")", "]"  # right before "f(x)" and "[1, 2]" close; wrong for g(...) and (a + b)
    reading = reading_of(source, "".join(guesses))
    distances, correct = text.closing_brackets(reading)  # the quoted "(" is not code
    assert distances.tolist() == [2, 5, 7, 8] and correct.tolist() == [True, True, False, False]
    edges, accuracy, counts = text.closing_bracket_accuracy(reading, bins=(1, 5, 7, 10, math.inf))
    assert edges.tolist() == [1, 5, 7, 10, math.inf]
    assert counts.tolist() == [1, 1, 2, 0]
    assert accuracy[:3].tolist() == [1.0, 1.0, 0.0] and math.isnan(accuracy[3])
    for bins in ([3], [5, 1], [1, float("nan")]):
        with pytest.raises(ValueError, match="bins must be"):
            text.closing_bracket_accuracy(reading, bins=bins)


@pytest.mark.parametrize(("kind", "layers"), [("lstm", 2), ("gru", 1), ("rnn", 1)])
def test_read_text_gives_the_probabilities_of_a_plain_torch_forward(kind, layers):
    model = models.for_task(kind, tasks.get("chars"), hidden_size=16, seed=1, num_layers=layers)
    reading = text.read_text(model, SOURCE)
    with torch.no_grad():
        logits = model(torch.from_numpy(one_hot(encode(SOURCE)))[None])[0]  # (T, V)
        direct = torch.softmax(logits.double(), dim=-1).numpy()
    assert reading.probabilities.shape == (len(SOURCE), len(VOCAB))
    np.testing.assert_allclose(reading.probabilities, direct, atol=1e-5, rtol=0)
    np.testing.assert_allclose(reading.probabilities.sum(axis=1), 1.0, atol=1e-9)
    codes = encode(SOURCE)
    wanted = -np.log2(direct[np.arange(len(SOURCE) - 1), codes[1:]])
    np.testing.assert_allclose(reading.surprise_bits[:-1], wanted, atol=1e-4)
    assert math.isnan(reading.surprise_bits[-1])
    assert reading.bits_per_char == pytest.approx(wanted.mean(), abs=1e-4)
    assert reading.trace["l0.hidden"].shape == (1, len(SOURCE), 16) and reading.layer == layers - 1
    assert reading.text == SOURCE and reading.codes.tolist() == codes.tolist()
    top = reading.top(10, 4)
    assert [p for _, p in top] == sorted((p for _, p in top), reverse=True)
    assert top[0] == (VOCAB[int(direct[10].argmax())], pytest.approx(direct[10].max(), abs=1e-5))


def test_read_text_refuses_what_it_cannot_read():
    model = models.for_task("lstm", tasks.get("chars"), hidden_size=4, seed=0)
    with pytest.raises(ValueError, match=f"between 1 and {limits.TEXT_MAX_CHARS:,} characters"):
        text.read_text(model, "")
    with pytest.raises(ValueError, match=f"between 1 and {limits.TEXT_MAX_CHARS:,} characters"):
        text.read_text(model, "x" * (limits.TEXT_MAX_CHARS + 1))
    with pytest.raises(TypeError, match="text must be a str"):
        text.read_text(model, b"abc")
    with pytest.raises(ValueError, match="layer must be an integer between -1 and 0"):
        text.read_text(model, "abc", layer=1)
    adding = models.for_task("lstm", tasks.get("adding"), hidden_size=4, seed=0)
    with pytest.raises(ValueError, match="model must read and predict the 98 characters"):
        text.read_text(adding, "abc")
    reading = text.read_text(model, "x")
    assert math.isnan(reading.bits_per_char) and len(reading.top(0, 98)) == 98
    with pytest.raises(ValueError, match="t must be an integer between 0 and 0"):
        reading.top(1)
    with pytest.raises(ValueError, match="k must be an integer between 1 and 98"):
        reading.top(0, 0)
