"""Fit and finish (issue 15) in Chromium: the first Gates heatmap above the fold of a 1280x720 projector, a
phone (390x844) without page overflow or colliding diagram labels, and Play / Stop moving the time step."""

import pytest

from tests.e2e.browser_checks import assert_healthy, wait_for_charts, wait_until_idle
from tests.e2e.conftest import record_problems

pytestmark = pytest.mark.e2e

PROJECTOR = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}

FIRST_CHART_BOX_JS = """() => {
    const chart = document.querySelector('[data-testid="stMain"] .js-plotly-plot');
    const box = chart.getBoundingClientRect();
    return {top: box.top, bottom: box.bottom, left: box.left, right: box.right};
}"""

# Every label of the cell diagram (annotations with text) and every node circle, as boxes on the screen.
DIAGRAM_BOXES_JS = """() => {
    const chart = document.querySelector('.st-key-step_diagram .js-plotly-plot');
    const box = el => { const r = el.getBoundingClientRect();
                        return [r.left, r.top, r.right, r.bottom]; };
    const labels = Array.from(chart.querySelectorAll('g.annotation'))
        .filter(g => (g.querySelector('text') || {}).textContent)
        .map(g => ({text: g.querySelector('text').textContent, box: box(g.querySelector('text'))}));
    const nodes = Array.from(chart.querySelectorAll('.scatterlayer path.point')).map(box);
    return {chart: box(chart), labels, nodes};
}"""

OVERFLOW_JS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const block = document.querySelector('[data-testid="stMainBlockContainer"]');
    const right = block.getBoundingClientRect().right - parseFloat(getComputedStyle(block).paddingRight);
    const wide = Array.from(document.querySelectorAll('.katex-display .katex'))
        .filter(el => el.getBoundingClientRect().right > right + 1).length;
    return {page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            main: main.scrollWidth - main.clientWidth, equations_beyond: wide};
}"""


def open_page(browser, url: str, viewport: dict):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    record_problems(page)
    page.goto(url)
    wait_until_idle(page)
    wait_for_charts(page, 1)
    page.wait_for_timeout(500)  # Plotly lays out its text after the chart appears
    return context, page


def overlap(a, b, slack: float = 1.0) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > slack and min(a[3], b[3]) - max(a[1], b[1]) > slack


@pytest.mark.parametrize("lang, query, charts", [("en", "", 9), ("zh", "", 9), ("en", "&compare=gru", 12)])
def test_the_first_gates_heatmap_is_above_the_fold_on_a_projector(browser, app_url, lang, query, charts):
    context, page = open_page(browser, f"{app_url}/gates?lang={lang}{query}", PROJECTOR)
    wait_for_charts(page, charts)  # the heatmaps and the saturation scatter, drawn in any order
    box = page.evaluate(FIRST_CHART_BOX_JS)
    assert 0 <= box["top"] and box["bottom"] <= PROJECTOR["height"], box
    assert box["right"] <= PROJECTOR["width"], box
    context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_phone_shows_home_and_inside_one_step_without_overflow_or_collisions(browser, app_url, lang):
    for path in ("", "inside_step"):
        context, page = open_page(browser, f"{app_url}/{path}?lang={lang}", PHONE)
        overflow = page.evaluate(OVERFLOW_JS)
        assert overflow["page"] <= 0 and overflow["main"] <= 0, (path, overflow)
        if path == "inside_step":
            assert overflow["equations_beyond"] == 0, overflow  # every equation fits the phone's width
            found = page.evaluate(DIAGRAM_BOXES_JS)
            chart, labels, nodes = found["chart"], found["labels"], found["nodes"]
            assert len(labels) >= 10 and len(nodes) >= 5, found
            assert chart[2] <= PHONE["width"], chart  # scaled to the phone's column
            for i, label in enumerate(labels):
                inside = label["box"]
                assert chart[0] - 1 <= inside[0] and inside[2] <= chart[2] + 1, label  # not clipped
                for other in labels[i + 1 :]:
                    assert not overlap(inside, other["box"]), (label, other)
                for node in nodes:
                    assert not overlap(inside, node), (label, node)
        assert_healthy(page)
        context.close()


def slider_value(page) -> int:
    slider = page.locator('[data-testid="stMain"] [data-testid="stSlider"] input[type="range"]').first
    return int(slider.input_value())


@pytest.mark.parametrize("path", ["inside_step", "gates"])
def test_play_moves_the_time_step_and_stop_stops_it(browser, app_url, path):
    context, page = open_page(browser, f"{app_url}/{path}?t=3", PROJECTOR)
    page.get_by_role("button", name="▶ Play", exact=True).click()
    page.wait_for_function("() => window.location.search.includes('t=6')", timeout=30_000)  # on by itself
    page.get_by_role("button", name="■ Stop", exact=True).click()
    page.get_by_role("button", name="▶ Play", exact=True).wait_for(timeout=30_000)
    wait_until_idle(page)
    stopped = slider_value(page)
    assert stopped >= 6
    page.wait_for_timeout(1500)  # several of Play's intervals
    wait_until_idle(page)
    assert slider_value(page) == stopped
    assert f"t={stopped}" in page.url
    if path == "gates":  # the heatmaps did not travel again: their markers moved in the browser
        markers = page.evaluate(
            """() => Array.from(document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot'))
                .filter(el => (el.layout.shapes || []).some(s => s.name === 'time_marker'))
                .map(el => el.layout.shapes.find(s => s.name === 'time_marker').x0)"""
        )
        assert markers == [stopped] * 8, markers
    assert_healthy(page)
    context.close()
