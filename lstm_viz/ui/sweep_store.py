"""Lag sweeps in the app: the sweeps shipped with the pretrained assets, and a store of live ones."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from pathlib import Path

import streamlit as st

from lstm_viz.engine.kinds import KIND_NAMES
from lstm_viz.training import lag_sweep, runs


@st.cache_data(max_entries=4, show_spinner=False)
def shipped_sweep(task_name: str) -> dict | None:
    """The loss-against-lag sweep shipped with the pretrained assets for a task, or None if there is none."""
    path = Path(runs.PRETRAINED_DIR) / "sweeps" / f"{task_name}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        lags = [int(lag) for lag in data["lags"]]
        sweep = {kind: [float(v) for v in values] for kind, values in data["models"].items()}
        baseline = data["baseline"]
        baseline = [float(v) for v in baseline] if isinstance(baseline, list) else float(baseline)
        metric = data["metric"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if metric not in ("mse", "accuracy") or not set(sweep) <= set(KIND_NAMES):
        return None
    return {**data, "lags": lags, "models": sweep, "baseline": baseline}


class _Results:
    """A small least-recently-used store of finished sweeps, keyed by their plain-valued settings."""

    def __init__(self, size: int):
        self.size, self.items, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key: tuple):
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
            return self.items.get(key)

    def put(self, key: tuple, value) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


@st.cache_resource(max_entries=1, show_spinner=False)
def sweep_results() -> _Results:
    """Live sweeps already run, shared by every session: the same settings give the same numbers."""
    return _Results(size=8)


def run_sweep(key: tuple, callback=None) -> dict:
    """The sweep lag_sweep.run(*key) from the store, or run now (reporting to `callback`) and stored.

    key = (task_name, kinds, lags, steps, hidden, seed), all plain values. A stopped sweep is not stored.
    """
    store = sweep_results()
    found = store.get(key)
    if found is not None:
        return found
    task_name, kinds, lags, steps, hidden, seed = key
    result = lag_sweep.run(
        task_name, list(kinds), list(lags), steps, hidden=hidden, seed=seed, callback=callback
    )
    if not result["stopped"]:
        store.put(key, result)
    return result
