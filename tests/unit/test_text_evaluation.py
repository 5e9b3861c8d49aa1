"""Bits per character and unit values over long texts, read in chunks with the state carried over."""

import numpy as np
import pytest
import torch

from lstm_viz import models, tasks, text
from lstm_viz.tasks.chars import corpus, corpus_codes
from lstm_viz.text import evaluation

torch.set_num_threads(1)

SOURCE = 'def f(x):\n    return (x, "a")  # b\n\nclass C:\n    pass\n'


@pytest.mark.parametrize(("kind", "layers"), [("lstm", 2), ("gru", 1), ("rnn", 1)])
def test_chunks_give_the_numbers_of_one_pass(monkeypatch, kind, layers):
    model = models.for_task(kind, tasks.get("chars"), hidden_size=8, seed=2, num_layers=layers)
    reading = text.read_text(model, SOURCE)
    monkeypatch.setattr(evaluation, "CHUNK", 7)  # many chunks, the last one short
    assert evaluation.bits_per_char(model, SOURCE) == pytest.approx(reading.bits_per_char, abs=1e-5)
    top = layers - 1
    hidden = evaluation.unit_values_over(model, SOURCE, "hidden")
    np.testing.assert_allclose(hidden, reading.trace[f"l{top}.hidden"][0], atol=1e-6)
    if kind == "lstm":
        cell = evaluation.unit_values_over(model, SOURCE, "cell", layer=0)
        np.testing.assert_allclose(cell, np.tanh(reading.trace["l0.cell"][0]), atol=1e-6)
        from_values = text.interpretable_units(cell, SOURCE)
        from_trace = text.interpretable_units(reading.trace, SOURCE, layer=0)
        for name, units in from_trace.items():
            assert [unit for unit, _ in from_values[name]] == [unit for unit, _ in units]
            np.testing.assert_allclose([r for _, r in from_values[name]], [r for _, r in units], atol=1e-5)


def test_a_split_name_reads_the_split():
    assert evaluation.codes_of("test") is corpus_codes("test")
    assert evaluation.codes_of("x = 1").tolist() == [90, 2, 31, 2, 19]
    assert len(corpus("test")) == corpus_codes("test").size
    model = models.for_task("rnn", tasks.get("chars"), hidden_size=4, seed=0)
    with pytest.raises(ValueError, match="at least two characters"):
        evaluation.bits_per_char(model, "x")
