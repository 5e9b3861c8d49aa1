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
            const stale = document.querySelector('[data-stale="true"]');
            return app && !running && !stale && app.getAttribute('data-test-script-state') !== 'running';
        }""",
        timeout=timeout_ms,
    )
    time.sleep(0.3)


# How many numbers a Plotly data array holds: a plain or typed array, or plotly's binary {dtype, bdata}.
VALUE_COUNT_JS = """(v) => {
    if (!v) return 0;
    if (typeof v.length === 'number') return v.length;
    if (v.bdata) return atob(v.bdata).length / Number(String(v.dtype).slice(-1));
    return 0;
}"""


def chart_point_counts(page) -> list[int]:
    """For every visible Plotly chart, how many data values its traces hold (0 means an empty chart)."""
    return page.evaluate(
        f"""() => {{
            const count = {VALUE_COUNT_JS};
            const shown = Array.from(document.querySelectorAll('.js-plotly-plot')).filter(
                el => el.offsetParent !== null);  // charts of an earlier run can linger, hidden
            return shown.map(el =>
                (el.data || []).reduce((total, t) => total + Math.max(count(t.z), count(t.y), count(t.x),
                                                                      count(t.values)), 0));
        }}"""
    )


def wait_for_points(page, minimum: int, timeout_ms: int = APP_READY_TIMEOUT_MS) -> None:
    """Wait until some chart holds a trace with at least `minimum` x values (a curve that has grown)."""
    page.wait_for_function(
        f"""n => {{
            const count = {VALUE_COUNT_JS};
            return Array.from(document.querySelectorAll('.js-plotly-plot')).some(el =>
                (el.data || []).some(t => count(t.x) >= n));
        }}""",
        arg=minimum,
        timeout=timeout_ms,
    )


def wait_for_charts(page, minimum: int, timeout_ms: int = APP_READY_TIMEOUT_MS) -> None:
    page.wait_for_function(
        "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n",
        arg=minimum,
        timeout=timeout_ms,
    )


def wait_for_content(page, url_path: str) -> None:
    """A page's first content: its charts, or on Lessons (a list with no figure; every step's figure is
    opened by test_presenter.py) one Start button per lesson."""
    if url_path == "lessons":
        page.wait_for_function(
            "() => document.querySelectorAll('[data-testid=\"stButton\"]').length >= 4",
            timeout=APP_READY_TIMEOUT_MS,
        )
    else:
        wait_for_charts(page, 1)


def assert_healthy(page) -> None:
    """No Streamlit exception element, no browser console error, and no chart without data."""
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.first.inner_text()
    assert not page.console_errors, page.console_errors
    counts = chart_point_counts(page)
    assert all(count > 0 for count in counts), f"a chart has no data: {counts}"


def screenshot_whole(page, path) -> None:
    """Screenshot the whole page: Streamlit scrolls inside its main block, so grow the viewport to fit it."""
    size = page.viewport_size
    height = page.evaluate(
        "() => Math.max(...Array.from(document.querySelectorAll("
        "'[data-testid=stMain], [data-testid=stSidebar]')).map(el => el.scrollHeight))"
    )
    page.set_viewport_size({"width": size["width"], "height": min(max(height + 40, size["height"]), 12_000)})
    page.wait_for_timeout(600)
    page.screenshot(path=path)
    page.set_viewport_size(size)
