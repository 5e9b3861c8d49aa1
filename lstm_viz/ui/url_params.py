"""Every setting of the app as a URL parameter: names, defaults, and parsers that refuse bad text.

The idea is TensorFlow Playground's `state.ts`: one registry of named parameters, each with a default and a
parser. `parse_query` turns a URL into settings (with a notice for every value it refused) and `query_for`
turns settings back into the shortest URL that reopens the same view. Pure: it reads Streamlit only for the
upload size the server accepts. `state` keeps the settings of a session.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from lstm_viz import limits, tasks, text, training
from lstm_viz.engine import kinds
from lstm_viz.training.interventions import ALL_QUANTITIES, SILENCE_TO

LANGS = ("en", "zh")
SOURCES = ("pretrained", "fresh", "saved", "own")  # "own": a checkpoint uploaded in the sidebar
UI_TASKS = tuple(tasks.names())  # "series" is the user's own, uploaded in the sidebar
SORTS = ("index", "variance", "peak")
DIRECTIONS = ("forward", "reverse")
# Gates: one quantity large and the others small ("compact", fits a projector), or every one large.
LAYOUTS = ("compact", "full")
BIG_QUANTITIES = (*ALL_QUANTITIES, "hidden_grad", "cell_grad")

# Choices of the Vanishing gradients and Train pages as URL text ("own": the model's weights, "off": no clip).
RHO_OPTIONS = ("own", *(f"{v / 20:g}" for v in range(10, 31)))  # spectral radius of W_hh, 0.5 to 1.5
FBIAS_OPTIONS = ("own", *(f"{v / 2:g}" for v in range(-6, 11)))  # forget-gate bias, -3 to +5
CLIP_OPTIONS = ("off", "0.001", "0.01", "0.1", "1", "10", "100", "1000")
SWEEP_LAGS = (5, 10, 20, 50, 100, 150, 200)
# The What if page: its presets, and how far its own interventions may set a value (a gate is 0..1).
WHAT_IF_PRESETS = ("memory", "forget_open", "forget_shut", "reset_marker", "custom")
WHAT_IF_MAX_VALUE = 10.0



@dataclass(frozen=True)
class Param:
    """One URL parameter: its default, its type and the values it accepts."""

    name: str
    default: Any
    kind: str  # "choice" | "int" | "float" | "bool" | "ints" | "floats" | "text"
    choices: tuple = ()
    low: float | None = None
    high: float | None = None
    count: int | None = None  # "floats": the most values it takes

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
        if self.kind == "floats":
            parts = raw.split(",") if raw else []
            if len(parts) > self.count:
                raise ValueError("range")
            return tuple(self._number(part, float) for part in parts)
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
        if self.kind == "floats":
            return ",".join(f"{v:.6g}" for v in value)
        if self.kind == "float":
            return f"{value:g}"
        return str(value)


def _params(*items: Param) -> dict[str, Param]:
    return {p.name: p for p in items}


def _what_if_edit(row: int) -> tuple[Param, ...]:
    """The settings of the What if page's own intervention number `row` (1, 2, ...): the quantity, the units
    and steps (text such as "all" or "3, 7, 10-19": the page reads it, naming what it refuses), the value."""
    return (
        Param(f"wi{row}_q", "hidden", "choice", ALL_QUANTITIES),
        Param(f"wi{row}_units", "0", "text"),
        Param(f"wi{row}_steps", "all", "text"),
        Param(f"wi{row}_value", 0.0, "float", low=-WHAT_IF_MAX_VALUE, high=WHAT_IF_MAX_VALUE),
    )


# Settings of the sidebar, shared by every page.
GLOBAL = _params(
    Param("lang", "en", "choice", LANGS),
    Param("source", "pretrained", "choice", SOURCES),
    Param("kind", "lstm", "choice", kinds.KIND_NAMES),
    Param("variant", "standard", "choice", kinds.LSTM_VARIANTS),
    Param("act", "tanh", "choice", kinds.NONLINEARITIES),
    Param("task", "adding", "choice", UI_TASKS),
    Param("length", tasks.spec("adding")["length"][0], "int", low=1, high=limits.MAX_LENGTH),
    Param("hidden", 64, "int", low=1, high=limits.APP_MAX_HIDDEN),
    Param("layers", 1, "int", low=1, high=limits.APP_MAX_LAYERS),
    Param("bidir", False, "bool"),
    Param("seed", 0, "int", low=0, high=limits.APP_MAX_SEED),
    Param("sample", 0, "int", low=0, high=limits.APP_BATCH_SHOWN - 1),
    Param("run", "", "text"),
    # The input of the sequence shown, as the user set it (sequence_edit): adding's two marked steps,
    # remember_first's first symbol (-1: the sample's own), or the typed values of a one-feature task.
    Param("marks", (), "ints", low=0, high=limits.MAX_LENGTH - 1),
    Param("first", -1, "int", low=-1, high=tasks.spec("remember_first")["classes"][2] - 1),
    Param(
        "values",
        (),
        "floats",
        low=-limits.APP_MAX_TYPED_MAGNITUDE,
        high=limits.APP_MAX_TYPED_MAGNITUDE,
        count=limits.APP_MAX_TYPED_STEPS,
    ),
    Param("present", False, "bool"),  # the presenter view (ui.presenter), on every page
)

# Settings of single pages; a page names the ones it uses so only those go into its links.
PAGE = _params(
    Param("t", 10, "int", low=0, high=limits.MAX_LENGTH - 1),
    Param("unit", 0, "int", low=0, high=limits.APP_MAX_HIDDEN - 1),
    Param("layer", 0, "int", low=0, high=limits.APP_MAX_LAYERS - 1),
    Param("dir", "forward", "choice", DIRECTIONS),
    Param("sort", "index", "choice", SORTS),
    Param("units", (), "ints", low=0, high=limits.APP_MAX_HIDDEN - 1),
    Param("compare", "none", "choice", ("none", *kinds.KIND_NAMES)),
    Param("layout", "compact", "choice", LAYOUTS),
    Param("big", "input_gate", "choice", BIG_QUANTITIES),
    Param("slope", 0.01, "float", low=0.0, high=1.0),
    Param("kmax", 50, "int", low=2, high=200),
    Param("rho", "own", "choice", RHO_OPTIONS),
    Param("fbias", "own", "choice", FBIAS_OPTIONS),
    Param("clip", "off", "choice", CLIP_OPTIONS),
    Param("sw_kinds", (0, 1, 2), "ints", low=0, high=len(kinds.KIND_NAMES) - 1),
    Param("sw_lags", (10, 50, 100, 200), "ints", low=1, high=SWEEP_LAGS[-1]),
    Param("sw_steps", 200, "int", low=1, high=limits.SWEEP_MAX_STEPS),
    # Train: wide URL ranges on purpose, so the page itself refuses a bad value with a message.
    Param("tr_kinds", (0, 1, 2), "ints", low=0, high=len(kinds.KIND_NAMES) - 1),
    Param("tr_hidden", 32, "int", low=0, high=4096),
    Param("tr_batch", 32, "int", low=0, high=4096),
    Param("tr_steps", 300, "int", low=0, high=100_000),
    Param("tr_lr", 0.01, "float", low=0.0, high=100.0),
    Param("tr_opt", "adam", "choice", training.OPTIMIZERS),
    Param("tr_clip", "1", "choice", CLIP_OPTIONS),
    Param("tr_init", "default", "choice", training.RECURRENT_INITS),
    Param("tr_radius", 1.0, "float", low=0.1, high=3.0),
    Param("tr_fbias", "own", "choice", FBIAS_OPTIONS),
    # What if
    Param("wi_preset", "memory", "choice", WHAT_IF_PRESETS),
    Param("wi_count", 3, "int", low=1, high=limits.WHAT_IF_MAX_UNITS),
    Param("wi_to", "zero", "choice", tuple(SILENCE_TO)),
    Param("wi_batch", limits.WHAT_IF_MAX_BATCH, "int", low=1, high=limits.WHAT_IF_MAX_BATCH),
    Param("wi_show", "cell", "choice", ALL_QUANTITIES),
    Param("wi_lag", 50, "int", low=1, high=limits.WHAT_IF_CURVE_MAX_LAG),
    Param("wi_edits", 1, "int", low=1, high=limits.WHAT_IF_MAX_EDITS),
    *(param for row in range(1, limits.WHAT_IF_MAX_EDITS + 1) for param in _what_if_edit(row)),
    # Sweeps: the task shown ("all": every task of the database), the architectures, the metric or the loss
    Param("swp_task", "all", "choice", ("all", *tasks.names())),
    Param("swp_kinds", (0, 1, 2), "ints", low=0, high=len(kinds.KIND_NAMES) - 1),
    Param("swp_show", "metric", "choice", ("metric", "loss")),
    # Lessons: the lesson's file name ("": the list of lessons) and its step, counted from 1
    Param("lesson", "", "text"),
    Param("step", 1, "int", low=1, high=limits.LESSON_MAX_STEPS),
    # Reading text: the pretrained chars-<model>, its layer (-1: the top one), what colours the text, the
    # feature and unit (auto / -1: the strongest quote or bracket unit) and where the held-out excerpt starts
    Param("rt_model", "lstm", "choice", ("lstm", "lstm2", "gru", "rnn")),
    Param("rt_layer", -1, "int", low=-1, high=limits.APP_MAX_LAYERS - 1),
    Param("rt_quantity", "cell", "choice", ("cell", "hidden")),
    Param("rt_feature", "auto", "choice", ("auto", *text.FEATURES)),
    Param("rt_unit", -1, "int", low=-1, high=limits.APP_MAX_HIDDEN - 1),
    Param("rt_offset", 0, "int", low=0, high=10**8),
)

PARAMS = {**GLOBAL, **PAGE}


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
    if "length" not in query:  # a link that sets no length means the task's own
        settings["length"] = task_length(settings["task"])
    return settings, notices


# The length (lag, window) a task opens with, where it is not the task's own default: the one its pretrained
# demos were trained at (scripts/make_pretrained.py; tests/unit/test_pretrained_series.py checks every one).
OPENING_LENGTHS = {"remember_first": 100}


def task_length(task: str) -> int:
    """The length (or lag, or window) a task opens with, and what a link that sets none means."""
    return OPENING_LENGTHS.get(task, tasks.spec(task)[tasks.length_param(task)][0])


def query_for(settings: dict[str, Any], page_params: Iterable[str]) -> dict[str, str]:
    """The URL parameters for a view: global and page settings that differ from their defaults (the length
    from the task's own)."""
    names = [*GLOBAL, *page_params]
    default = {name: PARAMS[name].default for name in names} | {"length": task_length(settings["task"])}
    return {name: PARAMS[name].dump(settings[name]) for name in names if settings[name] != default[name]}
