"""The settings of one browser session, bound to widgets and written back to the URL.

The flow of one script run:

1. `init()`: at the start of a browser session, the URL is parsed into `settings` (a plain dict in Session
   State) by `url_params.parse_query`. Unknown names and refused values are dropped, each with a notice.
   Later runs of the same session keep `settings` (navigating between pages may clear the URL).
2. `bind(name, widget, ...)`: each widget is keyed by its setting; its value is seeded from `settings` and
   written back, so a page's setting survives a visit to another page.
3. `write_url(page_params)`: after the page ran, the URL is rewritten with every setting that differs from
   its default (global settings plus those of the page on screen), which keeps links short.

Checks that depend on other settings (the time step must be shorter than the sequence, the unit smaller than
the hidden size) happen where both are known, through `clamp_int`, which also leaves a notice. The frame hands
the page its Context, its page list and the notices through this module too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import streamlit as st

from .url_params import PARAMS, parse_query, query_for

_SETTINGS = "lv_settings"
_NOTICES = "lv_notices"
_CONTEXT = "lv_context"
_FRAME_RAN = "lv_frame_ran"
WIDGET_PREFIX = "w_"


def init() -> dict[str, Any]:
    """Start the run: read the URL once per session, reset this run's notices; returns the settings."""
    st.session_state[_NOTICES] = []
    if _SETTINGS not in st.session_state:
        settings, notices = parse_query(st.query_params.to_dict())
        st.session_state[_SETTINGS] = settings
        st.session_state[_NOTICES].extend(notices)
    return st.session_state[_SETTINGS]


def settings() -> dict[str, Any]:
    return st.session_state[_SETTINGS]


def notify(key: str, **kwargs) -> None:
    """Leave a notice (a strings-table key and its arguments) to be shown in this run."""
    st.session_state.setdefault(_NOTICES, []).append((key, kwargs))


def take_notices() -> list[tuple[str, dict]]:
    notices = st.session_state.get(_NOTICES, [])
    st.session_state[_NOTICES] = []
    return notices


def set_context(context) -> None:
    """Hand the resolved sidebar (a `context.Context`) from the entry script to the page."""
    st.session_state[_CONTEXT] = context


def context():
    return st.session_state[_CONTEXT]


def widget_key(name: str) -> str:
    return WIDGET_PREFIX + name


def bind(name: str, widget: Callable, *args, normalise: Callable | None = None, **kwargs):
    """Draw `widget(*args, key=..., **kwargs)` for setting `name`, seeded from and written back to settings.

    `normalise(value) -> value` makes the value fit the widget's current options or range before it is drawn
    (a value that no longer fits would make Streamlit raise).
    """
    key = widget_key(name)
    value = st.session_state.get(key, settings()[name])
    if normalise is not None:
        value = normalise(value)
    st.session_state[key] = value
    result = widget(*args, key=key, **kwargs)
    settings()[name] = result
    return result


def put(name: str, value) -> None:
    """Change a setting and the widget that shows it (call from callbacks or before the widget is drawn)."""
    settings()[name] = value
    st.session_state[widget_key(name)] = value


def clamp_int(name: str, low: int, high: int, default: int | None = None) -> int:
    """Keep an integer setting inside [low, high] now that the range is known; a notice when it was not."""
    value = st.session_state.get(widget_key(name), settings()[name])
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        fallback = min(max(PARAMS[name].default if default is None else default, low), high)
        notify("notice_out_of_range", name=name, value=value, low=low, high=high, default=fallback)
        value = fallback
    put(name, value)
    return value


def write_url(page_params: Iterable[str]) -> None:
    """Rewrite the URL with the current settings (only when they changed, to spare the browser history)."""
    wanted = query_for(settings(), page_params)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


_PAGE_PARAMS = "lv_page_params"


def set_page_params(names: Iterable[str]) -> None:
    """Name the page settings that belong in the links of the page on screen."""
    st.session_state[_PAGE_PARAMS] = tuple(names)


def page_params() -> tuple[str, ...]:
    return st.session_state.get(_PAGE_PARAMS, ())


_PAGES = "lv_pages"


def set_pages(pages: dict) -> None:
    """The app's st.Page objects by code ("home", "inside-step", ...), for st.page_link."""
    st.session_state[_PAGES] = pages


def pages() -> dict:
    return st.session_state.get(_PAGES, {})


def mark_frame_ran() -> None:
    """Called by the frame right before it runs the page: this run went through `main()`."""
    st.session_state[_FRAME_RAN] = True


def frame_ran() -> bool:
    """Whether this run's page was started by the frame (consumes the mark, so each run checks afresh)."""
    return bool(st.session_state.pop(_FRAME_RAN, False))
