"""Home's body drawn from plain values (a `view` dict), so that the live page and a fresh server's first
answer (ui/first_home.py, from values saved beside the pretrained demos) draw exactly the same thing.

This module imports only Streamlit and Plotly: it is on the path of a fresh server's first chart, which must
not wait for torch or pandas. `home_values.compute` makes a view from the engine; its keys:
title, intro, headline, figure (a Plotly figure dict), caption, metrics [[label, value, help], ...],
fallback_note (text or None), reading, pages_heading, cards [[url, title, teaches], ...], query (the URL
parameters the cards' links keep), howto.
"""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go
import streamlit as st

CHART_KEY = "home_headline"


def draw_body(view: Mapping, pages: Mapping) -> None:
    """Everything of Home under its title and notices; `pages`: {url: st.Page} of the frame's navigation."""
    st.markdown(view["intro"])
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader(view["headline"])
        # A figure dict from a validated figure: wrapped without Plotly's validation pass, as kit.show_figure.
        figure = go.Figure(view["figure"], _validate=False)
        st.plotly_chart(figure, width="stretch", key=CHART_KEY, theme=None, config={"displaylogo": False})
        st.caption(view["caption"])
        metrics = view["metrics"]
        for column, (label, value, help_text) in zip(st.columns(len(metrics)), metrics, strict=True):
            column.metric(label, value, help=help_text)
        if view["fallback_note"]:
            st.info(view["fallback_note"], icon=":material/info:")
        st.markdown(view["reading"])
    with right:
        st.subheader(view["pages_heading"])
        for url, title, teaches in view["cards"]:
            with st.container(border=True):
                if url in pages:
                    st.page_link(pages[url], label=f"**{title}**", query_params=view["query"] or None)
                st.markdown(teaches)
        st.caption(view["howto"])
