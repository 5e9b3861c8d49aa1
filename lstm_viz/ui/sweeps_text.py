"""The Sweeps page's sentences about its figures, computed from the numbers they show.

`metric_verdicts` reads one task's summary (`sweeps.summary.summarise` entries: median, min, max over seeds
per architecture and lag) against a level halfway between learning nothing and perfect, and says per
architecture where its median crosses that level: "the RNN's median accuracy falls below 0.62 from lag 50
on". `steps_verdicts` says at which lags at least half of an architecture's seeds reached the threshold and
how many runs never did. Both return plain (strings key, fields) pairs; `sentences` words them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from numbers import Number

from lstm_viz.figures import sweep_figures as sf

from .strings import Strings, literal


def _number(value: float) -> str:
    return f"{value:.3g}"


def halfway(metric_name: str, baseline_loss: float) -> float:
    """The level halfway between the metric of a model that learned nothing and a perfect one."""
    return (sf.learned_nothing(metric_name, baseline_loss) + sf.perfect(metric_name)) / 2


def metric_verdicts(summary: Sequence[Mapping]) -> tuple[list[tuple[str, dict]], tuple[str, dict] | None]:
    """(one (key, fields) per architecture, the note that says what the level is) for one task's summary
    (entries whose median is None, every run's metric not finite, are left out). A median "fails" at a lag
    when it is on the learned-nothing side of that lag's halfway level."""
    baselines = sf.baselines(summary)
    summary = [e for e in summary if e["median"] is not None and e["lag"] in baselines]
    if not summary:
        return [], None
    metric_name = summary[0]["metric_name"]
    high = sf.higher_is_better(metric_name)
    side = "high" if high else "low"
    found = []
    levels = {}
    for kind in sf.architectures(summary):
        entries = sorted((e for e in summary if e["architecture"] == kind), key=lambda e: e["lag"])
        fails = []
        for entry in entries:
            level = halfway(metric_name, baselines[entry["lag"]])
            levels[entry["lag"]] = level
            fails.append(entry["median"] < level if high else entry["median"] > level)
        lags = [e["lag"] for e in entries]
        fields = {"kind": kind, "metric": metric_name}
        if not any(fails):
            worst = min if high else max
            value = worst(e["median"] for e in entries)
            found.append((f"swp_v_holds_{side}", {**fields, "level": _number(levels[lags[0]]),
                                                  "value": _number(value), "lag": lags[-1]}))  # fmt: skip
            continue
        first_fail = fails.index(True)
        if all(fails[first_fail:]):
            found.append((f"swp_v_falls_{side}", {
                **fields, "level": _number(levels[lags[first_fail]]), "lag": lags[first_fail],
                "value": _number(entries[-1]["median"]), "last": lags[-1],
            }))  # fmt: skip
        else:
            failing = [str(lag) for lag, fail in zip(lags, fails, strict=True) if fail]
            found.append((f"swp_v_mixed_{side}", {**fields, "level": _number(levels[lags[first_fail]]),
                                                  "lags": ", ".join(failing)}))  # fmt: skip
    first_lag = min(levels)
    note = (
        "swp_level_note",
        {
            "level": _number(levels[first_lag]),
            "base": _number(sf.learned_nothing(metric_name, baselines[first_lag])),
            "perfect": _number(sf.perfect(metric_name)),
            "varies": len({round(v, 9) for v in levels.values()}) > 1,
        },
    )
    return found, note


def steps_verdicts(summary: Sequence[Mapping]) -> list[tuple[str, dict]]:
    """Per architecture of one task's summary: the lags where at least half of the seeds learned (its
    median steps is not None) and how many runs never reached the threshold."""
    found = []
    for kind in sf.architectures(summary):
        entries = sorted((e for e in summary if e["architecture"] == kind), key=lambda e: e["lag"])
        runs = sum(e["n"] for e in entries)
        never = runs - sum(e["learned"] for e in entries)
        learned_at = [str(e["lag"]) for e in entries if e["steps_to_threshold"] is not None]
        fields = {"kind": kind, "never": never, "runs": runs, "lags": ", ".join(learned_at)}
        if never == 0:
            found.append(("swp_s_all", fields))
        elif not learned_at:
            found.append(("swp_s_none", fields))
        else:
            found.append(("swp_s_some", fields))
    return found


def sentences(s: Strings, verdicts: Sequence[tuple[str, dict]], names: Mapping[str, str]) -> str:
    """The verdicts in words, in one paragraph; architecture codes become their display names. Text from
    the database (an unknown architecture or metric name) is shown as literal text."""
    words = []
    for key, fields in verdicts:
        shown = {name: v if isinstance(v, Number) else literal(v) for name, v in fields.items()}
        if "kind" in fields:
            shown["arch"] = literal(names.get(fields["kind"], fields["kind"]))
        if "metric" in fields:
            shown["metric"] = s.get(f"swp_metric_word_{fields['metric']}", literal(fields["metric"]))
        if key == "swp_level_note" and fields["varies"]:
            key = "swp_level_note_varies"
        words.append(s(key, **shown))
    return " ".join(words)
