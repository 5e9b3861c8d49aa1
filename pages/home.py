"""Home: what lstm-viz shows, a live headline picture, and where each page leads."""

import streamlit as st

from lstm_viz.engine.kinds import KIND_NAMES
from lstm_viz.ui import engine_cache as cache
from lstm_viz.ui import figure_cache, kit, navigation, state, url_params

ctx, s = kit.begin(())
st.title(s["home_title"])
kit.show_notices(s)
st.markdown(s["home_intro"])

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader(s["home_headline"])
    contexts, fallback, curves = [], False, []
    for kind in KIND_NAMES:
        sub, notes = ctx.with_kind(kind)
        trace_length = sub.task().length
        fallback = fallback or (ctx.source == "pretrained" and sub.source != "pretrained")
        with st.spinner(s("computing", what=sub.arch_label())):
            result = cache.grad_norms(*sub.trace_args)
        curves.append((sub.arch_label(), result["norms"], result["fit"].factor))
        contexts.append(sub)
    fig = figure_cache.grad_norm_lines(tuple(contexts), s("home_fig_title", length=trace_length))
    kit.show_figure(fig, s["home_fig_caption"], key="home_headline")
    for column, (label, norms, factor) in zip(st.columns(len(curves)), curves, strict=True):
        kit.grad_ratio_metric(column, s, label, norms, factor)
    if fallback:
        st.info(s["home_fresh_note"], icon=":material/info:")
    st.markdown(s["home_reading"])

with right:
    st.subheader(s["home_pages"])
    pages = state.pages()
    query = url_params.query_for(state.settings(), ())
    for entry in navigation.PAGES[1:]:
        with st.container(border=True):
            if entry.url in pages:
                st.page_link(pages[entry.url], label=f"**{s[entry.title_key]}**", query_params=query or None)
            st.markdown(s[entry.teaches_key])
    st.caption(s["home_howto"])
