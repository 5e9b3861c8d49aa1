"""Tasks: the registry (`get`, `names`, `spec`, `length_param`), one module per family, and the losses.

    task = tasks.get("adding", length=100)    # task.input_size, .output_size, .baseline_loss, .length_param
    batch = task.sample(64, seed=0)           # Batch(x (B, T, I), y, loss_mask)

Families: `toy` (adding, copy, remember_first, parity, sine), `series` (a user's own series, read by
`series_data`), `sentiment` (tiny sentences where "not" flips the meaning), `chars` (the next character of
Python source). Imports only `lstm_viz.limits`.
"""

from lstm_viz.limits import MAX_BATCH, MAX_LENGTH

from .base import Batch, Task
from .chars import Chars
from .registry import get, length_param, names, series_from_csv, spec
from .sentiment import Sentiment
from .series import Series
from .toy import Adding, Copy, Parity, RememberFirst, Sine

LIMITS = {"length": MAX_LENGTH, "batch": MAX_BATCH}  # the sizes every task refuses beyond

__all__ = [
    "LIMITS",
    "MAX_BATCH",
    "MAX_LENGTH",
    "Adding",
    "Batch",
    "Chars",
    "Copy",
    "Parity",
    "RememberFirst",
    "Sentiment",
    "Series",
    "Sine",
    "Task",
    "get",
    "length_param",
    "names",
    "series_from_csv",
    "spec",
]
