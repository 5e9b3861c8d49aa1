"""The Kneser-Ney n-gram baseline against a plain dictionary version, its distributions, and order choice."""

import math
from collections import Counter

import numpy as np
import pytest

from lstm_viz.tasks.chars import encode
from lstm_viz.text import ngram

V = ngram.V
TRAIN = "def f(a, b):\n    return a + b\n\ndef g(x):\n    return f(x, x) * 2\n" * 3 + "class C:\n    pass\n"


def discount(counts: Counter) -> float:
    n1 = sum(1 for c in counts.values() if c == 1)
    n2 = sum(1 for c in counts.values() if c == 2)
    return min(max(n1 / (n1 + 2 * n2), 0.05), 0.95) if n1 + n2 else 0.5


def reference(train: list[int], order: int, history: list[int], char: int) -> float:
    """Interpolated Kneser-Ney written with dictionaries straight from the definition."""
    grams = {
        n: Counter(tuple(train[i : i + n]) for i in range(len(train) - n + 1)) for n in range(1, order + 2)
    }
    tables = {order: grams[order]}
    for n in range(1, order):
        tables[n] = Counter(gram[1:] for gram in grams[n + 1])  # distinct left neighbours
    p = 1.0 / V
    for n in range(1, order + 1):
        if n - 1 > len(history):
            break
        context = tuple(history[len(history) - n + 1 :]) if n > 1 else ()
        table = tables[n]
        followers = {gram: c for gram, c in table.items() if gram[:-1] == context}
        total = sum(followers.values())
        if total == 0:
            continue
        d = discount(table)
        p = max(followers.get((*context, char), 0) - d, 0) / total + d * len(followers) / total * p
    return p


@pytest.mark.parametrize("order", [1, 2, 3, 4])
def test_probabilities_equal_the_dictionary_version(order):
    train = encode(TRAIN).tolist()
    model = ngram.NGram.fit(train, order)
    test = encode("def h(y):\n    return g(y) # new\n")
    p = model.probabilities(test)
    for t in range(len(test)):
        assert p[t] == pytest.approx(reference(train, order, test[:t].tolist(), int(test[t])), rel=1e-12)


@pytest.mark.parametrize("order", [1, 3, 6])
@pytest.mark.parametrize("context", ["", "d", "def", "    return", "zzzz\x07", "class C:\n"])
def test_every_distribution_sums_to_one_and_matches_the_probabilities(order, context):
    model = ngram.NGram.fit(encode(TRAIN), order)
    dist = model.distribution(encode(context))
    assert dist.shape == (V,) and (dist > 0).all()
    assert dist.sum() == pytest.approx(1.0, abs=1e-12)
    following = encode(context + "x")
    assert model.probabilities(following)[-1] == pytest.approx(dist[following[-1]], rel=1e-12)


def test_unigram_bits_and_bits_per_char():
    train, test = encode("aab"), encode("abba")
    p = {"a": 3 / (3 + V), "b": 2 / (3 + V)}  # add-one
    wanted = -(math.log2(p["b"]) * 2 + math.log2(p["a"])) / 3
    assert ngram.unigram_bits(train, test) == pytest.approx(wanted, rel=1e-12)
    model = ngram.NGram.fit(encode(TRAIN), 3)
    codes = encode("def g(x):\n")
    assert model.bits_per_char(codes) == pytest.approx(-np.log2(model.probabilities(codes)[1:]).mean())


def test_choose_order_picks_the_fewest_validation_bits():
    train, validation = encode(TRAIN), encode("def f(a, b):\n    return a * b\n")
    best, bits = ngram.choose_order(train, validation, orders=range(1, 6))
    assert list(bits) == [1, 2, 3, 4, 5] and bits[best] == min(bits.values())
    assert bits[best] < bits[1]


@pytest.mark.parametrize(("order", "codes"), [(0, TRAIN), (10, TRAIN), (True, TRAIN), (3, "ab")])
def test_fit_refuses_bad_orders(order, codes):
    with pytest.raises(ValueError, match="order"):
        ngram.NGram.fit(encode(codes), order)
