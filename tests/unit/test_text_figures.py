"""Tests for the text figures (figures/text_figures.py), the symbols of symbolic inputs in the input strip and
the step equations, and the page engineer's text analyses (text/saturation.py, text/compare.py)."""

from types import SimpleNamespace

import numpy as np
import pytest
import torch

from lstm_viz import figures
from lstm_viz.engine.core import Recurrent
from lstm_viz.engine.trace import Trace
from lstm_viz.figures import step_equations
from lstm_viz.figures import text_figures as tf
from lstm_viz.text import compare, saturation

torch.set_num_threads(1)

HOSTILE = "<script>alert(1)</script>\n&amp; <b>x</b> 'q' \"d\"\n"


def cell(fig, text, index):
    """(z, text, hover) of the cell of character `index` in a text_grid figure; hover as the browser shows it
    (the template filled in with the cell's own part)."""
    rows, cols, _ = tf.text_layout(text)
    heat = fig.data[0]
    r, c = rows[index], cols[index]
    own = heat.customdata[r][c]
    hover = heat.hovertemplate.replace("<extra></extra>", "").replace("%{z:.3f}", f"{heat.z[r][c]:.3f}")
    for k, part in enumerate(own):
        hover = hover.replace(f"%{{customdata[{k}]}}", str(part))
    return heat.z[r][c], heat.text[r][c], hover


def test_layout_puts_newlines_at_line_ends_and_wraps_long_lines():
    rows, cols, count = tf.text_layout("ab\n\tc\n", width=80)
    assert rows.tolist() == [0, 0, 0, 1, 1, 1] and cols.tolist() == [0, 1, 2, 0, 1, 2] and count == 2
    rows, cols, count = tf.text_layout("abcde", width=2)
    assert rows.tolist() == [0, 0, 1, 1, 2] and cols.tolist() == [0, 1, 0, 1, 0] and count == 3
    assert tf.text_layout("", width=10)[2] == 0
    with pytest.raises(ValueError, match="width"):
        tf.text_layout("a", width=0)


def test_text_grid_colours_each_character_by_its_value_and_keeps_whitespace_visible():
    text = "if x:\n\treturn 'a'\n"
    values = np.linspace(-0.9, 0.7, len(text)).astype(np.float32)
    top = [[("e", 0.41), (" ", 0.125)]] * len(text)
    details = [tf.prediction_text(t) for t in top]
    fig = tf.text_grid(text, values, "cell", details=details, detail_label="next", start=100)
    for index in range(len(text)):
        z, shown, hover = cell(fig, text, index)
        assert z == pytest.approx(values[index])
        assert f"t = {100 + index}" in hover and f"{values[index]:.3f}" in hover
        assert hover.endswith("next: e 41% · ␣ 12%")  # the top predictions, space named ␣
    assert cell(fig, text, 5)[1] == "↵" and cell(fig, text, 6)[1] == "⇥" and cell(fig, text, 2)[1] == " "
    heat = fig.data[0]
    assert heat.zmin == pytest.approx(-0.9) and heat.zmax == pytest.approx(0.9)  # symmetric about 0
    assert heat.colorscale[0][1] == "rgb(5,48,97)"  # RdBu reversed: blue for negative
    assert heat.hoverongaps is False and np.isnan(heat.z[0][10])  # past the end of line 0: an empty cell
    assert heat.customdata[0][10] is None  # ... which ships nothing for the hover
    gate = tf.text_grid(text, np.full(len(text), 0.5), "l0.forget_gate")
    assert (gate.data[0].zmin, gate.data[0].zmax) == (0.0, 1.0)


def test_text_grid_shows_hostile_text_as_text():
    fig = tf.text_grid(HOSTILE, np.zeros(len(HOSTILE)), "hidden", details=[HOSTILE[:8]] * len(HOSTILE))
    shown = "".join(cell(fig, HOSTILE, i)[1] for i in range(len(HOSTILE)))
    assert "<" not in shown and ">" not in shown  # no tag can reach Plotly's text renderer
    assert shown.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("↵", "\n") == HOSTILE
    assert "'q' \"d\"" in shown  # quotes stay as they are (Plotly knows no &quot;)
    hover = cell(fig, HOSTILE, 0)[2]
    assert hover.count("<br>") == 2 and "&lt;script&gt;" in hover and "<script>" not in hover


def test_text_grid_refuses_values_of_another_length():
    with pytest.raises(ValueError, match="values"):
        tf.text_grid("abc", np.zeros(2), "cell")
    with pytest.raises(ValueError, match="details"):
        tf.text_grid("abc", np.zeros(3), "cell", details=["a"])


def test_surprise_strip_draws_the_bits_and_states_their_mean():
    text = "abcd"
    bits = np.array([1.0, 2.0, 4.5, np.nan], np.float32)
    fig = tf.surprise_strip(text, bits, start=10)
    bar = fig.data[0]
    assert list(bar.x) == [10, 11, 12, 13] and np.allclose(bar.y[:3], [1, 2, 4.5])
    assert list(bar.customdata[:2]) == ["a → b", "b → c"]
    assert fig.layout.shapes[0].y0 == pytest.approx(2.5)
    assert fig.layout.annotations[0].text == "mean 2.50 bits/char"


def test_saturation_is_counted_per_layer_and_drawn_one_panel_each():
    core = Recurrent("lstm", 3, 6, num_layers=2, seed=0)
    x = torch.rand(2, 40, 3, generator=torch.Generator().manual_seed(1)) * 4 - 2
    trace = core.run_with_trace(x)[1]
    fractions = saturation.gate_saturation(trace)
    assert len(fractions) == 2
    forget = trace["l1.forget_gate"]  # (B, T, H)
    left, right = fractions[1]["forget_gate"]
    assert np.allclose(left, (forget < 0.1).mean(axis=(0, 1)))
    assert np.allclose(right, (forget > 0.9).mean(axis=(0, 1)))
    counts = saturation.mostly_saturated(fractions[1], share=0.0)
    assert counts["forget_gate"] == (int((left > 0).sum()), int((right > 0).sum()), 6)
    fig = tf.saturation_by_layer(fractions)
    assert len(fig.data) == 2 * 3  # three gates (input, forget, output) in each of two layers
    assert [t.showlegend for t in fig.data] == [True] * 3 + [False] * 3
    assert np.allclose(fig.data[4].x, left) and fig.data[4].xaxis == "x2"
    with pytest.raises(ValueError, match="low and high"):
        saturation.gate_saturation(trace, low=0.9, high=0.1)


def test_bracket_accuracy_leaves_empty_bins_as_gaps():
    edges, accuracy, counts = np.array([1, 11, 21, 41]), np.array([0.5, 0.25, 0.0]), np.array([8, 4, 0])
    results = {"LSTM": (edges, accuracy, counts), "<i>RNN</i>": (edges, accuracy / 2, counts)}
    fig = tf.bracket_accuracy(results)
    lstm, rnn = fig.data
    assert list(lstm.x) == ["1–10", "11–20", "21–40"] and np.allclose(lstm.y[:2], [0.5, 0.25])
    assert np.isnan(lstm.y[2]) and list(lstm.customdata) == [8, 4, 0]
    assert rnn.name == "&lt;i&gt;RNN&lt;/i&gt;" and np.allclose(rnn.y[:2], [0.25, 0.125])


def test_surprise_difference_and_bits_per_char():
    base = SimpleNamespace(text="abc", surprise_bits=np.array([3.0, 1.0, np.nan]))
    other = SimpleNamespace(text="abc", surprise_bits=np.array([1.0, 2.0, np.nan]))
    difference = compare.surprise_difference(base, other)
    assert np.allclose(difference[:2], [2.0, -1.0]) and np.isnan(difference[2])
    assert compare.bits_per_char(base) == pytest.approx(2.0) and compare.share_better(difference) == 0.5
    with pytest.raises(ValueError, match="same text"):
        compare.surprise_difference(base, SimpleNamespace(text="abd", surprise_bits=np.zeros(3)))


VOCAB = ("\t", "\n", " ", "a", "<b>", "{")


def symbolic_trace(codes):
    x = np.eye(len(VOCAB), dtype=np.float32)[codes][None]  # (1, T, V)
    core = Recurrent("lstm", len(VOCAB), 4, seed=0)
    return core, core.run_with_trace(torch.from_numpy(x))[1]


def test_the_input_strip_shows_the_symbols_of_a_one_hot_input():
    codes = [3, 2, 4, 5, 1, 0]
    core, trace = symbolic_trace(codes)
    fig = figures.gates_heatmap(trace, "l0.cell", vocab=VOCAB)
    strip = fig.data[0]
    assert list(strip.text[0]) == ["a", " ", "&lt;b&gt;", "{", "↵", "⇥"]
    assert list(strip.customdata[0]) == ["a", "␣", "&lt;b&gt;", "{", "↵", "⇥"]
    plain = figures.gates_heatmap(trace, "l0.cell")  # no vocabulary: the grey one-hot strip as before
    assert len(plain.data[0].y) == len(VOCAB) and plain.data[0].text is None
    numeric = Trace(dict(trace), trace.meta, trace.input * 0.5)  # not one-hot: no symbols
    assert figures.gates_heatmap(numeric, "l0.cell", vocab=VOCAB).data[0].text is None


def test_the_step_equations_name_the_input_symbol():
    core, trace = symbolic_trace([3, 5, 2])
    numbers = step_equations.step_numbers(core, trace, 0, 1, 0, vocab=VOCAB)
    assert numbers.symbol == "{" and numbers.symbol_index == 5
    quantity, line = step_equations.latex_lines(numbers)[0]
    assert quantity == "input" and line == "x_t = \\mathrm{onehot}(\\text{“\\{”}) = e_{5}"
    assert step_equations.step_numbers(core, trace, 0, 2, 0, vocab=VOCAB).symbol == " "
    without = step_equations.step_numbers(core, trace, 0, 1, 0)
    assert without.symbol is None and step_equations.latex_lines(without)[0][0] == "input_gate"
    escaped = "\\text{“\\textbackslash{}\\textasciicircum{}\\textasciitilde{} ”}"
    assert step_equations.latex_symbol("\\^~ ") == escaped
