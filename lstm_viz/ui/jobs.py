"""One queue of background jobs for the whole server: trainings and lag sweeps take turns in one slot.

A `Job` is the work a page asks for (`body(job)`, run on the queue's worker thread) with an estimate of its
seconds (`job_budget`), a wall-clock limit, and the session that asked for it. `QUEUE.submit(job)` puts it
at the end of the queue; the worker runs one job at a time, first come, first served, because the server is
small (two cores for a class). `QUEUE.place(job)` tells a waiting page how many jobs are ahead of it and
about how long they will take: the running job's remaining time from its own progress, the estimates of the
queued ones.

Besides finishing, a job ends when it is stopped: `job.stop("user")` (a Stop button), "time" (it ran past
its wall-clock limit) or "session" (the session that asked for it ended). The body learns of it from
`job.should_stop()`, which it calls after every update, and returns early with what it has; a queued job
that is stopped never starts. A watchdog thread checks every WATCH_SECONDS: a job past its time limit is
stopped, and a job, queued or running, whose session has been gone for `limits.JOB_ORPHAN_SECONDS` is
cancelled. Gone means: disconnected, when a server runtime can tell (`sessions.connected`); otherwise that no
page has polled the job (`job.seen()`) for that long.

With the environment variable LSTM_VIZ_SYNC_TRAINING=1, `submit` runs the job at once on the calling thread
(for tests); everything else is the same.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable

import streamlit as st

from lstm_viz import limits

from . import sessions

SYNC_ENV = "LSTM_VIZ_SYNC_TRAINING"
POLL_SECONDS = 0.7  # how often a page redraws a job it waits for
WATCH_SECONDS = 1.0  # how often the watchdog looks for jobs past their limit or without a session
STOP_REASONS = ("user", "time", "session")


class Job:
    """One piece of background work and its state; see the module docstring.

    status: "queued" | "running" | "done" | "stopped" | "failed"; stop_reason: None or one of STOP_REASONS.
    """

    def __init__(
        self,
        body: Callable[[Job], None],
        estimate: float,
        time_limit: float,
        session_id: str | None = None,
    ):
        self.body, self.estimate, self.time_limit, self.session_id = body, estimate, time_limit, session_id
        self.status, self.stop_reason, self.error = "queued", None, None
        self.fraction = 0.0  # of the work done, as the body reports it
        self.started: float | None = None
        self.ended: float | None = None
        self.last_seen = time.monotonic()
        self._stop = threading.Event()
        self._lock = threading.Lock()

    @property
    def finished(self) -> bool:
        return self.status in ("done", "stopped", "failed")

    def seen(self) -> None:
        """A page (or the runtime) vouches that the session that asked for this job is still there."""
        self.last_seen = time.monotonic()

    def stop(self, reason: str = "user") -> None:
        """Ask the job to end; the first reason given is the one kept. A queued job ends at once."""
        with self._lock:
            if self.finished or self._stop.is_set():
                return
            self.stop_reason = reason
            self._stop.set()
            if self.status == "queued":
                self.status, self.ended = "stopped", time.monotonic()

    def should_stop(self) -> bool:
        """Whether the body should return now (stopped, or past its wall-clock limit)."""
        if self.started is not None and self.elapsed() > self.time_limit:
            self.stop("time")
        return self._stop.is_set()

    def report(self, fraction: float) -> None:
        """The body's progress, 0 to 1."""
        self.fraction = min(max(float(fraction), 0.0), 1.0)

    def elapsed(self) -> float:
        """Seconds since the job started running (0 while queued)."""
        if self.started is None:
            return 0.0
        return (self.ended if self.ended is not None else time.monotonic()) - self.started

    def remaining(self) -> float:
        """Expected seconds until the job ends: its estimate while queued, its progress once running."""
        if self.finished:
            return 0.0
        if self.status == "queued":
            return self.estimate
        elapsed = self.elapsed()
        if self.fraction > 0.02:
            left = elapsed / self.fraction * (1 - self.fraction)
        else:
            left = max(self.estimate - elapsed, 0.0)
        return max(min(left, self.time_limit - elapsed), 0.0)

    def run(self) -> None:
        """Run the body here, unless the job was stopped while it waited; record how it ended."""
        with self._lock:
            if self.status != "queued":
                return
            self.status, self.started = "running", time.monotonic()
        try:
            self.body(self)
            status, error = ("stopped" if self._stop.is_set() else "done"), None
        except Exception as caught:  # noqa: BLE001 - the page shows the reason; the worker must go on
            status, error = "failed", f"{type(caught).__name__}: {caught}"
        with self._lock:
            self.status, self.error, self.ended = status, error, time.monotonic()


class JobQueue:
    """The server's queue: one worker runs the jobs in turn, a watchdog stops the ones that must end."""

    def __init__(self):
        self._queued: list[Job] = []
        self._running: Job | None = None
        self._changed = threading.Condition()
        self._threads: list[threading.Thread] = []

    def submit(self, job: Job) -> None:
        """Queue `job` (or, with LSTM_VIZ_SYNC_TRAINING=1, run it now on this thread)."""
        if os.environ.get(SYNC_ENV) == "1":
            job.run()
            return
        with self._changed:
            self._queued.append(job)
            if not self._threads:
                for target, name in ((self._work, "lstm-viz-jobs"), (self._watch, "lstm-viz-job-watchdog")):
                    thread = threading.Thread(target=target, name=name, daemon=True)
                    thread.start()
                    self._threads.append(thread)
            self._changed.notify_all()

    def place(self, job: Job) -> tuple[int, float]:
        """(jobs ahead of `job`, expected seconds until it starts); (0, 0.0) once it runs or has ended."""
        with self._changed:
            if job not in self._queued:
                return 0, 0.0
            ahead = [other for other in self._queued[: self._queued.index(job)] if not other.finished]
            if self._running is not None:
                ahead.insert(0, self._running)
        return len(ahead), sum(other.remaining() for other in ahead)

    def jobs(self) -> list[Job]:
        """The running job, then the queued ones in order."""
        with self._changed:
            return ([self._running] if self._running is not None else []) + list(self._queued)

    def check(self) -> None:
        """The watchdog's round: stop the jobs past their time limit or whose session is gone too long."""
        now = time.monotonic()
        for job in self.jobs():
            if sessions.connected(job.session_id):
                job.seen()
            if now - job.last_seen > limits.JOB_ORPHAN_SECONDS:
                job.stop("session")
            job.should_stop()

    def _work(self) -> None:
        while True:
            with self._changed:
                while not self._queued:
                    self._changed.wait()
                job = self._running = self._queued.pop(0)
            job.run()
            with self._changed:
                self._running = None
                self._changed.notify_all()

    def _watch(self) -> None:
        while True:
            time.sleep(WATCH_SECONDS)
            self.check()


QUEUE = JobQueue()  # the one queue of this server process


def session_holder(key: str):
    """The object keeping this session's job (`.job`) under Session State `key` (a training, a sweep), or
    None; asking for it tells the queue that the session is still here."""
    holder = st.session_state.get(key)
    if holder is not None:
        holder.job.seen()
    return holder


def submit_for_session(key: str, holder):
    """Keep `holder` as this session's under Session State `key` and queue its job; returns `holder`."""
    holder.job.session_id = sessions.runtime_id()
    st.session_state[key] = holder
    QUEUE.submit(holder.job)
    return holder
