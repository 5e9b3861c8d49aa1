"""The app's heavy imports (torch, pandas, the engine, the frame), done once, in one place, under one lock.

A fresh server answers Home from saved values before these are done (ui/first_home.py); every other run, and
the warm-up, calls `load()` first. Importing the same modules from many threads at once can hand one of them
a partially initialised module, so they are imported by whichever thread comes first while the others wait.
"""

from __future__ import annotations

import importlib
import sys
import threading
import time

from streamlit.logger import get_logger

MODULES = ("lstm_viz.ui.main", "lstm_viz.ui.figure_cache", "lstm_viz.ui.home_values")
# While importing, the thread hands the interpreter to the server's event loop within this (Python's default
# is 5 ms), so the files a browser is loading (Plotly's code for the first chart) keep flowing.
SWITCH_INTERVAL_S = 0.0005
_LOCK = threading.Lock()
_LOADED = threading.Event()
_SECONDS = [0.0]  # how long the imports took, for the warm-up's log


def loaded() -> bool:
    return _LOADED.is_set()


def load() -> float:
    """Import MODULES unless done; returns the seconds the imports took (0 when another thread did them)."""
    if _LOADED.is_set():
        return 0.0
    with _LOCK:
        if _LOADED.is_set():
            return 0.0
        started, interval = time.perf_counter(), sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL_S)
        try:
            for name in MODULES:
                importlib.import_module(name)
        finally:
            sys.setswitchinterval(interval)
        _SECONDS[0] = time.perf_counter() - started
        _LOADED.set()
        get_logger(__name__).info("lstm-viz imports done in %.1f s", _SECONDS[0])
        return _SECONDS[0]
