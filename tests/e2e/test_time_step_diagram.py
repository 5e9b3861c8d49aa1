"""Inside one step, issue 16 goal 1: moving the time step relayouts the cell diagram already on screen (its
labels and box colours) instead of drawing it anew, and what it then shows is the diagram of that step."""

import json

import pytest

from lstm_viz.ui.strings import strings_for
from tests.e2e.browser_checks import assert_healthy, wait_for_charts, wait_until_idle

pytestmark = pytest.mark.e2e
STRINGS = {"en": strings_for("en"), "zh": strings_for("zh")}

CHART = ".st-key-step_diagram .js-plotly-plot"
DIAGRAM_JS = f"""() => {{
    const gd = document.querySelector('{CHART}');
    if (!gd || !gd._fullLayout) return null;
    return {{
        drawn: Array.from(gd.querySelectorAll('.annotation-text')).map(el => el.textContent),
        fills: Array.from(gd.querySelectorAll('.shapelayer path')).map(el => el.style.fill),
        same: gd.dataset.lvSeen === '1',
    }};
}}"""


def open_diagram(page, url: str) -> dict:
    page.goto(url)
    wait_until_idle(page)
    wait_for_charts(page, 1)
    page.wait_for_function(f"() => ({DIAGRAM_JS})() !== null", timeout=60_000)
    return page.evaluate(DIAGRAM_JS)


@pytest.mark.parametrize("query", ["", "&kind=gru&lang=zh"])
def test_moving_the_time_step_shows_that_steps_diagram_without_drawing_it_anew(page, app_url, query):
    start = open_diagram(page, f"{app_url}/inside_step?t=10{query}")
    page.evaluate(f"() => {{ document.querySelector('{CHART}').dataset.lvSeen = 1 }}")
    page.locator('[data-testid="stMain"] [data-testid="stSlider"] input[type="range"]').first.focus()
    for step in (11, 12, 13):
        page.keyboard.press("ArrowRight")
        page.wait_for_function(f"() => window.location.search.includes('t={step}')", timeout=30_000)
        wait_until_idle(page)
    changed = f"() => ({DIAGRAM_JS})().drawn.join() !== {json.dumps(start['drawn'])}.join()"
    page.wait_for_function(changed, timeout=10_000)
    page.wait_for_timeout(500)  # any later script would have run by now
    moved = page.evaluate(DIAGRAM_JS)
    page.get_by_role("button", name=STRINGS[query[-2:] or "en"]["prev_step"], exact=True).click()
    page.wait_for_function("() => window.location.search.includes('t=12')", timeout=30_000)
    wait_until_idle(page)
    page.wait_for_timeout(500)
    previous = page.evaluate(DIAGRAM_JS)
    assert moved["same"] and previous["same"]  # the chart on screen is the one first drawn: not replaced
    assert_healthy(page)
    for step, shown in ((13, moved), (12, previous)):  # the page opened at that step draws the same
        fresh = open_diagram(page, f"{app_url}/inside_step?t={step}{query}")
        assert not fresh["same"]
        assert shown["drawn"] == fresh["drawn"] and shown["fills"] == fresh["fills"], step
    assert moved["drawn"] != start["drawn"] and moved["fills"] != start["fills"]
    assert previous["drawn"] != moved["drawn"]
    assert_healthy(page)
