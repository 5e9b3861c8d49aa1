"""The reveals of the lessons' questions: numbers read from the live model, the outcome they land on, and the
sentence that says them.

A reveal is computed when the teacher presses Reveal, from the same cached calls as the step's view
(`lesson_views`), never written in advance: the outcome decides which choice was right. Each reveal returns
one of its outcomes in `lesson_catalog.REVEALS`. The thresholds are here, beside the numbers they judge.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from lstm_viz.engine.trace import trace_key

from . import compare, kit, lesson_reading
from . import lesson_views as views
from .context import Context
from .strings import Strings
from .what_if import cache as wi_cache
from .what_if import text as wi_text

SAME_FACTOR = 1.1  # a last ÷ first ratio within this factor of the other counts as unchanged
FORGET_SHUT, FORGET_OPEN = 0.3, 0.7  # the mean forget gate below: mostly shut; above: mostly open
HARM_NONE, HARM_ALL = 0.2, 0.8  # share of the way from the model's metric to guessing: below, above


@dataclass(frozen=True)
class Revealed:
    outcome: str  # one of lesson_catalog.REVEALS[name]
    text: str  # what the numbers say, in the step's language


def ratio_text(value: float) -> str:
    """A last ÷ first ratio as the pages write it: 1.2e+03, ∞ when step 0's signal underflowed to 0."""
    return "∞" if value == math.inf else f"{value:.1e}" if math.isfinite(value) else "—"


def _ratio_order(value: float) -> float:
    """A ratio for comparing: nan (no signal at all) sorts below every other."""
    return -math.inf if math.isnan(value) else value


def weakest_start(ctx: Context, settings: dict, s: Strings) -> Revealed:
    """The architecture whose ||dL/dh_0|| is smallest relative to its ||dL/dh_(T-1)||: the largest ratio."""
    ratios = {view.context.kind: kit.grad_ratio(view.norms) for view in views.vanishing_views(ctx, settings)}
    weakest = max(ratios, key=lambda kind: _ratio_order(ratios[kind]))
    shown = {kind: ratio_text(value) for kind, value in ratios.items()}
    return Revealed(weakest, s("lr_weakest_start", arch=s[f"kind_{weakest}"], **shown))


def _view_of_kind(ctx: Context, settings: dict):
    return next(view for view in views.vanishing_views(ctx, settings) if view.context.kind == ctx.kind)


def start_vs_end(ctx: Context, settings: dict, s: Strings) -> Revealed:
    view = _view_of_kind(ctx, settings)
    first, last = float(view.norms[0]), float(view.norms[-1])
    outcome = "larger" if first > last else "smaller"
    text = s(f"lr_start_{outcome}", arch=ctx.arch_label(), first=f"{first:.2e}", last=f"{last:.2e}",
             ratio=ratio_text(kit.grad_ratio(view.norms)))  # fmt: skip
    return Revealed(outcome, text)


def start_signal_change(ctx: Context, settings: dict, s: Strings) -> Revealed:
    """The step's architecture with the step's rho / fbias against its own weights: is step 0's signal,
    relative to the last step's, stronger (a smaller last ÷ first), weaker or unchanged?"""
    changed = kit.grad_ratio(_view_of_kind(ctx, settings).norms)
    own = kit.grad_ratio(_view_of_kind(ctx, {**settings, "rho": "own", "fbias": "own"}).norms)
    if (
        math.isnan(changed)
        or math.isnan(own)
        or changed == own
        or own / SAME_FACTOR <= changed <= own * SAME_FACTOR
    ):
        outcome = "unchanged"
    else:
        outcome = "weaker" if changed > own else "stronger"
    text = s(f"lr_signal_{outcome}", arch=ctx.arch_label(), own=ratio_text(own), changed=ratio_text(changed))
    return Revealed(outcome, text)


def clip_factor(ctx: Context, settings: dict, s: Strings) -> Revealed:
    clip = _view_of_kind(ctx, settings).clip
    shrink = clip.norm / clip.clipped_norm if clip.clipped_norm > 0 else 1.0
    outcome = "under_100" if shrink < 100 else "under_million" if shrink < 1e6 else "million_or_more"
    norm, clipped = f"{clip.norm:.3g}", f"{clip.clipped_norm:.3g}"
    text = s("lr_clip_factor", arch=ctx.arch_label(), norm=norm, clipped=clipped,
             shrink=f"{shrink:.3g}")  # fmt: skip
    return Revealed(outcome, text)


def forget_level(ctx: Context, settings: dict, s: Strings) -> Revealed:
    lstm = views.vanishing_views(ctx, settings)[-1]
    mean = lstm.mean_forget
    outcome = "shut" if mean < FORGET_SHUT else "half" if mean < FORGET_OPEN else "open"
    text = s(
        f"lr_forget_{outcome}",
        mean=f"{mean:.2f}",
        best=f"{lstm.best_forget:.3f}",
        arch=lstm.context.arch_label(),
    )
    return Revealed(outcome, text)


def kept_vs_written(ctx: Context, settings: dict, s: Strings) -> Revealed:
    numbers = views.step_numbers(ctx, settings)
    values = numbers.values
    kept = values["forget_gate"] * values["cell_prev"]
    written = values["input_gate"] * values["cell_candidate"]
    outcome = "kept" if abs(kept) >= abs(written) else "written"
    text = s(f"lr_{outcome}_larger", t=numbers.t, f=f"{values['forget_gate']:.3f}",
             c_prev=f"{values['cell_prev']:.3f}",
             kept=f"{kept:.3f}", i=f"{values['input_gate']:.3f}", g=f"{values['cell_candidate']:.3f}",
             written=f"{written:.3f}", c=f"{values['cell']:.3f}")  # fmt: skip
    return Revealed(outcome, text)


def marked_steps(ctx: Context) -> np.ndarray:
    """The marked steps of the shown sequence, (M,) ints (the task's marked_signal)."""
    trace = ctx.trace()
    marked, _ = ctx.task().marked_signal(trace.input[ctx.sample : ctx.sample + 1])  # (1, T) bool
    return np.flatnonzero(marked[0])


def input_at_marks(ctx: Context, settings: dict, s: Strings) -> Revealed:
    gate = ctx.trace()[trace_key(0, "input_gate")][ctx.sample]  # (T, H)
    steps = marked_steps(ctx)
    others = np.setdiff1d(np.arange(gate.shape[0]), steps)
    at_marks, elsewhere = float(gate[steps].mean()), float(gate[others].mean())
    outcome = "more" if at_marks > elsewhere else "less"
    text = s(
        f"lr_input_{outcome}",
        steps=", ".join(map(str, steps)),
        marks=f"{at_marks:.3f}",
        others=f"{elsewhere:.3f}",
    )
    return Revealed(outcome, text)


def silence_effect(ctx: Context, settings: dict, s: Strings) -> Revealed:
    """How far the step's what-if moved the task metric from the model's towards guessing."""
    view = views.effect_view(ctx, settings)
    result = wi_cache.effect(view)
    metric, before, after = result["metric"], result["before"], result["after"]
    reference = wi_text.reference(metric, ctx.task())
    scale = wi_text.harm(metric, before, reference)
    share = wi_text.harm(metric, before, after) / scale if scale > 0 else 0.0
    outcome = "unchanged" if share < HARM_NONE else "chance" if share > HARM_ALL else "partial"
    shown = {name: wi_text.metric_text(metric, value) for name, value in
             (("before", before), ("after", after), ("reference", reference))}  # fmt: skip
    return Revealed(outcome, s(f"lr_silence_{metric}", share=f"{share:.0%}", batch=view.batch, **shown))


def memory_capacity(ctx: Context, settings: dict, s: Strings) -> Revealed:
    capacities = {}
    for view, (_, key) in zip(compare.three(ctx), views.curve_keys(ctx, settings), strict=True):
        curve = wi_cache.curve(*key)
        capacities[view.kind] = curve["capacity"] if "error" not in curve else -math.inf
    best = max(capacities, key=capacities.get)
    shown = {kind: f"{value:.2f}" for kind, value in capacities.items()}
    return Revealed(best, s("lr_memory_capacity", arch=s[f"kind_{best}"], **shown))


def _reading(name: str):
    def revealed(ctx: Context, settings: dict, s: Strings) -> Revealed:
        return Revealed(*lesson_reading.REVEALS[name](settings, s))

    return revealed


REVEALS = {
    **{name: _reading(name) for name in lesson_reading.REVEALS},
    "weakest_start": weakest_start,
    "start_vs_end": start_vs_end,
    "start_signal_change": start_signal_change,
    "clip_factor": clip_factor,
    "forget_level": forget_level,
    "kept_vs_written": kept_vs_written,
    "input_at_marks": input_at_marks,
    "silence_effect": silence_effect,
    "memory_capacity": memory_capacity,
}


def reveal(name: str, ctx: Context, settings: dict, s: Strings) -> Revealed:
    return REVEALS[name](ctx, settings, s)
