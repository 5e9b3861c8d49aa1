"""The Sweeps page's views of a database: the figures and sentences of one task (cached by plain values),
the rows as a table, and the names the page gives tasks and architectures.

`task_view` filters the rows to one task and the chosen architectures, summarises them
(`sweeps.summarise`) and builds the two figures of `figures.sweep_figures` with the captions of
`sweeps_text`, all from the same summary, so a sentence is always about the numbers drawn. With
show="loss" the score is replaced by each run's final held-out loss (and its baseline by the loss of a model
that learned nothing), which compares tasks whose scores differ.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from lstm_viz import sweeps, tasks
from lstm_viz.engine.kinds import KIND_NAMES
from lstm_viz.figures import sweep_figures

from . import sweeps_text
from .strings import Strings, literal, strings_for

TABLE_COLUMNS = (
    "task", "architecture", "lag", "seed", "hidden", "steps", "metric_name", "metric", "best_metric",
    "steps_to_threshold", "final_loss", "baseline_loss", "grad_ratio", "seconds", "error",
)  # fmt: skip


def task_label(s: Strings, name: str) -> str:
    """A task's display name; a name the registry does not know (a crafted file) as literal text."""
    return s[f"task_{name}"] if name in tasks.names() else literal(name)


def arch_names(s: Strings, kinds: Sequence[str]) -> dict[str, str]:
    """{architecture: display name} for figures: the app's names, others HTML-escaped (Plotly reads tags)."""
    return {kind: s[f"kind_{kind}"] if kind in KIND_NAMES else html.escape(kind) for kind in kinds}


def as_loss(rows: Sequence[dict]) -> list[dict]:
    """Rows whose score is their final held-out loss (metric_name "loss")."""
    return [{**row, "metric": row["final_loss"], "metric_name": "loss"} for row in rows]


def _threshold_text(s: Strings, rows: Sequence[dict]) -> str:
    """The sentence naming the threshold of "learned" of one task's runs ("" when the rows have none)."""
    found = sorted(
        {(row["metric_name"], row["threshold"]) for row in rows if row.get("threshold") is not None}
    )
    if not found:
        return ""
    parts = []
    for metric_name, value in found:
        side = "high" if sweep_figures.higher_is_better(metric_name) else "low"
        word = s.get(f"swp_metric_word_{metric_name}", literal(metric_name))
        parts.append(s(f"swp_threshold_{side}", metric=word, value=f"{value:.3g}"))
    return s("swp_threshold", thresholds=s["list_separator"].join(parts))


@st.cache_data(max_entries=48, show_spinner=False)
def task_view(
    key: tuple, task: str, kinds: tuple[str, ...], show: str, lang: str, _rows: tuple
) -> dict | None:
    """One task's figures (as dicts) and captions, for the database named by `key` (its rows `_rows`); None
    when no run of the task with these architectures trained."""
    s = strings_for(lang)
    rows = [row for row in _rows if row["task"] == task and row["architecture"] in kinds]
    if all(row.get("error") is not None for row in rows):
        return None
    scored = as_loss(rows) if show == "loss" else rows
    summary = sweeps.summarise(scored)
    learning = sweeps.summarise(rows) if show == "loss" else summary  # steps to learn: the same either way
    names = arch_names(s, sweep_figures.architectures(rows))
    metric_fig = sweep_figures.metric_figure(summary, names, labels=s)
    steps_fig = sweep_figures.steps_figure(rows, learning, names, labels=s)
    verdicts, note = sweeps_text.metric_verdicts(summary)
    metric_caption = " ".join(
        [s["swp_metric_how"], sweeps_text.sentences(s, [*verdicts, *([note] if note else [])], names)]
    )
    steps_caption = " ".join(
        part
        for part in (
            s["swp_steps_how"],
            _threshold_text(s, rows),
            sweeps_text.sentences(s, sweeps_text.steps_verdicts(learning), names),
        )
        if part
    )
    return {
        "metric": metric_fig.to_plotly_json(),
        "steps": steps_fig.to_plotly_json(),
        "metric_caption": metric_caption,
        "steps_caption": steps_caption,
    }


def table(s: Strings, rows: Sequence[dict]) -> pd.DataFrame:
    """The rows as the page's table: its columns in order, headed in the page's language."""
    frame = pd.DataFrame(
        [{name: row.get(name) for name in TABLE_COLUMNS} for row in rows], columns=TABLE_COLUMNS
    )
    return frame.rename(columns={name: s[f"swp_col_{name}"] for name in TABLE_COLUMNS})


def described(s: Strings, rows: Sequence[dict]) -> str:
    """The sentence that says what a database holds, names shown as display names or literal text."""
    join = s["list_separator"].join
    fields = {
        "runs": f"{len(rows):,}",
        "tasks": join(task_label(s, name) for name in sorted({row["task"] for row in rows})),
        "archs": join(
            s[f"kind_{kind}"] if kind in KIND_NAMES else literal(kind)
            for kind in sweep_figures.architectures(rows)
        ),
        "lags": join(str(lag) for lag in sorted({row["lag"] for row in rows})),
        "seeds": join(str(seed) for seed in sorted({row["seed"] for row in rows})),
        "steps": join(str(steps) for steps in sorted({row["steps"] for row in rows})),
    }
    return s("swp_described", **fields)


def _fit(key: str, allowed: Sequence) -> None:
    """Forget a table filter whose remembered values another database does not have (Streamlit would refuse
    them), so that it starts again from everything."""
    value = st.session_state.get(key)
    if value is not None and not set(value) <= set(allowed):
        del st.session_state[key]


def draw_table(s: Strings, rows: Sequence[dict], total: int) -> None:
    """The table of `rows` (already filtered by task and architecture) with its lag and seed filters, and
    how many of the database's `total` runs it shows."""
    lags = sorted({row["lag"] for row in rows})
    seeds = sorted({row["seed"] for row in rows})
    _fit("swp_lags", lags)
    _fit("swp_seeds", seeds)
    lag_col, seed_col = st.columns([3, 2])
    low, high = (lags[0], lags[-1]) if lags else (0, 0)
    if len(lags) > 1:
        low, high = lag_col.select_slider(
            s["swp_filter_lags"], options=lags, value=(low, high), key="swp_lags"
        )
    chosen = seed_col.multiselect(s["swp_filter_seeds"], options=seeds, default=seeds, key="swp_seeds")
    matching = [row for row in rows if low <= row["lag"] <= high and row["seed"] in chosen]
    st.caption(s("swp_table_count", shown=f"{len(matching):,}", total=f"{total:,}"))
    st.dataframe(table(s, matching), hide_index=True, width="stretch", height=360)
