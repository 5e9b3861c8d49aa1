"""Bringing a figure already drawn in a browser to another drawing of it, with Plotly's own `relayout`.

The cell diagram of one step differs from another step's only in the texts and colours of its labels and
gate boxes: its wires, nodes and layout stay the same. A browser that shows the diagram at any step can be
brought to step t by `Plotly.relayout(chart, changes)` with the labels' texts and fonts and the boxes' fills
of step t, which redraws those alone instead of receiving and drawing the whole figure again (ui/time_cursor).
The values are absolute, not a difference from one step: whichever step the browser shows, it ends at t.
"""

from __future__ import annotations

from collections.abc import Mapping

ITEMS = ("annotations", "shapes")  # the layout's lists whose items may change one by one
FIELDS = ("text", "font", "fillcolor")  # what may change in them: labels' texts and colours, boxes' fills


def _rest(entries: Mapping, skip: tuple[str, ...]) -> dict:
    return {key: value for key, value in entries.items() if key not in skip}


def relayout_changes(shown: Mapping, wanted: Mapping) -> dict | None:
    """The `Plotly.relayout` update that turns a chart drawn from figure dict `shown`, or from any drawing
    that differs from it only in FIELDS, into `wanted` (both fig.to_plotly_json()): every label's text and
    font and every box's fill of `wanted`, {"annotations[3].text": "<b>0.25</b>", "shapes[7].fillcolor":
    "rgb(...)", ...}; None when the two differ in anything else (their traces, another layout entry, how many
    labels or shapes they have, where one is): then `wanted` itself must be drawn."""
    if shown.get("data") != wanted.get("data"):
        return None
    before, after = shown.get("layout", {}), wanted.get("layout", {})
    if _rest(before, ITEMS) != _rest(after, ITEMS):
        return None
    changes = {}
    for name in ITEMS:
        old, new = before.get(name, []), after.get(name, [])
        if len(old) != len(new):
            return None
        for index, (was, item) in enumerate(zip(old, new, strict=True)):
            if _rest(was, FIELDS) != _rest(item, FIELDS):
                return None
            for key in FIELDS:
                if key in was or key in item:
                    changes[f"{name}[{index}].{key}"] = item.get(key)  # None: Plotly removes the entry
    return changes
