"""The engine's hard limits: how large one request may be, so that no single call takes a server's memory.

Each limit is checked where the engine takes the value, with a ValueError that names it:

    MAX_LENGTH        time steps of a task (length, lag or window)    tasks
    MAX_BATCH         sequences in one batch                          tasks (Task.generate), training
    MAX_STEPS         updates in one training run                     training.TrainConfig.validate
    MAX_UPLOAD_ROWS   values of a user's own series                   series.read_csv, series.check_values
    MAX_HIDDEN        units per layer                                 models.Recurrent, runs
    MAX_LAYERS        stacked layers                                  models.Recurrent, runs
    MAX_TRACE_VALUES  floats one recording holds (B * T * H * arrays) models.Recurrent.run_with_trace

The numbers that already live in the module that checks them are read from there, not copied. The app
(`lstm_viz.ui.state`) sets tighter limits of its own, never looser ones.
"""

from __future__ import annotations

from . import series, tasks

MAX_LENGTH = tasks.MAX_LENGTH
MAX_BATCH = tasks.MAX_BATCH
MAX_UPLOAD_ROWS = series.MAX_ROWS
MAX_HIDDEN = 1024  # also the largest hidden size a saved run's config may ask for (runs)
MAX_LAYERS = 4
MAX_TRACE_VALUES = 50_000_000  # 200 MB of float32


def __getattr__(name: str):
    # MAX_STEPS lives in training, which imports models, which imports this module: read it on first use.
    if name == "MAX_STEPS":
        from .training import MAX_STEPS

        return MAX_STEPS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
