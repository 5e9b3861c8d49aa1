"""What if page: every preset's numbers are the library's `effect` on the same batch (rebuilt here with the
library alone), one click changes the preset, the link reopens the view, the memory curves are
`memory_curve`'s, and bad input gets a message in the user's language, never a traceback."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lstm_viz import interventions as what_if
from lstm_viz import limits, tasks
from lstm_viz.training.runs import load_pretrained
from lstm_viz.ui import strings, url_params
from lstm_viz.ui.navigation import BY_URL

from .conftest import APP, TIMEOUT, assert_ok, chart_specs, plotly_values, widget

EN, ZH = strings.TABLE["en"], strings.TABLE["zh"]
BATCH, SEED = limits.WHAT_IF_MAX_BATCH, 0  # the page's default batch and the sidebar's default seed


def open_page(**query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update({key: str(value) for key, value in query.items()})
    at.switch_page(BY_URL["what_if"].script)
    return at.run()


def metrics(at) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def text_of(at) -> str:
    return "\n".join(element.value for element in [*at.markdown, *at.caption, *at.info])


@pytest.fixture(scope="module")
def pretrained():
    return {
        name: load_pretrained(name).model for name in ("remember_first-lstm", "adding-lstm", "adding-gru")
    }


def remember_first():
    return tasks.get("remember_first", lag=100)  # the sidebar's default length, as the lag


def adding():
    return tasks.get("adding", length=100)


def percent(value: float) -> str:
    return f"{value:.1%}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_renders_in_both_languages(lang):
    at = open_page(lang=lang, task="remember_first")
    assert_ok(at)
    table = strings.TABLE[lang]
    assert at.title[0].value == table["page_what_if"]
    assert table["wi_expect_memory"] in [info.value for info in at.info]
    labels = set(metrics(at))
    assert {table["wi_metric_accuracy_before"], table["wi_metric_accuracy_after"]} <= labels
    titles = [(spec["layout"].get("title") or {}).get("text", "") for spec in chart_specs(at)]
    assert len(titles) == 4  # before, after, difference, memory curves
    assert titles[2] == table["wi_fig_difference"].format(quantity=table["q.cell"], arch="LSTM")
    assert [p for p in at.segmented_control if p.key == "w_wi_preset"][0].options == [
        table[f"wi_preset_{p}"] for p in ("memory", "forget_open", "forget_shut", "reset_marker", "custom")
    ]


@pytest.mark.parametrize("to", ["batch_mean", "zero"])
def test_silencing_the_memory_units_shows_the_librarys_numbers(pretrained, to):
    COUNT = url_params.PARAMS["wi_count"].default  # noqa: N806 - the page's default number of units
    at = open_page(task="remember_first", wi_to=to)
    assert_ok(at)
    model, task = pretrained["remember_first-lstm"], remember_first()
    units, scores = what_if.memory_units(model, task, batch=64, seed=SEED, count=COUNT)
    result = what_if.effect(model, task, what_if.silence(units, to=to), batch=BATCH, seed=SEED)
    shown = metrics(at)
    assert shown[EN["wi_metric_accuracy_before"]] == percent(result.metric_before) == "100.0%"
    assert shown[EN["wi_metric_accuracy_after"]] == percent(result.metric_after)
    controls = [
        what_if.effect(
            model, task, what_if.silence(what_if.control_units(model, units, seed=draw), to=to),
            batch=BATCH, seed=SEED,
        ).metric_after
        for draw in range(limits.WHAT_IF_CONTROL_DRAWS)
    ]  # fmt: skip
    assert shown[EN["wi_control_metric"].format(count=COUNT)] == percent(np.median(controls))
    harmless, _ = what_if.harmless_units(
        model, task, COUNT, batch=limits.WHAT_IF_RANK_BATCH, seed=SEED + 1, to=to, exclude=units
    )
    kept = what_if.effect(model, task, what_if.silence(harmless, to=to), batch=BATCH, seed=SEED).metric_after
    assert shown[EN["wi_harmless_metric"].format(count=COUNT)] == percent(kept)
    said = text_of(at)
    listed = ", ".join(map(str, harmless))
    assert f"least ({listed}), silenced together, score {percent(kept)}" in said
    found = ", ".join(f"{unit} ({scores[unit]:.2f})" for unit in units)
    assert EN["wi_memory_found"].format(units=found, batch=64) in said
    assert f"Silencing the {COUNT} memory units hurt more than silencing {COUNT} random units" in said
    if to == "batch_mean":  # the acceptance: the memory units to chance, as many least harmful ones kept
        assert abs(result.metric_after - 0.25) < 0.05 and "about what guessing at random scores" in said
        assert kept > 0.9
    else:  # measured: 0.0% against a random median of 40.6%
        assert result.metric_after < 0.05 and "below what guessing at random scores (25.0%)" in said


@pytest.mark.parametrize(
    ("preset", "mapping"),
    [
        ("forget_open", lambda batch: what_if.clamp("forget_gate", None, 1.0)),
        ("forget_shut", lambda batch: what_if.clamp("forget_gate", None, 0.0)),
        (
            "reset_marker",
            lambda batch: what_if.reset_cell_per_sequence(
                adding().marked_signal(batch.x)[0].argmax(axis=1).tolist()
            ),
        ),
    ],
)
def test_each_lstm_preset_is_one_click_and_shows_the_librarys_numbers(pretrained, preset, mapping):
    at = open_page()  # adding, pretrained LSTM
    assert_ok(at)
    widget(at, "segmented_control", "wi_preset").set_value(preset).run()
    assert_ok(at)
    assert at.query_params["wi_preset"] == preset
    task = adding()
    result = what_if.effect(
        pretrained["adding-lstm"], task, mapping(task.sample(BATCH, SEED)), batch=BATCH, seed=SEED
    )
    shown = metrics(at)
    assert shown[EN["wi_metric_mse_before"]] == f"{result.metric_before:.4g}"
    assert shown[EN["wi_metric_mse_after"]] == f"{result.metric_after:.4g}"
    assert shown[EN["wi_reference_mse"]] == f"{2 / 12:.4g}"
    said = text_of(at)
    assert EN[f"wi_expect_{preset}"] in said
    assert f"rose from {result.metric_before:.4g} to {result.metric_after:.4g}" in said
    # measured: 0.0007549 -> 0.4685 (open), 0.1573 (shut), 0.126 (reset after the first marker)
    assert result.metric_after > 0.1


def test_a_gru_is_offered_no_lstm_preset_and_is_told_why():
    at = open_page(kind="gru", wi_preset="forget_shut", lang="zh")
    assert_ok(at)
    options = widget(at, "segmented_control", "wi_preset").options
    assert options == [ZH["wi_preset_memory"], ZH["wi_preset_custom"]]
    assert widget(at, "segmented_control", "wi_preset").value == "memory"
    names = ZH["wi_list_join"].join(
        ZH[f"wi_preset_{p}"] for p in ("forget_open", "forget_shut", "reset_marker")
    )
    assert ZH["wi_not_offered"].format(presets=names, reason=ZH["wi_why_lstm"]) in text_of(at)


def test_a_task_without_markers_offers_no_memory_preset():
    at = open_page(task="parity")
    assert_ok(at)
    options = widget(at, "segmented_control", "wi_preset").options
    assert EN["wi_preset_memory"] not in options and EN["wi_preset_reset_marker"] not in options
    assert EN["wi_why_marks"] in text_of(at)


def test_own_interventions_round_trip_through_the_link(pretrained):
    query = {
        "wi_preset": "custom",
        "wi_edits": 2,
        "wi1_q": "forget_gate",
        "wi1_units": "0-15",
        "wi1_steps": "10-20",
        "wi1_value": 1,
        "wi2_q": "cell",
        "wi2_units": "all",
        "wi2_steps": "60",
    }
    at = open_page(**query)
    assert_ok(at)
    assert widget(at, "text_input", "wi1_units").value == "0-15"
    assert widget(at, "selectbox", "wi2_q").value == "cell"
    mapping = what_if.combine(
        what_if.clamp("forget_gate", range(16), 1.0, steps=range(10, 21)),
        what_if.clamp("cell", None, 0.0, [60]),
    )
    task = adding()
    expected = what_if.effect(pretrained["adding-lstm"], task, mapping, batch=BATCH, seed=SEED)
    assert metrics(at)[EN["wi_metric_mse_after"]] == f"{expected.metric_after:.4g}"

    widget(at, "text_input", "wi2_steps").set_value("50-52").run()
    assert_ok(at)
    link = dict(at.query_params)
    assert link["wi2_steps"] == "50-52" and link["wi1_units"] == "0-15"
    again = open_page(**{key: value[0] if isinstance(value, list) else value for key, value in link.items()})
    assert_ok(again)
    assert metrics(again) == metrics(at)
    mapping = what_if.combine(
        what_if.clamp("forget_gate", range(16), 1.0, steps=range(10, 21)),
        what_if.clamp("cell", None, 0.0, range(50, 53)),
    )
    expected = what_if.effect(pretrained["adding-lstm"], task, mapping, batch=BATCH, seed=SEED)
    assert metrics(again)[EN["wi_metric_mse_after"]] == f"{expected.metric_after:.4g}"

    at.button(key="wi_remove").click().run()
    assert_ok(at)
    assert "wi2_steps" not in at.query_params and at.query_params["wi1_units"] == "0-15"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"wi1_units": "70"}, EN["wi_err_range"].format(row=1, what="units", value=70, high=63)),
        ({"wi1_steps": "0, 150"}, EN["wi_err_range"].format(row=1, what="steps", value=150, high=99)),
        ({"wi1_units": "3-1"}, EN["wi_err_order"].format(row=1, what="units", text="3-1")),
        ({"wi1_units": "a*b"}, EN["wi_err_syntax"].format(row=1, what="units", text="a\\*b")),
    ],
)
def test_bad_entries_get_a_message_and_no_run(query, message):
    at = open_page(wi_preset="custom", **query)
    assert not at.exception
    assert [error.value for error in at.error] == [message]
    assert EN["wi_metric_mse_after"] not in metrics(at), "nothing runs on a refused entry"
    assert len(chart_specs(at)) == 1, "the memory curves are still drawn"


def test_bad_values_in_the_link_fall_back_with_a_notice():
    at = open_page(
        wi_preset="custom", wi1_value="nan", wi_batch=100000, wi_lag=-3, kind="gru", wi1_q="forget_gate"
    )
    assert not at.exception and not at.error
    warnings = [warning.value for warning in at.warning]
    for name, value, default in (
        ("wi1_value", "nan", "0"),
        ("wi_batch", "100000", "256"),
        ("wi_lag", "-3", "50"),
    ):
        assert EN["notice_bad_param"].format(name=name, value=value, default=default) in warnings
    assert EN["wi_notice_quantity"].format(row=1, quantity=EN["q.forget_gate"], kind="GRU") in warnings
    assert widget(at, "selectbox", "wi1_q").value == "hidden"


def test_a_large_model_runs_fewer_sequences_and_says_so():
    at = open_page(source="fresh", hidden=128, layers=3, bidir=1, length=400, wi_preset="forget_shut")
    assert_ok(at)
    batch = limits.WHAT_IF_TRACE_VALUES // (6 * 6 * 128 * 400)  # LSTM quantities x layers x directions
    assert EN["wi_batch_reduced"].format(batch=batch, requested=BATCH) in text_of(at)
    assert EN["wi_result_header"].format(batch=batch) in [header.value for header in at.subheader]


def test_the_memory_curves_are_the_librarys():
    at = open_page(task="remember_first", wi_lag=30)
    assert_ok(at)
    shown = metrics(at)
    capacities = {}
    for kind, label in (("rnn", "RNN"), ("gru", "GRU"), ("lstm", "LSTM")):
        model = load_pretrained(f"remember_first-{kind}").model
        curve = what_if.memory_curve(
            model, remember_first(), max_lag=30, batch=limits.WHAT_IF_CURVE_BATCH, seed=SEED
        )
        capacities[label] = curve.capacity
        assert shown[EN["wi_capacity"].format(arch=label)] == f"{curve.capacity:.2f}"
    best = max(capacities, key=capacities.get)
    assert f"the {best} keeps the most" in text_of(at)
    widget(at, "slider", "wi_lag").set_value(60).run()
    assert at.query_params["wi_lag"] == "60"
    assert plotly_values(chart_specs(at)[-1]["data"][0]["x"]).tolist() == list(range(61))
