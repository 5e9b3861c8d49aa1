"""Building blocks the pages share: page start, notices, time-step and layer controls, figures, exports."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

from lstm_viz import figures
from lstm_viz.engine.trace import Trace

from . import state, url_params
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
        "notice_sample_range",
    }
)


def show_notices(s: Strings, model: bool = True) -> None:
    """Show this run's notices; model=False drops those about the model (for pages that do not use it)."""
    for key, kwargs in state.take_notices():
        if model or key not in MODEL_NOTICES:
            st.warning(s.notice(key, kwargs), icon=":material/info:")


def _shift_t(delta: int, length: int) -> None:
    key = state.widget_key("t")
    current = st.session_state.get(key, state.settings()["t"])
    state.put("t", int(min(max(current + delta, 0), length - 1)))


def time_step(s: Strings, length: int, key: str = "t") -> int:
    """Slider for the time step t with previous / next buttons; returns t."""
    state.clamp_int("t", 0, length - 1, default=min(url_params.PARAMS["t"].default, length - 1))
    if length == 1:
        st.caption(s("t_single", t=0))
        return 0
    left, middle, right = st.columns([1.2, 8, 1.2], vertical_alignment="bottom")
    left.button(s["prev_step"], key=f"{key}_prev", on_click=_shift_t, args=(-1, length), width="stretch")
    right.button(s["next_step"], key=f"{key}_next", on_click=_shift_t, args=(1, length), width="stretch")
    return state.bind("t", middle.slider, s["t_label"], min_value=0, max_value=length - 1, help=s["t_help"])


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


PAGE_NUMBERS = 250_000  # numbers the heatmaps of one page may ship together: about 1.3 MB as base64 float32


def numbers_per_heatmap(count: int) -> int:
    """Each heatmap's share of PAGE_NUMBERS when a page draws `count` of them (at most the figure default)."""
    return int(min(figures.MAX_HEATMAP_NUMBERS, PAGE_NUMBERS // max(count, 1)))


def show_figure(fig: go.Figure | Mapping, caption: str | None = None, key: str | None = None) -> None:
    """Draw a figure, or a figure dict made by fig.to_plotly_json() (cached figures, figures.mark_time)."""
    if isinstance(fig, Mapping):
        # st.plotly_chart validates a dict property by property again (a heatmap: 4 ms, a third of a cached
        # page's rerun under load). These dicts come from validated figures, so wrap them without that pass.
        fig = go.Figure(fig, _validate=False)
    st.plotly_chart(fig, width="stretch", key=key, theme=None, config={"displaylogo": False})
    if caption:
        st.caption(caption)


def trace_npz_bytes(trace: Trace) -> bytes:
    """A Trace as the bytes of its .npz file (Trace.save writes to a path)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "trace.npz"
        trace.save(path)
        return path.read_bytes()


def file_stem(context: Context) -> str:
    return f"lstm-viz_{context.task_name}-{context.length}_{context.kind}_seed{context.seed}"


def exports(
    context: Context | None, s: Strings, trace: Trace | None, figs: Mapping[str, tuple], key: str
) -> None:
    """Download buttons: the trace (.npz, long CSV) and one chosen figure as a standalone HTML page.

    figs maps an ASCII code (used in the file name) to (title, figure).
    """
    with st.expander(s["export_header"], icon=":material/download:"):
        st.caption(s["export_help"] if trace is not None else s["export_help_figures"])
        npz, csv, html = st.columns(3)
        stem = file_stem(context) if context is not None else "lstm-viz"
        if trace is not None:
            npz.download_button(
                s["export_npz"],
                data=lambda: trace_npz_bytes(trace),
                file_name=f"{stem}.npz",
                mime="application/octet-stream",
                on_click="ignore",
                key=f"{key}_npz",
                icon=":material/database:",
            )
            csv.download_button(
                s["export_csv"],
                data=lambda: trace.to_csv(),
                file_name=f"{stem}.csv",
                mime="text/csv",
                on_click="ignore",
                key=f"{key}_csv",
                icon=":material/table:",
            )
        if figs:
            codes = list(figs)
            chosen = codes[0]
            if len(codes) > 1:
                chosen = html.selectbox(
                    s["export_which"], codes, format_func=lambda code: figs[code][0], key=f"{key}_which"
                )
            fig = figs[chosen][1]
            html.download_button(
                s["export_html"],
                data=lambda: figures.to_html(fig),
                file_name=f"{stem}_{chosen}.html",
                mime="text/html",
                on_click="ignore",
                key=f"{key}_html",
                icon=":material/code:",
            )
