"""The What if page in a real browser: one click on a preset runs it, the numbers shown are the library's, the
link keeps the preset, and nothing is logged as an error."""

import pytest

from lstm_viz import interventions as what_if
from lstm_viz import limits, tasks
from lstm_viz.training.runs import load_pretrained
from tests.e2e.browser_checks import assert_healthy, screenshot_whole, wait_for_charts, wait_until_idle
from tests.e2e.conftest import SCREENSHOTS

pytestmark = pytest.mark.e2e


def test_one_click_on_a_preset_shows_the_librarys_numbers(page, app_url):
    page.goto(f"{app_url}/what_if?task=remember_first")
    wait_until_idle(page)
    wait_for_charts(page, 4)  # before, after, difference, memory curves
    assert_healthy(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    screenshot_whole(page, SCREENSHOTS / "what_if-memory.png")

    page.locator('[data-testid="stButtonGroup"]').get_by_text("Forget gate stuck at 0", exact=True).click()
    page.wait_for_function("() => window.location.search.includes('wi_preset=forget_shut')", timeout=60_000)
    wait_until_idle(page)
    wait_for_charts(page, 4)
    task = tasks.get("remember_first", lag=100)
    model = load_pretrained("remember_first-lstm").model
    result = what_if.effect(
        model, task, what_if.clamp("forget_gate", None, 0.0), batch=limits.WHAT_IF_MAX_BATCH, seed=0
    )
    main = page.inner_text('[data-testid="stMain"]')
    assert f"Accuracy fell from {result.metric_before:.1%} to {result.metric_after:.1%}" in main
    assert_healthy(page)
    screenshot_whole(page, SCREENSHOTS / "what_if-forget_shut.png")
