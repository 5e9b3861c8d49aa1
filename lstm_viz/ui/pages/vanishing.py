"""Vanishing gradients: ||dL/dh_t|| of an RNN, a GRU and an LSTM on the same sequences, and what moves it."""

import math

import streamlit as st

from lstm_viz.ui import compare, kit, state
from lstm_viz.ui import vanishing_data as data

ctx, s = kit.begin(("rho", "fbias", "clip"))
st.title(s["page_vanishing"])
source = ctx.source_label() if ctx.source == "saved" else s[f"source_{ctx.source}"]
st.caption(s("vn_subtitle", task=s[f"task_{ctx.task_name}"], source=source))
st.markdown(s["vn_intro"])

controls = st.columns(3)
rho = state.bind(
    "rho",
    controls[0].select_slider,
    s["vn_rho"],
    options=state.RHO_OPTIONS,
    format_func=lambda v: s["vn_own"] if v == "own" else v,
    help=s["vn_rho_help"],
)
fbias = state.bind(
    "fbias",
    controls[1].select_slider,
    s["vn_fbias"],
    options=state.FBIAS_OPTIONS,
    format_func=lambda v: s["vn_own"] if v == "own" else v,
    help=s["vn_fbias_help"],
)
clip = state.bind(
    "clip",
    controls[2].select_slider,
    s["vn_clip"],
    options=state.CLIP_OPTIONS,
    format_func=lambda v: s["vn_clip_off"] if v == "off" else v,
    help=s["vn_clip_help"],
)

views = []
for view_ctx in compare.three(ctx):
    with st.spinner(s("computing", what=view_ctx.arch_label())):
        views.append(
            data.model_view(
                view_ctx, data.option_value(rho), data.option_value(fbias), data.option_value(clip)
            )
        )
kit.show_notices(s)
figures = kit.figures
rnn, gru, lstm = views
label = {view.context.kind: view.context.arch_label() for view in views}

figs = {}
left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader(s("vn_lines_title", length=rnn.norms.size))
    fig = figures.grad_norm_lines(
        {label[v.context.kind]: v.norms for v in views},
        fits={label[v.context.kind]: v.fit for v in views},
        bound=data.pascanu_line(rnn) if rnn.sigma_max is not None else None,
        labels=s,
    )
    fig.update_yaxes(range=data.log_range([v.norms for v in views]))
    fig.update_layout(legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"})
    figs["norms"] = (s("vn_lines_title", length=rnn.norms.size), fig)
    kit.show_figure(fig, f"{figures.caption('grad_norm_lines', s)} {s['vn_bound_caption']}", key="vn_lines")
    for column, view in zip(st.columns(3), views, strict=True):
        ratio = view.last_over_first
        column.metric(
            s("vn_metric_label", arch=label[view.context.kind]),
            f"{ratio:.1e}" if math.isfinite(ratio) else "∞",
            help=s("vn_metric_help", span=f"{view.span:.1e}"),
        )
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
            "vn_rnn_text",
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
    threshold = data.option_value(clip)
    fig = figures.grad_norm_lines({label[v.context.kind]: v.clipped for v in views}, labels=s)
    fig.add_hline(y=threshold, line={"color": "grey", "dash": "dot", "width": 2})
    fig.update_yaxes(range=data.log_range([v.clipped for v in views] + [[threshold]]))
    figs["clipped"] = (s["vn_clip_title"], fig)
    kit.show_figure(fig, s("vn_clip_caption", threshold=clip), key="vn_clipped")
    for column, view in zip(st.columns(3), views, strict=True):
        column.metric(
            s("vn_clip_metric", arch=label[view.context.kind]),
            f"{view.clip.norm:.3g} → {view.clip.clipped_norm:.3g}",
            help=s("vn_clip_metric_help", factor=f"{view.clip.factor:.3g}"),
        )

share = kit.numbers_per_heatmap(8)  # 3 gradient heatmaps, the cell's two, 3 over training
st.subheader(s["vn_heat_title"])
st.markdown(s("vn_heat_intro", sample=ctx.sample))
zrange = figures.shared_zrange([v.trace[f"{v.key}.hidden_grad"][ctx.sample] for v in views], "hidden_grad")
for column, view in zip(st.columns(3), views, strict=True):
    with column:
        title = s("gates_fig_title", quantity=s["q.hidden_grad"], arch=label[view.context.kind])
        fig = figures.gates_heatmap(
            view.trace, f"{view.key}.hidden_grad", sample=ctx.sample, zrange=zrange, labels=s, title=title,
            max_numbers=share,
        )  # fmt: skip
        figs[f"heat-{view.context.kind}"] = (title, fig)
        kit.show_figure(fig, key=f"vn_heat_{view.context.kind}")
st.caption(figures.caption("gates_heatmap", s, "hidden_grad"))

st.subheader(s["vn_cell_title"])
st.markdown(s["vn_cell_intro"])
cell_col, carousel_col = st.columns(2)
with cell_col:
    title = s("gates_fig_title", quantity=s["q.cell_grad"], arch=label["lstm"])
    fig = figures.gates_heatmap(
        lstm.trace, f"{lstm.key}.cell_grad", sample=ctx.sample, labels=s, title=title, max_numbers=share
    )
    figs["cell-grad"] = (title, fig)
    kit.show_figure(fig, s["meaning_cell_grad"], key="vn_cell_grad")
with carousel_col:
    title = s("gates_fig_title", quantity=s["q.carousel_grad"], arch=label["lstm"])
    fig = figures.heatmap(
        data.carousel(lstm, ctx.sample), "carousel_grad", labels=s, title=title, max_numbers=share
    )
    figs["carousel"] = (title, fig)
    kit.show_figure(fig, s["vn_carousel_caption"], key="vn_carousel")

st.subheader(s["vn_training_title"])
shown = [(view, data.snapshots(view.context)) for view in views]
if all(snap is None for _, snap in shown):
    st.info(s["vn_training_none"], icon=":material/info:")
else:
    st.markdown(s["vn_training_intro"])
    snaps = [snap for _, snap in shown if snap is not None]
    zrange = figures.shared_zrange([norms for _, norms in snaps], "hidden_grad")
    for column, (view, snap) in zip(st.columns(3), shown, strict=True):
        with column:
            if snap is None:
                st.caption(s("vn_training_missing", arch=label[view.context.kind]))
                continue
            steps, norms = snap
            title = s("vn_training_fig", arch=label[view.context.kind])
            fig = figures.heatmap(
                norms, "hidden_grad", y_title_key="training_step", zrange=zrange, labels=s, title=title,
                y_values=[str(step) for step in steps], max_numbers=share,
            )  # fmt: skip
            figs[f"training-{view.context.kind}"] = (title, fig)
            kit.show_figure(fig, key=f"vn_training_{view.context.kind}")

kit.exports(lstm.context, s, None, figs, key="vn_export")
