"""The presenter view in Chromium at a projector's 1280x720: every lesson step shows its text and its whole
figure without scrolling, the arrow keys move the step, and a copied lesson link reopens the same step in
both languages. Screenshots of a few steps go to tests/e2e/screenshots/."""

from __future__ import annotations

import re

import pytest

from lstm_viz.ui.lesson_files import load_all

from .browser_checks import APP_READY_TIMEOUT_MS, assert_healthy, wait_until_idle
from .conftest import SCREENSHOTS, record_problems

pytestmark = pytest.mark.e2e
LESSONS, _ = load_all()
PROJECTOR = {"width": 1280, "height": 720}


@pytest.fixture
def projector(browser):
    context = browser.new_context(viewport=PROJECTOR)
    page = context.new_page()
    record_problems(page)
    yield page
    context.close()


def open_step(page, url: str) -> None:
    page.goto(url)
    wait_until_idle(page)
    page.wait_for_selector('[data-testid="stMain"] .js-plotly-plot .main-svg', timeout=APP_READY_TIMEOUT_MS)
    wait_until_idle(page)


def heading(page) -> str:
    return page.locator('[data-testid="stMarkdownContainer"] h4').first.inner_text()


def inside_viewport(page, box) -> bool:
    size = page.viewport_size
    return box and box["y"] >= 0 and box["x"] >= 0 and box["y"] + box["height"] <= size["height"] + 0.5 and (
        box["x"] + box["width"] <= size["width"] + 0.5
    )


def wait_for_step(page, number: int, count: int) -> None:
    page.wait_for_function(
        "text => Array.from(document.querySelectorAll('[data-testid=\"stMarkdownContainer\"] h4'))"
        ".some(h => h.innerText.startsWith(text))",
        arg=f"Step {number} of {count}",
        timeout=APP_READY_TIMEOUT_MS,
    )
    wait_until_idle(page)
    page.wait_for_selector('[data-testid="stMain"] .js-plotly-plot .main-svg', timeout=APP_READY_TIMEOUT_MS)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.name)
def test_every_step_fits_the_projector_and_the_arrow_key_moves_it(app_url, projector, lesson):
    page = projector
    open_step(page, f"{app_url}/lessons?lesson={lesson.name}&step=1&present=1")
    assert page.locator('[data-testid="stSidebar"]').count() == 0 or not page.locator(
        '[data-testid="stSidebar"]'
    ).is_visible()
    count = len(lesson.steps)
    for number, step in enumerate(lesson.steps, 1):
        wait_for_step(page, number, count)
        assert f"step={number}" in page.url or number == 1
        text = page.locator('[data-testid="stMarkdownContainer"] p', has_text=step.text("en")[:40]).first
        assert inside_viewport(page, text.bounding_box()), (lesson.name, number, text.bounding_box())
        size = float(text.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
        assert size >= 24, size
        figure = page.locator('[data-testid="stMain"] .js-plotly-plot').first
        assert inside_viewport(page, figure.bounding_box()), (lesson.name, number, figure.bounding_box())
        assert_healthy(page)
        if number in (1, 3):
            page.screenshot(path=SCREENSHOTS / f"lesson-{lesson.name}-{number}-present.png")
        if number < count:
            page.locator("body").press("ArrowRight")
    page.locator("body").press("ArrowLeft")
    wait_for_step(page, count - 1, count)
    assert re.search(rf"[?&]step={count - 1}(&|$)", page.url)


def test_a_copied_lesson_link_reopens_the_same_step_in_both_languages(app_url, projector, browser):
    page = projector
    open_step(page, f"{app_url}/lessons?lesson=conveyor_belt&step=2&present=1")
    page.locator("body").press("PageDown")
    wait_for_step(page, 3, 5)
    copied = page.url
    assert "lesson=conveyor_belt" in copied and "step=3" in copied
    for lang, words in (("en", "Step 3 of 5"), ("zh", "第 3 步（共 5 步）")):
        context = browser.new_context(viewport=PROJECTOR)
        fresh = context.new_page()
        record_problems(fresh)
        link = re.sub(r"([?&])lang=[a-z]+&?", r"\1", copied).rstrip("&")
        open_step(fresh, f"{link}&lang={lang}")
        assert heading(fresh).startswith(words)
        assert_healthy(fresh)
        fresh.screenshot(path=SCREENSHOTS / f"lesson-conveyor_belt-3-{lang}.png")
        context.close()
