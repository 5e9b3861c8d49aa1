"""Issue 16, goals 2 and 3: the warm-up's order (Home alone first), its frozen caches and its DONE line,
which benchmarks/load_classroom.py waits for before a class arrives."""

import gc
import re
import tempfile
import threading
import time
from pathlib import Path

import pytest

from benchmarks.load_classroom import start_app, wait_warmed_up
from lstm_viz.ui import memory, warm_up
from tests.e2e.conftest import free_port, wait_healthy

UNDER_TEST = "warm-up under test"  # the thread whose sleeps the steps record


@pytest.fixture
def steps(monkeypatch):
    """What _warm_up does, in order, with the server and the clock replaced."""
    done = []

    async def open_pages(address, pages=warm_up.WARM_PAGES):
        done.append(("open", address, tuple(pages)))
        return []

    monkeypatch.setattr(warm_up, "_wait_for_server", lambda: "127.0.0.1:1")
    monkeypatch.setattr(warm_up, "_open_pages", open_pages)
    real_sleep = time.sleep

    def sleep(seconds):  # time.sleep is the module's: other threads' sleeps go on as usual
        if threading.current_thread().name == UNDER_TEST:
            done.append(("sleep", seconds))
        else:
            real_sleep(seconds)

    monkeypatch.setattr(warm_up.time, "sleep", sleep)
    monkeypatch.setattr(memory, "freeze_now", lambda: done.append(("freeze",)))
    monkeypatch.setattr(warm_up._LOGGER, "info", lambda text, *args: done.append(("log", text % args)))
    return done


def warm_up_in_a_thread() -> None:
    """_warm_up as the launcher runs it: in a thread of its own (its asyncio.run needs a thread without a
    running event loop, which a session-scoped Playwright browser keeps in the main thread)."""
    thread = threading.Thread(target=warm_up._warm_up, name=UNDER_TEST)
    thread.start()
    thread.join(timeout=60)


@pytest.mark.parametrize("visitor", [True, False])
def test_home_is_warmed_alone_then_the_other_pages_then_the_caches_are_frozen_and_done_is_logged(
    steps, monkeypatch, visitor
):
    """Home live (its default architecture in the link, so not the saved answer), a pause for a visitor's
    chart only when a visitor has had the saved Home, the other pages, the freeze, DONE."""
    answered = threading.Event()
    if visitor:
        answered.set()
    monkeypatch.setattr(warm_up.first_home, "ANSWERED", answered)
    monkeypatch.setattr(warm_up, "FIRST_VISITOR_WAIT_S", 0.01)
    warm_up_in_a_thread()
    assert warm_up.WARM_PAGES[0] == ("", "")
    pause = [("sleep", warm_up.HOME_GRACE_S)] if visitor else []
    assert steps[: 3 + len(pause)] == [
        ("open", "127.0.0.1:1", (("", "kind=lstm"),)),
        *pause,
        ("open", "127.0.0.1:1", warm_up.WARM_PAGES[1:]),
        ("freeze",),
    ]
    log = steps[3 + len(pause)]
    assert log[0] == "log" and log[1].startswith(warm_up.DONE)
    assert f"{len(warm_up.WARM_PAGES)} page runs" in log[1]
    assert len(steps) == 4 + len(pause)


def test_done_is_logged_even_when_the_server_cannot_be_reached(steps, monkeypatch):
    monkeypatch.setattr(warm_up, "_wait_for_server", lambda: None)
    warm_up_in_a_thread()
    assert steps[0] == ("freeze",)
    assert steps[1][1].startswith(warm_up.DONE) and "0 page runs" in steps[1][1]


def test_freeze_now_takes_what_exists_out_of_later_collections(monkeypatch):
    monkeypatch.delenv("LSTM_VIZ_GC", raising=False)
    kept = [[index] for index in range(1000)]  # objects the collector tracks
    try:
        memory.freeze_now()
        assert gc.get_freeze_count() >= len(kept)
        assert memory._frozen.is_set()
    finally:
        gc.unfreeze()
    monkeypatch.setenv("LSTM_VIZ_GC", "off")
    memory.freeze_now()
    assert gc.get_freeze_count() == 0


def test_a_real_launcher_logs_done_after_running_every_page_without_a_problem():
    folder = Path(tempfile.mkdtemp(prefix="lstm-viz-warm-"))
    log = folder / "server.log"
    port = free_port()
    process = start_app(port, {"LSTM_VIZ_RUNS": str(folder)}, log)
    try:
        wait_healthy(f"http://127.0.0.1:{port}", process)
        assert wait_warmed_up([log], [process]) >= 0
    finally:
        process.terminate()
        process.wait(timeout=30)
    text = log.read_text()
    pages = len(warm_up.WARM_PAGES)
    assert re.search(rf"{warm_up.DONE} in [\d.]+ s: imports [\d.]+ s, {pages} page runs", text)
    assert "warming the caches" not in text
