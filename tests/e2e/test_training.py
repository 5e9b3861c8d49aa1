"""Start and stop a short training run in the browser; the stopped run is saved and offered as a model."""

import re

import pytest

from tests.e2e.browser_checks import assert_healthy, screenshot_whole, wait_for_points, wait_until_idle
from tests.e2e.conftest import SCREENSHOTS

pytestmark = pytest.mark.e2e


def test_start_then_stop_a_training_run(page, app_url):
    page.goto(f"{app_url}/train?tr_kinds=2&tr_hidden=16&tr_batch=16&tr_steps=3000&length=40")
    wait_until_idle(page)
    page.get_by_role("button", name="Start", exact=True).click()
    progress = page.get_by_text("Training the LSTM")
    progress.wait_for(timeout=60_000)
    wait_for_points(page, 3)  # the loss curve of this run grows while it trains
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    screenshot_whole(page, SCREENSHOTS / "train-running-en.png")
    page.get_by_role("button", name="Stop", exact=True).click()
    page.get_by_text("Stopped after").wait_for(timeout=60_000)
    wait_until_idle(page)
    screenshot_whole(page, SCREENSHOTS / "train-stopped-en.png")
    assert_healthy(page)

    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("A saved run", exact=True).click()
    wait_until_idle(page)
    screenshot_whole(page, SCREENSHOTS / "train-saved-run-en.png")
    chosen = sidebar.locator('[data-testid="stSelectbox"]').filter(has_text="Saved run")
    label = chosen.get_by_role("combobox").input_value()  # the run just saved: architecture first, partial
    assert label.startswith("LSTM · ") and "/3000 steps, partial" in label
    assert re.search(r" · adding-40-\S+-lstm$", label), label
    assert_healthy(page)
