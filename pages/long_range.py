"""Long-range dependencies: accuracy or loss against lag, saliency on the marked inputs, memory units."""

import streamlit as st

from lstm_viz import figures, limits
from lstm_viz.engine.kinds import KIND_NAMES
from lstm_viz.training import lag_sweep
from lstm_viz.ui import (
    compare,
    downloads,
    job_report,
    jobs,
    kit,
    long_range_figures,
    probe_cache,
    state,
    sweep_store,
    url_params,
)
from lstm_viz.ui import long_range_data as data

ctx, s = kit.begin(("sw_kinds", "sw_lags", "sw_steps", "layer", "dir"))
st.title(s["page_long_range"])
source = ctx.source_label() if ctx.source == "saved" else s[f"source_{ctx.source}"]
st.caption(s("vn_subtitle", task=s[f"task_{ctx.task_name}"], source=source))
st.markdown(s["lr_intro"])
views = compare.three(ctx)
kit.show_notices(s)
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
    sweep = sweep_store.current()
    if sweep is not None and sweep.finished:
        sweep.announced = True  # this run draws its result
    sweeping = sweep is not None and not sweep.finished
    cost = sweep_store.estimate(key) if kind_indices and lags else None
    if cost is not None:
        st.caption(job_report.estimate_text(s, cost.seconds, cost.macs))
    run_col, stop_col, _ = st.columns([2, 1, 4])
    if run_col.button(
        s["lr_live_run"], key="lr_run", icon=":material/play_arrow:", type="primary", disabled=sweeping
    ):
        if cost is None:
            st.error(s["lr_live_empty"])
        elif cost.seconds > limits.JOB_WORK_SECONDS:
            st.error(s("lr_err_budget", **job_report.budget_words(cost)), icon=":material/timer:")
        elif sweep_store.sweep_results().get(key) is None:
            sweep = sweep_store.launch(key)
            if not sweep.finished:
                st.rerun()
    if stop_col.button(s["lr_stop"], key="lr_stop", icon=":material/stop:", disabled=not sweeping):
        sweep.job.stop("user")

    @st.fragment(run_every=jobs.POLL_SECONDS if sweeping else None)
    def sweep_progress() -> None:
        """This session's sweep while it waits or runs: its place in the queue, then its progress."""
        sweep = sweep_store.current()
        if sweep is None or sweep.announced:
            return
        if sweep.finished:
            st.rerun(scope="app")  # draw the result
        st.progress(sweep.job.fraction, text=job_report.progress_text(s, sweep.job))

    sweep_progress()
    result = sweep_store.result_for(key, sweep)
    if result is not None:
        if result["stopped"]:
            reason = sweep.job.stop_reason if sweep is not None else None
            st.warning(
                s(f"lr_live_stopped_{reason}", seconds=int(limits.SWEEP_TIME_LIMIT)), icon=":material/timer:"
            )
        fig = long_range_figures.sweep_figure(result, ctx.lang)
        figs["live"] = (s["lr_live_header"], fig)
        kit.show_figure(fig, s(f"lr_sweep_caption_{result['metric']}"), key="lr_live")

# --- saliency -----------------------------------------------------------------------------------------------
st.subheader(s["lr_saliency_title"])
st.markdown(s["lr_saliency_intro"])
panels = long_range_figures.saliency_panels(tuple(views))
for column, view, (_, _, share) in zip(st.columns(3), views, panels, strict=True):
    if share is not None:  # the three numbers side by side, the three heatmaps full width below
        column.metric(s("lr_share", arch=view.arch_label()), long_range_figures.share_text(share))
for view, (title, fig, _) in zip(views, panels, strict=True):
    figs[f"saliency-{view.kind}"] = (title, fig)
    kit.show_figure(fig, key=f"lr_saliency_{view.kind}")
saliency_caption = f"{s['lr_saliency_caption']} {figures.caption('heatmap', s, 'saliency')}"
if ctx.layers > 1 or ctx.bidirectional:
    saliency_caption += " " + s["lr_saliency_all_layers"]
st.caption(saliency_caption)

# --- memory units -------------------------------------------------------------------------------------------
st.subheader(s["lr_memory_title"])
lstm = views[KIND_NAMES.index("lstm")]
if ctx.task_name not in lag_sweep.TASKS:
    st.info(s["lr_memory_other_task"], icon=":material/info:")
else:
    has_choice = lstm.layers > 1 or lstm.bidirectional
    layer, reverse = kit.layer_and_direction(lstm, s, st.columns(3)[0] if has_choice else None)
    fig, hold = long_range_figures.memory_panel(lstm, layer, reverse)
    figs["memory"] = (s["lr_memory_title"], fig)
    left, right = st.columns([3, 2], gap="large")
    with left:
        caption = s("lr_memory_caption", batch=probe_cache.MEMORY_BATCH, sample=ctx.sample)
        where = kit.where_shown(lstm, s, min(layer, lstm.layers - 1), reverse and lstm.bidirectional)
        kit.show_figure(fig, f"{caption} {where}".strip(), key="lr_memory")
    with right:
        st.markdown(s(f"lr_memory_text_{ctx.task_name}", arch=lstm.arch_label(), source=lstm.source_label()))
        st.markdown(long_range_figures.hold_text(s, hold, ctx.sample))

downloads.exports(ctx, s, None, figs, key="lr_export", page="long_range", arch="rnn-gru-lstm")
