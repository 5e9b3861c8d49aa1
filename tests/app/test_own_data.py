"""Your own model, your own sequence and the real series in the app (issue 13).

- a PyTorch checkpoint uploaded in the sidebar is the model of every page, with the choices its file needs,
  and can be saved as a run; a file the library refuses shows its reason, in both languages;
- the adding task's markers, remember_first's symbol and a one-feature task's numbers set the input of the
  shown sample: the answer and the heatmaps follow, on every page and from the link;
- each real series opens on Gates and states, Vanishing gradients and Long-range dependencies.

Expected numbers come from torch modules and the engine, rebuilt here (see conftest.py).
"""

from __future__ import annotations

import io

import numpy as np
import pytest
import torch
from streamlit.testing.v1 import AppTest
from torch import nn

from lstm_viz import models, runs, tasks
from lstm_viz.training import checkpoint_import
from lstm_viz.ui import engine_cache, own_model_panel, saved_runs, sequence_editor, strings
from lstm_viz.ui.navigation import BY_URL

from .conftest import APP, TIMEOUT, assert_ok, chart_specs, latex_text, num, plotly_values

EN, ZH = strings.TABLE["en"], strings.TABLE["zh"]
REAL_SERIES = ("sunspots", "co2", "nile", "elnino")


def open_page(page: str = "gates", **query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update({key: str(value) for key, value in query.items()})
    if page != "home":
        at.switch_page(BY_URL[page].script)
    return at.run()


def saved(state) -> bytes:
    buffer = io.BytesIO()
    torch.save(state, buffer)
    return buffer.getvalue()


def checkpoint(module: nn.Module, head: nn.Module | None = None, prefix="rnn.", head_prefix="fc.") -> bytes:
    state = {prefix + name: tensor for name, tensor in module.state_dict().items()}
    if head is not None:
        state.update({head_prefix + name: tensor for name, tensor in head.state_dict().items()})
    return saved(state)


def adding_lstm(seed=0) -> tuple[nn.LSTM, nn.Linear]:
    torch.manual_seed(seed)
    return nn.LSTM(2, 8, batch_first=True).eval(), nn.Linear(8, 1)


def upload_model(at: AppTest, data: bytes, name: str = "my-lstm.pt") -> AppTest:
    uploader = at.file_uploader(key=own_model_panel.FILE_KEY)
    uploader.clear()
    uploader.upload(name, data, "application/octet-stream")
    return at.run()


def text_of(elements) -> str:
    return " ".join(element.value for element in elements)


def start(key: str, table=EN) -> str:
    """The fixed text at the start of a template (before its first placeholder)."""
    return table[key].split("{")[0]


def heatmap(at: AppTest, quantity: str) -> dict:
    """The first gates heatmap of a quantity on screen."""
    title = EN[f"q.{quantity}"]
    return next(spec for spec in chart_specs(at) if spec["layout"]["title"]["text"].startswith(title))


def z_of(trace_spec: dict) -> np.ndarray:
    """The z of a heatmap trace as an array (rows, columns)."""
    z = trace_spec["z"]
    if isinstance(z, dict):
        shape = tuple(int(n) for n in str(z["shape"]).split(","))
        return plotly_values(z).reshape(shape)
    return np.asarray(z, dtype=np.float64)


def answer(at: AppTest) -> str:
    """The panel's line with the model's answer (English)."""
    starts = tuple(start(key) for key in ("seq_answer_mse", "seq_answer_class", "seq_answer_outputs"))
    (line,) = [m.value for m in at.markdown if m.value.startswith(starts)]
    return line


def engine_record(model, task, x, y, mask):
    """(predictions, Trace) of a task-answering model on a batch (the app's rule, engine_cache.record)."""
    return model.run_with_trace(x, target=y, loss_mask=mask)


# --- your own model -------------------------------------------------------------------------------------


def test_an_uploaded_checkpoint_is_the_model_of_every_page():
    lstm, head = adding_lstm()
    data = checkpoint(lstm, head)
    at = open_page("gates", source="own", length=20)
    assert_ok(at)
    assert start("own_prompt") in text_of(at.sidebar.info) and "10 MB" in text_of(at.sidebar.info)
    assert EN["notice_no_checkpoint"] in text_of(at.warning)
    uploader = at.file_uploader(key=own_model_panel.FILE_KEY)
    assert uploader.proto.max_upload_size_mb == 10 and "10 MB" in uploader.help and "256" in uploader.help

    upload_model(at, data)
    assert_ok(at)
    assert not at.warning, "the model answers the task: nothing to announce"
    assert "your model my-lstm" in at.caption[0].value and "LSTM" in at.caption[0].value
    assert "my-lstm.pt: LSTM, 2 input(s) per step, 1 output(s) at the last step." in text_of(
        at.sidebar.caption
    )

    task = tasks.get("adding", length=20)
    batch = task.sample(engine_cache.batch_size("lstm", 20, 8, 1, False), 0)
    model = checkpoint_import.fit_to_task(
        checkpoint_import.import_torch_checkpoint(data, readout="last"), task
    )
    predictions, trace = engine_record(model.model, task, batch.x, batch.y, batch.loss_mask)
    with torch.no_grad():
        hidden, _ = lstm(batch.x)  # (B, T, 8): torch's own numbers
        expected = head(hidden[:, -1])
    np.testing.assert_allclose(trace["l0.hidden"], hidden.numpy(), atol=1e-5)
    np.testing.assert_allclose(predictions.numpy(), expected.numpy(), atol=1e-5)
    np.testing.assert_allclose(
        z_of(heatmap(at, "forget_gate")["data"][-1]), trace["l0.forget_gate"][0].T, atol=1e-6
    )
    assert answer(at) == f"The model answers **{expected[0, 0]:.4f}**; the target is {batch.y[0, 0]:.4f}."

    for page in BY_URL:
        at.switch_page(BY_URL[page].script).run()
        assert_ok(at)
    at.switch_page(BY_URL["inside_step"].script).run()
    assert num(trace["l0.forget_gate"][0, 10, 0]) in latex_text(at), "the equations carry the model's numbers"
    at.switch_page(BY_URL["vanishing"].script).run()
    notices = text_of(at.warning)
    assert "Beside your model, the RNN is freshly initialised" in notices and "the GRU" in notices

    at.file_uploader(key=own_model_panel.FILE_KEY).clear()  # as choosing another source in between does
    at.switch_page(BY_URL["gates"].script).run()
    assert_ok(at)
    assert "Using your model my-lstm.pt, uploaded earlier" in text_of(at.sidebar.caption)
    assert "your model my-lstm" in at.caption[0].value, "the session keeps its model"


def test_a_model_without_a_linear_layer_shows_the_gradients_of_its_output_sum():
    torch.manual_seed(1)
    gru = nn.GRU(1, 5, batch_first=True).eval()
    at = open_page("gates", source="own", task="sine", length=12)
    upload_model(at, checkpoint(gru), "bare-gru.pt")
    assert_ok(at)
    notices = text_of(at.warning)
    assert start("notice_own_stand_in") in notices and "no linear layer" in notices
    save = at.sidebar.button(key=own_model_panel.SAVE_KEY)
    assert save.disabled and "no linear layer" in save.help

    task = tasks.get("sine", length=12)
    batch = task.sample(engine_cache.batch_size("gru", 12, 5, 1, False), 0)
    x = batch.x.clone().requires_grad_(True)
    outputs, _ = gru(x)
    input_grad = torch.autograd.grad(outputs[:, -1].sum(), x)[0]  # d(sum of the last outputs)/dx (B, T, 1)
    model = checkpoint_import.import_torch_checkpoint(checkpoint(gru), readout="last").model
    _, trace = model.core.run_with_trace(batch.x, loss_fn=lambda h: model.head(h).sum())
    np.testing.assert_allclose(trace["input_grad"], input_grad.numpy(), atol=1e-5)
    shown = z_of(heatmap(at, "hidden_grad")["data"][-1])  # log10 |dL/dh|
    np.testing.assert_allclose(shown, np.log10(np.abs(trace["l0.hidden_grad"][0].T)), atol=1e-4)
    last = outputs[0, -1].detach().numpy()
    assert answer(at).startswith("Your model's outputs at the last step: " + f"{last[0]:.4g}, {last[1]:.4g}")


def test_the_choices_a_file_needs_appear_and_change_the_model():
    torch.manual_seed(2)
    encoder, decoder = nn.RNN(1, 4, batch_first=True), nn.RNN(4, 3, batch_first=True)
    state = {f"encoder.{k}": v for k, v in encoder.state_dict().items()}
    state.update({f"decoder.{k}": v for k, v in decoder.state_dict().items()})
    at = open_page("gates", source="own", task="sine", length=10)
    upload_model(at, saved(state), "two.pt")
    assert_ok(at)
    prefix = at.sidebar.selectbox(key=own_model_panel.PREFIX_KEY)
    assert prefix.options == ["decoder.", "encoder."] and prefix.value == "decoder."
    assert start("notice_own_input_none") in text_of(at.warning) and "reads 4 numbers" in text_of(at.warning)

    prefix.select("encoder.").run()
    assert_ok(at)
    assert "your model two" in at.caption[0].value
    nonlinearity = at.sidebar.radio(key=own_model_panel.NONLINEARITY_KEY)
    assert nonlinearity.options == ["tanh", "relu"]
    nonlinearity.set_value("relu").run()
    assert_ok(at)
    assert "RNN (relu)" in at.caption[0].value
    relu = nn.RNN(1, 4, batch_first=True, nonlinearity="relu")
    relu.load_state_dict(encoder.state_dict())
    batch = tasks.get("sine", length=10).sample(8, 0)
    with torch.no_grad():
        expected = relu(batch.x)[0][0].numpy().T  # (4, T) of sample 0
    np.testing.assert_allclose(z_of(heatmap(at, "hidden")["data"][-1]), expected, atol=1e-5)
    with pytest.raises(KeyError):
        at.sidebar.radio(key=own_model_panel.READOUT_KEY)  # no linear layer: nothing to choose


def test_the_readout_choice_decides_whether_the_model_answers_the_task():
    torch.manual_seed(3)
    lstm, head = nn.LSTM(1, 6, batch_first=True), nn.Linear(6, 1)
    at = open_page("gates", source="own", task="sunspots")
    upload_model(at, checkpoint(lstm, head))
    readout = at.sidebar.radio(key=own_model_panel.READOUT_KEY)
    assert readout.value == "last" and not at.warning, "the task's readout by default"
    readout.set_value("every").run()
    assert_ok(at)
    assert "the model's readout is 'every' but the task 'sunspots' needs 'last'" in text_of(at.warning)


def test_an_input_size_that_fits_no_chosen_task_names_the_tasks_that_fit():
    torch.manual_seed(4)
    at = open_page("gates", source="own")
    upload_model(at, checkpoint(nn.GRU(1, 3, batch_first=True)))
    assert_ok(at)
    notice = text_of(at.warning)
    assert "Your model reads 1 numbers per step, but the task “Adding" in notice
    assert f"{EN['task_sine']}, {EN['task_sunspots']}" in notice.replace("\\", "")
    assert "freshly initialised" in at.caption[0].value, "the page still shows a model"


def test_a_model_that_answers_the_task_is_saved_as_a_run_of_this_session(tmp_path, monkeypatch):
    monkeypatch.setenv("LSTM_VIZ_RUNS", str(tmp_path))
    engine_cache.saved_run_listing.clear()
    lstm, head = adding_lstm(seed=5)
    data = checkpoint(lstm, head)
    at = open_page("gates", source="own", length=20)
    upload_model(at, data)
    before = z_of(heatmap(at, "cell")["data"][-1])
    at.sidebar.button(key=own_model_panel.SAVE_KEY).click().run()
    assert_ok(at)
    (name,) = runs.list_runs(tmp_path)
    assert name.startswith("my-lstm-adding-") and f"“{name}”" in text_of(at.sidebar.success).replace("\\", "")
    owner, shared = saved_runs.read_sharing(tmp_path / name)
    assert owner and not shared
    back = runs.load_run(tmp_path / name)
    x = tasks.get("adding", length=20).sample(4, 9).x
    with torch.no_grad():
        np.testing.assert_allclose(back.model(x).numpy(), head(lstm(x)[0][:, -1]).numpy(), atol=1e-5)

    at.sidebar.radio(key="w_source").set_value("saved").run()
    assert_ok(at)
    picked = at.sidebar.selectbox(key="w_run")
    assert picked.value == name and any(" · imported · MSE " in option for option in picked.options)
    np.testing.assert_allclose(z_of(heatmap(at, "cell")["data"][-1]), before, atol=1e-6)
    engine_cache.saved_run_listing.clear()


def test_a_file_name_is_shown_as_literal_text():
    lstm, head = adding_lstm()
    at = open_page("gates", source="own", length=20)
    upload_model(at, checkpoint(lstm, head), "![x](http://host/t.png).pt")
    assert_ok(at)
    loaded = text_of(at.sidebar.caption)
    assert strings.literal("![x](http://host/t.png).pt") in loaded and "![x](http" not in loaded


torch.manual_seed(6)
_NAN = nn.LSTM(2, 4).state_dict()
_NAN["weight_hh_l0"][0, 0] = float("nan")
BAD_UPLOADS = {
    "not a checkpoint": (b"hello world" * 50, "own_error", "not a readable PyTorch checkpoint"),
    "a pickled module": (saved(nn.LSTM(2, 4)), "own_error", "nothing in it was run"),
    "no recurrent module": (saved(nn.Linear(2, 3).state_dict()), "own_error", "found no recurrent module"),
    "NaN weights": (saved(_NAN), "own_error", "holds NaN or infinite values"),
    "300 units": (saved(nn.LSTM(2, 300).state_dict()), "own_error_hidden", "300"),
    "4 layers": (saved(nn.GRU(2, 4, num_layers=4).state_dict()), "own_error_layers", "4"),
    "11 MB": (b"\0" * (11 * 2**20), "own_error_size", "11.0"),  # AppTest does not enforce the size
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("case", list(BAD_UPLOADS))
def test_a_bad_upload_is_refused_with_the_librarys_reason_in_both_languages(case, lang):
    data, key, reason = BAD_UPLOADS[case]
    table = strings.TABLE[lang]
    at = open_page("gates", source="own", length=20, lang=lang)
    upload_model(at, data, "bad.pt")
    assert not at.exception
    (error,) = [e.value for e in at.sidebar.error]
    assert error.startswith(start(key, table)) and reason in error
    assert table["notice_no_checkpoint"] in text_of(at.warning) and chart_specs(at), "a fresh model is shown"
    if case == "not a checkpoint":  # the same session then takes a good file
        lstm, head = adding_lstm()
        upload_model(at, checkpoint(lstm, head))
        assert_ok(at)
        assert not at.warning and table["source_own_short"].split("{")[0] in at.caption[0].value


# --- your own sequence ----------------------------------------------------------------------------------


def adding_engine(marks: tuple[int, int] | None = None):
    """(predictions, targets, Trace) of the pretrained adding LSTM on the app's batch, sample 0's markers
    moved to `marks` (the target is the sum of the numbers there)."""
    model = runs.load_pretrained("adding-lstm").model
    batch = tasks.get("adding").sample(8, 0)
    x, y = batch.x.clone(), batch.y.clone()
    if marks is not None:
        x[0, :, 1] = 0.0
        x[0, list(marks), 1] = 1.0
        y[0, 0] = x[0, marks[0], 0] + x[0, marks[1], 0]
    predictions, trace = model.run_with_trace(x, target=y, loss_mask=batch.loss_mask)
    return predictions.numpy(), y.numpy(), trace


def test_placing_the_adding_markers_changes_the_answer_and_the_heatmaps_on_every_page():
    at = open_page("gates")
    assert_ok(at)
    own_predictions, own_targets, own_trace = adding_engine()
    assert (
        answer(at)
        == f"The model answers **{own_predictions[0, 0]:.4f}**; the target is {own_targets[0, 0]:.4f}."
    )
    second = int(np.flatnonzero(own_trace.input[0, :, 1])[1])
    assert at.number_input(key=sequence_editor.MARK_KEYS[1]).value == second

    at.number_input(key=sequence_editor.MARK_KEYS[0]).set_value(5).run()
    assert_ok(at)
    assert at.query_params["marks"] == f"5,{second}"
    predictions, targets, trace = adding_engine((5, second))
    expected = (
        f"The model answers **{predictions[0, 0]:.4f}**; the target is {targets[0, 0]:.4f}. Before your "
        f"change it answered {own_predictions[0, 0]:.4f}, and the target was {own_targets[0, 0]:.4f}."
    )
    assert answer(at) == expected and predictions[0, 0] != pytest.approx(own_predictions[0, 0], abs=1e-3)
    spec = heatmap(at, "forget_gate")
    np.testing.assert_allclose(z_of(spec["data"][0])[1], trace.input[0, :, 1])  # the strip: the new markers
    np.testing.assert_allclose(z_of(spec["data"][-1]), trace["l0.forget_gate"][0].T, atol=1e-6)

    at.switch_page(BY_URL["inside_step"].script).run()
    assert_ok(at)
    assert answer(at) == expected and num(trace["l0.cell"][0, 10, 0]) in latex_text(at)
    for page in ("vanishing", "long_range", "home"):
        at.switch_page(BY_URL[page].script).run()
        assert_ok(at)
        assert at.query_params["marks"] == f"5,{second}", "every page keeps the edit in its link"

    link = open_page("gates", marks=f"5,{second}")  # the link reopens the same input
    assert answer(link) == expected
    link.button(key=sequence_editor.RESET_KEY).click().run()
    assert "marks" not in link.query_params and answer(link).endswith(f"{own_targets[0, 0]:.4f}.")


def test_two_markers_on_one_step_are_refused_and_a_link_that_does_not_fit_says_so():
    at = open_page("gates")
    second = at.number_input(key=sequence_editor.MARK_KEYS[1]).value
    at.number_input(key=sequence_editor.MARK_KEYS[0]).set_value(second).run()
    assert not at.exception
    assert start("seq_error_same") in text_of(at.error) and "marks" not in at.query_params
    at = open_page("gates", marks="5,400", lang="zh")
    assert not at.exception and start("notice_edit_marks", ZH) in text_of(at.warning) and chart_specs(at)


def test_choosing_remember_firsts_symbol_changes_the_answer():
    at = open_page("gates", task="remember_first", length=100)  # the lag it was trained at
    assert_ok(at)
    task = tasks.get("remember_first", lag=100)
    model = runs.load_pretrained("remember_first-lstm").model
    batch = task.sample(8, 0)
    own = int(batch.y[0])
    chosen = (own + 1) % task.classes
    at.selectbox(key=sequence_editor.FIRST_KEY).set_value(chosen).run()
    assert_ok(at)
    assert at.query_params["first"] == str(chosen)
    x = batch.x.clone()
    x[0, 0, : task.classes] = torch.nn.functional.one_hot(torch.tensor(chosen), task.classes).float()
    with torch.no_grad():
        p = torch.softmax(model(x)[0], dim=0)
    best = int(p.argmax())
    assert best == chosen, "the pretrained LSTM names the symbol it was shown"
    assert answer(at).startswith(
        f"The model answers **symbol {best}** (probability {p[best]:.0%}); "
        f"the right answer is symbol {chosen}."
    )


def test_pasted_numbers_replace_a_real_series_window_and_set_its_length():
    at = open_page("gates", task="sunspots")
    values = [0.1, 0.2, 0.3, 0.5, 1.0, 1.5, 2.0, 1.0, 0.5, 0.0, -0.5, -1.0]
    at.text_area(key=sequence_editor.PASTE_KEY).input(" ".join(str(v) for v in values)).run()
    at.button(key="seq_paste_apply").click().run()
    assert_ok(at)
    assert at.query_params["length"] == "12" and at.query_params["values"] == ",".join(
        f"{v:g}" for v in values
    )
    task = tasks.get("sunspots", window=12)
    batch = task.sample(8, 0)
    x = batch.x.clone()
    x[0, :, 0] = torch.tensor(values)
    model = runs.load_pretrained("sunspots-lstm").model
    with torch.no_grad():
        prediction, before = model(x)[0, 0], model(batch.x)[0, 0]
    target = float(batch.y[0, 0])
    assert answer(at) == (
        f"The model answers **{prediction:.4f}**; the target is {target:.4f}. Before your change it answered "
        f"{before:.4f}, and the target was {target:.4f}."
    )
    np.testing.assert_allclose(z_of(heatmap(at, "cell")["data"][0])[0], values, rtol=1e-6)

    at.switch_page(BY_URL["vanishing"].script).run()
    assert_ok(at)
    assert at.query_params["values"].startswith("0.1,0.2")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pasted_text_that_is_not_numbers_is_refused_and_changes_nothing(lang):
    table = strings.TABLE[lang]
    at = open_page("gates", task="sunspots", lang=lang)
    before = answer(at) if lang == "en" else None
    at.text_area(key=sequence_editor.PASTE_KEY).input("1, 2, ![x](http://host/t.png)").run()
    at.button(key="seq_paste_apply").click().run()
    assert not at.exception
    (error,) = [e.value for e in at.error]
    assert error.startswith(start("seq_error_number", table)) and strings.literal("![x](http") in error
    assert "values" not in at.query_params
    if before is not None:
        assert answer(at) == before
    at.text_area(key=sequence_editor.PASTE_KEY).input("1").run()
    at.button(key="seq_paste_apply").click().run()
    assert start("seq_error_count", table) in text_of(at.error)


def test_a_link_with_values_sets_a_sine_input_and_its_length():
    at = open_page("inside_step", task="sine", source="fresh", values="0.5,-0.25,1", t=2)
    assert_ok(at)
    assert at.sidebar.number_input(key="w_length").value == 3 and at.slider(key="w_t").max == 2
    task = tasks.get("sine", length=3)
    model = models.for_task("lstm", task, hidden_size=64, seed=0)
    batch = task.sample(8, 0)
    x = batch.x.clone()
    x[0, :, 0] = torch.tensor([0.5, -0.25, 1.0])
    _, trace = model.run_with_trace(x, target=batch.y, loss_mask=batch.loss_mask)
    assert num(trace["l0.hidden"][0, 2, 0]) in latex_text(at)


# --- the real series --------------------------------------------------------------------------------------


@pytest.mark.parametrize("task_name", REAL_SERIES)
def test_each_real_series_opens_on_gates_vanishing_and_long_range(task_name):
    task = tasks.get(task_name)
    pretrained = task_name == "sunspots"
    at = open_page("gates", task=task_name)
    assert_ok(at)
    notices = text_of(at.warning)
    assert "outside" not in notices, "a link that sets no length or step gives the task's own, silently"
    assert (start("notice_no_pretrained") in notices) != pretrained
    if pretrained:
        assert "pretrained model sunspots-lstm" in at.caption[0].value
    window = task.sample(8, 0).x[0, :, 0].numpy()  # (W,) scaled values of sample 0
    np.testing.assert_allclose(z_of(heatmap(at, "hidden")["data"][0])[0], window, rtol=1e-6)

    at.switch_page(BY_URL["vanishing"].script).run()
    assert_ok(at)
    assert len(at.metric) == 3 and "outside" not in text_of(at.warning)
    at.switch_page(BY_URL["long_range"].script).run()
    assert_ok(at)
    assert EN["lr_memory_other_task"] in text_of(at.info)
    titles = [(spec, spec["layout"].get("title", {}).get("text", "")) for spec in chart_specs(at)]
    saliency = [spec for spec, title in titles if EN["q.saliency"] in title]
    assert len(saliency) == 3 and z_of(saliency[0]["data"][0]).shape == (8, task.length)
