"""Long-range dependencies: accuracy or loss against lag, saliency on the marked inputs, memory units."""

import math

import streamlit as st

from lstm_viz import limits
from lstm_viz.engine.kinds import KIND_NAMES
from lstm_viz.training import lag_sweep
from lstm_viz.ui import compare, kit, long_range_figures, probe_cache, state, sweep_store, url_params
from lstm_viz.ui import long_range_data as data

ctx, s = kit.begin(("sw_kinds", "sw_lags", "sw_steps"))
st.title(s["page_long_range"])
source = ctx.source_label() if ctx.source == "saved" else s[f"source_{ctx.source}"]
st.caption(s("vn_subtitle", task=s[f"task_{ctx.task_name}"], source=source))
st.markdown(s["lr_intro"])
views = compare.three(ctx)
kit.show_notices(s)
figures = kit.figures
names = {kind: s[f"kind_{kind}"] for kind in KIND_NAMES}
figs = {}

# --- metric against lag -------------------------------------------------------------------------------------
task_name = data.sweep_task(ctx.task_name)
st.subheader(s("lr_sweep_title", task=s[f"task_{task_name}"]))
if task_name != ctx.task_name:
    st.caption(s["lr_sweep_other_task"])
shipped = sweep_store.shipped_sweep(task_name)
if shipped is not None:
    fig = long_range_figures.shipped_sweep(task_name, ctx.lang)
    figs["sweep"] = (s["lr_sweep_shipped"], fig)
    kit.show_figure(fig, s(f"lr_sweep_caption_{shipped['metric']}"), key="lr_shipped")
else:
    st.info(s["lr_no_shipped"], icon=":material/info:")

with st.expander(s["lr_live_header"], expanded=shipped is None, icon=":material/science:"):
    st.markdown(s("lr_live_intro", hidden=data.SWEEP_HIDDEN, seconds=int(limits.SWEEP_TIME_LIMIT)))
    row = st.columns([2, 3, 2])
    kind_indices = state.bind(
        "sw_kinds",
        row[0].multiselect,
        s["lr_live_models"],
        options=list(range(len(KIND_NAMES))),
        format_func=lambda i: names[KIND_NAMES[i]],
        normalise=lambda v: [i for i in v if 0 <= i < len(KIND_NAMES)],
    )
    lags = state.bind(
        "sw_lags",
        row[1].multiselect,
        s["lr_live_lags"],
        options=list(url_params.SWEEP_LAGS),
        max_selections=limits.SWEEP_MAX_LAGS,
        normalise=lambda v: [lag for lag in v if lag in url_params.SWEEP_LAGS][: limits.SWEEP_MAX_LAGS],
    )
    state.settings()["sw_kinds"], state.settings()["sw_lags"] = tuple(kind_indices), tuple(lags)
    steps = state.bind(
        "sw_steps",
        row[2].slider,
        s["lr_live_steps"],
        min_value=20,
        max_value=limits.SWEEP_MAX_STEPS,
        step=20,
        normalise=lambda v: int(min(max(v, 20), limits.SWEEP_MAX_STEPS)),
    )
    key = data.sweep_key(task_name, kind_indices, lags, steps, ctx.seed)
    result = sweep_store.sweep_results().get(key)
    if st.button(s["lr_live_run"], key="lr_run", icon=":material/play_arrow:", type="primary"):
        if not kind_indices or not lags:
            st.error(s["lr_live_empty"])
        else:
            bar = st.progress(0.0, text=s["lr_live_starting"])

            def show(fraction, eta):
                eta_text = f"{eta:.0f}" if math.isfinite(eta) else "—"
                bar.progress(
                    min(fraction, 1.0), text=s("lr_live_progress", percent=int(100 * fraction), eta=eta_text)
                )

            result = sweep_store.run_sweep(key, data.Reporter(show))
            bar.empty()
    if result is not None:
        if result["stopped"]:
            st.warning(s("lr_live_stopped", seconds=int(limits.SWEEP_TIME_LIMIT)), icon=":material/timer:")
        fig = long_range_figures.sweep_figure(result, ctx.lang)
        figs["live"] = (s["lr_live_header"], fig)
        kit.show_figure(fig, s(f"lr_sweep_caption_{result['metric']}"), key="lr_live")

# --- saliency -----------------------------------------------------------------------------------------------
st.subheader(s["lr_saliency_title"])
st.markdown(s["lr_saliency_intro"])
panels = long_range_figures.saliency_panels(tuple(views))
for column, view, (title, fig, share) in zip(st.columns(3), views, panels, strict=True):
    with column:
        if share is not None:
            st.metric(s("lr_share", arch=view.arch_label()), long_range_figures.share_text(share))
        figs[f"saliency-{view.kind}"] = (title, fig)
        kit.show_figure(fig, key=f"lr_saliency_{view.kind}")
st.caption(f"{s['lr_saliency_caption']} {figures.caption('heatmap', s, 'saliency')}")

# --- memory units -------------------------------------------------------------------------------------------
st.subheader(s["lr_memory_title"])
lstm = views[KIND_NAMES.index("lstm")]
if ctx.task_name not in lag_sweep.TASKS:
    st.info(s["lr_memory_other_task"], icon=":material/info:")
else:
    fig = long_range_figures.memory_panel(lstm)
    figs["memory"] = (s["lr_memory_title"], fig)
    left, right = st.columns([3, 2], gap="large")
    with left:
        caption = s("lr_memory_caption", batch=probe_cache.MEMORY_BATCH, sample=ctx.sample)
        kit.show_figure(fig, caption, key="lr_memory")
    with right:
        st.markdown(s(f"lr_memory_text_{ctx.task_name}", arch=lstm.arch_label(), source=lstm.source_label()))

kit.exports(ctx, s, None, figs, key="lr_export")
