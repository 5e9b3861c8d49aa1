"""Every page in a real browser, in English and Chinese: it finishes, charts hold data, no error is logged."""

import pytest

from lstm_viz.ui.lesson_files import load_all
from lstm_viz.ui.navigation import PAGES
from tests.e2e.browser_checks import assert_healthy, screenshot_whole, wait_for_content, wait_until_idle
from tests.e2e.conftest import SCREENSHOTS

pytestmark = pytest.mark.e2e
URL_PATHS = [page.url for page in PAGES]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("url_path", URL_PATHS)
def test_page_renders_with_charts_and_no_errors(page, app_url, url_path, lang):
    path = "" if url_path == URL_PATHS[0] else url_path
    page.goto(f"{app_url}/{path}?lang={lang}")
    wait_until_idle(page)
    wait_for_content(page, url_path)
    if url_path == "lessons":
        for lesson in load_all()[0]:
            assert page.get_by_text(lesson.title(lang), exact=True).count() == 1
    assert_healthy(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    screenshot_whole(page, SCREENSHOTS / f"{url_path}-{lang}.png")
