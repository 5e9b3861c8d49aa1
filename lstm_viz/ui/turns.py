"""Page runs take turns: one at a time on the whole server, each waiting at most WAIT_S for its turn.

A page run is Python holding the interpreter lock (building widgets, hashing cache keys, encoding figures),
so thirty runs started in the same second (a class told "open the link now") gain nothing from running side
by side on a small server: they share one lock, every thread that steps out for a system call queues to get
it back, and all thirty answers arrive together at the end. Served in turn, the first answers come after one
run's time and the last no later than before (30 sessions each opening a page in the same instant on a warm
server, 2-core machine, six bursts each: median 1.2-2.9 s -> 0.8-1.1 s, slowest 1.2-2.9 s -> 1.3-1.8 s;
benchmarks/load_classroom.py --arrival 0: median 0.20-0.31 s -> 0.09-0.10 s together with the frozen
caches of ui/warm_up.py). A run that has waited WAIT_S goes ahead anyway, so a heavy view (a fresh
256-unit model recording 1000 steps) delays the others by at most that. Fragment reruns (the time step) do
not take a turn: they are short and run without the frame.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

WAIT_S = 2.0  # the longest a page run waits for its turn before it runs beside the one in progress
_TURN = threading.Lock()
_T = TypeVar("_T")


def one_at_a_time(run: Callable[[], _T]) -> Callable[[], _T]:
    """Decorate the frame's main(): each call takes the server's turn (waiting at most WAIT_S) for its run."""

    @functools.wraps(run)
    def in_turn() -> _T:
        mine = _TURN.acquire(timeout=WAIT_S)
        try:
            return run()
        finally:
            if mine:
                _TURN.release()

    return in_turn
