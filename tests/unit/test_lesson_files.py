"""The lesson files: every step in both languages, views and settings the pages accept, valid answer keys;
and the loader's messages name the file and the step."""

from pathlib import Path

import pytest

from lstm_viz import limits
from lstm_viz.ui import lesson_reveals, lesson_views
from lstm_viz.ui.lesson_catalog import GLOBAL_SETTINGS, REVEALS, VIEWS
from lstm_viz.ui.lesson_files import LESSONS_DIR, LessonError, load, load_all
from lstm_viz.ui.navigation import BY_URL
from lstm_viz.ui.url_params import LANGS, PARAMS

LESSONS, PROBLEMS = load_all()
STEPS = [(lesson, n, step) for lesson in LESSONS for n, step in enumerate(lesson.steps, 1)]


def test_every_shipped_file_loads_and_there_are_four_to_six():
    assert PROBLEMS == []
    assert len(list(LESSONS_DIR.glob("*.toml"))) == len(LESSONS)
    assert 4 <= len(LESSONS) <= 6
    assert len({lesson.name for lesson in LESSONS}) == len(LESSONS)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.name)
def test_a_lesson_has_five_to_eight_steps_with_text_in_both_languages(lesson):
    assert limits.LESSON_MIN_STEPS <= len(lesson.steps) <= limits.LESSON_MAX_STEPS
    for lang in LANGS:
        assert lesson.title(lang).strip() and lesson.summary(lang).strip()
        for step in lesson.steps:
            assert step.title(lang).strip() and step.text(lang).strip()
            if step.question:
                assert step.question.text(lang).strip()
                assert all(choice.text(lang).strip() for choice in step.question.choices)


@pytest.mark.parametrize(("lesson", "number", "step"), STEPS, ids=lambda v: getattr(v, "name", str(v)))
def test_a_step_names_a_page_of_the_app_and_settings_valid_for_it(lesson, number, step):
    spec = VIEWS[step.view]
    assert step.page == spec.page and spec.page in BY_URL
    page_params = set(spec.params)
    for name, value in step.settings:
        assert name in GLOBAL_SETTINGS or name in page_params, name
        assert PARAMS[name].parse(PARAMS[name].dump(value)) == value  # a value a link carries as it is
    settings = lesson_views.settings_for(step)
    if spec.kinds:
        assert settings["kind"] in spec.kinds
    assert step.view in lesson_views.VIEWS or step.view.startswith("gates.")


@pytest.mark.parametrize(("lesson", "number", "step"), [s for s in STEPS if s[2].question], ids=str)
def test_a_question_has_one_choice_per_outcome_of_its_reveal(lesson, number, step):
    question = step.question
    assert question.reveal in lesson_reveals.REVEALS
    outcomes = [choice.outcome for choice in question.choices]
    assert sorted(outcomes) == sorted(REVEALS[question.reveal])
    for outcome in REVEALS[question.reveal]:
        assert question.choices[question.right_choice(outcome)].outcome == outcome


def test_the_catalogue_and_the_implementations_agree():
    assert set(lesson_reveals.REVEALS) == set(REVEALS)
    assert set(VIEWS) == set(lesson_views.VIEWS) | {name for name in VIEWS if name.startswith("gates.")}


GOOD = """
title.en = "T"
title.zh = "标题"
summary.en = "S"
summary.zh = "摘要"
[settings]
task = "adding"
"""
STEP = """
[[steps]]
view = "{view}"
settings = {{ {settings} }}
title.en = "a"
title.zh = "甲"
text.en = "One sentence. Two sentences."
text.zh = "一句。两句。"
"""


def write(tmp_path: Path, body: str, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def steps(count=5, view="vanishing.grad_lines", settings='rho = "0.5"', extra=""):
    return "".join(STEP.format(view=view, settings=settings) + extra for _ in range(count))


def test_a_minimal_lesson_loads(tmp_path):
    lesson = load(write(tmp_path, GOOD + steps()))
    assert lesson.name == "mine" and len(lesson.steps) == 5
    assert dict(lesson.steps[0].settings) == {"task": "adding", "rho": "0.5"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (GOOD + steps(4), "4 steps, a lesson has 5 to 8"),
        (GOOD + steps(9), "9 steps"),
        (GOOD + steps(view="nowhere.chart"), "step 1: `view` must be one of"),
        (GOOD + steps(settings='rho = "7"'), "step 1: setting `rho` = '7' is refused by the app"),
        (GOOD + steps(settings="t = 5"), "step 1: setting `t` is not one this view reads"),
        (GOOD + steps(settings='kind = "gru"', view="gates.forget_gate"), "not kind 'gru'"),
        (GOOD + steps(settings="hidden = 0"), "setting `hidden` = 0 is refused"),
        (GOOD.replace('title.zh = "标题"\n', "") + steps(), "`title` has no zh text"),
        (GOOD + steps().replace("一句。两句。", "只有一句。"), "`text.zh` has 1 sentences"),
        ("title = [", "cannot be read as TOML"),
    ],
)
def test_a_bad_file_is_refused_naming_the_file_and_the_step(tmp_path, body, message):
    with pytest.raises(LessonError, match="mine.toml") as error:
        load(write(tmp_path, body))
    assert message in str(error.value)


QUESTION = """
[steps.question]
reveal = "{reveal}"
en = "Q?"
zh = "问？"
choices = [{choices}]
"""


@pytest.mark.parametrize(
    ("reveal", "choices", "message"),
    [
        ("nothing", '{ outcome = "a", en = "a", zh = "甲" }', "question's `reveal` must be one of"),
        ("start_vs_end", '{ outcome = "larger", en = "a", zh = "甲" }', "2 to 4 `choices`"),
        ("start_vs_end", '{ outcome = "larger", en = "a", zh = "甲" }, { outcome = "larger", en = "b", zh = "乙" }',  # noqa: E501
         "must be those of reveal `start_vs_end`"),
        ("start_vs_end", '{ outcome = "larger", en = "a", zh = "甲" }, { outcome = "smaller", en = "b" }',
         "choice 2` has no zh text"),
    ],
)  # fmt: skip
def test_a_question_without_a_valid_answer_key_is_refused(tmp_path, reveal, choices, message):
    body = GOOD + steps(extra=QUESTION.format(reveal=reveal, choices=choices))
    with pytest.raises(LessonError, match="step 1") as error:
        load(write(tmp_path, body))
    assert message in str(error.value)


def test_load_all_reports_a_broken_file_and_keeps_the_others(tmp_path):
    write(tmp_path, GOOD + steps(), "good.toml")
    write(tmp_path, "not toml [", "broken.toml")
    write(tmp_path, GOOD + steps(), "Bad Name.toml")
    lessons, problems = load_all(tmp_path)
    assert [lesson.name for lesson in lessons] == ["good"]
    assert len(problems) == 2 and any("broken.toml" in p for p in problems)
