"""Gates and states: heatmaps (time x unit) of every recorded quantity, saturation, side-by-side compare.

Compact layout (the default, `layout=compact`): the quantity chosen under "Shown large" right under the
title, then the time step and the settings, the other quantities as small multiples, then the intro and
the sequence panel; so the first picture fits a 1280x720 projector. `layout=full`: every heatmap at full
size, one under the other.
"""

import numpy as np
import streamlit as st

from lstm_viz import figures
from lstm_viz.engine.kinds import KIND_NAMES
from lstm_viz.engine.trace import trace_key
from lstm_viz.figures.sizing import sized
from lstm_viz.ui import downloads, figure_cache, kit, sequence_editor, state, url_params

BIG_PX, SMALL_PX = 460, 270  # compact layout: the large heatmap fits under the title at 1280x720

ctx, s = kit.begin(("t", "layer", "dir", "sort", "units", "compare", "layout", "big"))
st.title(s["page_gates"])
st.caption(
    s("step_subtitle", arch=ctx.arch_label(), task=s[f"task_{ctx.task_name}"], source=ctx.source_label())
)
kit.show_notices(s)
compact = st.session_state.get(state.widget_key("layout"), state.settings()["layout"]) == "compact"

with st.spinner(s("computing", what=ctx.arch_label())):
    trace = ctx.trace()


def intro() -> None:
    st.markdown(s["gates_compact_intro" if compact else "gates_intro"])
    sequence_editor.draw(ctx, s, trace)


if not compact:
    intro()
large = st.container()  # compact: the large heatmap of each view, above the time step

t = kit.time_step_markers(s, trace.length)
has_choice = ctx.layers > 1 or ctx.bidirectional
row = st.columns([1, 1, 2] if has_choice else [1, 1])
state.bind(
    "layout",
    row[0].radio,
    s["layout_label"],
    options=url_params.LAYOUTS,
    format_func=lambda v: s[f"layout_{v}"],
    help=s["layout_help"],
)
big_box = row[1]
if has_choice:
    with row[2]:
        layer, reverse = kit.layer_and_direction(ctx, s)
else:
    layer, reverse = kit.layer_and_direction(ctx, s)  # nothing to choose: draws nothing
row = st.columns([1, 2, 1])
sort = state.bind(
    "sort",
    row[0].selectbox,
    s["sort_label"],
    options=url_params.SORTS,
    format_func=lambda v: s[f"sort_{v}"],
    help=s["sort_help"],
)
units = state.bind(
    "units",
    row[1].multiselect,
    s["units_label"],
    options=list(range(ctx.hidden)),
    placeholder=s["units_all"],
    help=s["units_help"],
    normalise=lambda v: [u for u in v if 0 <= u < ctx.hidden],
)
state.settings()["units"] = tuple(units)  # the URL form; the widget keeps its list
compare_options = ["none", *[k for k in KIND_NAMES if k != ctx.kind]]
compare = state.bind(
    "compare",
    row[2].selectbox,
    s["compare_label"],
    options=compare_options,
    format_func=lambda v: s["compare_none"] if v == "none" else s[f"kind_{v}"],
    help=s["compare_help"],
    normalise=lambda v: v if v in compare_options else "none",
)

views = [(ctx, trace)]
if compare != "none":
    other, notes = ctx.with_kind(compare)
    for key, kwargs in notes:
        state.notify(key, **kwargs)
    with st.spinner(s("computing", what=other.arch_label())):
        views.append((other, other.trace()))
kit.show_notices(s)


def shown_units(view_trace, hidden: int) -> list[int]:
    """Unit order (sorted as asked, by the hidden state of the shown sample), limited to the chosen subset."""
    values = view_trace[trace_key(min(layer, view_trace.meta["num_layers"] - 1), "hidden", reverse)][
        ctx.sample
    ]
    order = [int(u) for u in np.asarray(figures.unit_order(values, by=sort))]
    chosen = set(units)
    return [u for u in order if u < hidden and (not chosen or u in chosen)]


def layer_of(view_trace) -> int:
    return min(layer, view_trace.meta["num_layers"] - 1)


quantity_lists = [view_trace.quantities(layer_of(view_trace), reverse) for _, view_trace in views]
shared = set(quantity_lists[0]).intersection(*quantity_lists[1:]) if len(views) > 1 else set()
zranges = {}
for quantity in shared:
    arrays = [vt[trace_key(layer_of(vt), quantity, reverse)][ctx.sample] for _, vt in views]
    zranges[quantity] = figures.shared_zrange(arrays, quantity)
big = quantity_lists[0][0]
if compact:
    big = state.bind(
        "big",
        big_box.selectbox,
        s["big_label"],
        options=quantity_lists[0],
        format_func=lambda v: s(f"q.{v}"),
        help=s["big_help"],
        normalise=lambda v: v if v in quantity_lists[0] else quantity_lists[0][0],
    )

figs = {}
share = kit.numbers_per_heatmap(sum(len(quantities) for quantities in quantity_lists))
columns = st.columns(len(views), gap="medium")
large_columns = large.columns(len(views), gap="medium") if compact else columns
for large_column, column, (view, view_trace), quantities in zip(
    large_columns, columns, views, quantity_lists, strict=True
):
    with column:
        if len(views) > 1 and not compact:  # compact: every title names the model, and a header costs room
            st.subheader(view.arch_label())
        order = shown_units(view_trace, view.hidden)
        first = big if big in quantities else quantities[0]
        smalls = st.columns(2 if compact and len(views) == 1 else 1)
        for index, quantity in enumerate([first, *(q for q in quantities if q != first)]):
            key = trace_key(layer_of(view_trace), quantity, reverse)
            title = s("gates_fig_title", quantity=s(f"q.{quantity}"), arch=view.arch_label())
            fig = figure_cache.gates_heatmap(view, key, order, t, zranges.get(quantity), title, share)
            figs[f"{view.kind}-{quantity}"] = (title, fig)
            meaning = s.get(f"meaning_{quantity}", "")
            caption = f"{meaning} {figures.caption('gates_heatmap', s, quantity)}".strip()
            if not compact:
                kit.show_figure(fig, caption, key=f"heat_{view.kind}_{quantity}")
            elif index == 0:
                with large_column:
                    kit.show_figure(sized(fig, BIG_PX), caption, key=f"heat_{view.kind}_{quantity}")
            else:
                with smalls[(index - 1) % len(smalls)]:
                    small = sized(fig, SMALL_PX, small=True)
                    kit.show_figure(small, meaning, key=f"heat_{view.kind}_{quantity}")

if compact:
    intro()

st.subheader(s["saturation_header"])
st.markdown(s["saturation_intro"])
columns = st.columns(len(views), gap="medium")
for column, (view, view_trace) in zip(columns, views, strict=True):
    with column:
        fig = figure_cache.saturation_scatter(view, layer_of(view_trace), reverse)
        if fig is None:
            st.info(s("saturation_none", arch=view.arch_label()), icon=":material/info:")
            continue
        title = s("saturation_fig", arch=view.arch_label())
        figs[f"{view.kind}-saturation"] = (title, fig)
        if len(views) > 1:
            st.markdown(f"**{view.arch_label()}**")
        kit.show_figure(fig, figures.caption("saturation_scatter", s), key=f"sat_{view.kind}")

downloads.exports(ctx, s, trace, figs, key="gates_export")
