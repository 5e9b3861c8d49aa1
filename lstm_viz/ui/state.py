"""Every setting of the app, kept in the URL (`st.query_params`) so a copied link reopens the exact view.

The idea is TensorFlow Playground's `state.ts`: one registry of named parameters, each with a default and a
parser that refuses bad text. The flow of one script run:

1. `init()`: at the start of a browser session, the URL is parsed into `settings` (a plain dict in Session
   State). Unknown names and values that do not parse or are out of range are dropped, each with a notice.
   Later runs of the same session keep `settings` (navigating between pages may clear the URL).
2. `bind(name, widget, ...)`: each widget is keyed by its setting; its value is seeded from `settings` and
   written back, so a page's setting survives a visit to another page.
3. `write_url(page_params)`: after the page ran, the URL is rewritten with every setting that differs from
   its default (global settings plus those of the page on screen), which keeps links short.

Checks that depend on other settings (the time step must be shorter than the sequence, the unit smaller than
the hidden size) happen where both are known, through `clamp_int`, which also leaves a notice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from lstm_viz import cells, models, tasks, training

# The app's limits: tighter than the engine's (lstm_viz.limits) and stated next to each control.
MAX_HIDDEN = 256
MAX_LAYERS = 3
MAX_SEED = 2**31 - 1
MAX_UPLOAD_ROWS = 100_000  # values of an uploaded series; the size of the file is server.maxUploadSize
MAX_UPLOAD_COLUMNS = 100  # fields on the first line of an uploaded CSV
BATCH_SHOWN = 8  # sequences recorded at once; the sample selector picks one of them
LANGS = ("en", "zh")
SOURCES = ("pretrained", "fresh", "saved")
UI_TASKS = tuple(tasks.names())  # "series" is the user's own, uploaded in the sidebar
SORTS = ("index", "variance", "peak")
DIRECTIONS = ("forward", "reverse")

# Choices of the Vanishing gradients and Train pages as URL text ("own": the model's weights, "off": no clip).
RHO_OPTIONS = ("own", *(f"{v / 20:g}" for v in range(10, 31)))  # spectral radius of W_hh, 0.5 to 1.5
FBIAS_OPTIONS = ("own", *(f"{v / 2:g}" for v in range(-6, 11)))  # forget-gate bias, -3 to +5
CLIP_OPTIONS = ("off", "0.001", "0.01", "0.1", "1", "10", "100", "1000")
SWEEP_LAGS = (5, 10, 20, 50, 100, 150, 200)

_SETTINGS = "lv_settings"
_NOTICES = "lv_notices"
_CONTEXT = "lv_context"
WIDGET_PREFIX = "w_"


@dataclass(frozen=True)
class Param:
    """One URL parameter: its default, its type and the values it accepts."""

    name: str
    default: Any
    kind: str  # "choice" | "int" | "float" | "bool" | "ints" | "text"
    choices: tuple = ()
    low: float | None = None
    high: float | None = None

    def parse(self, raw: str) -> Any:
        """The value of one URL text, or ValueError with the reason it is refused."""
        raw = raw.strip()
        if self.kind == "choice":
            if raw not in self.choices:
                raise ValueError("choice")
            return raw
        if self.kind == "bool":
            if raw.lower() in ("1", "true", "yes", "on"):
                return True
            if raw.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError("bool")
        if self.kind == "text":
            if not raw or len(raw) > 200 or any(c in raw for c in "/\\\0") or raw.startswith("."):
                raise ValueError("text")
            return raw
        if self.kind == "ints":
            if raw == "":
                return ()
            values = tuple(self._number(part, int) for part in raw.split(","))
            if len(set(values)) != len(values):
                raise ValueError("range")
            return values
        return self._number(raw, int if self.kind == "int" else float)

    def _number(self, raw: str, cast):
        try:
            value = cast(raw)
        except ValueError:
            raise ValueError("number") from None
        if value != value or not (self.low <= value <= self.high):  # NaN or out of range
            raise ValueError("range")
        return value

    def dump(self, value) -> str:
        if self.kind == "bool":
            return "1" if value else "0"
        if self.kind == "ints":
            return ",".join(str(v) for v in value)
        if self.kind == "float":
            return f"{value:g}"
        return str(value)


def _params(*items: Param) -> dict[str, Param]:
    return {p.name: p for p in items}


# Settings of the sidebar, shared by every page.
GLOBAL = _params(
    Param("lang", "en", "choice", LANGS),
    Param("source", "pretrained", "choice", SOURCES),
    Param("kind", "lstm", "choice", models.KINDS),
    Param("variant", "standard", "choice", cells.LSTM_VARIANTS),
    Param("act", "tanh", "choice", models.NONLINEARITIES),
    Param("task", "adding", "choice", UI_TASKS),
    Param("length", tasks.spec("adding")["length"][0], "int", low=1, high=tasks.MAX_LENGTH),
    Param("hidden", 64, "int", low=1, high=MAX_HIDDEN),
    Param("layers", 1, "int", low=1, high=MAX_LAYERS),
    Param("bidir", False, "bool"),
    Param("seed", 0, "int", low=0, high=MAX_SEED),
    Param("sample", 0, "int", low=0, high=BATCH_SHOWN - 1),
    Param("run", "", "text"),
)

# Settings of single pages; a page names the ones it uses so only those go into its links.
PAGE = _params(
    Param("t", 10, "int", low=0, high=tasks.MAX_LENGTH - 1),
    Param("unit", 0, "int", low=0, high=MAX_HIDDEN - 1),
    Param("layer", 0, "int", low=0, high=MAX_LAYERS - 1),
    Param("dir", "forward", "choice", DIRECTIONS),
    Param("sort", "index", "choice", SORTS),
    Param("units", (), "ints", low=0, high=MAX_HIDDEN - 1),
    Param("compare", "none", "choice", ("none", *models.KINDS)),
    Param("slope", 0.01, "float", low=0.0, high=1.0),
    Param("kmax", 50, "int", low=2, high=200),
    Param("rho", "own", "choice", RHO_OPTIONS),
    Param("fbias", "own", "choice", FBIAS_OPTIONS),
    Param("clip", "off", "choice", CLIP_OPTIONS),
    Param("sw_kinds", (0, 1, 2), "ints", low=0, high=len(models.KINDS) - 1),
    Param("sw_lags", (10, 50, 100, 200), "ints", low=1, high=SWEEP_LAGS[-1]),
    Param("sw_steps", 200, "int", low=1, high=400),
    # Train: wide URL ranges on purpose, so the page itself refuses a bad value with a message.
    Param("tr_kinds", (0, 1, 2), "ints", low=0, high=len(models.KINDS) - 1),
    Param("tr_hidden", 32, "int", low=0, high=4096),
    Param("tr_batch", 32, "int", low=0, high=4096),
    Param("tr_steps", 300, "int", low=0, high=100_000),
    Param("tr_lr", 0.01, "float", low=0.0, high=100.0),
    Param("tr_opt", "adam", "choice", training.OPTIMIZERS),
    Param("tr_clip", "1", "choice", CLIP_OPTIONS),
    Param("tr_init", "default", "choice", training.RECURRENT_INITS),
    Param("tr_radius", 1.0, "float", low=0.1, high=3.0),
    Param("tr_fbias", "own", "choice", FBIAS_OPTIONS),
)

PARAMS = {**GLOBAL, **PAGE}


def max_upload_mb() -> int:
    """The largest file Streamlit accepts, in MB (server.maxUploadSize): the limit the app states."""
    return int(st.get_option("server.maxUploadSize"))


def defaults() -> dict[str, Any]:
    return {name: param.default for name, param in PARAMS.items()}


def parse_query(query: dict[str, str]) -> tuple[dict[str, Any], list[tuple[str, dict]]]:
    """(settings, notices) from URL parameters: defaults where a value is missing, unknown or refused.

    Pure (no Streamlit), so it is tested directly; notices are (string key, format arguments).
    """
    settings, notices = defaults(), []
    for name, raw in query.items():
        raw = raw[-1] if isinstance(raw, list) else str(raw)
        param = PARAMS.get(name)
        if param is None:
            notices.append(("notice_unknown_param", {"name": name[:40]}))
            continue
        try:
            settings[name] = param.parse(raw)
        except ValueError:
            notices.append(
                ("notice_bad_param", {"name": name, "value": raw[:40], "default": param.dump(param.default)})
            )
    return settings, notices


def query_for(settings: dict[str, Any], page_params: Iterable[str]) -> dict[str, str]:
    """The URL parameters for a view: global and page settings that differ from their defaults."""
    names = [*GLOBAL, *page_params]
    return {
        name: PARAMS[name].dump(settings[name]) for name in names if settings[name] != PARAMS[name].default
    }


# --- Session State plumbing -------------------------------------------------------------------------------


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
    """Hand the resolved sidebar (a `sidebar.Context`) from the entry script to the page."""
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
