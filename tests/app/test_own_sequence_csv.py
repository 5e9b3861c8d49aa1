"""Your own sequence from a CSV (issue 13, follow-up): rows are time steps, columns input features.

An uploaded file replaces the input of the shown sample as pasted numbers do (its rows set the length) on
every page, for any task whose input size is the file's column count; the link does not carry it; a file
that cannot be used is refused in the page's language and changes nothing. Expected numbers come from the
pretrained models run by the engine, rebuilt here.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from streamlit.testing.v1 import AppTest

from lstm_viz import limits, runs, tasks
from lstm_viz.ui import sequence_editor, sequence_file, strings
from lstm_viz.ui.navigation import BY_URL

from .conftest import APP, TIMEOUT, assert_ok, latex_text, num
from .test_own_data import heatmap, z_of

EN = strings.TABLE["en"]


def open_page(page: str = "gates", **query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update({key: str(value) for key, value in query.items()})
    at.switch_page(BY_URL[page].script)
    return at.run()


def upload(at: AppTest, data: bytes, name: str = "my-sequence.csv") -> AppTest:
    uploader = at.file_uploader(key=sequence_file.FILE_KEY)
    uploader.upload(name, data, "text/csv")
    return at.run()


def csv(rows: np.ndarray, header: str = "") -> bytes:
    lines = [header] if header else []
    lines += [",".join(f"{v:.6g}" for v in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def answer(at: AppTest) -> str:
    starts = tuple(EN[key].split("{")[0] for key in ("seq_answer_mse", "seq_answer_class"))
    (line,) = [m.value for m in at.markdown if m.value.startswith(starts)]
    return line


def captions(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def adding_rows(steps: int = 40) -> np.ndarray:
    """(T, 2) value, marker: markers at steps 3 and 30 (the value rounded as a CSV writes it)."""
    rows = np.zeros((steps, 2))
    rows[:, 0] = np.round(np.random.default_rng(7).uniform(0, 1, steps), 4)
    rows[[3, 30], 1] = 1.0
    return rows


def test_a_two_column_csv_is_the_adding_input_on_every_page_and_not_in_the_link():
    at = open_page("gates")
    assert_ok(at)
    rows = adding_rows()
    at = upload(at, csv(rows, header="value,marker"))
    assert_ok(at)
    model = runs.load_pretrained("adding-lstm").model
    batch = tasks.get("adding", length=len(rows)).sample(8, 0)
    x = batch.x.clone()
    x[0] = torch.tensor(rows, dtype=x.dtype)
    predictions, trace = model.run_with_trace(x, target=batch.y, loss_mask=batch.loss_mask)
    with torch.no_grad():
        before = model(batch.x)[0, 0]
    target = float(batch.y[0, 0])
    expected = (
        f"The model answers **{predictions[0, 0]:.4f}**; the target is {target:.4f}. Before your change it "
        f"answered {before:.4f}, and the target was {target:.4f}."
    )
    assert answer(at) == expected
    assert at.sidebar.number_input(key="w_length").value == len(rows), "the file's rows set the length"
    spec = heatmap(at, "forget_gate")
    np.testing.assert_allclose(z_of(spec["data"][0]), rows.T, atol=1e-6)  # the input strip: the file
    np.testing.assert_allclose(z_of(spec["data"][-1]), trace["l0.forget_gate"][0].T, atol=1e-6)
    assert strings.strings_for("en")("seq_file_in_use", steps=len(rows), features=2) in captions(at)
    assert EN["seq_file_not_in_link"] in captions(at)
    assert not {"marks", "values", "first"} & set(at.query_params), "the link carries no uploaded file"
    assert sequence_editor.MARK_KEYS[0] not in [w.key for w in at.number_input], (
        "the file replaces the markers"
    )

    at.button(key=sequence_editor.RESET_KEY).click().run()
    assert_ok(at)
    assert answer(at).startswith(f"The model answers **{before:.4f}**")
    at.button(key=sequence_file.APPLY_KEY).click().run()  # the file still in the uploader: use it again
    assert answer(at) == expected

    at.switch_page(BY_URL["inside_step"].script).run()  # the uploader is the gates page's; the input stays
    assert_ok(at)
    assert answer(at) == expected and num(trace["l0.cell"][0, 10, 0]) in latex_text(at)


def test_an_eight_column_one_hot_csv_is_the_remember_first_input():
    at = open_page("gates", task="remember_first", length=100)
    task = tasks.get("remember_first", lag=60)
    rows = task.sample(1, 5).x[0].numpy().astype(np.float64)  # (61, 8): another sequence of the task
    at = upload(at, csv(rows))  # no header
    assert_ok(at)
    assert at.sidebar.number_input(key="w_length").value == 60, "61 rows: the lag is 60"
    model = runs.load_pretrained("remember_first-lstm").model
    batch = task.sample(8, 0)
    x = batch.x.clone()
    x[0] = torch.tensor(rows, dtype=x.dtype)
    with torch.no_grad():
        p = torch.softmax(model(x)[0], dim=0)
    best = int(p.argmax())
    assert answer(at).startswith(
        f"The model answers **symbol {best}** (probability {p[best]:.0%}); "
        f"the right answer is symbol {int(batch.y[0])}."
    )


BAD_FILES = {
    "three columns": (b"1,0,5\n2,1,5\n3,1,5\n", "seq_file_columns", {"columns": 3, "needs": 2}),
    "one column": (b"v\n1\n2\n3\n", "seq_file_columns", {"columns": 1, "needs": 2}),
    "text": (b"value,marker\n1,0\n0.5,yes\n", "seq_file_text", {"row": 1, "column": 1, "text": "yes"}),
    "NaN": (b"value,marker\n1,0\nnan,1\n2,1\n", "seq_file_nonfinite", {"row": 1, "column": 0}),
    "too many rows": (b"1,0\n" * (limits.APP_MAX_SEQUENCE_STEPS + 1), "seq_file_rows", {"high": 1000}),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_file_that_cannot_be_the_input_is_refused_in_both_languages(case, lang):
    data, key, fields = BAD_FILES[case]
    at = open_page("gates", lang=lang)
    before = [m.value for m in at.markdown]
    at = upload(at, data)
    assert not at.exception
    (error,) = [e.value for e in at.error]
    assert error == strings.strings_for(lang).notice(key, fields)
    assert [m.value for m in at.markdown] == before, "nothing changed"
    assert at.sidebar.number_input(key="w_length").value == tasks.spec("adding")["length"][0]
