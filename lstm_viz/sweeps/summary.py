"""The summary of a sweep: one line per (task, architecture, lag), across its seeds.

`summarise(rows)` takes rows of the store (`SweepStore.rows()`), leaves out failed runs (`error` set), and
gives per group: `n` (runs, one per seed), `median`, `min`, `max` of `metric`, `metric_name`, `learned` (how
many reached the task's threshold), `steps_to_threshold` (the median over the runs that reached it, None when
fewer than half did), and the medians of `grad_ratio` and `baseline_loss`. Rows that differ in other
settings (hidden size, learning rate) fall in the same group: filter the rows first to compare those.
`format_table(summary)` is the plain-text table the command line prints.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable

KEYS = ("task", "architecture", "lag")


def summarise(rows: Iterable[dict]) -> list[dict]:
    """One dict per (task, architecture, lag), sorted by them; see the module docstring."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        if row.get("error") is None:
            groups.setdefault(tuple(row[key] for key in KEYS), []).append(row)
    summary = []
    for key in sorted(groups):
        runs = groups[key]
        metrics = [row["metric"] for row in runs if _finite(row["metric"])]
        reached = [row["steps_to_threshold"] for row in runs if row.get("steps_to_threshold") is not None]
        summary.append(
            {
                **dict(zip(KEYS, key, strict=True)),
                "n": len(runs),
                "metric_name": runs[0]["metric_name"],
                "median": statistics.median(metrics) if metrics else None,
                "min": min(metrics) if metrics else None,
                "max": max(metrics) if metrics else None,
                "learned": len(reached),
                "steps_to_threshold": statistics.median(reached) if 2 * len(reached) >= len(runs) else None,
                "grad_ratio": _median(row.get("grad_ratio") for row in runs),
                "baseline_loss": _median(row.get("baseline_loss") for row in runs),
            }
        )
    return summary


def format_table(summary: list[dict]) -> str:
    """A plain-text table of a summary, one line per group, for a terminal."""
    header = ("task", "arch", "lag", "n", "metric", "median", "min", "max", "learned", "steps to learn")
    lines = [header]
    for item in summary:
        steps = item["steps_to_threshold"]
        lines.append(
            (
                item["task"],
                item["architecture"],
                str(item["lag"]),
                str(item["n"]),
                item["metric_name"] or "",
                _number(item["median"]),
                _number(item["min"]),
                _number(item["max"]),
                f"{item['learned']}/{item['n']}",
                "-" if steps is None else f"{steps:g}",
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)) for line in lines]
    text.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in text)


def _finite(value) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value)


def _median(values) -> float | None:
    values = [value for value in values if _finite(value)]
    return statistics.median(values) if values else None


def _number(value) -> str:
    return "-" if value is None else f"{value:.4g}"
