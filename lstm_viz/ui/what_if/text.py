"""The What if page's sentences, computed from the numbers it shows (never assumed): what the metric did, how
the memory units compare with random ones and with the least harmful ones, what the chosen sample's answer
became, where a quantity changed and what the memory curves say. Each returns text in the language of `s`
(a `Strings`). Pure: no Streamlit.
"""

from __future__ import annotations

import math

import numpy as np

SAME_ACCURACY = 0.05  # accuracies closer than this count as "about the same" (and "about chance")
SAME_MSE_SHARE = 0.05  # MSEs closer than this share of (baseline - before) count as "about the same"


def metric_text(metric: str, value: float) -> str:
    """A metric as the page shows it: accuracy as a percentage, MSE to 4 significant digits."""
    if not math.isfinite(value):
        return "—"
    return f"{value:.1%}" if metric == "accuracy" else f"{value:.4g}"


def delta_text(s, metric: str, change: float) -> str:
    """A change of the metric: in percentage points for accuracy, signed to 4 significant digits for MSE."""
    if metric == "accuracy":
        return s("wi_delta_accuracy", points=f"{change * 100:+.1f}")
    return f"{change:+.4g}"


def reference(metric: str, task) -> float:
    """What knowing nothing scores: guessing one of K classes at random (1/K) for accuracy; the task's
    baseline MSE (a model that learned nothing) for MSE."""
    return 1.0 / task.output_size if metric == "accuracy" else float(task.baseline_loss)


def median(values) -> float:
    """The median of the metrics of the random draws (the middle one of an odd number of draws)."""
    return float(np.median(np.asarray(values, dtype=np.float64)))


def harm(metric: str, before: float, after: float) -> float:
    """How much worse `after` is than `before` (accuracy lost, or MSE gained); negative when it is better."""
    return before - after if metric == "accuracy" else after - before


def _same(metric: str, first: float, second: float, before: float, ref: float) -> bool:
    if metric == "accuracy":
        return abs(first - second) < SAME_ACCURACY
    return abs(first - second) < SAME_MSE_SHARE * max(abs(ref - before), 1e-12)


def outcome(s, metric: str, before: float, after: float, ref: float) -> str:
    """What the metric did, with the level of knowing nothing for scale."""
    shown = {
        "metric": s[f"wi_metric_{metric}"],
        "before": metric_text(metric, before),
        "after": metric_text(metric, after),
        "reference": metric_text(metric, ref),
    }
    if after == before:
        return s("wi_outcome_same", **shown)
    direction = "worse" if harm(metric, before, after) > 0 else "better"
    if metric == "accuracy":
        if abs(after - ref) < SAME_ACCURACY:
            scale = s("wi_outcome_chance", **shown)
        elif after < ref:
            scale = s("wi_outcome_below_chance", **shown)
        else:
            scale = s("wi_outcome_vs_chance", **shown)
    elif direction == "worse" and ref > before and after >= ref:
        scale = s("wi_outcome_as_bad", **shown)
    elif direction == "worse" and ref > before:
        share = (after - before) / (ref - before)
        scale = s("wi_outcome_share", share=f"{share:.0%}" if share >= 0.1 else f"{share:.1%}", **shown)
    else:
        scale = s("wi_outcome_vs_baseline", **shown)
    return s["wi_join"].join((s(f"wi_outcome_{metric}_{direction}", **shown), scale))


def control_comparison(s, metric: str, before: float, after: float, controls, count: int, ref: float) -> str:
    """How silencing the memory units compares with silencing as many random units (`controls`: the
    metric after each random draw)."""
    controls = np.asarray(controls, dtype=np.float64)
    middle = median(controls)
    shown = {
        "count": count,
        "draws": len(controls),
        "top": metric_text(metric, after),
        "median": metric_text(metric, middle),
        "low": metric_text(metric, float(controls.min())),
        "high": metric_text(metric, float(controls.max())),
    }
    if _same(metric, after, before, before, ref) and _same(metric, middle, before, before, ref):
        return s("wi_compare_neither", **shown)
    if _same(metric, after, middle, before, ref):
        return s("wi_compare_same", **shown)
    worse = harm(metric, before, after) > harm(metric, before, middle)
    return s("wi_compare_more" if worse else "wi_compare_less", **shown)


def harmless_comparison(s, metric: str, before: float, after: float, harmless: float, units, ref) -> str:
    """How silencing the memory units (`after`) compares with silencing as many other `units`, those whose
    silencing alone hurt least (`harmless`: the metric with them silenced together)."""
    shown = {
        "count": len(units),
        "units": ", ".join(map(str, units)),
        "before": metric_text(metric, before),
        "top": metric_text(metric, after),
        "harmless": metric_text(metric, harmless),
    }
    if _same(metric, harmless, after, before, ref):
        return s("wi_harmless_same", **shown)
    if _same(metric, harmless, before, before, ref):
        return s("wi_harmless_kept", **shown)
    less = harm(metric, before, harmless) < harm(metric, before, after)
    return s("wi_harmless_less" if less else "wi_harmless_more", **shown)


def prediction(s, sample: int, metric: str, before, after, target, mask) -> str:
    """What the model answered for one sequence before and after: predictions (O,) for one answer per
    sequence or (T, O) for one per step, target () / (O,) / (T,) / (T, O), mask () or (T,) of 0/1."""
    before, after, target = (np.asarray(a) for a in (before, after, target))
    if before.ndim == 1 and metric == "accuracy":
        return _class_answer(s, sample, before, after, int(target))
    if before.ndim == 1:
        return s(
            "wi_pred_value",
            sample=sample,
            target=_values(target),
            before=_values(before),
            after=_values(after),
            error_before=f"{float(np.abs(before - target).mean()):.3f}",
            error_after=f"{float(np.abs(after - target).mean()):.3f}",
        )
    scored = np.asarray(mask, dtype=bool)  # (T,)
    if metric == "accuracy":
        right = [int((p.argmax(axis=-1) == target)[scored].sum()) for p in (before, after)]
        return s("wi_pred_steps", sample=sample, scored=int(scored.sum()), before=right[0], after=right[1])
    errors = [float(((p - target) ** 2).mean(axis=-1)[scored].mean()) for p in (before, after)]
    return s(
        "wi_pred_steps_mse",
        sample=sample,
        scored=int(scored.sum()),
        before=f"{errors[0]:.4g}",
        after=f"{errors[1]:.4g}",
    )


def _class_answer(s, sample: int, before: np.ndarray, after: np.ndarray, target: int) -> str:
    fields = {"sample": sample, "target": target}
    for name, logits in (("before", before), ("after", after)):
        shifted = np.exp(logits - logits.max())
        probabilities = shifted / shifted.sum()
        choice = int(probabilities.argmax())
        fields[name] = choice
        fields[f"p_{name}"] = f"{probabilities[choice]:.0%}"
        fields[f"verdict_{name}"] = s["wi_right" if choice == target else "wi_wrong"]
    return s("wi_pred_class", **fields)


def _values(values: np.ndarray) -> str:
    return ", ".join(f"{float(v):.3f}" for v in np.atleast_1d(values))


def change(s, sample: int, quantity_name: str, difference: np.ndarray) -> str:
    """Where a quantity changed on one sequence: difference (T, H), after - before."""
    moved = np.abs(difference)
    changed = moved.max(axis=0) > 0  # (H,)
    if not changed.any():
        return s("wi_change_none", sample=sample, quantity=quantity_name)
    step, unit = np.unravel_index(int(moved.argmax()), moved.shape)
    return s(
        "wi_change",
        sample=sample,
        quantity=quantity_name,
        changed=int(changed.sum()),
        units=difference.shape[1],
        peak=f"{float(difference[step, unit]):+.3g}",
        unit=int(unit),
        step=int(step),
        first=int(np.flatnonzero(moved.max(axis=1) > 0)[0]),
    )


def curves(s, capacities: dict[str, float], last_r2: dict[str, float], max_lag: int) -> str:
    """The memory curves in words: each architecture's capacity, the largest, and R^2 at the last lag."""
    shown = {
        "max_lag": max_lag,
        "capacities": ", ".join(f"{name} {value:.2f}" for name, value in capacities.items()),
        "last": ", ".join(f"{name} {value:.3f}" for name, value in last_r2.items()),
    }
    if max(capacities.values()) <= 0:
        return s("wi_curve_text_none", **shown)
    return s("wi_curve_text", best=max(capacities, key=capacities.get), **shown)
