"""Lessons as data: read and check the lesson files (`lstm_viz/lessons/*.toml`), one file per lesson.

A lesson file holds both languages side by side, so its steps are the same in English and Chinese by
construction. Each step names a live view (`lesson_catalog.VIEWS`) and the settings it opens with, as URL
names and values: they are parsed by the same registry the pages use (`url_params.PARAMS`), so a value a
link would refuse is refused here too. A question names a computed reveal (`lesson_catalog.REVEALS`) and
ties each choice to one of its outcomes. Every problem is a `LessonError` naming the file and the step.
Pure: no Streamlit, so tests and teachers check a file with `load(path)` alone.

The files ship inside the package (pyproject's package-data), next to the code that reads them, so a checkout
and an installed wheel find them at the same place without a path mapping.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lstm_viz import limits

from .lesson_catalog import GLOBAL_SETTINGS, REVEALS, VIEWS
from .url_params import LANGS, PARAMS

LESSONS_DIR = Path(__file__).resolve().parent.parent / "lessons"
_NAME = re.compile(r"^[a-z0-9_]{1,40}$")
_SENTENCE_END = {"en": re.compile(r"[.!?](?=\s|$)"), "zh": re.compile(r"[。！？]")}
MIN_SENTENCES, MAX_SENTENCES = 2, 4


class LessonError(ValueError):
    """A lesson file that cannot be used; the message names the file and, where it applies, the step."""


@dataclass(frozen=True)
class Text:
    """One text in every language of the app."""

    en: str
    zh: str

    def __call__(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Choice:
    outcome: str  # the reveal's outcome that makes this choice the right one
    text: Text


@dataclass(frozen=True)
class Question:
    text: Text
    reveal: str  # a name in lesson_catalog.REVEALS
    choices: tuple[Choice, ...]

    def right_choice(self, outcome: str) -> int:
        """The index of the choice the outcome makes right."""
        return next(i for i, choice in enumerate(self.choices) if choice.outcome == outcome)


@dataclass(frozen=True)
class Step:
    title: Text
    text: Text
    view: str  # a name in lesson_catalog.VIEWS
    settings: tuple[tuple[str, Any], ...]  # (URL name, parsed value): the lesson's, then the step's own
    question: Question | None

    @property
    def page(self) -> str:
        return VIEWS[self.view].page


@dataclass(frozen=True)
class Lesson:
    name: str  # the file's stem, which is also the `lesson` value of its links
    order: int
    title: Text
    summary: Text
    steps: tuple[Step, ...]

    @property
    def pages(self) -> set[str]:
        return {step.page for step in self.steps}


def _text(table: Any, where: str, what: str, max_chars: int = limits.LESSON_MAX_TEXT_CHARS) -> Text:
    if not isinstance(table, dict):
        raise LessonError(f"{where}: `{what}` must be a table with `en` and `zh` texts")
    values = {}
    for lang in LANGS:
        value = table.get(lang)
        if not isinstance(value, str) or not value.strip():
            raise LessonError(f"{where}: `{what}` has no {lang} text")
        if len(value) > max_chars:
            raise LessonError(f"{where}: `{what}.{lang}` has {len(value)} characters, at most {max_chars}")
        values[lang] = " ".join(value.split())
    extra = set(table) - set(LANGS)
    if extra:
        raise LessonError(f"{where}: `{what}` has unknown languages {sorted(extra)}")
    return Text(**values)


def _url_text(value: Any) -> str:
    """A TOML value as the text a link would carry."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


def _settings(table: Any, where: str, allowed: tuple[str, ...]) -> dict[str, Any]:
    if table is None:
        return {}
    if not isinstance(table, dict):
        raise LessonError(f"{where}: `settings` must be a table of URL settings")
    parsed = {}
    for name, value in table.items():
        if name not in allowed:
            raise LessonError(
                f"{where}: setting `{name}` is not one this view reads (it reads {list(allowed)})"
            )
        try:
            parsed[name] = PARAMS[name].parse(_url_text(value))
        except ValueError:
            raise LessonError(f"{where}: setting `{name}` = {value!r} is refused by the app") from None
    return parsed


def _question(table: Any, where: str) -> Question:
    if not isinstance(table, dict):
        raise LessonError(f"{where}: `question` must be a table")
    reveal = table.get("reveal")
    if reveal not in REVEALS:
        raise LessonError(f"{where}: question's `reveal` must be one of {sorted(REVEALS)}, got {reveal!r}")
    text = _text({lang: table.get(lang) for lang in LANGS}, where, "question")
    raw = table.get("choices")
    if not isinstance(raw, list) or not 2 <= len(raw) <= limits.LESSON_MAX_CHOICES:
        raise LessonError(f"{where}: a question has 2 to {limits.LESSON_MAX_CHOICES} `choices`")
    choices = []
    for number, choice in enumerate(raw, 1):
        if not isinstance(choice, dict):
            raise LessonError(f"{where}: choice {number} must be a table with `outcome`, `en` and `zh`")
        text_of = _text({lang: choice.get(lang) for lang in LANGS}, where, f"choice {number}", 200)
        choices.append(Choice(choice.get("outcome"), text_of))
    outcomes = [choice.outcome for choice in choices]
    if sorted(outcomes) != sorted(REVEALS[reveal]):
        raise LessonError(
            f"{where}: the choices' outcomes {outcomes} must be those of reveal `{reveal}`, each once: "
            f"{list(REVEALS[reveal])}"
        )
    return Question(text, reveal, tuple(choices))


def _sentences(text: Text, where: str) -> None:
    for lang in LANGS:
        count = len(_SENTENCE_END[lang].findall(text(lang)))
        if not MIN_SENTENCES <= count <= MAX_SENTENCES:
            raise LessonError(
                f"{where}: `text.{lang}` has {count} sentences, a step has {MIN_SENTENCES} to {MAX_SENTENCES}"
            )


def _step(table: Any, where: str, shared: dict[str, Any]) -> Step:
    if not isinstance(table, dict):
        raise LessonError(f"{where}: a step must be a table")
    view = table.get("view")
    if view not in VIEWS:
        raise LessonError(f"{where}: `view` must be one of {sorted(VIEWS)}, got {view!r}")
    spec = VIEWS[view]
    own = _settings(table.get("settings"), where, GLOBAL_SETTINGS + spec.params)
    settings = {**shared, **own}
    kind = settings.get("kind", PARAMS["kind"].default)
    if spec.kinds and kind not in spec.kinds:
        raise LessonError(f"{where}: view `{view}` shows {list(spec.kinds)}, not kind {kind!r}")
    text = _text(table.get("text"), where, "text")
    _sentences(text, where)
    question = _question(table["question"], where) if "question" in table else None
    title = _text(table.get("title"), where, "title", 120)
    return Step(title, text, view, tuple(settings.items()), question)


def load(path: str | Path) -> Lesson:
    """The lesson in the TOML file `path`; LessonError naming the file (and step) when it is not valid."""
    path = Path(path)
    where = path.name
    if not _NAME.match(path.stem):
        raise LessonError(f"{where}: a lesson file is named with a-z, 0-9 and _ only (it is the link's name)")
    try:
        size = path.stat().st_size
        if size > limits.LESSON_MAX_FILE_BYTES:
            raise LessonError(
                f"{where}: {size} bytes, a lesson file has at most {limits.LESSON_MAX_FILE_BYTES}"
            )
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise LessonError(f"{where}: cannot be read as TOML: {error}") from None
    order = data.get("order", 100)
    if isinstance(order, bool) or not isinstance(order, int):
        raise LessonError(f"{where}: `order` must be an integer")
    shared = _settings(data.get("settings"), where, GLOBAL_SETTINGS)
    steps = data.get("steps")
    if not isinstance(steps, list) or not limits.LESSON_MIN_STEPS <= len(steps) <= limits.LESSON_MAX_STEPS:
        count = len(steps) if isinstance(steps, list) else 0
        raise LessonError(
            f"{where}: {count} steps, a lesson has {limits.LESSON_MIN_STEPS} to {limits.LESSON_MAX_STEPS}"
        )
    return Lesson(
        name=path.stem,
        order=order,
        title=_text(data.get("title"), where, "title", 120),
        summary=_text(data.get("summary"), where, "summary", 400),
        steps=tuple(_step(step, f"{where}, step {n}", shared) for n, step in enumerate(steps, 1)),
    )


def load_all(folder: str | Path = LESSONS_DIR) -> tuple[list[Lesson], list[str]]:
    """(the valid lessons of `folder` in their order, a message for every file that is not valid)."""
    lessons, problems = [], []
    for path in sorted(Path(folder).glob("*.toml")):
        try:
            lessons.append(load(path))
        except LessonError as error:
            problems.append(str(error))
    lessons.sort(key=lambda lesson: (lesson.order, lesson.name))
    return lessons, problems
