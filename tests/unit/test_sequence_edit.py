"""Your own sequence (issue 13), without a running app: which edit a task takes, how an edit replaces one
sample's input and target, how typed text is read (and refused), and how an edit travels in a link."""

import math

import numpy as np
import pytest
import torch

from lstm_viz import limits, tasks
from lstm_viz.ui import sequence_edit, url_params
from lstm_viz.ui.sequence_edit import FIRST, MARKS, VALUES, EditError


@pytest.mark.parametrize(
    ("name", "kind"),
    [("adding", MARKS), ("remember_first", FIRST), ("sine", VALUES), ("sunspots", VALUES), ("nile", VALUES),
     ("copy", None), ("parity", None), ("sentiment", None)],
)  # fmt: skip
def test_each_task_takes_the_edit_of_its_kind(name, kind):
    assert sequence_edit.kind_of(tasks.get(name)) == kind


def test_marks_move_the_markers_of_one_sample_and_its_target_follows_the_tasks_rule():
    task = tasks.get("adding", length=30)
    batch = task.sample(4, seed=0)
    edited = sequence_edit.apply(task, batch, 2, MARKS, (3, 9))
    x = batch.x.numpy()
    assert np.flatnonzero(edited.x[2, :, 1].numpy()).tolist() == [3, 9]
    assert edited.y[2, 0].item() == pytest.approx(x[2, 3, 0] + x[2, 9, 0])
    np.testing.assert_array_equal(edited.x[2, :, 0].numpy(), x[2, :, 0])  # the numbers stay
    others = [0, 1, 3]
    np.testing.assert_array_equal(edited.x[others].numpy(), x[others])
    np.testing.assert_array_equal(edited.y[others].numpy(), batch.y[others].numpy())
    assert np.flatnonzero(batch.x[2, :, 1].numpy()).tolist() != [3, 9], "the batch itself is not changed"


def test_first_sets_the_symbol_at_step_0_and_the_answer():
    task = tasks.get("remember_first", lag=10, classes=4)
    batch = task.sample(3, seed=1)
    edited = sequence_edit.apply(task, batch, 1, FIRST, 3)
    assert edited.x[1, 0].tolist() == [0, 0, 0, 1, 0, 0, 0, 0] and edited.y[1].item() == 3
    torch.testing.assert_close(edited.x[1, 1:], batch.x[1, 1:])


def test_values_replace_the_input_and_keep_the_target():
    task = tasks.get("sunspots", window=5)
    batch = task.sample(3, seed=0)
    edited = sequence_edit.apply(task, batch, 0, VALUES, (0.5, -1.0, 2.0, 0.0, 1.25))
    assert edited.x[0, :, 0].tolist() == [0.5, -1.0, 2.0, 0.0, 1.25]
    torch.testing.assert_close(edited.y, batch.y)


def test_an_edit_that_does_not_fit_the_task_is_named():
    adding = tasks.get("adding", length=20)
    assert sequence_edit.problem(adding, (MARKS, (3, 9))) is None
    wrong = ("notice_edit_marks", {"marks": "3, 20", "last": 19})
    assert sequence_edit.problem(adding, (MARKS, (3, 20))) == wrong
    assert sequence_edit.problem(adding, (MARKS, (3,)))[0] == "notice_edit_marks"
    assert sequence_edit.problem(adding, (MARKS, (3, 4, 5)))[0] == "notice_edit_marks"
    first = tasks.get("remember_first", classes=4)
    assert sequence_edit.problem(first, (FIRST, 4)) == ("notice_edit_first", {"first": 4, "last": 3})
    sine = tasks.get("sine", length=3)
    wrong = ("notice_edit_values", {"count": 2, "length": 3})
    assert sequence_edit.problem(sine, (VALUES, (1.0, 2.0))) == wrong


def test_the_settings_ask_for_the_edit_of_the_tasks_kind_only():
    settings = ((4, 8), 2, (1.0, 2.0))
    assert sequence_edit.requested(MARKS, *settings) == (MARKS, (4, 8))
    assert sequence_edit.requested(FIRST, *settings) == (FIRST, 2)
    assert sequence_edit.requested(VALUES, *settings) == (VALUES, (1.0, 2.0))
    assert sequence_edit.requested(None, *settings) == ()
    assert sequence_edit.requested(FIRST, (), -1, ()) == ()
    for edit in [(MARKS, (4, 8)), (FIRST, 2), (VALUES, (1.0, 2.0))]:
        assert sequence_edit.requested(edit[0], *sequence_edit.as_request(edit)) == edit


def test_typed_text_is_read_with_any_separator_and_six_digits():
    text = "0.1, 0.2;0.3\n 1e-3\t-2.123456789"
    assert sequence_edit.parse_numbers(text, 2, 100) == (0.1, 0.2, 0.3, 0.001, -2.12346)


@pytest.mark.parametrize(
    ("text", "key", "fields"),
    [
        ("1, two, 3", "seq_error_number", {"text": "two", "position": 1}),
        ("1, nan", "seq_error_magnitude", {"text": "nan", "position": 1}),
        ("1, inf", "seq_error_magnitude", {"text": "inf", "position": 1}),
        ("1, 2e6", "seq_error_magnitude", {"text": "2e6", "position": 1}),
        ("1", "seq_error_count", {"count": "1", "low": 2, "high": 100}),
        ("", "seq_error_count", {"count": "0", "low": 2, "high": 100}),
        (", ".join(["1"] * 101), "seq_error_count", {"count": "101", "low": 2, "high": 100}),
        ("1 " * 100_000, "seq_error_count", {"count": "1,601+", "low": 2, "high": 100}),
    ],
)
def test_typed_text_that_is_not_a_few_finite_numbers_is_refused_with_the_reason(text, key, fields):
    with pytest.raises(EditError) as refused:
        sequence_edit.parse_numbers(text, 2, 500)  # the task's range: the typed limit still applies
    assert refused.value.key == key
    assert fields.items() <= refused.value.fields.items()


def test_an_edit_travels_in_a_link_exactly():
    values = sequence_edit.rounded(np.float32([0.123456789, -3.3e-7, 12345.678, 1 / 3]))
    settings = {**url_params.defaults(), "marks": (5, 60), "first": 2, "values": values}
    query = url_params.query_for(settings, ())
    assert query["marks"] == "5,60" and query["first"] == "2"
    back, notices = url_params.parse_query(query)
    assert notices == [] and back["values"] == values and back["marks"] == (5, 60) and back["first"] == 2
    assert "values" not in url_params.query_for(url_params.defaults(), ())


@pytest.mark.parametrize(
    "raw",
    ["nan", "1,inf", "1e400", "1,x", ",".join(["1"] * (limits.APP_MAX_TYPED_STEPS + 1)), "2e6", "1,,2"],
)
def test_a_bad_values_parameter_is_refused(raw):
    settings, notices = url_params.parse_query({"values": raw})
    assert settings["values"] == () and [key for key, _ in notices] == ["notice_bad_param"]


def test_bad_marks_and_first_parameters_are_refused():
    bad = [("marks", "5,5"), ("marks", "-1,3"), ("marks", "1,x"), ("first", "64"), ("first", "-2")]
    for name, raw in bad:
        settings, notices = url_params.parse_query({name: raw})
        assert settings[name] == url_params.PARAMS[name].default and notices[0][0] == "notice_bad_param"


def test_the_magnitude_limit_keeps_values_finite_in_float32():
    assert math.isfinite(np.float32(limits.APP_MAX_TYPED_MAGNITUDE))
