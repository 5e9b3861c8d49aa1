"""How responsive the app is in a real browser, beside a bare Streamlit page measured in the same run.

`python benchmarks/bench_app.py [--payload] [--cold-only] [--repeat N] [--time-step-only]`

The machines are shared and their speed varies, so every figure is printed beside the same figure of a bare
page (benchmarks/bare_page.py: one slider, one 64x100 Plotly heatmap), served the same way, and as a ratio:
- cold start: from starting the server to the first chart drawn in Debian's Chromium (goal within 1.3x), and
  the same without the launcher's warming of the caches (LSTM_VIZ_WARM_UP=off, lstm_viz/ui/warm_up.py);
- time step: a move of the time-step slider to the last message of the server's answer (script finished),
  median and 95th percentile over 20 moves, and the KB that travel per move, on every page with a time step
  at default settings (goal: median within 3x, p95 within 5x of the bare page's median);
- with --cold-only: only the cold starts; --repeat N measures them N times (default 1), each round on a line,
  and prints the median ratios (the machine's load varies from one start to the next);
- with --time-step-only: only the time-step figures (--repeat N: N rounds, each beside its own bare page);
- with --payload: websocket KB the browser receives for each page at default settings and at the largest
  sizes the sidebar allows (goal under 2 MB per page).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lstm_viz.ui import launcher  # noqa: E402
from lstm_viz.ui.navigation import PAGES  # noqa: E402
from tests.e2e.browser_checks import wait_for_charts, wait_until_idle  # noqa: E402
from tests.e2e.conftest import CHROMIUM_ARGS, ensure_chromium, free_port, wait_healthy  # noqa: E402

BARE_PAGE = ROOT / "benchmarks" / "bare_page.py"
MOVES = 20
TIME_STEP_PAGES = ("gates", "inside_step")  # the pages with a time step t (slider, Previous / Next, Play)
LARGEST = "source=fresh&length=1000&hidden=256&layers=3&bidir=true"


def serve(script: Path | None, port: int, env: dict | None = None) -> subprocess.Popen:
    """Start the app as `make run` does (script None), or `script` with the same Streamlit flags."""
    where = ["--server.headless=true", "--server.address=127.0.0.1", f"--server.port={port}"]
    if script is None:
        command = [sys.executable, "-m", "lstm_viz.ui.launcher", *where]
    else:
        command = [sys.executable, "-m", "streamlit", "run", str(script), *launcher.DEFAULT_FLAGS, *where]
    env = {**os.environ, **(env or {})}
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=30)


def cold_start(browser, script: Path | None, env: dict | None = None) -> float:
    """Seconds from starting the server to the first chart drawn on its first page."""
    port = free_port()
    started = time.perf_counter()
    process = serve(script, port, env)
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
        stop(process)


def _finished(payload) -> bool:
    if not isinstance(payload, bytes):
        return False
    message = ForwardMsg()
    message.ParseFromString(payload)
    return message.WhichOneof("type") == "script_finished"


def time_step_moves(browser, url: str, path: str) -> tuple[list[float], float]:
    """Seconds from each of MOVES slider moves to the server's last message, and the mean KB per move."""
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    sockets, received = [], [0]

    def watch(ws) -> None:
        sockets.append(ws)
        ws.on("framereceived", lambda payload: received.__setitem__(0, received[0] + len(payload)))

    page.on("websocket", watch)
    page.goto(f"{url}/{path}")
    wait_until_idle(page)
    wait_for_charts(page, 1)
    slider = page.locator('[data-testid="stMain"] [data-testid="stSlider"] input[type="range"]').first
    latencies, sent_bytes, finished_at = [], 0, []

    def last_message(payload) -> bool:
        if _finished(payload):
            finished_at.append(time.perf_counter())
            return True
        return False

    for _ in range(MOVES):  # always forward: a step shown before would come from the browser's message cache
        slider.focus()
        before = received[0]
        with sockets[-1].expect_event("framereceived", predicate=last_message, timeout=60_000):
            started = time.perf_counter()
            page.keyboard.press("ArrowRight")
        latencies.append(finished_at[-1] - started)
        wait_until_idle(page)
        sent_bytes += received[0] - before
    page.close()
    return latencies, sent_bytes / MOVES / 1024


def median_p95(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[int(round(0.95 * (len(ordered) - 1)))]


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


def print_cold_starts(browser, first: bool) -> tuple[float, float]:
    """Print one round of cold starts; returns the app's ratios to the bare page (warmed, not warmed)."""
    if first:
        cold_start(browser, BARE_PAGE)  # not counted: a browser's first page pays for its start (up to 2x)
    bare, app = cold_start(browser, BARE_PAGE), cold_start(browser, None)
    cold = cold_start(browser, None, {"LSTM_VIZ_WARM_UP": "off"})
    print(
        f"cold start to first chart: bare page {bare:.2f} s, app {app:.2f} s ({app / bare:.2f}x,"
        f" goal <= 1.3x), app without warming {cold:.2f} s ({cold / bare:.2f}x)",
        flush=True,
    )
    return app / bare, cold / bare


def print_time_steps(browser) -> None:
    rows = []
    for script, paths in ((BARE_PAGE, ("",)), (None, TIME_STEP_PAGES)):
        port = free_port()
        process = serve(script, port)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, process)
            for path in paths:
                latencies, kb = time_step_moves(browser, url, path)
                rows.append((path or "bare page", *median_p95(latencies), kb))
        finally:
            stop(process)
    base = rows[0][1]
    print("time step -> last server message (ratios to the bare page's median; goal median <= 3x, p95 <= 5x)")
    for name, median, p95, kb in rows:
        print(
            f"  {name:<12} median {median * 1e3:5.0f} ms ({median / base:4.1f}x)"
            f"  p95 {p95 * 1e3:5.0f} ms ({p95 / base:4.1f}x)  {kb:6.1f} KB per move",
            flush=True,
        )


def print_payloads(browser) -> None:
    port = free_port()
    process = serve(None, port)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, process)
        print(f"{'page':<12} {'default KB':>11} {'largest KB':>11}   (goal < 2048 KB)")
        for path in (page.url for page in PAGES):
            route = "" if path == PAGES[0].url else path
            default = page_bytes(browser, url, route) / 1024
            largest = page_bytes(browser, url, route, LARGEST) / 1024
            print(f"{path:<12} {default:11.0f} {largest:11.0f}")
    finally:
        stop(process)


def _repeats() -> int:
    return int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 1


def main() -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=ensure_chromium(), args=CHROMIUM_ARGS)
        try:
            if "--time-step-only" in sys.argv:
                for _ in range(_repeats()):
                    print_time_steps(browser)
                return
            ratios = [print_cold_starts(browser, first=i == 0) for i in range(_repeats())]
            if len(ratios) > 1:
                app, cold = (statistics.median(column) for column in zip(*ratios, strict=True))
                rounds = len(ratios)
                print(f"cold start, median of {rounds} rounds: app {app:.2f}x, without warming {cold:.2f}x")
            if "--cold-only" in sys.argv:
                return
            print_time_steps(browser)
            if "--payload" in sys.argv:
                print_payloads(browser)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
