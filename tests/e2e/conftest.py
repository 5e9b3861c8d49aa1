"""Browser fixtures: Debian's Chromium driven by Playwright against `streamlit run app.py` on loopback.

Chromium is installed with apt-get when it is missing (never downloaded by Playwright), and so is nginx for
the lecture hall's tests. The app runs headless on a free port; tests wait on /_stcore/health before opening
pages. Screenshots go to tests/e2e/screenshots/.
"""

import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from scripts.serve_hall import NGINX, free_port

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"


CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def ensure_debian_packages(paths: dict[str, str]) -> None:
    """Install with apt-get each Debian package (name -> a file it installs) whose file is missing."""
    missing = [package for package, path in paths.items() if not Path(path).exists()]
    if missing:
        if shutil.which("apt-get") is None or os.geteuid() != 0:
            pytest.fail(
                f"{missing} missing, not installable here: run `apt-get install -y {' '.join(missing)}`"
            )
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", *missing],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )


def ensure_chromium() -> str:
    """The Chromium binary, installing Debian's package (and a font for the Chinese pages) when missing."""
    ensure_debian_packages({"chromium": CHROMIUM, "fonts-noto-cjk": CJK_FONT})
    return CHROMIUM


def ensure_nginx() -> str:
    """Debian's nginx (the lecture hall's proxy, scripts/serve_hall.py), installed when missing."""
    ensure_debian_packages({"nginx": NGINX})
    return NGINX


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"the app did not answer {url}/_stcore/health within {timeout} s")


def start_app(port: int, extra_env: dict | None = None) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
    ]
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **(extra_env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@contextlib.contextmanager
def serving(process: subprocess.Popen, port: int):
    """The URL of a server process once it is healthy; the process is stopped by its id afterwards."""
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    port = free_port()
    runs_dir = tmp_path_factory.mktemp("runs")
    with serving(start_app(port, {"LSTM_VIZ_RUNS": str(runs_dir)}), port) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = ensure_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


# Opening a deep link (/gates) makes Streamlit's frontend probe /gates/_stcore/... before it finds the
# server's base path; those two 404s are part of how Streamlit starts, not an error of the app.
BASE_PATH_PROBE = re.compile(r"/[^/]+/_stcore/(health|host-config)$")


def record_problems(page) -> None:
    """Collect console errors and failed responses (other than the base-path probe) in page.console_errors."""
    page.console_errors = []

    def on_console(message):
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            page.console_errors.append(message.text)

    def on_response(response):
        if response.status >= 400 and not BASE_PATH_PROBE.search(response.url):
            page.console_errors.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("response", on_response)
    page.on("requestfailed", lambda request: page.console_errors.append(f"failed {request.url}"))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))


@pytest.fixture
def page(browser):
    """A fresh page that records console errors and failed requests in `page.console_errors`."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    record_problems(page)
    yield page
    context.close()
