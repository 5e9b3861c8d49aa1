"""The lesson "An LSTM reading code": its reveals equal lstm_viz.text's numbers on the same excerpt, and it
is listed only while the pretrained chars-* models it reads ship."""

from __future__ import annotations

import pytest

from lstm_viz import runs
from lstm_viz import text as reading_lib
from lstm_viz.ui import lesson_page, lesson_reading, lesson_views
from lstm_viz.ui.lesson_files import load_all

from .test_lessons import lesson_app, reveal

LESSON = next(lesson for lesson in load_all()[0] if lesson.name == "reading_code")
NEEDED = {"chars-rnn", "chars-gru", "chars-lstm"}
pytestmark = pytest.mark.skipif(
    not NEEDED <= set(runs.pretrained_names()), reason="the chars-* models are not installed yet"
)


def excerpt() -> str:
    return lesson_reading.lesson_text(0)[0]


@pytest.mark.parametrize(("number", "feature"), [(2, "in_string"), (3, "bracket_depth")])
def test_the_unit_reveal_names_the_best_unit_and_its_correlation(number, feature):
    text = excerpt()
    reading = reading_lib.read_text(runs.load_pretrained("chars-lstm").model, text)
    (unit, r), (second, r2) = reading_lib.interpretable_units(reading.trace, text, "cell", -1, 2)[feature]
    said = reveal(lesson_app(lesson="reading_code", step=number))
    assert f"unit {unit} follows" in said and f"r = {r:+.2f}" in said
    assert f"unit {second}, has r = {r2:+.2f}" in said
    right = "weak" if abs(r) < 0.4 else "strong" if abs(r) >= 0.7 else "moderate"
    choice = next(c for c in LESSON.steps[number - 1].question.choices if c.outcome == right)
    assert said.startswith("**") and choice.text("en") in said.split("**")[1]


def test_the_bits_reveal_states_each_models_bits_on_the_excerpt():
    text = excerpt()
    bits = {code: reading_lib.read_text(runs.load_pretrained(f"chars-{code}").model, text) for code in
            ("rnn", "gru", "lstm")}  # fmt: skip
    bits = {code: float(reading.bits_per_char) for code, reading in bits.items()}
    said = reveal(lesson_app(lesson="reading_code", step=5))
    for code, value in bits.items():
        assert f"{code.upper()} {value:.2f}" in said
    assert f"The {min(bits, key=bits.get).upper()} was the least surprised" in said


def test_the_lesson_needs_its_models_and_is_left_out_without_one(monkeypatch):
    needed = set().union(*(lesson_views.models_needed(step) for step in LESSON.steps))
    assert needed == NEEDED
    assert "reading_code" in lesson_page.listed()
    shipped = [name for name in lesson_page.engine_cache.pretrained_names() if name != "chars-gru"]
    monkeypatch.setattr(lesson_page.engine_cache, "pretrained_names", lambda: shipped)
    assert "reading_code" not in lesson_page.listed()
    assert "conveyor_belt" in lesson_page.listed()
    at = lesson_app(lesson="reading_code", step=2)
    assert at.warning and "reading_code" in at.warning[0].value  # the unknown-lesson notice, then the list
