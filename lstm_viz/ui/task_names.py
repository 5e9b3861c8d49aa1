"""Task names as the app uses them: a registered task, or "series-<digest>" for a user's own series.

A user's own series is a task too, named "series-<digest of its values>" so that it keys caches like any
other task name. Its values (read-only) wait in a `held_uploads.HeldStore` keyed by that digest for as long
as the session that uploaded them holds them.
"""

from __future__ import annotations

import numpy as np

from lstm_viz import tasks

from .held_uploads import HeldStore

SERIES_PREFIX = "series-"
_SERIES = HeldStore("series")  # digest -> read-only values (N,)


def register_series(key: str, values: np.ndarray) -> tuple[str, np.ndarray]:
    """Make a checked series (N,) float64 the task "series-<key>" (`key`: the digest of the values).

    Returns that name and the array to keep (the one already stored under `key`, if any): the store holds a
    series only while some session keeps it, so it never outgrows the open sessions' uploads.
    """
    values.flags.writeable = False
    return SERIES_PREFIX + key, _SERIES.hold(key, values)


def _series_values(task_name: str) -> np.ndarray:
    return _SERIES.get(task_name.removeprefix(SERIES_PREFIX))


def task_base(task_name: str) -> str:
    """The registered task behind a task name: "series" for the user's "series-<digest>"."""
    return "series" if task_name.startswith(SERIES_PREFIX) else task_name


def make_task(task_name: str, length: int):
    """The task with its length (or lag, or window) set and other parameters at defaults."""
    if task_name.startswith(SERIES_PREFIX):
        return tasks.get("series", values=_series_values(task_name), window=int(length))
    return tasks.get(task_name, **{length_param(task_name): int(length)})


def input_size(task_name: str) -> int:
    """Features per step of a task at its defaults; the user's series (file or not) reads one."""
    return 1 if task_base(task_name) == "series" else tasks.get(task_name).input_size


def length_param(task_name: str) -> str:
    """ "length", "lag" or "window": the parameter of a task that sets how far apart its dependencies are."""
    return tasks.length_param(task_base(task_name))


def length_range(task_name: str) -> tuple[int, int]:
    """(lowest, highest) value of the task's length parameter; a series needs one value after its window."""
    _, low, high = tasks.spec(task_base(task_name))[length_param(task_name)]
    if task_name.startswith(SERIES_PREFIX):
        high = min(high, _series_values(task_name).size - 1)
    return int(low), int(high)
