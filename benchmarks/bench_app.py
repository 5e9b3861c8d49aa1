"""How responsive the app is in a real browser: cold start, slider latency, and bytes per page.

Prints, in one run (Debian's Chromium through Playwright, the app on a free loopback port):
- cold start: from `streamlit run` to the home page's first chart drawn (goal under 8 s);
- interaction: a slider step to the updated chart drawn, median and 95th percentile over 20 moves, on Gates
  and states and on Vanishing gradients at default settings (goal median under 300 ms);
- payload: websocket bytes the browser receives for each page at default settings and at the largest sizes
  the sidebar allows (goal under 2 MB per page).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lstm_viz.ui.navigation import PAGES  # noqa: E402
from tests.e2e.browser_checks import wait_for_charts, wait_until_idle  # noqa: E402
from tests.e2e.conftest import CHROMIUM_ARGS, ensure_chromium, free_port, start_app, wait_healthy  # noqa: E402

MOVES = 20
SLIDER_PAGES = ("gates", "vanishing")
LARGEST = "source=fresh&length=1000&hidden=256&layers=3&bidir=true"
# A fingerprint of every chart: marker shapes and a few data values; it changes when a chart is redrawn.
FINGERPRINT = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(el =>
    JSON.stringify((el.layout && el.layout.shapes) || []) + (el.data || []).map(d => {
        const y = d.y && d.y.length ? d.y[d.y.length - 1] : '';
        const z = d.z && d.z.length && d.z[0] && d.z[0].length ? d.z[0][0] : '';
        return d.name + ':' + y + ':' + z;
    }).join('|')).join('#')"""


def cold_start(browser) -> float:
    port = free_port()
    started = time.perf_counter()
    process = start_app(port)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, process)
        page = browser.new_page()
        page.goto(url)
        wait_for_charts(page, 1)
        elapsed = time.perf_counter() - started
        page.close()
        return elapsed
    finally:
        process.terminate()
        process.wait(timeout=20)


def slider_latencies(browser, url: str, path: str) -> list[float]:
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto(f"{url}/{path}")
    wait_until_idle(page)
    wait_for_charts(page, 1)
    slider = page.locator('[data-testid="stMain"] [data-testid="stSlider"] input[type="range"]').first
    latencies = []
    for move in range(MOVES):
        before = page.evaluate(FINGERPRINT)
        slider.focus()
        started = time.perf_counter()
        page.keyboard.press("ArrowRight" if move % 2 == 0 else "ArrowLeft")
        page.wait_for_function(f"before => ({FINGERPRINT})() !== before", arg=before, timeout=60_000)
        latencies.append(time.perf_counter() - started)
        wait_until_idle(page)
    page.close()
    return latencies


def page_bytes(browser, url: str, path: str, query: str = "") -> int:
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    received = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: received.append(len(payload))))
    page.goto(f"{url}/{path}?{query}")
    wait_for_charts(page, 1, timeout_ms=300_000)  # the largest models take a while to record
    wait_until_idle(page, timeout_ms=300_000)
    page.wait_for_timeout(1000)
    page.close()
    return sum(received)


def main() -> None:
    executable = ensure_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        if "--payload-only" not in sys.argv:
            print(f"cold start to first chart: {cold_start(browser):.2f} s (goal < 8 s)")
        port = free_port()
        process = start_app(port)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, process)
            page_bytes(browser, url, "")  # warm the caches once, as a classroom's first visitor does
            for path in () if "--payload-only" in sys.argv else SLIDER_PAGES:
                latencies = sorted(slider_latencies(browser, url, path))
                median = statistics.median(latencies) * 1e3
                p95 = latencies[int(round(0.95 * (len(latencies) - 1)))] * 1e3
                print(f"slider -> chart on {path:<10} median {median:5.0f} ms p95 {p95:5.0f} ms (goal < 300)")
            print(f"{'page':<12} {'default KB':>11} {'largest KB':>11}   (goal < 2048 KB)")
            for path in (page.url for page in PAGES):
                route = "" if path == PAGES[0].url else path
                default = page_bytes(browser, url, route) / 1024
                largest = page_bytes(browser, url, route, LARGEST) / 1024
                print(f"{path:<12} {default:11.0f} {largest:11.0f}")
        finally:
            process.terminate()
            process.wait(timeout=20)
            browser.close()


if __name__ == "__main__":
    main()
