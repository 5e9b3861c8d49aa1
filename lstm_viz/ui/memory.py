"""Giving back the memory of reruns without paying for Streamlit's full collection after each one.

A Plotly figure is a web of objects that point at their parents, so every figure a rerun builds leaves a
reference cycle (about 3,000 objects for a heatmap) that only the cyclic garbage collector frees, together
with the arrays it holds. Streamlit's `runner.postScriptGC` frees them with `gc.collect(2)` after every
rerun, but that walks the whole heap (torch, Plotly, Streamlit: 0.1 s of a core or more each time), so the
app turns it off; with nothing in its place the cycles wait for Python's rare automatic full collection and
the server's memory climbs in a sawtooth.

Here the heap that exists once the app has imported everything is frozen after the first run (`gc.freeze`:
those objects leave the collector's generations; reference counting still frees them), so a full collection
walks only what was made since, which takes milliseconds. One runs after a page run, at most once every
COLLECT_EVERY_S for the whole server, so thirty sessions rerunning at once do not collect thirty times.
LSTM_VIZ_GC=off switches this off (benchmarks/heavy_rerun.py and load_classroom.py compare the policies).
"""

from __future__ import annotations

import gc
import os
import threading
import time

COLLECT_EVERY_S = 0.25  # one heavy view reruns in about 0.3 s: each of its runs is still followed by one
_LOCK = threading.Lock()
_frozen = threading.Event()
_last = [0.0]  # monotonic time of the last collection


def after_run() -> None:
    """Called by the frame after each page run: collect and freeze the first time, then collect at times."""
    if os.environ.get("LSTM_VIZ_GC") == "off" or not _LOCK.acquire(blocking=False):
        return  # another session is collecting right now: that collection serves this run too
    try:
        now = time.monotonic()
        if not _frozen.is_set():
            gc.collect()
            gc.freeze()
            _frozen.set()
        elif now - _last[0] >= COLLECT_EVERY_S:
            gc.collect()
        else:
            return
        _last[0] = now
    finally:
        _LOCK.release()


def freeze_now() -> None:
    """Collect, then freeze everything that exists now: called once the warm-up has filled the demos' caches
    (ui/warm_up.py), whose figures and traces would otherwise be walked by every later collection."""
    if os.environ.get("LSTM_VIZ_GC") == "off":
        return
    with _LOCK:
        gc.collect()
        gc.freeze()
        _frozen.set()
        _last[0] = time.monotonic()
