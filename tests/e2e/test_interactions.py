"""The main interactions done the way a person does them, checking that the page shows the change."""

import pytest

from tests.e2e.browser_checks import assert_healthy, wait_for_charts, wait_until_idle

pytestmark = pytest.mark.e2e


def first_chart_marker(page) -> float:
    return page.evaluate("() => document.querySelector('.js-plotly-plot').layout.shapes[0].x0")


def test_moving_the_time_step_slider_moves_the_marker_and_the_link(page, app_url):
    page.goto(f"{app_url}/gates")
    wait_until_idle(page)
    wait_for_charts(page, 1)
    start = first_chart_marker(page)
    page.locator('[data-testid="stSlider"] input[type="range"]').first.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "t => document.querySelector('.js-plotly-plot').layout.shapes[0].x0 == t",
        arg=start + 3,
        timeout=30_000,
    )
    wait_until_idle(page)
    page.wait_for_function(
        "t => window.location.search.includes('t=' + t)", arg=int(start + 3), timeout=10_000
    )
    assert_healthy(page)


def test_changing_the_architecture_redraws_its_gates(page, app_url):
    page.goto(f"{app_url}/gates")
    wait_until_idle(page)
    wait_for_charts(page, 1)
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(
        has_text="Architecture"
    ).click()
    page.get_by_role("option", name="GRU", exact=True).click()
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.js-plotly-plot')).some("
        "el => JSON.stringify(el.layout.title || '').includes('reset gate'))",
        timeout=60_000,
    )
    wait_until_idle(page)
    assert "kind=gru" in page.url
    assert_healthy(page)


def test_a_shared_link_reopens_the_same_view(page, app_url):
    page.goto(f"{app_url}/inside_step?kind=gru&t=12&lang=zh")
    wait_until_idle(page)
    wait_for_charts(page, 1)
    slider = page.locator('[data-testid="stSlider"] input[type="range"]').first
    assert slider.get_attribute("value") == "12"
    assert page.locator('[data-testid="stSidebar"]').get_by_text("中文").count() >= 1
    assert "更新门" in page.inner_text('[data-testid="stMain"]') or "重置门" in page.inner_text(
        '[data-testid="stMain"]'
    )
    assert_healthy(page)


MARKERS_JS = """() => Array.from(document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot'))
    .filter(el => (el.layout.shapes || []).some(s => s.name === 'time_marker'))
    .map(el => [el.layout.shapes[0].x0, el.querySelector('.shapelayer path').getAttribute('d')])"""


def test_moving_the_time_step_moves_every_marker_without_sending_the_heatmaps_again(page, app_url):
    """Issue 16, goal 1: only what changes travels; the heatmaps stay, their markers move to the new step."""
    received = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: received.append(len(payload))))
    page.goto(f"{app_url}/gates")
    wait_until_idle(page)
    wait_for_charts(page, 8)
    # every heatmap drawn (in the compact layout the small multiples come after the large one)
    page.wait_for_function(f"() => ({MARKERS_JS})().length >= 8", timeout=60_000)
    before = page.evaluate(MARKERS_JS)
    received.clear()
    page.locator('[data-testid="stSlider"] input[type="range"]').first.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => window.location.search.includes('t=11')", timeout=30_000)
    wait_until_idle(page)
    page.wait_for_function(f"() => ({MARKERS_JS})().filter(([x]) => x === 11).length >= 8", timeout=30_000)
    after = page.evaluate(MARKERS_JS)
    assert len(before) == len(after) == 8  # LSTM: six quantities and two gradients
    assert [x for x, _ in before] == [10] * 8 and [x for x, _ in after] == [11] * 8
    moved = [new != old for (_, old), (_, new) in zip(before, after, strict=True)]
    assert all(moved)  # the lines drawn moved too, not only the layout's numbers
    assert sum(received) < 20_000, received  # one heatmap alone is about 45 KB
    assert_healthy(page)
