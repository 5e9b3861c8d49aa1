"""What if: change the inside of a model on one batch and see the task metric, one answer and a quantity move
(presets with one click, or interventions of your own); the memory curves of the RNN, the GRU and the LSTM."""

import streamlit as st

from lstm_viz.ui import compare, kit
from lstm_viz.ui.what_if import cache, controls, presets
from lstm_viz.ui.what_if import view as what_if_view
from lstm_viz.ui.what_if.edits import PARAMS as EDIT_PARAMS

ctx, s = kit.begin(
    ("layer", "dir", "wi_preset", "wi_count", "wi_to", "wi_batch", "wi_show", "wi_lag", *EDIT_PARAMS)
)
st.title(s["page_what_if"])
st.caption(
    s("step_subtitle", arch=ctx.arch_label(), task=s[f"task_{ctx.task_name}"], source=ctx.source_label())
)
kit.show_notices(s)
st.markdown(s["wi_intro"])

# --- what to change -----------------------------------------------------------------------------------------
st.subheader(s["wi_pick_header"])
if ctx.layers > 1 or ctx.bidirectional:
    layer, reverse = kit.layer_and_direction(ctx, s, st.columns(3)[0])
    st.caption(s["wi_layer_note"])
else:
    layer, reverse = kit.layer_and_direction(ctx, s)  # nothing to choose: draws nothing
unavailable = presets.unavailable(ctx.kind, ctx.variant, presets.has_marks(ctx.task()), reverse, ctx.hidden)
preset = controls.preset_picker(s, unavailable)
options, batch_column = st.columns([4, 1])
requested = controls.batch(s, batch_column)
batch = cache.effect_batch(ctx.model_key, ctx.task_name, ctx.length, requested)
plan, memory = what_if_view.choose_plan(ctx, s, preset, layer, options, batch)
if batch < requested:
    st.caption(s("wi_batch_reduced", batch=batch, requested=requested))
kit.show_notices(s)
st.info(s[f"wi_expect_{preset}"], icon=":material/lightbulb:")

# --- before and after ---------------------------------------------------------------------------------------
if plan is not None:
    sample = min(ctx.sample, batch - 1)
    view = cache.EffectView(
        ctx.model_key, ctx.task_name, ctx.length, plan, batch, ctx.seed, layer, reverse, sample
    )
    st.subheader(s("wi_result_header", batch=batch))
    with st.spinner(s("wi_running", batch=batch)):
        what_if_view.results(ctx, s, view, memory)
    what_if_view.heatmaps(ctx, s, view)

# --- memory curves ------------------------------------------------------------------------------------------
st.subheader(s["wi_curve_header"])
st.markdown(s["wi_curve_intro"])
views = compare.three(ctx)
kit.show_notices(s)
what_if_view.memory_curves(views, s, ctx.seed)
