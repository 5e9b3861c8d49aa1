"""The task registry: every task by name, with the controls a UI draws for it."""

from __future__ import annotations

from dataclasses import MISSING, fields

from . import series_data
from .base import Task
from .chars import Chars
from .real_series import REAL_SERIES
from .sentiment import Sentiment
from .series import Series
from .toy import Adding, Copy, Parity, RememberFirst, Sine

_TASKS = (Adding, Copy, RememberFirst, Parity, Sine, *REAL_SERIES, Series, Sentiment, Chars)
_REGISTRY: dict[str, type[Task]] = {cls.name: cls for cls in _TASKS}


def names() -> list[str]:
    return list(_REGISTRY)


def _task_class(name: str) -> type[Task]:
    if name not in _REGISTRY:
        raise ValueError(f"unknown task {name!r}; choose one of {names()}")
    return _REGISTRY[name]


def spec(name: str) -> dict[str, tuple]:
    """Parameter -> (default, min, max) for a numeric parameter, or (default, allowed values, None) for a
    choice such as parity's `mode`. The data of the `series` task (`values`) is not a control and is left out.
    """
    return dict(_task_class(name).SPEC)


def length_param(name: str) -> str:
    """ "length", "lag" or "window": the parameter of task `name` that spaces its dependencies."""
    return _task_class(name).length_param


def get(name: str, **params) -> Task:
    """The task `name` with `params` (missing ones take their defaults); ValueError names any problem."""
    cls = _task_class(name)
    allowed = [f.name for f in fields(cls) if f.init]
    unknown = sorted(set(params) - set(allowed))
    if unknown:
        raise ValueError(f"{name}: unknown parameter {unknown[0]!r}; the parameters are {allowed}")
    required = [f.name for f in fields(cls) if f.init and f.default is MISSING and f.name not in params]
    if required:
        raise ValueError(f"{name}: the parameter {required[0]!r} is required")
    return cls(**params)


def series_from_csv(source, column: str | int | None = None, window: int = 20) -> Task:
    """The `series` task on one numeric column of a CSV file (path, bytes or file object)."""
    return get("series", values=series_data.read_csv(source, column), window=window)
