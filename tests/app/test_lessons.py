"""The Lessons page in AppTest: every lesson, every step, both languages; reveals against the engine; links
that reopen a step; hostile `lesson` and `step` values."""

from __future__ import annotations

import json

import numpy as np
import pytest

from lstm_viz import interventions, runs, tasks
from lstm_viz.figures.cell_diagram import diagram_height
from lstm_viz.ui import engine_cache, lesson_page
from lstm_viz.ui.lesson_files import load_all

from .conftest import assert_ok, open_app

LESSONS, _ = load_all()
STEPS = [(lesson.name, n) for lesson in LESSONS for n in range(1, len(lesson.steps) + 1)]


def lesson_app(lang: str = "en", **query):
    return open_app("lessons", lang=lang, **query)


def button(at, key: str):
    return next(b for b in at.button if b.key == key)


def heading(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("#### "))


def reveal(at) -> str:
    button(at, "lesson_reveal").click()
    at.run()
    assert_ok(at)
    assert len(at.success) == 1
    return at.success[0].value


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(("name", "number"), STEPS)
def test_every_step_renders_its_text_its_figure_and_its_reveal(name, number, lang):
    at = lesson_app(lang, lesson=name, step=number)
    assert_ok(at)
    assert not at.warning, [w.value for w in at.warning]
    step = next(lesson for lesson in LESSONS if lesson.name == name).steps[number - 1]
    assert step.text(lang) in [m.value for m in at.markdown]
    assert f"{number}" in heading(at) and step.title(lang) in heading(at)
    charts = at.get("plotly_chart")
    assert len(charts) == 1 and json.loads(charts[0].proto.spec)["data"]
    if step.question is not None:
        text = reveal(at)
        assert text.startswith("**") and any(c.text(lang) in text for c in step.question.choices)


def test_the_list_shows_every_lesson_in_both_languages():
    for lang in ("en", "zh"):
        at = lesson_app(lang)
        assert_ok(at)
        shown = " ".join(m.value for m in at.markdown)
        assert all(lesson.title(lang) in shown for lesson in LESSONS)
        button(at, "start_conveyor_belt").click()
        at.run()
        assert at.query_params["lesson"] == "conveyor_belt"


def grad_ratio(name: str, length: int) -> float:
    """||dL/dh_(T-1)|| ÷ ||dL/dh_0|| (batch mean of per-sequence norms) of a pretrained model, from the
    engine alone: the batch is task.sample(batch_size, seed 0) as engine_cache documents."""
    run = runs.load_pretrained(name)
    task = (
        tasks.get(name.split("-")[0], length=length)
        if name.startswith("adding")
        else tasks.get("remember_first", lag=length)
    )
    core = run.model.core
    batch = task.sample(engine_cache.batch_size(core.kind, task.length, core.hidden_size, 1, False), 0)
    _, trace = run.model.run_with_trace(batch.x, target=batch.y, loss_mask=batch.loss_mask)
    norms = np.linalg.norm(trace["l0.hidden_grad"], axis=-1).mean(axis=0)  # (T,)
    return float(norms[-1] / norms[0]) if norms[0] > 0 else float("inf")


def test_the_weakest_signal_reveal_states_the_models_ratios():
    text = reveal(lesson_app(lesson="rnn_forgets", step=1))
    for kind in ("gru", "lstm"):
        assert f"{grad_ratio(f'adding-{kind}', 100):.1e}" in text
    assert "RNN ∞" in text and grad_ratio("adding-rnn", 100) == float("inf")
    assert text.startswith("**A. The RNN**")


def test_the_clipping_reveal_states_the_rnns_global_norm():
    run = runs.load_pretrained("remember_first-rnn")
    task = tasks.get("remember_first", lag=100)
    batch = task.sample(engine_cache.batch_size("rnn", task.length, 64, 1, False), 0)
    _, trace = run.model.run_with_trace(batch.x, target=batch.y, loss_mask=batch.loss_mask)
    norm = float(np.linalg.norm(trace["l0.hidden_grad"].astype(np.float64)))
    text = reveal(lesson_app(lesson="exploding_clipping", step=3))
    assert f"norm {norm:.3g};" in text and "scaled it to 1," in text
    assert text.startswith("**C.") == (norm >= 1e6)


def test_the_kept_or_written_reveal_states_the_cells_numbers():
    run = runs.load_pretrained("remember_first-lstm")
    task = tasks.get("remember_first", lag=100)
    batch = task.sample(engine_cache.batch_size("lstm", task.length, 64, 1, False), 0)
    _, trace = run.model.run_with_trace(batch.x, target=batch.y, loss_mask=batch.loss_mask)
    f, i, g = (trace[f"l0.{q}"][0, 50, 63] for q in ("forget_gate", "input_gate", "cell_candidate"))
    kept, written = f * trace["l0.cell"][0, 49, 63], i * g
    text = reveal(lesson_app("zh", lesson="conveyor_belt", step=3))
    assert f"= {kept:.3f}，" in text and f"= {written:.3f}。" in text
    assert text.startswith("**A." if abs(kept) >= abs(written) else "**B.")


def test_the_silencing_reveal_states_the_accuracy_after():
    run = runs.load_pretrained("remember_first-lstm")
    units, _ = interventions.memory_units(run.model, run.task, batch=64, seed=0, count=3)
    result = interventions.effect(
        run.model, run.task, interventions.silence(units, to="zero"), batch=256, seed=0
    )
    text = reveal(lesson_app(lesson="silence_memory", step=1))
    assert f"{result.metric_before:.1%} before, {result.metric_after:.1%} after" in text


def test_a_lesson_link_reopens_its_step_in_either_language_and_next_moves_it():
    for lang, words in (("en", "Step 3 of 5"), ("zh", "第 3 步（共 5 步）")):
        at = lesson_app(lang, lesson="conveyor_belt", step=3)
        assert_ok(at)
        assert words in heading(at)
        button(at, "lesson_next").click()
        at.run()
        assert at.query_params["step"] == "4" and at.query_params["lesson"] == "conveyor_belt"
        button(at, "lesson_prev").click()
        at.run()
        assert at.query_params["step"] == "3"


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ({"lesson": "<script>alert(1)</script>"}, "lesson"),
        ({"lesson": "no_such_lesson"}, "lesson named no_such_lesson"),
        ({"lesson": "conveyor_belt", "step": "99"}, "step"),
        ({"lesson": "conveyor_belt", "step": "-1"}, "step"),
        ({"lesson": "conveyor_belt", "step": "2e9"}, "step"),
        ({"lesson": "conveyor_belt", "step": "7"}, "step=7"),
        ({"lesson": "conveyor_belt", "step": "nan"}, "step"),
        ({"present": "maybe"}, "present"),
    ],
)
def test_a_hostile_lesson_or_step_shows_a_message_and_falls_back(query, notice):
    at = lesson_app(**query)
    assert not at.exception, [e.value for e in at.exception]
    messages = " ".join(w.value for w in at.warning)
    assert notice in messages, messages
    if query.get("lesson") == "conveyor_belt":
        assert "Step 1 of 5" in heading(at) or "Step 5 of 5" in heading(at)
    assert "<script>" not in " ".join(m.value for m in at.markdown)


def test_the_presenter_switch_is_kept_in_the_url_and_has_a_way_out():
    at = lesson_app(lesson="gates_at_work", step=1, present=1)
    assert_ok(at)
    assert button(at, "present_exit") and at.query_params["present"] == "1"
    assert not any(b.key == "lesson_present" for b in at.button)
    layout = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]
    assert layout["height"] == lesson_page.PRESENT_FIGURE_HEIGHT
    assert layout["font"]["size"] == lesson_page.PRESENT_FONT
    at = lesson_app(lesson="gates_at_work", step=2, present=1)  # the cell diagram keeps its own size
    assert json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["height"] == diagram_height("lstm")
    button(at, "present_exit").click()
    at.run()
    assert "present" not in at.query_params
