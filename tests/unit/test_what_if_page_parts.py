"""The parts behind the What if page: the per-sequence cell reset it needs from the library, the reading of
typed units and steps, the bound on its batch, which presets fit a view, and sentences true of the numbers."""

from types import SimpleNamespace

import numpy as np
import pytest
import torch

from lstm_viz import interventions as what_if
from lstm_viz import limits, models, tasks
from lstm_viz.ui.strings import strings_for
from lstm_viz.ui.what_if import cache as what_if_cache
from lstm_viz.ui.what_if import presets as what_if_presets
from lstm_viz.ui.what_if import text as what_if_text
from lstm_viz.ui.what_if.edits import EntryError, Row, indices, plan

torch.set_num_threads(1)
EN = strings_for("en")


def test_reset_cell_per_sequence_wipes_each_sequence_at_its_own_step():
    task = tasks.get("adding", length=12)
    model = models.for_task("lstm", task, hidden_size=5, seed=2)
    x = task.sample(3, 0).x
    steps = [2, 0, 7]
    _, plain = model.run_with_trace(x)
    _, edited = model.run_with_trace(x, interventions=what_if.reset_cell_per_sequence(steps))
    for row, step in enumerate(steps):
        assert np.all(edited["l0.cell"][row, step] == 0.0) and np.all(edited["l0.hidden"][row, step] == 0.0)
        np.testing.assert_allclose(edited["l0.cell"][row, :step], plain["l0.cell"][row, :step], atol=1e-6)
        assert not np.allclose(edited["l0.cell"][row, step + 1 :], plain["l0.cell"][row, step + 1 :])
    # the same as reset_cell when every sequence names the same step
    _, same = model.run_with_trace(x, interventions=what_if.reset_cell_per_sequence([4, 4, 4]))
    _, whole = model.run_with_trace(x, interventions=what_if.reset_cell(4))
    for key in whole:
        np.testing.assert_array_equal(same[key], whole[key])


@pytest.mark.parametrize("to_value", [np.asarray, torch.as_tensor])
def test_reset_rows_works_on_arrays_and_tensors_and_checks_the_batch(to_value):
    value = to_value(np.arange(6, dtype=np.float32).reshape(3, 2))  # (B, H)
    fn = what_if.reset_cell_per_sequence([1, 0, 1])["l0.cell"]
    result = fn(1, value)
    assert type(result) is type(value)
    assert np.asarray(result).tolist() == [[0.0, 0.0], [2.0, 3.0], [0.0, 0.0]]
    assert np.asarray(value)[0, 1] == 1.0, "the input is not changed in place"
    assert fn(5, value) is value
    with pytest.raises(ValueError, match="3 sequences"):
        fn(1, value[:2])
    with pytest.raises(ValueError, match="steps"):
        what_if.reset_cell_per_sequence([1, -2])


@pytest.mark.parametrize(
    ("text", "expected"),
    [("all", None), (" ALL ", None), ("3", (3,)), ("7, 3,3", (3, 7)), ("2-4, 9", (2, 3, 4, 9))],
)
def test_typed_indices_are_read(text, expected):
    assert indices(text, 10, "units", 1) == expected


@pytest.mark.parametrize(
    ("text", "key", "fields"),
    [
        ("10", "wi_err_range", {"value": 10, "high": 9}),
        ("3-12", "wi_err_range", {"value": 12, "high": 9}),
        ("5-2", "wi_err_order", {"text": "5-2"}),
        ("abc", "wi_err_syntax", {"text": "abc"}),
        ("", "wi_err_syntax", {"text": ""}),
        ("1,,2", "wi_err_syntax", {"text": "1,,2"}),
        ("-3", "wi_err_syntax", {"text": "-3"}),
        ("99999999", "wi_err_syntax", {"text": "99999999"}),
        ("1" * 300, "wi_err_syntax", {}),
    ],
)
def test_bad_typed_indices_name_what_is_wrong(text, key, fields):
    with pytest.raises(EntryError) as caught:
        indices(text, 10, "steps", 2)
    assert caught.value.key == key and caught.value.fields["row"] == 2
    assert fields.items() <= caught.value.fields.items()


def test_a_plan_of_rows_checks_quantity_and_value():
    rows = [Row("forget_gate", "0-2", "all", 1.0), Row("cell", "all", "5", 0)]
    quantities = ("input_gate", "forget_gate", "cell", "hidden")
    assert plan(rows, quantities, 4, 8) == (
        ("clamp", "forget_gate", (0, 1, 2), 1.0, None),
        ("clamp", "cell", None, 0.0, (5,)),
    )
    with pytest.raises(EntryError) as caught:
        plan([Row("update_gate", "0", "all", 0.0)], quantities, 4, 8)
    assert caught.value.key == "wi_err_quantity"
    with pytest.raises(EntryError) as caught:
        plan([rows[0], Row("cell", "0", "all", float("nan"))], quantities, 4, 8)
    assert (caught.value.key, caught.value.fields["row"]) == ("wi_err_value", 2)


def test_the_batch_shrinks_to_keep_one_recording_within_the_limit():
    def core(kind, hidden, layers, bidirectional):
        return SimpleNamespace(kind=kind, hidden_size=hidden, num_layers=layers, bidirectional=bidirectional)

    assert what_if_cache.bounded_batch(256, core("lstm", 64, 1, False), 100) == 256  # 9.8 M floats
    per_sequence = 6 * 6 * 256 * 500  # LSTM quantities x 3 layers x 2 directions x units x steps
    assert limits.WHAT_IF_TRACE_VALUES // per_sequence == 2
    assert what_if_cache.bounded_batch(256, core("lstm", 256, 3, True), 500) == 2
    assert what_if_cache.bounded_batch(256, core("rnn", 256, 3, True), 500) == 6  # 2 quantities
    assert what_if_cache.bounded_batch(256, core("lstm", 1024, 4, True), 1000) == 1
    assert what_if_cache.bounded_batch(3, core("rnn", 8, 1, False), 10) == 3


def test_presets_are_offered_only_where_they_fit():
    assert what_if_presets.unavailable("lstm", "standard", True, False, 64) == {}
    assert set(what_if_presets.unavailable("gru", "standard", True, False, 64)) == {
        "forget_open",
        "forget_shut",
        "reset_marker",
    }
    assert what_if_presets.unavailable("lstm", "standard", False, False, 64) == {
        "memory": "wi_why_marks",
        "reset_marker": "wi_why_marks",
    }
    reasons = what_if_presets.unavailable("lstm", "no_forget_gate", True, True, 1)
    assert reasons == {
        "forget_open": "wi_why_no_forget",
        "forget_shut": "wi_why_no_forget",
        "memory": "wi_why_forward",
        "reset_marker": "wi_why_forward",
    }
    assert what_if_presets.unavailable("gru", "standard", True, False, 1) == {
        **dict.fromkeys(("forget_open", "forget_shut", "reset_marker"), "wi_why_lstm"),
        "memory": "wi_why_small",
    }
    assert what_if_presets.has_marks(tasks.get("adding"))
    assert not what_if_presets.has_marks(tasks.get("parity"))


@pytest.mark.parametrize(
    ("metric", "before", "after", "reference", "says"),
    [
        ("accuracy", 1.0, 1.0, 0.25, "did not change: 100.0% before and after"),
        ("accuracy", 1.0, 0.242, 0.25, "fell from 100.0% to 24.2% — about what guessing"),
        ("accuracy", 1.0, 0.004, 0.25, "below what guessing at random scores (25.0%)"),
        ("accuracy", 0.5, 0.8, 0.25, "rose from 50.0% to 80.0% (guessing"),
        ("mse", 0.001, 0.051, 0.201, "rose from 0.001 to 0.051 — 25% of the way"),
        ("mse", 0.001, 0.003, 0.201, "— 1.0% of the way"),
        ("mse", 0.001, 0.4, 0.2, "as bad as a model that learned nothing (0.2), or worse"),
        ("mse", 0.1, 0.05, 0.2, "fell from 0.1 to 0.05 (a model that learned nothing scores 0.2)"),
    ],
)
def test_what_happened_follows_the_numbers(metric, before, after, reference, says):
    assert says in what_if_text.outcome(EN, metric, before, after, reference)


def test_the_control_comparison_follows_the_numbers():
    compare = what_if_text.control_comparison
    assert "hurt more" in compare(EN, "accuracy", 1.0, 0.25, [0.9, 0.5, 0.8], 4, 0.25)
    assert "median of 80.0% over 3 random draws (from 50.0% to 90.0%)" in compare(
        EN, "accuracy", 1.0, 0.25, [0.9, 0.5, 0.8], 4, 0.25
    )
    assert "hurt less" in compare(EN, "accuracy", 1.0, 0.9, [0.3, 0.5, 0.4], 4, 0.25)
    assert "about as much" in compare(EN, "accuracy", 1.0, 0.5, [0.52, 0.4, 0.6], 4, 0.25)
    assert "Neither" in compare(EN, "mse", 0.001, 0.0012, [0.0011, 0.0009, 0.002], 4, 0.167)
    assert "hurt more" in compare(EN, "mse", 0.001, 0.055, [0.0011, 0.0009, 0.002], 4, 0.167)


def test_answers_and_changes_in_words():
    logits_before, logits_after = np.array([0.0, 5.0, 0.0]), np.array([3.0, 0.0, 0.0])
    text = what_if_text.prediction(EN, 2, "accuracy", logits_before, logits_after, np.int64(1), np.float32(1))
    assert "right answer is class 1" in text and "Before: class 1 (99% sure), right" in text
    assert "After: class 0 (91% sure), wrong" in text
    text = what_if_text.prediction(EN, 0, "mse", np.array([0.9]), np.array([0.5]), np.array([1.0]), 1.0)
    assert "answered 0.900 (off by 0.100); after, 0.500 (off by 0.500)" in text
    steps = np.eye(3)[[0, 1, 2, 2]]  # (T, O): classes 0, 1, 2, 2
    text = what_if_text.prediction(
        EN, 1, "accuracy", steps, steps[::-1], np.array([0, 1, 2, 2]), np.array([0, 1, 1, 1])
    )
    assert "3 of its 3 scored steps were right before, 0 after" in text  # after: classes 2, 1, 0
    difference = np.zeros((6, 4))
    difference[3, 2], difference[5, 0] = -0.5, 0.25
    text = what_if_text.change(EN, 0, "cell", difference)
    assert "in 2 of the 4 units" in text and "-0.5 (unit 2, step 3)" in text and "at step 3" in text
    assert "no value of cell changed" in what_if_text.change(EN, 0, "cell", np.zeros((6, 4)))


def test_the_least_harmful_comparison_follows_the_numbers():
    compare = what_if_text.harmless_comparison
    kept = compare(EN, "accuracy", 1.0, 0.27, 1.0, (0, 2, 3), 0.25)
    assert "(0, 2, 3), silenced together, score 100.0%, about what the untouched model scores" in kept
    assert "against 27.0% for the memory units: which 3 units are silenced matters" in kept
    less = compare(EN, "accuracy", 1.0, 0.242, 0.609, (0,), 0.25)
    assert "score 60.9%: less harm than the memory units do (24.2%)" in less
    assert "about as much harm" in compare(EN, "accuracy", 1.0, 0.5, 0.52, (4, 5), 0.25)
    assert "more harm" in compare(EN, "mse", 0.001, 0.01, 0.1, (1,), 0.167)
    zh = strings_for("zh")
    assert "得分为 100.0%" in compare(zh, "accuracy", 1.0, 0.27, 1.0, (0, 2, 3), 0.25)
