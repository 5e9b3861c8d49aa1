"""Issue 16, goal 3: page runs take turns on the server (ui/turns.py), and a long run holds the others back
by at most turns.WAIT_S."""

import threading

import pytest

from lstm_viz.ui import main, turns

FOREVER_S = 30  # no wait in these tests comes near it unless something is broken


def _in_thread(run) -> threading.Thread:
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_a_second_run_starts_only_when_the_first_has_finished():
    events, first_running, let_first_finish = [], threading.Event(), threading.Event()

    @turns.one_at_a_time
    def first():
        events.append("first starts")
        first_running.set()
        let_first_finish.wait(FOREVER_S)
        events.append("first ends")

    @turns.one_at_a_time
    def second():
        events.append("second starts")

    a = _in_thread(first)
    assert first_running.wait(FOREVER_S)
    b = _in_thread(second)
    b.join(0.2)
    assert b.is_alive() and events == ["first starts"]  # waiting for its turn
    let_first_finish.set()
    a.join(FOREVER_S), b.join(FOREVER_S)
    assert events == ["first starts", "first ends", "second starts"]


def test_a_run_that_keeps_the_turn_too_long_holds_the_next_back_only_for_wait_s(monkeypatch):
    monkeypatch.setattr(turns, "WAIT_S", 0.1)
    holding, release = threading.Event(), threading.Event()

    @turns.one_at_a_time
    def heavy():
        holding.set()
        release.wait(FOREVER_S)

    a = _in_thread(heavy)
    assert holding.wait(FOREVER_S)
    b = _in_thread(turns.one_at_a_time(lambda: None))
    b.join(FOREVER_S)
    assert not b.is_alive() and a.is_alive()  # it went ahead beside the heavy run
    release.set()
    a.join(FOREVER_S)
    assert turns._TURN.acquire(blocking=False)  # the heavy run gave its turn back; the other never had it
    turns._TURN.release()


def test_a_run_that_fails_or_stops_gives_its_turn_back():
    @turns.one_at_a_time
    def failing():
        raise RuntimeError("a page's error")

    with pytest.raises(RuntimeError, match="a page's error"):
        failing()
    assert turns._TURN.acquire(blocking=False)
    turns._TURN.release()


def test_the_frame_runs_in_its_turn(monkeypatch):
    seen = []

    def first_step_of_the_frame():
        seen.append(turns._TURN.locked())
        raise RuntimeError("stop before Streamlit")

    monkeypatch.setattr(main, "_limit_threads", first_step_of_the_frame)
    with pytest.raises(RuntimeError, match="stop before Streamlit"):
        main.main()
    assert seen == [True] and not turns._TURN.locked()
