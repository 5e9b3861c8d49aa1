"""The built wheel carries the pages and the pretrained demos, and its `lstm-viz` launcher serves every page.

The wheel is installed with --no-deps into a temporary folder and put first on PYTHONPATH, with the working
directory outside the checkout, so the server imports the installed copy (this is checked), not the sources.
The first request to the fresh server is a deep link, the case Streamlit runs without the app's frame.
"""

import os
import subprocess
import sys
import zipfile

import pytest

from lstm_viz.ui.navigation import PAGES
from tests.e2e.browser_checks import assert_healthy, wait_for_content, wait_until_idle
from tests.e2e.conftest import ROOT, free_port, serving

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q",
         "-w", str(folder / "dist")],
        check=True, cwd=folder, timeout=300,
    )  # fmt: skip
    (wheel,) = (folder / "dist").glob("lstm_viz-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for entry in PAGES:
        assert f"lstm_viz/pages/{entry.file}" in names
    for shipped in ("pretrained/adding-lstm/weights.pt", "pretrained/chars-lstm2/weights.pt",
                    "corpus_data_files/test.txt", "corpus_data_files/LICENSE-PSF.txt",
                    "sweeps_data_files/lag_sweeps.sqlite", "lessons/rnn_forgets.toml"):
        assert f"lstm_viz/{shipped}" in names, shipped
    site = folder / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
        check=True, cwd=folder, timeout=300,
    )  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(site), "LSTM_VIZ_RUNS": str(folder / "runs")}
    where = subprocess.run(
        [sys.executable, "-c", "from lstm_viz.ui import navigation; print(navigation.PAGES_DIR)"],
        check=True, cwd=folder, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert where.stdout.strip() == str(site / "lstm_viz" / "pages")
    return folder, env


@pytest.fixture(scope="module")
def wheel_url(installed):
    folder, env = installed
    port = free_port()
    launch = "import sys; from lstm_viz.ui.launcher import main; sys.exit(main())"
    process = subprocess.Popen(
        [sys.executable, "-c", launch, "--server.headless", "true", "--server.address", "127.0.0.1",
         "--server.port", str(port)],
        cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    with serving(process, port) as url:
        yield url


def test_the_installed_launcher_serves_every_page(page, wheel_url):
    # first request of the fresh server: a deep link (Streamlit runs it in its old pages/ mode)
    for entry in [PAGES[2], *PAGES]:
        path = "" if entry is PAGES[0] else entry.url
        page.goto(f"{wheel_url}/{path}")
        wait_until_idle(page)
        wait_for_content(page, entry.url)
        assert_healthy(page)
        assert page.locator("h1").first.inner_text().strip()
