"""Vanishing gradients: ||dL/dh_t|| of an RNN, a GRU and an LSTM on the same sequences, and what moves it."""

import math

import streamlit as st

from lstm_viz import figures
from lstm_viz.ui import compare, downloads, kit, state, url_params, vanishing_figures
from lstm_viz.ui import vanishing_data as data

ctx, s = kit.begin(("rho", "fbias", "clip", "layer", "dir"))
st.title(s["page_vanishing"])
source = ctx.source_label() if ctx.source == "saved" else s[f"source_{ctx.source}"]
st.caption(s("vn_subtitle", task=s[f"task_{ctx.task_name}"], source=source))
st.markdown(s["vn_intro"])

controls = st.columns(3)
rho = state.bind(
    "rho",
    controls[0].select_slider,
    s["vn_rho"],
    options=url_params.RHO_OPTIONS,
    format_func=lambda v: s["vn_own"] if v == "own" else v,
    help=s["vn_rho_help"],
)
fbias = state.bind(
    "fbias",
    controls[1].select_slider,
    s["vn_fbias"],
    options=url_params.FBIAS_OPTIONS,
    format_func=lambda v: s["vn_own"] if v == "own" else v,
    help=s["vn_fbias_help"],
)
clip = state.bind(
    "clip",
    controls[2].select_slider,
    s["vn_clip"],
    options=url_params.CLIP_OPTIONS,
    format_func=lambda v: s["vn_clip_off"] if v == "off" else v,
    help=s["vn_clip_help"],
)

has_choice = ctx.layers > 1 or ctx.bidirectional
layer, reverse = kit.layer_and_direction(ctx, s, st.columns(3)[0] if has_choice else None)
where = kit.where_shown(ctx, s, layer, reverse)
if where:
    st.caption(where)

contexts = tuple(compare.three(ctx))
views = []
for view_ctx in contexts:
    with st.spinner(s("computing", what=view_ctx.arch_label())):
        options = (data.option_value(rho), data.option_value(fbias), data.option_value(clip))
        views.append(data.model_view(view_ctx, *options, layer, reverse))
kit.show_notices(s)
figs = vanishing_figures.page_figures(contexts, rho, fbias, clip, ctx.sample, layer, reverse)
rnn, gru, lstm = views
label = {view.context.kind: view.context.arch_label() for view in views}


def bound_caption() -> str:
    """What the dashed bound says about these numbers (or why there is none in this layer and direction)."""
    if rnn.sigma_max is None:
        return ""
    if not data.has_bound(rnn):
        return s["vn_bound_not_here"]
    chart_top = figs["norms"][1]["layout"]["yaxis"]["range"][1]
    bound = data.bound_summary(rnn, chart_top)
    numbers = {"sigma": f"{bound.sigma:.3g}", "start": f"{bound.at_start:.1e}"}
    text = s("vn_bound_grows" if bound.sigma > 1 else "vn_bound_shrinks", **numbers)
    if bound.leaves_at is not None:
        text += " " + s("vn_bound_leaves", t=bound.leaves_at)
    if math.isfinite(bound.decades_above) and bound.decades_above >= 1:
        text += " " + s("vn_bound_loose", decades=f"{bound.decades_above:.0f}")
    return f"{s['vn_bound_caption']} {text}"


left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader(figs["norms"][0])
    caption = f"{figures.caption('grad_norm_lines', s)} {bound_caption()}".strip()
    kit.show_figure(figs["norms"][1], caption, key="vn_lines")
    for column, view in zip(st.columns(3), views, strict=True):
        kit.grad_ratio_metric(column, s, label[view.context.kind], view.norms, view.fit.factor)
with right:
    st.subheader(s["vn_reading"])
    st.markdown(
        s(
            "vn_lstm_open" if lstm.keeps_path else "vn_lstm_closed",
            f=f"{lstm.best_forget:.3f}",
            f_all=f"{lstm.mean_forget:.2f}",
            carry=f"{lstm.best_carry:.2g}",
            span=f"{lstm.span:.1e}",
        )
    )
    st.markdown(
        s(
            "vn_rnn_text_relu" if rnn.context.nonlinearity == "relu" else "vn_rnn_text",
            sigma=f"{rnn.sigma_max:.3g}",
            radius=f"{rnn.radius:.3g}",
            saturated=f"{rnn.saturated:.0%}",
            factor=f"{rnn.fit.factor:.3g}" if math.isfinite(rnn.fit.factor) else "—",
        )
    )
    st.markdown(s["vn_try"])

st.subheader(s["vn_clip_title"])
if clip == "off":
    st.caption(s["vn_clip_is_off"])
else:
    kit.show_figure(figs["clipped"][1], s("vn_clip_caption", threshold=clip), key="vn_clipped")
    for column, view in zip(st.columns(3), views, strict=True):
        column.metric(
            s("vn_clip_metric", arch=label[view.context.kind]),
            f"{view.clip.norm:.3g} → {view.clip.clipped_norm:.3g}",
            help=s("vn_clip_metric_help", factor=f"{view.clip.factor:.3g}"),
        )

st.subheader(s["vn_heat_title"])
st.markdown(s("vn_heat_intro", sample=ctx.sample))
for view in views:  # one above the other, each at full width: side by side they would be too narrow to read
    kit.show_figure(figs[f"heat-{view.context.kind}"][1], key=f"vn_heat_{view.context.kind}")
st.caption(figures.caption("gates_heatmap", s, "hidden_grad"))

st.subheader(s["vn_cell_title"])
st.markdown(s["vn_cell_intro"])
cell_col, carousel_col = st.columns(2)
with cell_col:
    kit.show_figure(figs["cell-grad"][1], s["meaning_cell_grad"], key="vn_cell_grad")
with carousel_col:
    kit.show_figure(figs["carousel"][1], s["vn_carousel_caption"], key="vn_carousel")

st.subheader(s["vn_training_title"])
if not any(f"training-{view.context.kind}" in figs for view in views):
    st.info(s["vn_training_none"], icon=":material/info:")
else:
    st.markdown(s["vn_training_intro"])
    for view in views:  # full width, one above the other, like the gradient heatmaps above
        code = f"training-{view.context.kind}"
        if code in figs:
            kit.show_figure(figs[code][1], key=f"vn_training_{view.context.kind}")
        else:
            st.caption(s("vn_training_missing", arch=label[view.context.kind]))

downloads.exports(ctx, s, None, figs, key="vn_export", page="vanishing", arch="rnn-gru-lstm")
