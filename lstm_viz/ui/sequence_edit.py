"""Your own sequence: the input of the sample a page shows, as the user sets it. Pure: no Streamlit.

Three kinds of edit, one per kind of task (`kind_of`):

- "marks" (adding): the two marked steps. The sample's numbers stay; its marker channel is 1 at those two
  steps and 0 elsewhere, and its target is the sum of the numbers there, the task's own rule (the task marks
  one step in each half; the user may put both anywhere).
- "first" (remember_first): the symbol at step 0 (one-hot on channels 0..K-1); the target is that symbol.
- "values" (a task with one input feature and an MSE loss: sine, the user's series, the real series): the
  numbers the model reads, one per step, typed or pasted; the task's length (window) is their count. The
  target stays the sample's own (the value that followed its window): only the input changed. Values keep
  DIGITS significant digits, which is what a link carries, so a link reopens exactly the same numbers.
- "file" (any of these tasks): a whole input (T, I) from an uploaded CSV (`sequence_file`), for a task whose
  input size is its column count; its rows set the length. Like typed values, the target stays the sample's.

An edit is a plain tuple, so it keys caches: ("marks", (a, b)), ("first", k), ("values", (v0, v1, ...)) or
("file", digest of the uploaded values), or () for none. The settings hold the four requests (URL parameters
`marks`, `first`, `values`; the uploaded file's digest under FILE_SETTING, which no link carries);
`requested` picks the one the task takes (an uploaded file first), `problem` says why it does not fit the task
(a notice; the edit is then dropped), `apply` replaces the input of one sample of a batch. `parse_numbers`
reads typed text.
"""

from __future__ import annotations

import math
import re

import torch

from lstm_viz import limits
from lstm_viz.tasks import Batch

from .url_params import PARAMS

MARKS, FIRST, VALUES = "marks", "first", "values"  # also the names of their settings (URL parameters)
FILE = "file"  # an uploaded sequence (sequence_file)
FILE_SETTING = "seq_file"  # the setting that holds its digest: not a URL parameter, so no link carries it
DIGITS = 6  # significant digits of a typed value: url_params writes floats with "{:.6g}"
MAX_TEXT = limits.APP_MAX_TYPED_STEPS * 32  # characters of pasted text read (32 per number is generous)
_SEPARATORS = re.compile(r"[\s,;]+")


class EditError(ValueError):
    """Typed input that is refused: `key` is the strings key of the message, `fields` its arguments."""

    def __init__(self, key: str, **fields):
        super().__init__(key)
        self.key, self.fields = key, fields


def kind_of(task) -> str | None:
    """The edit a task takes: MARKS, FIRST, VALUES, or None (its input is not edited here)."""
    if task.name == "adding":
        return MARKS
    if task.name == "remember_first":
        return FIRST
    if task.input_size == 1 and task.loss == "mse":
        return VALUES
    return None


def requested(what: str | None, marks: tuple, first: int, values: tuple, file: str = "") -> tuple:
    """The edit of kind `what` that the settings ask for (an uploaded `file` for any kind), or () for none."""
    if what is not None and file:
        return (FILE, file)
    if what == MARKS and marks:
        return (MARKS, tuple(int(m) for m in marks))
    if what == FIRST and first >= 0:
        return (FIRST, int(first))
    if what == VALUES and values:
        return (VALUES, rounded(values))
    return ()


def as_request(edit: tuple) -> tuple[tuple, int, tuple, str]:
    """The settings (marks, first, values, file) that ask for `edit` (the inverse of `requested`)."""
    what, value = edit if edit else (None, None)
    return (
        value if what == MARKS else (),
        value if what == FIRST else -1,
        value if what == VALUES else (),
        value if what == FILE else "",
    )


def forget(settings: dict) -> None:
    """Back to the samples' own input: the four requests at their defaults (none)."""
    for name in (MARKS, FIRST, VALUES):
        settings[name] = PARAMS[name].default
    settings.pop(FILE_SETTING, None)


def rounded(values) -> tuple[float, ...]:
    """Values as a typed sequence keeps them: DIGITS significant digits."""
    return tuple(float(f"{float(v):.{DIGITS}g}") for v in values)


def problem(task, edit: tuple) -> tuple[str, dict] | None:
    """None when `edit` fits `task` (made with the length the edit sets), else the notice that drops it."""
    if not edit:
        return None
    what, value = edit
    if what == MARKS and (len(value) != 2 or len(set(value)) != 2 or max(value) >= task.length):
        shown = ", ".join(str(step) for step in value)
        return "notice_edit_marks", {"marks": shown, "last": task.length - 1}
    if what == FIRST and value >= task.classes:
        return "notice_edit_first", {"first": value, "last": task.classes - 1}
    if what == VALUES and len(value) != task.length:
        return "notice_edit_values", {"count": len(value), "length": task.length}
    return None


def apply(task, batch: Batch, sample: int, what: str, value) -> Batch:
    """`batch` with the input of `sample` replaced as the edit (what, value) says, and its target with it;
    for FILE, `value` is the uploaded input itself (T, I), as `sequence_file.values_of` returns it."""
    x, y = batch.x.clone(), batch.y.clone()  # (B, T, I), (B, ...)
    if what == MARKS:
        first, second = value
        x[sample, :, 1] = 0.0
        x[sample, [first, second], 1] = 1.0
        y[sample, 0] = x[sample, first, 0] + x[sample, second, 0]
    elif what == FIRST:
        x[sample, 0, : task.classes] = 0.0
        x[sample, 0, value] = 1.0
        y[sample] = value
    elif what == VALUES:
        x[sample, :, 0] = torch.tensor(value, dtype=x.dtype)
    elif what == FILE:
        x[sample] = torch.tensor(value, dtype=x.dtype)  # (T, I), a copy of the read-only array
    else:
        raise ValueError(f"what must be one of {[MARKS, FIRST, VALUES, FILE]}, got {what!r}")
    return Batch(x=x, y=y, loss_mask=batch.loss_mask)


def parse_numbers(text: str, low: int, high: int) -> tuple[float, ...]:
    """The numbers in typed or pasted text (separated by commas, semicolons, spaces or new lines), between
    `low` and `high` of them (and at most APP_MAX_TYPED_STEPS), each finite and within
    ±APP_MAX_TYPED_MAGNITUDE, rounded as `rounded`; EditError saying what is wrong otherwise."""
    parts = [part for part in _SEPARATORS.split(text[: MAX_TEXT + 1].strip()) if part]
    high = min(high, limits.APP_MAX_TYPED_STEPS)
    if len(text) > MAX_TEXT or not low <= len(parts) <= high:
        count = f"{len(parts):,}" + ("+" if len(text) > MAX_TEXT else "")
        raise EditError("seq_error_count", count=count, low=low, high=high)
    values = []
    for position, part in enumerate(parts):
        try:
            value = float(part)
        except ValueError:
            raise EditError("seq_error_number", text=part[:24], position=position) from None
        if not math.isfinite(value) or abs(value) > limits.APP_MAX_TYPED_MAGNITUDE:
            magnitude = f"{limits.APP_MAX_TYPED_MAGNITUDE:g}"
            raise EditError("seq_error_magnitude", text=part[:24], position=position, limit=magnitude)
        values.append(value)
    return rounded(values)
