"""Issue 16, goal 2: the launcher warms a fresh server's caches by opening its pages itself."""

import asyncio
import concurrent.futures

import pytest
from streamlit import config

from lstm_viz.ui import launcher, warm_up
from tests.e2e.conftest import free_port, serving, start_app


def test_the_launcher_starts_warming_before_it_serves(monkeypatch):
    calls = []
    monkeypatch.setattr(warm_up, "start", lambda: calls.append("warm"))
    monkeypatch.setattr("streamlit.web.cli.main", lambda: calls.append("serve") or 0)
    assert launcher.main(["--server.port=8999"]) == 0
    assert calls == ["warm", "serve"]


@pytest.mark.parametrize(
    ("address", "expected"),
    [(None, "127.0.0.1:8765"), ("0.0.0.0", "127.0.0.1:8765"), ("::1", "[::1]:8765"), ("unix://s.sock", None)],
)
def test_the_server_is_reached_where_it_listens(address, expected):
    previous = config.get_option("server.address"), config.get_option("server.port")
    try:
        config.set_option("server.address", address)
        config.set_option("server.port", 8765)
        assert warm_up._address() == expected
    finally:
        config.set_option("server.address", previous[0])
        config.set_option("server.port", previous[1])


def test_warming_runs_every_page_of_a_real_server_without_an_error(tmp_path):
    port = free_port()
    with serving(start_app(port, {"LSTM_VIZ_RUNS": str(tmp_path)}), port) as url:
        # a thread of its own: a session-scoped Playwright browser may keep an event loop running in this one
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            problems = pool.submit(asyncio.run, warm_up._open_pages(url.removeprefix("http://"))).result()
    assert problems == []
    assert {page for page, _ in warm_up.WARM_PAGES} >= {"", "gates", "inside_step"}
