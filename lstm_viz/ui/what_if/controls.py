"""The What if page's widgets, each bound to its URL setting: the preset, the memory preset's options, your
own interventions (rows of quantity, units, steps and value), the batch and the memory curves' longest lag.

A value that no longer fits the model on screen (a count above half its units, a quantity its kind does not
record, a lag beyond its sequences) is brought into range with a notice, never silently.
"""

from __future__ import annotations

import streamlit as st

from lstm_viz import limits
from lstm_viz.training.interventions import SILENCE_TO

from .. import state, url_params
from ..strings import Strings
from . import presets
from .edits import ROWS, EntryError, Row, setting


def preset_picker(s: Strings, unavailable: dict[str, str]) -> str:
    """The presets this view can run and "your own", one click each; says why the others are not offered."""
    options = [p for p in url_params.WHAT_IF_PRESETS if p not in unavailable]
    preset = state.bind(
        "wi_preset",
        st.segmented_control,
        s["wi_preset_label"],
        options=options,
        format_func=lambda p: s[f"wi_preset_{p}"],
        selection_mode="single",
        normalise=lambda v: v if v in options else options[0],
    )
    if preset is None:  # a segmented control can be deselected: keep the first choice (the widget follows)
        preset = options[0]
        state.settings()["wi_preset"] = preset
    for reason in dict.fromkeys(unavailable.values()):
        names = s["wi_list_join"].join(s[f"wi_preset_{p}"] for p, why in unavailable.items() if why == reason)
        st.caption(s("wi_not_offered", presets=names, reason=s[reason]))
    return preset


def memory_options(s: Strings, hidden: int, container) -> tuple[int, str]:
    """(how many memory units to silence, to "zero" or "batch_mean"), and a sentence on what the mode does."""
    high = presets.max_count(hidden, limits.WHAT_IF_MAX_UNITS)
    state.clamp_int("wi_count", 1, high)
    left, right = container.columns([1, 2])
    count = state.bind(
        "wi_count", left.number_input, s["wi_count"], min_value=1, max_value=high,
        help=s("wi_count_help", high=high, limit=limits.WHAT_IF_MAX_UNITS),
    )  # fmt: skip
    to = state.bind(
        "wi_to", right.radio, s["wi_to"], options=tuple(SILENCE_TO), format_func=lambda v: s[f"wi_to_{v}"],
        horizontal=True,
    )  # fmt: skip
    right.caption(s[f"wi_to_{to}_means"])
    return int(count), to


def batch(s: Strings, container) -> int:
    """How many sequences to run with and without the interventions (requested; the page may run fewer)."""
    high = limits.WHAT_IF_MAX_BATCH
    requested = state.bind(
        "wi_batch", container.number_input, s["wi_batch"], min_value=1, max_value=high, step=32,
        help=s("wi_batch_help", high=high),
    )  # fmt: skip
    return int(requested)


def _set_rows(count: int) -> None:
    """Show `count` rows; a removed row goes back to its defaults (and leaves the link)."""
    settings = state.settings()
    for row in ROWS:
        if row > count:
            for field in ("q", "units", "steps", "value"):
                name = setting(row, field)
                state.put(name, url_params.PARAMS[name].default)
    settings["wi_edits"] = count


def own_rows(s: Strings, kind: str, quantities: tuple[str, ...], hidden: int, length: int) -> list[Row]:
    """Rows of your own interventions (up to WHAT_IF_MAX_EDITS), with buttons to add and remove one."""
    count = int(min(max(state.settings()["wi_edits"], 1), len(ROWS)))
    rows = []
    for row in range(1, count + 1):
        name = setting(row, "q")
        current = st.session_state.get(state.widget_key(name), state.settings()[name])
        if current not in quantities:
            state.notify("wi_notice_quantity", row=row, quantity=s.get(f"q.{current}", current), kind=kind)
            state.put(name, "hidden")
        columns = st.columns([2, 2, 2, 1.4])
        quantity = state.bind(
            name, columns[0].selectbox, s("wi_row_quantity", row=row), options=quantities,
            format_func=lambda q: s[f"q.{q}"],
        )  # fmt: skip
        units = state.bind(
            setting(row, "units"), columns[1].text_input, s["wi_units"], max_chars=200,
            help=s("wi_units_help", high=hidden - 1),
        )  # fmt: skip
        steps = state.bind(
            setting(row, "steps"), columns[2].text_input, s["wi_steps"], max_chars=200,
            help=s("wi_steps_help", high=length - 1),
        )  # fmt: skip
        value = state.bind(
            setting(row, "value"), columns[3].number_input, s["wi_value"],
            min_value=-url_params.WHAT_IF_MAX_VALUE, max_value=url_params.WHAT_IF_MAX_VALUE, step=0.1,
            help=s("wi_value_help", high=url_params.WHAT_IF_MAX_VALUE),
        )  # fmt: skip
        rows.append(Row(quantity, units, steps, value))
    add, remove, _ = st.columns([1, 1, 3])
    add.button(
        s["wi_add"], key="wi_add", icon=":material/add:", on_click=_set_rows, args=(count + 1,),
        disabled=count >= len(ROWS), help=s("wi_add_help", limit=len(ROWS)),
    )  # fmt: skip
    remove.button(
        s["wi_remove"], key="wi_remove", icon=":material/remove:", on_click=_set_rows, args=(count - 1,),
        disabled=count <= 1,
    )  # fmt: skip
    return rows


def entry_message(s: Strings, error: EntryError) -> str:
    """The message of a refused entry, in the user's language, their text shown literally."""
    fields = dict(error.fields)
    if "what" in fields:
        fields["what"] = s[f"wi_word_{fields['what']}"]
    if "quantity" in fields:
        fields["quantity"] = s[f"q.{fields['quantity']}"]
    return s.notice(error.key, fields)


def max_lag(s: Strings, high: int) -> int:
    """The memory curves' longest lag, 1..high (below the sequence length, at most WHAT_IF_CURVE_MAX_LAG)."""
    default = url_params.PARAMS["wi_lag"].default
    asked = st.session_state.get(state.widget_key("wi_lag"), state.settings()["wi_lag"])
    if asked == default:  # the default lag on a task too short for it (sentiment): nobody chose it, no notice
        state.put("wi_lag", min(default, high))
    state.clamp_int("wi_lag", 1, high, default=min(default, high))
    if high == 1:
        return 1
    lag = state.bind(
        "wi_lag", st.slider, s["wi_lag"], min_value=1, max_value=high,
        help=s("wi_lag_help", high=high, limit=limits.WHAT_IF_CURVE_MAX_LAG),
    )  # fmt: skip
    return int(lag)
