"""The Sweeps page's figures and sentences (figures.sweep_figures, ui.sweeps_text) against the summary of a
small synthetic sweep: every value drawn is the summary's, every sentence says what the numbers say."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lstm_viz import sweeps
from lstm_viz.figures import sweep_figures as sf
from lstm_viz.ui import sweeps_text
from lstm_viz.ui.strings import strings_for

LAGS = (10, 50, 100)
KINDS = ("rnn", "gru", "lstm")
CHANCE = math.log(4)  # remember_first with 4 classes: cross-entropy of guessing


def synthetic_rows() -> list[dict]:
    """A 2-task x 3-lag x 3-architecture x 3-seed sweep whose RNN fails from lag 50 on, plus one failed run.

    remember_first (accuracy, threshold 0.9): the GRU and LSTM learn at every lag (0.97, 0.96, 0.95 over the
    seeds), the RNN only at lag 10 and guesses beyond (0.26, 0.28, 0.30); adding (MSE, threshold 0.01) alike
    with 0.002-0.004 against 0.16-0.166. A run that learned needs 40 + 10 x seed + lag updates."""
    rows = [
        _row(task, lag, kind, seed)
        for task in ("remember_first", "adding")
        for lag in LAGS
        for kind in KINDS
        for seed in range(3)
    ]
    rows.append({
        "id": "failed", "task": "adding", "lag": 100, "architecture": "lstm", "seed": 9, "hidden": 32,
        "steps": 300, "metric": None, "metric_name": None, "seconds": None,
        "finished_at": "2026-01-01T00:00:00", "error": "RuntimeError: out of memory",
    })  # fmt: skip
    return rows


def _row(task: str, lag: int, kind: str, seed: int) -> dict:
    good = kind != "rnn" or lag == 10
    if task == "remember_first":
        metric_name, base, threshold = "accuracy", CHANCE, 0.9
        metric = 0.97 - 0.01 * seed if good else 0.26 + 0.02 * seed
        loss = -math.log(metric)
    else:
        metric_name, base, threshold = "mse", 1 / 6, 0.01
        metric = loss = 0.002 + 0.001 * seed if good else 0.16 + 0.003 * seed
    return {
        "id": f"{task}-{lag}-{kind}-{seed}", "task": task, "lag": lag, "architecture": kind, "seed": seed,
        "hidden": 32, "steps": 300, "metric": metric, "metric_name": metric_name, "best_metric": metric,
        "threshold": threshold, "steps_to_threshold": 40 + 10 * seed + lag if good else None,
        "grad_ratio": -lag / 10 if kind == "rnn" else -0.5, "final_loss": loss, "baseline_loss": base,
        "seconds": 1.0 + seed, "finished_at": "2026-01-01T00:00:00",
    }  # fmt: skip


def write_database(path, rows=None) -> None:
    """The synthetic sweep (or `rows`) as a sweep database at `path`."""
    with sweeps.SweepStore(path) as store:
        for row in synthetic_rows() if rows is None else rows:
            store.insert(row)


def task_summary(task: str) -> list[dict]:
    return [entry for entry in sweeps.summarise(synthetic_rows()) if entry["task"] == task]


NAMES = {"rnn": "RNN", "gru": "GRU", "lstm": "LSTM"}


@pytest.mark.parametrize("task", ["remember_first", "adding"])
def test_metric_figure_draws_the_summary(task):
    summary = task_summary(task)
    fig = sf.metric_figure(summary, NAMES)
    for index, kind in enumerate(KINDS):
        upper, lower, median = fig.data[3 * index : 3 * index + 3]
        entries = [entry for entry in summary if entry["architecture"] == kind]
        np.testing.assert_array_equal(median.x, LAGS)
        np.testing.assert_allclose(median.y, [entry["median"] for entry in entries])
        np.testing.assert_allclose(lower.y, [entry["min"] for entry in entries])
        np.testing.assert_allclose(upper.y, [entry["max"] for entry in entries])
        assert median.name == NAMES[kind] and lower.fill == "tonexty"
        assert median.line.color == sf.LINE_COLOURS[index]  # the colour line_traces gives it on every page
    baseline = fig.data[-1]
    expected = 0.25 if task == "remember_first" else 1 / 6  # chance 1/K, or the baseline loss itself
    np.testing.assert_allclose(baseline.y, [expected] * len(LAGS))
    assert fig.layout.xaxis.type == "log"  # lags 10 to 100 span ten times


def test_the_rnn_median_is_the_median_over_seeds():
    summary = task_summary("remember_first")
    rnn_50 = next(e for e in summary if e["architecture"] == "rnn" and e["lag"] == 50)
    assert rnn_50["n"] == 3 and rnn_50["median"] == pytest.approx(0.28)
    fig = sf.metric_figure(summary, NAMES)
    assert fig.data[2].y[1] == pytest.approx(0.28)


def test_steps_figure_shows_runs_that_never_learned():
    rows = [row for row in synthetic_rows() if row["task"] == "adding"]
    summary = sweeps.summarise(rows)
    fig = sf.steps_figure(rows, summary, NAMES)
    dots, median, crosses = fig.data[0:3]  # the RNN's
    assert [custom[2] for custom in dots.customdata] == [50, 60, 70]  # lag 10, seeds 0-2: 40 + 10 seed + lag
    np.testing.assert_allclose(median.y[0], 60)
    assert math.isnan(median.y[1]) and math.isnan(median.y[2])  # no seed learned at lags 50 and 100
    assert len(crosses.y) == 6 and set(crosses.y) == {sf.NEVER_ROW * 300}  # 2 lags x 3 seeds, not dropped
    assert not crosses.showlegend and fig.data[-1].name == "did not learn in 300 updates"  # one entry for all
    assert list(fig.layout.yaxis.ticktext) == ["0", "100", "200", "300", "never"]
    lstm_median = fig.data[7]
    np.testing.assert_allclose(lstm_median.y, [60, 100, 150])
    assert len(fig.data[6].y) == 9, "the failed run is not drawn as a run"


def test_metric_verdicts_name_the_lag_where_the_rnn_fails():
    s = strings_for("en")
    verdicts, note = sweeps_text.metric_verdicts(task_summary("remember_first"))
    assert verdicts[0] == (
        "swp_v_falls_high",
        {"kind": "rnn", "metric": "accuracy", "level": "0.625", "lag": 50, "value": "0.28", "last": 100},
    )
    assert verdicts[2][0] == "swp_v_holds_high" and verdicts[2][1]["value"] == "0.96"
    text = sweeps_text.sentences(s, [*verdicts, note], NAMES)
    assert "The RNN's median accuracy falls below 0.625 from lag 50 on (0.28 at lag 100)." in text
    assert "The LSTM's median accuracy stays above 0.625 at every lag up to 100 (its lowest: 0.96)." in text
    assert "(0.625 is halfway between learning nothing, 0.25, and perfect, 1.)" in text


def test_metric_verdicts_for_a_loss_and_for_a_dip():
    verdicts, _ = sweeps_text.metric_verdicts(task_summary("adding"))
    assert verdicts[0][0] == "swp_v_falls_low" and verdicts[0][1]["level"] == "0.0833"
    dip = [{**e, "median": 0.3} if e["lag"] == 50 else e for e in task_summary("remember_first")]
    lstm = sweeps_text.metric_verdicts(dip)[0][2]
    fields = {"kind": "lstm", "metric": "accuracy", "level": "0.625", "lags": "50"}
    assert lstm == ("swp_v_mixed_high", fields)


def test_steps_verdicts_count_the_runs_that_never_learned():
    verdicts = sweeps_text.steps_verdicts(task_summary("adding"))
    assert verdicts[0] == ("swp_s_some", {"kind": "rnn", "never": 6, "runs": 9, "lags": "10"})
    assert verdicts[1][0] == verdicts[2][0] == "swp_s_all"


def test_names_from_a_file_are_escaped():
    rows = [{**row, "architecture": "<b>x</b>"} for row in synthetic_rows()[:3]]
    verdicts = sweeps_text.steps_verdicts(sweeps.summarise(rows))
    text = sweeps_text.sentences(strings_for("en"), verdicts, {})
    assert "<b>" not in text and "\\<b\\>" in text


def test_a_task_without_a_trained_run_draws_empty_figures():
    failed = [row for row in synthetic_rows() if row.get("error")]
    assert sweeps.summarise(failed) == []
    assert len(sf.metric_figure([], NAMES).data) == 1  # the baseline alone, with no points
    assert len(sf.steps_figure(failed, [], NAMES).data) == 0
    assert sweeps_text.metric_verdicts([]) == ([], None) and sweeps_text.steps_verdicts([]) == []
