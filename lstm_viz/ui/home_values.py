"""Home's view (see ui/home_view.py) computed from the engine: the headline figure of the three architectures'
gradient norms, their metrics, and the texts and cards around them, all as plain JSON-able values."""

from __future__ import annotations

from lstm_viz.engine.kinds import KIND_NAMES

from . import engine_cache as cache
from . import figure_cache, first_home, kit, navigation, state, url_params
from .context import Context
from .strings import Strings


def compute(ctx: Context, s: Strings) -> dict:
    """The view of Home for the sidebar's Context `ctx`, in the language of `s`."""
    import streamlit as st

    contexts, fallback, metrics = [], False, []
    for kind in KIND_NAMES:
        sub, _ = ctx.with_kind(kind)
        trace_length = sub.task().length
        fallback = fallback or (ctx.source == "pretrained" and sub.source != "pretrained")
        with st.spinner(s("computing", what=sub.arch_label())):
            result = cache.grad_norms(*sub.trace_args)
        metrics.append(list(kit.grad_ratio_texts(s, sub.arch_label(), result["norms"], result["fit"].factor)))
        contexts.append(sub)
    view = {
        "title": s["home_title"],
        "intro": s["home_intro"],
        "headline": s["home_headline"],
        "figure": figure_cache.grad_norm_lines(tuple(contexts), s("home_fig_title", length=trace_length)),
        "caption": s["home_fig_caption"],
        "metrics": metrics,
        "fallback_note": s["home_fresh_note"] if fallback else None,
        "reading": s["home_reading"],
        "pages_heading": s["home_pages"],
        "cards": [[entry.url, s[entry.title_key], s[entry.teaches_key]] for entry in navigation.PAGES[1:]],
        "query": url_params.query_for(state.settings(), ()),
        "howto": s["home_howto"],
    }
    first_home.HOME_COMPUTED.set()  # its caches are filled: later visitors get the live Home at once
    return view
