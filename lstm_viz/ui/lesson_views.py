"""The live views of the lessons: the key figure of a page, computed for a lesson step's settings.

Each view calls the same cached functions and figure builders as its page (engine_cache through Context,
figure_cache, vanishing_figures, what_if's cache and figures), so a lesson and the page with the same settings
share one computation and show the same picture. `settings_for(step)` gives the step's full settings (the
app's defaults, then the lesson's and the step's); `context_for` resolves them like the sidebar does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lstm_viz import figures, limits
from lstm_viz.engine.trace import trace_key
from lstm_viz.figures import step_equations

from . import compare, figure_cache, kit, lesson_reading, url_params, vanishing_figures
from . import vanishing_data as data
from .context import Context, resolve
from .lesson_files import Step
from .strings import Strings
from .what_if import cache as wi_cache
from .what_if import figures as wi_figures
from .what_if import presets, text


@dataclass(frozen=True)
class Shown:
    """What a step shows: a figure dict, the caption saying how to read it, and metrics [(label, value)]."""

    figure: dict
    caption: str
    metrics: tuple[tuple[str, str], ...] = ()


def settings_for(step: Step) -> dict[str, Any]:
    """Every setting of a step: the app's defaults, then the lesson's and the step's own; a step that sets no
    length has its task's opening length, as a link without one does."""
    settings = url_params.defaults() | dict(step.settings)
    if "length" not in dict(step.settings):
        settings["length"] = url_params.task_length(settings["task"])
    return settings


def context_for(settings: dict[str, Any], lang: str) -> tuple[Context, list]:
    """The Context the step shows and the notices of any fallback (context.resolve, as the sidebar does)."""
    return resolve(
        lang=lang, source=settings["source"], run="", kind=settings["kind"], variant=settings["variant"],
        act=settings["act"], task=settings["task"], length=settings["length"], hidden=settings["hidden"],
        layers=settings["layers"], bidir=settings["bidir"], seed=settings["seed"], sample=settings["sample"],
    )  # fmt: skip


# --- the Vanishing gradients page ---------------------------------------------------------------------------


def vanishing_views(ctx: Context, settings: dict) -> list[data.ModelView]:
    """The page's ModelViews of the RNN, the GRU and the LSTM (in that order) for the step's options."""
    options = [data.option_value(settings[name]) for name in ("rho", "fbias", "clip")]
    return [data.model_view(view, *options, 0, False) for view in compare.three(ctx)]


def _vanishing(ctx: Context, settings: dict, code: str) -> dict:
    contexts = tuple(compare.three(ctx))
    built = vanishing_figures.page_figures(
        contexts, settings["rho"], settings["fbias"], settings["clip"], ctx.sample, 0, False
    )
    return built[code][1]


def grad_lines(ctx: Context, settings: dict, s: Strings) -> Shown:
    return Shown(_vanishing(ctx, settings, "norms"), figures.caption("grad_norm_lines", s))


def clipped(ctx: Context, settings: dict, s: Strings) -> Shown:
    if settings["clip"] == "off":
        raise ValueError("the view vanishing.clipped needs a clip threshold (clip is off)")
    rnn, gru, lstm = vanishing_views(ctx, settings)
    metrics = tuple(
        (
            s("vn_clip_metric", arch=view.context.arch_label()),
            f"{view.clip.norm:.3g} → {view.clip.clipped_norm:.3g}",
        )
        for view in (rnn, gru, lstm)
    )
    caption = s("vn_clip_caption", threshold=settings["clip"])
    return Shown(_vanishing(ctx, settings, "clipped"), caption, metrics)


def grad_heatmap(ctx: Context, settings: dict, s: Strings) -> Shown:
    return Shown(
        _vanishing(ctx, settings, f"heat-{ctx.kind}"), figures.caption("gates_heatmap", s, "hidden_grad")
    )


def cell_grad(ctx: Context, settings: dict, s: Strings) -> Shown:
    return Shown(_vanishing(ctx, settings, "cell-grad"), s["meaning_cell_grad"])


def carousel(ctx: Context, settings: dict, s: Strings) -> Shown:
    return Shown(_vanishing(ctx, settings, "carousel"), s["vn_carousel_caption"])


# --- Gates and states, Inside one step ----------------------------------------------------------------------


def time_step(ctx: Context, settings: dict) -> int:
    return int(min(settings["t"], ctx.trace().length - 1))


def gates(ctx: Context, settings: dict, s: Strings, quantity: str) -> Shown:
    trace = ctx.trace()
    share = kit.numbers_per_heatmap(
        len(trace.quantities(0, False))
    )  # the page's share: the same cached figure
    title = s("gates_fig_title", quantity=s(f"q.{quantity}"), arch=ctx.arch_label())
    fig = figure_cache.gates_heatmap(
        ctx, trace_key(0, quantity), range(ctx.hidden), time_step(ctx, settings), None, title, share
    )
    caption = f"{s.get(f'meaning_{quantity}', '')} {figures.caption('gates_heatmap', s, quantity)}"
    return Shown(fig, caption.strip())


def step_numbers(ctx: Context, settings: dict):
    """step_equations.step_numbers of the step's unit at its time step (layer 0, forward), as on the page."""
    unit = int(min(settings["unit"], ctx.hidden - 1))
    return step_equations.step_numbers(
        ctx.model().core, ctx.trace(), ctx.sample, time_step(ctx, settings), unit
    )


def diagram(ctx: Context, settings: dict, s: Strings) -> Shown:
    numbers = step_numbers(ctx, settings)
    fig = figure_cache.cell_diagram(ctx.kind, ctx.variant, numbers.nonlinearity, numbers.values, ctx.lang)
    caption_key = f"step_diagram_caption_{ctx.kind}"
    if ctx.kind == "rnn" and numbers.nonlinearity == "relu":
        caption_key += "_relu"
    return Shown(
        fig,
        s("lv_diagram_at", t=numbers.t, unit=min(settings["unit"], ctx.hidden - 1)) + " " + s[caption_key],
    )


# --- What if ------------------------------------------------------------------------------------------------


def effect_view(ctx: Context, settings: dict) -> wi_cache.EffectView:
    """The What if page's EffectView for the step's preset (layer 0, forward direction)."""
    batch = wi_cache.effect_batch(ctx.model_key, ctx.task_name, ctx.length, settings["wi_batch"])
    preset = settings["wi_preset"]
    if preset == "memory":
        count = min(settings["wi_count"], presets.max_count(ctx.hidden, limits.WHAT_IF_MAX_UNITS))
        found = wi_cache.memory_units(ctx.model_key, ctx.task_name, ctx.length, ctx.seed, count, 0)
        plan = presets.preset_plan("memory", found["units"], settings["wi_to"])
    elif preset in presets.PRESETS:
        plan = presets.preset_plan(preset)
    else:
        raise ValueError(f"a lesson step runs one of the presets {list(presets.PRESETS)}, not {preset!r}")
    sample = min(ctx.sample, batch - 1)
    return wi_cache.EffectView(
        ctx.model_key, ctx.task_name, ctx.length, plan, batch, ctx.seed, 0, False, sample
    )


def _effect_metrics(view: wi_cache.EffectView, s: Strings) -> tuple[tuple[str, str], ...]:
    result = wi_cache.effect(view)
    metric = result["metric"]
    return tuple(
        (s(f"wi_metric_{metric}_{moment}"), text.metric_text(metric, result[moment]))
        for moment in ("before", "after")
    )


def _effect_panel(ctx: Context, settings: dict, s: Strings, index: int) -> Shown:
    view = effect_view(ctx, settings)
    shown = settings["wi_show"]
    panels, difference = wi_figures.effect_heatmaps(
        view, shown, ctx.arch_label(), ctx.lang, kit.numbers_per_heatmap(3)
    )
    if index == 2:
        caption = f"{text.change(s, view.sample, s[f'q.{shown}'], difference)} {s['wi_difference_caption']}"
    else:
        caption = figures.caption("gates_heatmap", s, shown)
    return Shown(panels[index][1], caption, _effect_metrics(view, s))


def what_if_before(ctx: Context, settings: dict, s: Strings) -> Shown:
    return _effect_panel(ctx, settings, s, 0)


def what_if_difference(ctx: Context, settings: dict, s: Strings) -> Shown:
    return _effect_panel(ctx, settings, s, 2)


def curve_keys(ctx: Context, settings: dict) -> list[tuple[str, tuple]]:
    """[(architecture label, cache.curve's key)] of the page's memory curves for the three architectures."""
    views = compare.three(ctx)
    max_lag = max(1, min(settings["wi_lag"], views[0].task().length - 1, limits.WHAT_IF_CURVE_MAX_LAG))
    return [
        (view.arch_label(), (view.model_key, view.task_name, view.length, max_lag, ctx.seed))
        for view in views
    ]


def memory_curves(ctx: Context, settings: dict, s: Strings) -> Shown:
    keys = curve_keys(ctx, settings)
    curves = [(arch, key) for arch, key in keys if "error" not in wi_cache.curve(*key)]
    if not curves:
        raise ValueError("no memory curve could be computed for this model and task")
    found = wi_cache.curve(*curves[0][1])
    fig = wi_figures.curves_figure(tuple(curves), keys[0][1][3], ctx.lang)
    metrics = tuple(
        (s("wi_capacity", arch=arch), f"{wi_cache.curve(*key)['capacity']:.2f}") for arch, key in curves
    )
    return Shown(fig, s("wi_curve_caption", batch=found["batch"]), metrics)


# --- Reading text -------------------------------------------------------------------------------------------


def _reading(view: str):
    def shown(ctx: Context, settings: dict, s: Strings) -> Shown:
        return Shown(*lesson_reading.VIEWS[view](settings, s))

    return shown


def models_needed(step: Step) -> set[str]:
    """The pretrained models a step's view reads beyond the sidebar's (the Reading text page's chars-*)."""
    if step.view in lesson_reading.VIEWS:
        return lesson_reading.models_needed(step.view, settings_for(step))
    return set()


VIEWS = {
    **{view: _reading(view) for view in lesson_reading.VIEWS},
    "vanishing.grad_lines": grad_lines,
    "vanishing.clipped": clipped,
    "vanishing.grad_heatmap": grad_heatmap,
    "vanishing.cell_grad": cell_grad,
    "vanishing.carousel": carousel,
    "inside_step.diagram": diagram,
    "what_if.before": what_if_before,
    "what_if.difference": what_if_difference,
    "what_if.memory_curves": memory_curves,
}


def draw(view: str, ctx: Context, settings: dict, s: Strings) -> Shown:
    """The Shown of the view named `view` (a name of lesson_catalog.VIEWS)."""
    if view.startswith("gates."):
        return gates(ctx, settings, s, view.partition(".")[2])
    return VIEWS[view](ctx, settings, s)
