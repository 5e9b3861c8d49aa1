"""Building blocks the pages share: page start, notices, time-step and layer controls (and the sentence that
says which layer is shown), the gradient-ratio metric, figures, and the Download expander (from downloads)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import TypeVar

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from lstm_viz import limits

from . import memory, state, time_cursor, time_play, url_params
from .context import Context
from .strings import Strings


def begin(page_params) -> tuple[Context, Strings]:
    """Start a page: declare its URL settings; returns the sidebar's Context and the strings.

    A page script that Streamlit ran without the frame (the first run of a process, in its old `pages/`
    mode; see `main`) runs the frame instead, which runs this same page inside it, and stops here.
    """
    if not state.frame_ran():
        from .main import main

        main()
        st.stop()
    state.set_page_params(page_params)
    context = state.context()
    return context, context.strings


MODEL_NOTICES = frozenset(
    {
        "notice_no_pretrained",
        "notice_run_failed",
        "notice_no_saved_run",
        "notice_run_gone",
        "notice_sample_range",
        "notice_no_checkpoint",
        "notice_own_gone",
        "notice_own_input",
        "notice_own_input_none",
        "notice_own_stand_in",
        "notice_own_beside",
        "notice_edit_marks",
        "notice_edit_first",
        "notice_edit_values",
        "notice_edit_count",
    }
)


def show_notices(s: Strings, model: bool = True) -> None:
    """Show this run's notices; model=False drops those about the model (for pages that do not use it)."""
    for key, kwargs in state.take_notices():
        if model or key not in MODEL_NOTICES:
            st.warning(s.notice(key, kwargs), icon=":material/info:")


def _shift_t(delta: int, length: int) -> None:
    time_play.stop()
    key = state.widget_key("t")
    current = st.session_state.get(key, state.settings()["t"])
    state.put("t", int(min(max(current + delta, 0), length - 1)))


def time_step(s: Strings, length: int, key: str = "t") -> int:
    """Slider for the time step t with previous / next and play / stop buttons; returns t."""
    default = min(url_params.PARAMS["t"].default, length - 1)
    current = st.session_state.get(state.widget_key("t"), state.settings()["t"])  # as just moved, if it was
    if current == url_params.PARAMS["t"].default and current > length - 1:  # the default on a short sequence
        state.put("t", default)  # no notice: the user did not ask for it
    state.clamp_int("t", 0, length - 1, default=default)
    if length == 1:
        st.caption(s("t_single", t=0))
        return 0
    left, middle, right, play = st.columns([1.7, 7, 1.7, 1.7], vertical_alignment="bottom")
    left.button(s["prev_step"], key=f"{key}_prev", on_click=_shift_t, args=(-1, length), width="stretch")
    right.button(s["next_step"], key=f"{key}_next", on_click=_shift_t, args=(1, length), width="stretch")
    time_play.controls(play, s, length)
    return state.bind(
        "t", middle.slider, s["t_label"], min_value=0, max_value=length - 1, help=s["t_help"],
        on_change=time_play.stop,
    )  # fmt: skip


Drawn = TypeVar("Drawn")


def at_time_step(s: Strings, length: int, draw: Callable[[int], Drawn]) -> Drawn:
    """The time-step control and `draw(t)`, what it shows at step t, as a fragment: moving the time step
    (slider, Previous / Next, Play: time_play) reruns this part alone, so the frame, the sidebar and the rest
    of the page are not run nor sent again. Returns what draw returned in the page's full run."""
    return _time_step_fragment(s, length, draw)


def time_step_markers(s: Strings, length: int) -> int:
    """The time-step control of a page whose figures, drawn after it, mark step t (figures.mark_time): moving
    the time step reruns this control alone and moves the markers already on screen (time_cursor), so no
    figure travels again. Returns t."""
    return _time_step_fragment(s, length, time_cursor.move_markers)


@st.fragment
def _time_step_fragment(s: Strings, length: int, draw: Callable[[int], Drawn]) -> Drawn:
    t = time_step(s, length)
    show_notices(s)  # a time step out of range
    drawn = draw(t)
    state.write_url(state.page_params())  # a rerun of this part alone does not reach the frame's end
    memory.after_run()
    return drawn


def layer_and_direction(context: Context, s: Strings, container=None) -> tuple[int, bool]:
    """Layer and direction pickers (only drawn when there is a choice); returns (layer, reverse)."""
    container = container or st
    layer = state.clamp_int("layer", 0, context.layers - 1)
    if context.layers > 1:
        layer = state.bind(
            "layer",
            container.selectbox,
            s["layer_label"],
            options=list(range(context.layers)),
            format_func=lambda v: s(
                "layer_option", layer=v, top=s["layer_top"] if v == context.layers - 1 else ""
            ),
        )
    if not context.bidirectional:
        state.put("dir", "forward")
        return layer, False
    direction = state.bind(
        "dir",
        container.radio,
        s["dir_label"],
        options=url_params.DIRECTIONS,
        format_func=lambda v: s[f"dir_{v}"],
        horizontal=True,
        help=s["dir_help"],
    )
    return layer, direction == "reverse"


def where_shown(context: Context, s: Strings, layer: int, reverse: bool) -> str:
    """The sentence "Shown: layer 1 (top), forward direction." for a model with layers or directions to
    choose from, else "" (a single forward layer needs no saying)."""
    if context.layers == 1 and not context.bidirectional:
        return ""
    top = s["layer_top"] if layer == context.layers - 1 else ""
    direction = s["dir_word_reverse" if reverse else "dir_word_forward"]
    return s("where_shown", layer=layer, top=top, direction=direction)


def grad_ratio(norms) -> float:
    """||dL/dh_(T-1)|| ÷ ||dL/dh_0||, the one convention of every page: how many times weaker the learning
    signal is at step 0 than at the last step. inf when only step 0's underflowed to 0, nan when both did."""
    norms = np.asarray(norms, dtype=np.float64)  # (T,)
    first, last = (float(norms[0]), float(norms[-1])) if norms.size else (math.nan, math.nan)
    if first == 0 and last > 0:
        return math.inf
    return last / first if first > 0 else math.nan


def grad_ratio_texts(s: Strings, arch: str, norms, factor: float) -> tuple[str, str, str]:
    """(label, value, help) of the metric "<arch>: last ÷ first" of a gradient-norm curve (T,), with its
    fitted factor per step back and its span (largest ÷ smallest) in the help."""
    positive = np.asarray(norms, dtype=np.float64)
    positive = positive[np.isfinite(positive) & (positive > 0)]
    span = positive.max() / positive.min() if positive.size else math.nan
    return (
        s("grad_ratio_label", arch=arch),
        _ratio_text(grad_ratio(norms)),
        s("grad_ratio_help", factor=_ratio_text(factor, ".3g"), span=_ratio_text(span)),
    )


def grad_ratio_metric(container, s: Strings, arch: str, norms, factor: float) -> None:
    """Draw grad_ratio_texts as a metric in `container` (a column, or st)."""
    label, value, help_text = grad_ratio_texts(s, arch, norms, factor)
    container.metric(label, value, help=help_text)


def _ratio_text(value: float, spec: str = ".1e") -> str:
    return "∞" if value == math.inf else format(value, spec) if math.isfinite(value) else "—"


def numbers_per_heatmap(count: int) -> int:
    """Each heatmap's share of limits.PAGE_HEATMAP_NUMBERS when a page draws `count` of them (at most the
    figure default)."""
    return int(min(limits.MAX_HEATMAP_NUMBERS, limits.PAGE_HEATMAP_NUMBERS // max(count, 1)))


def show_figure(fig: go.Figure | Mapping, caption: str | None = None, key: str | None = None) -> None:
    """Draw a figure, or a figure dict made by fig.to_plotly_json() (cached figures, figures.mark_time)."""
    if isinstance(fig, Mapping):
        # st.plotly_chart validates a dict property by property again (a heatmap: 4 ms, a third of a cached
        # page's rerun under load). These dicts come from validated figures, so wrap them without that pass.
        fig = go.Figure(fig, _validate=False)
    st.plotly_chart(fig, width="stretch", key=key, theme=None, config={"displaylogo": False})
    if caption:
        st.caption(caption)
