"""Reading text page: the default view's numbers rebuilt with lstm_viz.text alone, both languages, changed
settings, your own text (hostile text shown as text), and bad input (URL values, uploads).

The page reads with the pretrained chars-* models. Where they are not installed yet, the tests train tiny
stand-ins (16 units, 30 updates) into a temporary folder and point the pretrained folder there: the checks
compare the page with the engine on the same models either way.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from streamlit.testing.v1 import AppTest

from lstm_viz import limits, tasks, training
from lstm_viz import text as reading_lib
from lstm_viz.tasks import chars
from lstm_viz.training import runs
from lstm_viz.ui import reading_input
from lstm_viz.ui.navigation import BY_URL

from .conftest import APP, TIMEOUT, assert_ok, chart_specs, plotly_values

HOSTILE = "<script>alert(1)</script>\nx = '&amp;' + \"<b>bold</b>\"  # [link](http://a.b)\n"
CODES = (("lstm", "lstm", 1), ("lstm2", "lstm", 2), ("gru", "gru", 1), ("rnn", "rnn", 1))


@pytest.fixture(scope="module", autouse=True)
def character_models(tmp_path_factory):
    """The pretrained chars-* models, or tiny stand-ins trained here when they are not installed."""
    if all(f"chars-{code}" in runs.pretrained_names() for code, _, _ in CODES):
        yield
        return
    folder = tmp_path_factory.mktemp("pretrained")
    task = tasks.get("chars", length=50)
    config = training.TrainConfig(steps=30, lr=0.02, batch_size=16, clip=1.0, seed=0)
    for code, kind, layers in CODES:
        model = training.for_task(kind, task, hidden_size=16, seed=0, num_layers=layers)
        history = training.train(model, task, config)
        run = runs.Run(f"chars-{code}", runs.run_config(model, task, config, 0), model, history)
        runs.save_run(run, folder)
    saved, runs.PRETRAINED_DIR = runs.PRETRAINED_DIR, folder
    yield
    runs.PRETRAINED_DIR = saved


def open_page(**query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update({key: str(value) for key, value in query.items()})
    at.switch_page(BY_URL["reading_text"].script)
    return at.run()


def grid_values(spec: dict) -> tuple[np.ndarray, list[str]]:
    """(the value of each character cell in reading order, the characters drawn) of a text grid figure."""
    heat = spec["data"][0]
    z = plotly_values(heat["z"]).reshape(len(heat["text"]), -1)
    rows = heat["customdata"]
    cells = [(r, c) for r, row in enumerate(rows) for c, own in enumerate(row) if own is not None]
    cells.sort(key=lambda rc: heat["customdata"][rc[0]][rc[1]][0])  # by t
    return np.array([z[r, c] for r, c in cells]), [heat["text"][r][c] for r, c in cells]


def engine_view(code: str, text: str, quantity: str = "cell", layer: int = -1):
    """The reading, the unit table and the default (feature, unit) the page should show, from the engine."""
    model = runs.load_pretrained(f"chars-{code}").model
    reading = reading_lib.read_text(model, text)
    table = reading_lib.interpretable_units(reading.trace, text, quantity, layer, 5)
    feature = max(("in_string", "bracket_depth"), key=lambda f: abs(table[f][0][1]))
    return reading, table, feature, table[feature][0][0]


def test_default_view_opens_on_the_strongest_quote_or_bracket_unit_of_the_held_out_excerpt():
    at = open_page()
    assert_ok(at)
    excerpt = chars.corpus("test")[: limits.APP_TEXT_EXCERPT_CHARS]
    reading, table, feature, unit = engine_view("lstm", excerpt)
    assert at.selectbox(key="w_rt_feature").value == feature and at.selectbox(key="w_rt_unit").value == unit
    grid, strip = chart_specs(at)[:2]
    shown, drawn = grid_values(grid)
    expected = np.tanh(reading.trace["l0.cell"][0, :, unit])
    np.testing.assert_allclose(shown, expected, atol=1e-6)
    assert "".join(drawn).replace("↵", "\n").replace("⇥", "\t").replace("&lt;", "<").replace(
        "&gt;", ">"
    ).replace("&amp;", "&") == excerpt
    bars = plotly_values(strip["data"][0]["y"])
    np.testing.assert_allclose(bars[:-1], reading.surprise_bits[:-1], rtol=1e-5)
    r = table[feature][0][1]
    captions = [c.value for c in at.caption]
    assert any(f"r = {r:+.2f}" in c and f"unit {unit}'s cell state" in c for c in captions)
    assert any(f"{reading.bits_per_char:.2f} bits per character" in c for c in captions)


def test_chinese_page_and_the_comparison_say_the_same_numbers():
    at = open_page(lang="zh")
    assert_ok(at)
    assert at.title[0].value == "读文本"
    excerpt = chars.corpus("test")[: limits.APP_TEXT_EXCERPT_CHARS]
    bits = {}
    for code in ("rnn", "gru", "lstm"):
        bits[code] = reading_lib.read_text(runs.load_pretrained(f"chars-{code}").model, excerpt).bits_per_char
    assert [m.value for m in at.metric] == [f"{bits[c]:.2f} 比特/字符" for c in ("rnn", "gru", "lstm")]
    assert any(f"省下 {bits['rnn'] - bits['lstm']:.2f} 比特" in c.value for c in at.caption)


def test_changed_settings_from_the_link_and_the_widgets():
    at = open_page(rt_model="gru", rt_feature="indent", rt_offset=5000)
    assert_ok(at)
    assert at.radio(key="w_rt_quantity").options == ["hidden h_t"]  # a GRU has no cell state
    text = chars.corpus("test")
    start = text.find("\n", 4999) + 1
    excerpt = text[start : start + limits.APP_TEXT_EXCERPT_CHARS]
    reading, table, _, _ = engine_view("gru", excerpt, "hidden")
    assert at.selectbox(key="w_rt_unit").value == table["indent"][0][0]
    at.selectbox(key="w_rt_feature").set_value("in_comment").run()
    assert_ok(at)
    unit = table["in_comment"][0][0]
    assert at.selectbox(key="w_rt_unit").value == unit  # a new feature shows its best unit
    shown, _ = grid_values(chart_specs(at)[0])
    np.testing.assert_allclose(shown, reading.trace["l0.hidden"][0, :, unit], atol=1e-6)
    assert str(at.query_params["rt_feature"]) in ("in_comment", "['in_comment']")
    assert str(at.query_params["rt_model"]) in ("gru", "['gru']")


def test_two_layers_show_the_top_layer_and_gates_saturation_per_layer():
    at = open_page(rt_model="lstm2")
    assert_ok(at)
    assert at.selectbox(key="w_rt_layer").value == 1
    saturation = chart_specs(at)[-1]
    assert {trace.get("xaxis", "x") for trace in saturation["data"]} == {"x", "x2"}


def test_your_own_hostile_text_is_shown_as_text_and_never_put_in_the_link():
    at = open_page()
    at.radio(key="rt_source").set_value("own").run()
    assert_ok(at)
    at.text_area(key=reading_input.TEXT_KEY).set_value(HOSTILE).run()
    assert_ok(at)
    grid = chart_specs(at)[0]
    _, drawn = grid_values(grid)
    assert "<" not in "".join(drawn) and "&lt;" in drawn and "&amp;" in drawn and "'" in drawn
    hover = " ".join(str(own) for row in grid["data"][0]["customdata"] for own in row if own)
    assert "<script>" not in hover and "<b>" not in hover
    assert "<script>" not in " ".join(m.value for m in at.markdown)
    link = " ".join(str(value) for value in at.query_params.values())
    assert "script" not in link and "amp" not in link
    at.text_area(key=reading_input.TEXT_KEY).set_value("x" * (limits.APP_TEXT_MAX_CHARS + 5)).run()
    assert_ok(at)
    assert any(f"first {limits.APP_TEXT_MAX_CHARS} are read" in w.value for w in at.warning)
    at.text_area(key=reading_input.TEXT_KEY).set_value("é").run()
    assert_ok(at)
    assert any("at least two characters" in i.value for i in at.info)


def test_hostile_link_values_fall_back_with_a_notice():
    at = open_page(rt_unit=99999, rt_feature="<script>", rt_offset=-3, rt_model="transformer")
    assert_ok(at)
    warnings = " ".join(w.value for w in at.warning)
    assert "rt\\_unit" in warnings or "rt_unit" in warnings
    assert "<script>" not in warnings
    assert at.selectbox(key="w_rt_model").value == "lstm"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "rt_error_binary"),
        ("café".encode("latin-1"), "rt_error_utf8"),
        (b"x" * (limits.APP_TEXT_MAX_BYTES + 1), "rt_error_size"),
    ],
)
def test_uploads_that_are_not_text_are_refused_with_a_reason(data, error):
    assert reading_input.decode_upload(data).error[0] == error


def test_an_upload_is_read_as_utf8_and_cut_at_the_limit():
    own = reading_input.decode_upload(("\ufeff" + "def f():\n\treturn 'ü'\n" * 200).encode())
    assert own.error is None and own.text.startswith("def f():")
    assert len(own.text) == limits.APP_TEXT_MAX_CHARS
    assert dict(own.notices)["rt_own_outside"]["count"] == own.text.count("ü")
    assert reading_input.check_text("a").text == ""


torch.set_num_threads(1)
