"""The What if page's sections, drawn from the cached numbers and figures: the plan chosen with the widgets,
the metrics before and after with what happened, the heatmaps, and the memory curves of the three
architectures. Every sentence comes from `what_if_text`, computed from the numbers drawn beside it.
"""

from __future__ import annotations

import streamlit as st

from lstm_viz import figures, limits
from lstm_viz.engine.kinds import QUANTITIES

from .. import kit, state
from ..context import Context
from ..strings import Strings
from . import cache, controls, presets, text
from . import figures as wi_figures
from .edits import EntryError
from .edits import plan as own_plan


def choose_plan(ctx: Context, s: Strings, preset: str, layer: int, options, batch: int):
    """(the plan to run, or None when an entry is refused, and the memory units' finding for "memory")."""
    if preset == "memory":
        count, to = controls.memory_options(s, ctx.hidden, options)
        found = cache.memory_units(ctx.model_key, ctx.task_name, ctx.length, ctx.seed, count, layer)
        scores = ", ".join(f"{unit} ({found['scores'][unit]:.2f})" for unit in found["units"])
        st.caption(s("wi_memory_found", units=scores, batch=found["batch"]))
        if to == "batch_mean" and batch < 2:
            st.warning(s["wi_mean_of_one"], icon=":material/info:")
        return presets.preset_plan(preset, found["units"], to), found
    if preset != "custom":
        return presets.preset_plan(preset), None
    length = ctx.task().length
    with options:
        rows = controls.own_rows(s, ctx.kind, QUANTITIES[ctx.kind], ctx.hidden, length)
    try:
        return own_plan(rows, QUANTITIES[ctx.kind], ctx.hidden, length), None
    except EntryError as error:
        st.error(controls.entry_message(s, error), icon=":material/error:")
        return None, None


def results(ctx: Context, s: Strings, view: cache.EffectView, memory: dict | None) -> None:
    """The metric before and after (and the two controls of the memory preset), what happened, and the
    answer for the shown sequence."""
    result = cache.effect(view)
    metric, before, after = result["metric"], result["before"], result["after"]
    reference = text.reference(metric, ctx.task())
    columns = st.columns(3 if memory is None else 4)
    columns[0].metric(s(f"wi_metric_{metric}_before"), text.metric_text(metric, before))
    columns[1].metric(
        s(f"wi_metric_{metric}_after"),
        text.metric_text(metric, after),
        delta=text.delta_text(s, metric, after - before) if after != before else None,
        delta_color="normal" if metric == "accuracy" else "inverse",
    )
    sentences = [text.outcome(s, metric, before, after, reference)]
    if memory is None:
        columns[2].metric(s(f"wi_reference_{metric}"), text.metric_text(metric, reference))
    else:
        _, units, to = view.plan[0]  # ("silence", units, to)
        drawn = cache.controls(view._replace(plan=(), reverse=False, sample=0), units, to)
        values = [value for _, value in drawn]
        draws = "; ".join(f"{', '.join(map(str, u))} → {text.metric_text(metric, v)}" for u, v in drawn)
        columns[2].metric(
            s("wi_control_metric", count=len(units)),
            text.metric_text(metric, text.median(values)),
            help=s("wi_control_help", draws=draws),
        )
        sentences.append(text.control_comparison(s, metric, before, after, values, len(units), reference))
        sentences += _harmless(s, view, columns[3], units, to, (metric, before, after, reference))
    # a space after the bold label: markdown does not close "**结果：**" when a letter follows the colon
    st.markdown(f"**{s['wi_happened']}** " + s["wi_join"].join(sentences))
    answers = (*result["predictions"], result["target"], result["mask"])
    st.markdown(text.prediction(s, view.sample, metric, *answers))
    if view.sample != ctx.sample:
        st.caption(s("wi_sample_clipped", sample=ctx.sample, batch=view.batch))


def _harmless(s: Strings, view: cache.EffectView, column, units: tuple, to: str, numbers: tuple) -> list[str]:
    """The metric with as many least harmful other units silenced, in `column`, and its sentence (none, and a
    caption with the library's reason, when the model is too large to rank its units)."""
    metric, before, after, reference = numbers
    found = cache.harmless(view._replace(plan=(), reverse=False, sample=0), units, to)
    if "error" in found:
        st.caption(s.notice("wi_harmless_refused", {"reason": found["error"]}))
        return []
    shown = ", ".join(map(str, found["units"]))
    column.metric(
        s("wi_harmless_metric", count=len(units)),
        text.metric_text(metric, found["after"]),
        help=s("wi_harmless_help", count=len(units), batch=found["batch"], limit=limits.WHAT_IF_RANK_BATCH,
               units=shown),
    )  # fmt: skip
    return [text.harmless_comparison(s, metric, before, after, found["after"], found["units"], reference)]


def heatmaps(ctx: Context, s: Strings, view: cache.EffectView) -> None:
    """The chosen quantity of the shown sequence before and after (side by side), then their difference."""
    quantities = QUANTITIES[ctx.kind]
    shown = state.bind(
        "wi_show", st.columns(3)[0].selectbox, s["wi_show"], options=quantities,
        format_func=lambda q: s[f"q.{q}"], normalise=lambda q: q if q in quantities else "hidden",
    )  # fmt: skip
    panels, difference = wi_figures.effect_heatmaps(
        view, shown, ctx.arch_label(), ctx.lang, kit.numbers_per_heatmap(3)
    )
    for column, (_, fig), moment in zip(st.columns(2), panels[:2], ("before", "after"), strict=True):
        with column:
            kit.show_figure(fig, key=f"wi_{moment}")
    st.caption(f"{s['wi_heatmaps_caption']} {figures.caption('gates_heatmap', s, shown)}")
    caption = f"{text.change(s, view.sample, s[f'q.{shown}'], difference)} {s['wi_difference_caption']}"
    where = kit.where_shown(ctx, s, view.layer, view.reverse)
    kit.show_figure(panels[2][1], f"{caption} {where}".strip(), key="wi_difference")


def memory_curves(views: list[Context], s: Strings, seed: int) -> None:
    """R^2 against lag for the three architectures, their capacities, and what the curves say."""
    length = views[0].task().length
    if length < 2:
        st.info(s["wi_curve_too_short"], icon=":material/info:")
        return
    max_lag = controls.max_lag(s, min(length - 1, limits.WHAT_IF_CURVE_MAX_LAG))
    keys = [(view.model_key, view.task_name, view.length, max_lag, seed) for view in views]
    with st.spinner(s["wi_curve_running"]):
        found = {view.arch_label(): (key, cache.curve(*key)) for view, key in zip(views, keys, strict=True)}
    for arch, (_, curve) in found.items():
        if "error" in curve:
            st.warning(s.notice("wi_curve_refused", {"arch": arch, "reason": curve["error"]}))
    good = {arch: pair for arch, pair in found.items() if "error" not in pair[1]}
    if not good:
        return
    drawn = tuple((arch, key) for arch, (key, _) in good.items())
    batch = next(iter(good.values()))[1]["batch"]
    fig = wi_figures.curves_figure(drawn, max_lag, s.lang)
    kit.show_figure(fig, s("wi_curve_caption", batch=batch), key="wi_curves")
    for column, (arch, (_, curve)) in zip(st.columns(len(good)), good.items(), strict=True):
        column.metric(s("wi_capacity", arch=arch), f"{curve['capacity']:.2f}")
    capacities = {arch: curve["capacity"] for arch, (_, curve) in good.items()}
    last = {arch: float(curve["r2"][-1]) for arch, (_, curve) in good.items()}
    st.markdown(text.curves(s, capacities, last, max_lag))
