"""Activation functions and their derivatives, and why long products of derivatives vanish."""

import streamlit as st

from lstm_viz import figures
from lstm_viz.ui import downloads, figure_cache, kit, state

ctx, s = kit.begin(("slope", "kmax"))
st.title(s["page_activations"])
kit.show_notices(s, model=False)
st.markdown(s["act_intro"])

controls = st.columns(2)
slope = state.bind(
    "slope",
    controls[0].slider,
    s["act_slope"],
    min_value=0.0,
    max_value=1.0,
    step=0.01,
    format="%.2f",
    help=s["act_slope_help"],
    normalise=lambda v: float(min(max(v, 0.0), 1.0)),
)
k_max = state.bind(
    "kmax",
    controls[1].slider,
    s["act_kmax"],
    min_value=2,
    max_value=200,
    help=s["act_kmax_help"],
    normalise=lambda v: int(min(max(v, 2), 200)),
)
kit.show_notices(s, model=False)

figs = {}
st.subheader(s["act_curves"])
fig = figure_cache.activation_curves(slope, ctx.lang)
figs["activations"] = (s["act_curves"], fig)
kit.show_figure(fig, figures.caption("activation_curves", s), key="act_curves")
left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader(s["act_products"])
    fig = figure_cache.derivative_products(k_max, slope, ctx.seed, ctx.lang)
    figs["products"] = (s["act_products"], fig)
    kit.show_figure(fig, figures.caption("derivative_products", s), key="act_products")
with right:
    st.subheader(s["act_bounds"])
    st.markdown(
        s(
            "act_bounds_table",
            k=k_max,
            sigmoid=f"{0.25**k_max:.2e}",
            tanh="1",
            relu="1 / 0",
            leaky=f"{slope**k_max:.2e}" if slope > 0 else "0",
            slope=f"{slope:.2f}",
        )
    )
st.markdown(s["act_why"])
st.markdown(s["act_lstm"])

downloads.exports(None, s, None, figs, key="act_export", page="activations")
