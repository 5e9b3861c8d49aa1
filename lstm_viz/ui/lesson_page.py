"""The Lessons page's parts: the list of lessons, and one step (its text, its live view, its question).

The lesson and step on screen are the URL settings `lesson` and `step` (counted from 1), so a lesson link
reopens at its step in either language. A lesson is listed only when every page its views come from is in
the navigation and every pretrained model they read ships (the Reading text page's chars-* models). A step
draws its text and question on the left and its live view on the right, sized so the whole step fits a
1280x720 projector in the presenter view; Previous / Next (and the arrow keys there) move through the steps,
and Reveal computes the answer from the live model (`lesson_reveals`).
"""

from __future__ import annotations

import streamlit as st

from lstm_viz.figures.cell_diagram import MIN_WIDTH, diagram_height

from . import engine_cache, fit, kit, lesson_reveals, lesson_views, presenter, state
from .lesson_catalog import VIEWS
from .lesson_files import Lesson, Step, load_all
from .navigation import BY_URL
from .strings import Strings

FIGURE_HEIGHT = 470  # px of a step's figure outside the presenter view
PRESENT_FIGURE_HEIGHT = 500  # px in the presenter view: with the header it fits a 720 px high window
PRESENT_FONT = 16  # px of a figure's text in the presenter view
_REVEALED = "lv_revealed"  # session: the (lesson, step) whose answers the teacher revealed
LETTERS = "ABCD"


@st.cache_resource(max_entries=1, show_spinner=False)
def lessons() -> tuple[list[Lesson], list[str]]:
    """The lesson files, read once per server (they ship with the app)."""
    return load_all()


def listed() -> dict[str, Lesson]:
    """The lessons whose pages are all in the navigation and whose pretrained models all ship, by name, in
    their order."""
    shipped = set(engine_cache.pretrained_names())
    return {
        lesson.name: lesson
        for lesson in lessons()[0]
        if lesson.pages <= set(BY_URL)
        and all(lesson_views.models_needed(step) <= shipped for step in lesson.steps)
    }


def current(s: Strings) -> tuple[Lesson | None, int]:
    """The lesson and step (from 1) the URL asks for; an unknown lesson falls back to the list, with a
    notice, and a step past its lesson's end to its last step."""
    name = state.settings()["lesson"]
    shown = listed()
    if name and name not in shown:
        st.warning(s.notice("lessons_unknown", {"name": name[:60]}), icon=":material/info:")
        state.put("lesson", "")
        state.put("step", 1)
        return None, 1
    if not name:
        return None, 1
    lesson = shown[name]
    return lesson, state.clamp_int("step", 1, len(lesson.steps), default=1)


def _open(name: str, step: int) -> None:
    state.put("lesson", name)
    state.put("step", step)


def draw_list(s: Strings) -> None:
    st.title(s["page_lessons"])
    kit.show_notices(s, model=False)
    st.markdown(s["lessons_intro"])
    for problem in lessons()[1]:
        st.warning(s.notice("lessons_file_problem", {"problem": problem}), icon=":material/error:")
    shown = listed()
    if not shown:
        st.info(s["lessons_none"], icon=":material/info:")
    for column, lesson in zip(st.columns(2) * len(shown), shown.values(), strict=False):
        with column.container(border=True):
            st.markdown(f"**{lesson.title(s.lang)}**")
            st.markdown(lesson.summary(s.lang))
            st.caption(s("lessons_steps", count=len(lesson.steps)))
            st.button(s["lessons_start"], key=f"start_{lesson.name}", on_click=_open, args=(lesson.name, 1))


def _figure(shown: lesson_views.Shown, present: bool) -> dict:
    """The view's figure sized for the lesson, its text enlarged in the presenter view."""
    layout = dict(shown.figure.get("layout", {}))
    layout["height"] = PRESENT_FIGURE_HEIGHT if present else FIGURE_HEIGHT
    if present:
        layout["font"] = {**layout.get("font", {}), "size": PRESENT_FONT}
    return {**shown.figure, "layout": layout}


def _show(shown: lesson_views.Shown, page: str, kind: str, present: bool) -> None:
    """The step's figure; the cell diagram (Inside one step), whose labels are placed for its own size, is
    drawn at that size and scaled down as a whole to the column (ui/fit.py), never squeezed."""
    if page != "inside_step":
        kit.show_figure(_figure(shown, present), key="lesson_figure")
        return
    fit.style("lesson_diagram_box", MIN_WIDTH, diagram_height(kind))
    with st.container(key="lesson_diagram_box"):
        kit.show_figure(shown.figure, key="lesson_figure")


def _question(s: Strings, lesson: Lesson, number: int, step: Step, ctx, settings) -> None:
    question = step.question
    st.markdown(f"**{s['lessons_question']}** {question.text(s.lang)}")
    st.markdown("\n".join(f"- **{LETTERS[i]}.** {c.text(s.lang)}" for i, c in enumerate(question.choices)))
    revealed = st.session_state.setdefault(_REVEALED, set())
    if (lesson.name, number) not in revealed:
        st.button(s["lessons_reveal"], key="lesson_reveal", type="primary",
                  on_click=revealed.add, args=((lesson.name, number),))  # fmt: skip
        return
    with st.spinner(s["lessons_computing"]):
        found = lesson_reveals.reveal(question.reveal, ctx, settings, s)
    right = question.right_choice(found.outcome)
    verdict = s("lessons_right", letter=LETTERS[right], choice=question.choices[right].text(s.lang))
    st.success(f"{verdict} {found.text}", icon=":material/check_circle:")


def draw_step(s: Strings, lesson: Lesson, number: int) -> None:
    step = lesson.steps[number - 1]
    present = presenter.is_on()
    if not present:
        st.title(lesson.title(s.lang))
    kit.show_notices(s, model=False)
    previous, middle, following = st.columns([1.4, 7, 1.4], vertical_alignment="center")
    previous.button(s["lessons_prev"], key="lesson_prev", on_click=_open, args=(lesson.name, number - 1),
                    disabled=number == 1, width="stretch")  # fmt: skip
    following.button(s["lessons_next"], key="lesson_next", on_click=_open, args=(lesson.name, number + 1),
                     disabled=number == len(lesson.steps), width="stretch")  # fmt: skip
    heading = s("lessons_step_of", step=number, count=len(lesson.steps), title=step.title(s.lang))
    middle.markdown(f"#### {heading}")

    settings = lesson_views.settings_for(step)
    ctx, notes = lesson_views.context_for(settings, s.lang)
    for key, kwargs in notes:
        state.notify(key, **kwargs)
    words, picture = st.columns([2, 3], gap="large")
    with picture:
        with st.spinner(s("computing", what=ctx.arch_label())):
            try:
                shown = lesson_views.draw(step.view, ctx, settings, s)
            except ValueError as error:
                shown = None
                st.error(
                    s.notice("lessons_view_failed", {"error": str(error)[:200]}), icon=":material/error:"
                )
        if shown is not None:
            _show(shown, VIEWS[step.view].page, ctx.kind, present)
    with words:
        st.markdown(step.text(s.lang))
        if shown is not None and shown.metrics:
            for column, (label, value) in zip(st.columns(len(shown.metrics)), shown.metrics, strict=True):
                column.metric(label, value)
        if step.question is not None:
            _question(s, lesson, number, step, ctx, settings)
    if shown is not None:
        (st.expander(s["lessons_how_to_read"]) if present else st).caption(shown.caption)
    kit.show_notices(s)
    bottom = st.columns([1, 1, 3])
    bottom[0].button(s["lessons_all"], key="lesson_all", on_click=_open, args=("", 1))
    if not present:
        bottom[1].button(
            s["lessons_present"], key="lesson_present", on_click=state.put, args=("present", True)
        )
