"""The What if page's own interventions: the text a user types for units and steps, read into a plan.

Units and steps are typed as "all", or numbers and ranges: "3, 7, 10-19" (a range includes both ends).
Anything else, a unit beyond the layer, a step beyond the sequence or a value that is not a finite number
is refused with an `EntryError` that carries a strings key and its fields, so the page can say what is
wrong in the user's language (never a traceback). Pure: no Streamlit.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from lstm_viz import limits

ROWS = tuple(range(1, limits.WHAT_IF_MAX_EDITS + 1))  # row numbers as the URL names them: wi1_q, wi2_q, ...
FIELDS = ("q", "units", "steps", "value")
MAX_TEXT = 200  # characters of one entry (the URL's limit for text)
_ITEM = re.compile(r"^(\d{1,7})(?:\s*-\s*(\d{1,7}))?$")


def setting(row: int, field: str) -> str:
    """The URL setting of one field of a row: setting(2, "units") == "wi2_units"."""
    return f"wi{row}_{field}"


PARAMS = ("wi_edits", *(setting(row, field) for row in ROWS for field in FIELDS))


class EntryError(ValueError):
    """A refused entry: `key` is the strings key of the message, `fields` its arguments (row, text, ...)."""

    def __init__(self, key: str, **fields):
        super().__init__(key)
        self.key, self.fields = key, fields


@dataclass(frozen=True)
class Row:
    """One intervention as entered: quantity, units and steps as typed, and the value."""

    quantity: str
    units: str
    steps: str
    value: float


def indices(text: str, size: int, what: str, row: int) -> tuple[int, ...] | None:
    """None for "all"; else the sorted distinct indices that `text` names, each in 0..size-1.

    what: "units" or "steps" (names the entry in the message); row: the row number, for the message.
    """
    text = str(text).strip()
    if text.lower() == "all":
        return None
    items = [item.strip() for item in text.split(",")]
    if len(text) > MAX_TEXT or not all(items):
        raise EntryError("wi_err_syntax", row=row, what=what, text=text[:40])
    found = set()
    for item in items:
        match = _ITEM.match(item)
        if match is None:
            raise EntryError("wi_err_syntax", row=row, what=what, text=text[:40])
        low = int(match[1])
        high = int(match[2]) if match[2] is not None else low
        if low > high:
            raise EntryError("wi_err_order", row=row, what=what, text=item)
        if high >= size:
            raise EntryError("wi_err_range", row=row, what=what, value=high, high=size - 1)
        found.update(range(low, high + 1))
    return tuple(sorted(found))


def plan(rows: list[Row], quantities: tuple[str, ...], hidden: int, length: int) -> tuple:
    """The plan ("clamp" steps, see what_if_presets) of the rows, for a layer of `hidden` units recording
    `quantities`, on sequences of `length` steps; EntryError for the first entry that does not fit."""
    steps = []
    for number, row in enumerate(rows, start=1):
        if row.quantity not in quantities:
            raise EntryError("wi_err_quantity", row=number, quantity=row.quantity)
        units = indices(row.units, hidden, "units", number)
        times = indices(row.steps, length, "steps", number)
        value = row.value
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise EntryError("wi_err_value", row=number, text=str(value)[:40])
        steps.append(("clamp", row.quantity, units, float(value), times))
    return tuple(steps)
