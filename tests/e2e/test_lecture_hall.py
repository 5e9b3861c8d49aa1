"""A lecture hall in a real browser: two app processes behind Debian's nginx (scripts/serve_hall.py).

Pages open through the proxy (their websocket too), a browser keeps to the process its seat cookie names
across reloads, and two students with different seats are served by different processes. Which process
answered each request is read from nginx's access log.
"""

import subprocess
import time
import urllib.request

import pytest

from scripts.serve_hall import SEAT_COOKIE, is_session, nginx_command, nginx_config, running_hall
from tests.e2e.browser_checks import assert_healthy, wait_for_charts, wait_until_idle
from tests.e2e.conftest import ensure_nginx, free_port, record_problems

pytestmark = pytest.mark.e2e
PAGE = "activations?slope=0.3"
LOG_WAIT_S = 10


@pytest.fixture(scope="module")
def hall(tmp_path_factory):
    ensure_nginx()
    runs_dir = tmp_path_factory.mktemp("runs")
    with running_hall(2, free_port(), env={"LSTM_VIZ_RUNS": str(runs_dir)}) as hall:
        yield hall


def logged(hall, seat: str, sessions: int) -> list[dict[str, str]]:
    """The requests of one seat in nginx's log, once it holds `sessions` closed websockets of that seat."""
    deadline = time.monotonic() + LOG_WAIT_S
    while True:
        requests = [r for r in hall.requests() if r["seat"] == seat]
        if sum(map(is_session, requests)) >= sessions or time.monotonic() > deadline:
            return requests
        time.sleep(0.2)


def open_page(page, url: str) -> None:
    page.goto(f"{url}/{PAGE}")
    wait_until_idle(page)
    wait_for_charts(page, 1)
    assert_healthy(page)


def test_the_generated_config_is_valid_for_nginx(tmp_path):
    (tmp_path / "nginx.conf").write_text(nginx_config(tmp_path, "127.0.0.1", free_port(), [free_port()]))
    nginx = ensure_nginx()
    check = subprocess.run(nginx_command(nginx, tmp_path, "-t"), capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, check.stderr


def test_a_page_works_through_the_proxy_and_its_browser_sticks_to_one_process(page, hall):
    open_page(page, hall.url)
    seats = [c["value"] for c in page.context.cookies() if c["name"] == SEAT_COOKIE]
    assert len(seats) == 1, page.context.cookies()
    page.reload()
    wait_until_idle(page)
    wait_for_charts(page, 1)
    assert_healthy(page)
    page.close()  # nginx logs a websocket when it closes

    requests = logged(hall, seats[0], sessions=2)
    assert sum(map(is_session, requests)) == 2, requests  # one script session per page load, both proxied
    assert requests[0]["path"] == f"/{PAGE}"  # the first request came without a cookie and got this seat
    assert {r["upstream"] for r in requests} in ({f"127.0.0.1:{port}"} for port in hall.app_ports), requests


def seat_on(hall, port: int) -> str:
    """A seat cookie value that nginx routes to the app process on `port` (found by asking the proxy)."""
    for probe in range(64):
        seat = f"probe-{port}-{probe}"
        cookie = {"Cookie": f"{SEAT_COOKIE}={seat}"}
        request = urllib.request.Request(f"{hall.url}/_stcore/health", headers=cookie)
        with urllib.request.urlopen(request, timeout=10):
            pass
        requests = logged(hall, seat, sessions=0)
        if requests and requests[-1]["upstream"] == f"127.0.0.1:{port}":
            return seat
    raise AssertionError(f"no seat out of 64 went to port {port}: {hall.requests()[-5:]}")


def test_two_students_are_served_by_different_processes(browser, hall):
    seats = [seat_on(hall, port) for port in hall.app_ports]
    for seat in seats:
        context = browser.new_context(viewport={"width": 1440, "height": 1000})
        context.add_cookies([{"name": SEAT_COOKIE, "value": seat, "url": hall.url}])
        page = context.new_page()
        record_problems(page)
        try:
            open_page(page, hall.url)
        finally:
            context.close()
    served = [{r["upstream"] for r in logged(hall, seat, sessions=1) if is_session(r)} for seat in seats]
    assert served == [{f"127.0.0.1:{port}"} for port in hall.app_ports]
