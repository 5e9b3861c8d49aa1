"""What every e2e test asks of a page: the script finished, no exception box, charts drawn with data."""

import time

APP_READY_TIMEOUT_MS = 90_000


def wait_until_idle(page, timeout_ms: int = APP_READY_TIMEOUT_MS) -> None:
    """Wait until Streamlit has finished running the script (the status widget stops saying so)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_ms)
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            const running = document.querySelector('[data-testid="stStatusWidget"]');
            return app && !running && app.getAttribute('data-test-script-state') !== 'running';
        }""",
        timeout=timeout_ms,
    )
    time.sleep(0.3)


def chart_point_counts(page) -> list[int]:
    """For every Plotly chart on the page, how many data values its traces hold (0 means an empty chart)."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(el => {
            const traces = el.data || [];
            let count = 0;
            for (const t of traces) {
                for (const key of ['z', 'y', 'x', 'values']) {
                    const v = t[key];
                    if (v && typeof v.length === 'number') { count += v.length; break; }
                    if (v && v.bdata) { count += 1; break; }
                }
            }
            return count;
        })"""
    )


def wait_for_charts(page, minimum: int, timeout_ms: int = APP_READY_TIMEOUT_MS) -> None:
    page.wait_for_function(
        "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n",
        arg=minimum,
        timeout=timeout_ms,
    )


def assert_healthy(page) -> None:
    """No Streamlit exception element, no browser console error, and no chart without data."""
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.first.inner_text()
    assert not page.console_errors, page.console_errors
    counts = chart_point_counts(page)
    assert all(count > 0 for count in counts), f"a chart has no data: {counts}"
