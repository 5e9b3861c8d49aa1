"""A fresh `streamlit run app.py` whose very first request is a deep link.

With a `pages/` folder beside app.py, Streamlit runs the first script run of a process in its old multipage
mode, which executes the linked page script without the app's frame; the page must still come out whole:
the app's own page titles in the navigation, the sidebar, the charts, no error.
"""

import pytest

from lstm_viz.ui.navigation import PAGES
from lstm_viz.ui.strings import strings_for
from tests.e2e.browser_checks import assert_healthy, wait_for_charts, wait_until_idle
from tests.e2e.conftest import free_port, serving, start_app

pytestmark = pytest.mark.e2e


def test_a_deep_link_as_the_first_request_shows_the_whole_app(page, tmp_path):
    port = free_port()
    with serving(start_app(port, {"LSTM_VIZ_RUNS": str(tmp_path)}), port) as url:
        page.goto(f"{url}/gates?t=7")
        wait_until_idle(page)
        wait_for_charts(page, 1)
        assert_healthy(page)
        s = strings_for("en")
        assert page.locator("h1").first.inner_text().strip() == s["page_gates"]
        links = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
        titles = [text.strip().splitlines()[-1] for text in links]  # after the icon's ligature name
        assert titles == [s[entry.title_key] for entry in PAGES]
        assert page.get_by_text(s["sb_model"]).count() >= 1  # the shared sidebar was drawn
        assert "t=7" in page.url
