"""Bad input through the UI: an uploaded CSV that is empty, text, NaN-filled, too large or not UTF-8; URL
parameters out of range or of the wrong type, for every kind of parameter; a saved run folder with a corrupt
or foreign file. Each gives a message, nothing raises, and the same session (and every other) keeps working
once the input is good. Also: the app's limits are stated and never above the engine's, and sessions share
nothing but read-only caches and saved runs.
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import shutil
import time

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lstm_viz import limits, models, runs, tasks, training
from lstm_viz.ui import engine_cache, state, strings, task_names, training_job, upload, url_params
from lstm_viz.ui.navigation import BY_URL

from .conftest import APP, TIMEOUT, assert_ok, chart_specs, widget

EN = strings.TABLE["en"]
PAGE_FILES = {
    "home": None,
    "step": BY_URL["inside_step"].script,
    "gates": BY_URL["gates"].script,
    "activations": BY_URL["activations"].script,
    "vanishing": BY_URL["vanishing"].script,
    "long_range": BY_URL["long_range"].script,
    "train": BY_URL["train"].script,
}
SERIES = ("value\n" + "\n".join(f"{np.sin(i / 7) + 0.1 * np.cos(i / 2):.5f}" for i in range(240))).encode()


def open_page(page: str = "step", **query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update({key: str(value) for key, value in query.items()})
    if PAGE_FILES[page] is not None:
        at.switch_page(PAGE_FILES[page])
    return at.run()


def upload_file(at: AppTest, data: bytes, name: str = "series.csv") -> AppTest:
    uploader = at.file_uploader(key=upload.FILE_KEY)
    uploader.clear()
    uploader.upload(name, data, "text/csv")
    return at.run()


def text_of(elements) -> str:
    return " ".join(element.value for element in elements)


def template_start(key: str) -> str:
    """The fixed text at the start of a strings template (before its first placeholder)."""
    return EN[key].split("{")[0]


@pytest.fixture
def runs_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("LSTM_VIZ_RUNS", str(tmp_path / "runs"))
    engine_cache.saved_run_listing.clear()
    engine_cache._saved_run.clear()
    yield tmp_path / "runs"
    engine_cache.saved_run_listing.clear()
    engine_cache._saved_run.clear()


# --- limits -----------------------------------------------------------------------------------------------


def test_the_apps_limits_never_exceed_the_engines():
    assert limits.APP_MAX_HIDDEN <= limits.MAX_HIDDEN and limits.TRAIN_MAX_HIDDEN <= limits.MAX_HIDDEN
    assert limits.APP_MAX_LAYERS <= limits.MAX_LAYERS
    assert url_params.PARAMS["length"].high <= limits.MAX_LENGTH
    assert limits.TRAIN_MAX_LENGTH <= limits.MAX_LENGTH
    assert limits.APP_BATCH_SHOWN <= limits.MAX_BATCH and limits.TRAIN_MAX_BATCH <= limits.MAX_BATCH
    assert limits.TRAIN_MAX_STEPS <= limits.MAX_STEPS
    assert limits.APP_MAX_UPLOAD_ROWS <= limits.MAX_UPLOAD_ROWS
    assert limits.APP_TRACE_VALUES <= limits.MAX_TRACE_VALUES
    # the largest trace the sidebar can ask for is still recorded (one sample) rather than refused
    largest = models.Recurrent("lstm", 2, limits.APP_MAX_HIDDEN, limits.APP_MAX_LAYERS, bidirectional=True)
    batch = engine_cache.batch_size(
        "lstm", limits.MAX_LENGTH, limits.APP_MAX_HIDDEN, limits.APP_MAX_LAYERS, True
    )
    largest._check_trace_size(batch, limits.MAX_LENGTH, with_grads=True)


def test_the_sidebar_states_every_limit():
    at = open_page("step", source="fresh", task="series")
    assert not at.exception
    hidden, layers = widget(at, "number_input", "hidden"), widget(at, "number_input", "layers")
    assert hidden.max == limits.APP_MAX_HIDDEN and str(limits.APP_MAX_HIDDEN) in hidden.help
    assert layers.max == limits.APP_MAX_LAYERS and str(limits.APP_MAX_LAYERS) in layers.help
    uploader = at.file_uploader(key=upload.FILE_KEY)
    assert uploader.proto.max_upload_size_mb == upload.max_upload_mb() == 10  # .streamlit/config.toml
    rows = f"{limits.APP_MAX_UPLOAD_ROWS:,}"
    assert "10 MB" in uploader.help and rows in uploader.help
    assert "10 MB" in text_of(at.sidebar.info) and rows in text_of(at.sidebar.info)
    at = open_page("step", source="fresh", task="adding")
    length = widget(at, "number_input", "length")
    assert length.max == limits.MAX_LENGTH and str(limits.MAX_LENGTH) in length.help


# --- uploads: the parsing path, directly ------------------------------------------------------------------

BAD_FILES = {
    "empty": (b"", "up_error", "empty"),
    "blank lines": (b"\n \n\n", "up_error", "empty"),
    "text only": (b"name,city\nann,paris\nbob,rome\n", "up_error", "no numeric column"),
    "NaN-filled": (b"value\nnan\nnan\nnan\nnan\n", "up_error", "NaN"),
    "an infinity": (b"value\n1\n2\ninf\n4\n", "up_error", "infinite"),
    "not UTF-8": ("value\n1\n2\n3\n\u00e9\n".encode("latin-1") + b"\xff\xfe", "up_error", "not UTF-8"),
    "one value": (b"value\n3\n", "up_error", "needs at least"),
    "constant": (b"value\n" + b"2\n" * 50, "up_error", "constant"),
    "too many rows": (b"1\n2\n" * (limits.APP_MAX_UPLOAD_ROWS // 2 + 1), "up_error_rows", "100,002"),
    "too many columns": ((",".join(["1"] * 100_000) + "\n").encode(), "up_error_columns", "100,000"),
    "a ragged line": (b"a,b\n1,2\n" + b"3," * 10_000 + b"\n", "up_error", "not a valid CSV"),
    "50 MB": (b"1\n" * (25 * 2**20), "up_error_size", "50.0"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_with_a_reason(case):
    data, key, reason = BAD_FILES[case]
    parsed = upload.parse_upload(data)
    assert parsed.values is None and parsed.error is not None
    assert parsed.error[0] == key
    message = strings.strings_for("en").notice(key, {**parsed.error[1], "task": "adding"})
    assert reason in message and "{" not in message


def test_more_rows_than_the_engine_takes_are_refused_even_with_a_looser_app_limit():
    data = b"1\n2\n" * (limits.MAX_UPLOAD_ROWS // 2 + 1)
    parsed = upload.parse_upload(data, max_rows=10 * limits.MAX_UPLOAD_ROWS)
    assert parsed.error[0] == "up_error" and f"{limits.MAX_UPLOAD_ROWS:,}" in parsed.error[1]["reason"]


def test_a_good_file_gives_read_only_values_keyed_by_their_content():
    parsed = upload.parse_upload(SERIES)
    assert parsed.error is None and parsed.values.shape == (240,) and not parsed.values.flags.writeable
    no_header = upload.parse_upload(SERIES.split(b"\n", 1)[1])
    assert no_header.key == parsed.key  # the same numbers, however the file writes them
    two = b"t,a,b\n" + b"".join(f"{i},{i % 7},{np.sin(i)}\n".encode() for i in range(30))
    assert upload.parse_upload(two).values[3] == 3  # the first numeric column
    by_name, by_number = upload.parse_upload(two, "b"), upload.parse_upload(two, " 2 ")
    assert by_name.key == by_number.key != upload.parse_upload(two, "a").key
    missing = upload.parse_upload(two, "price")
    assert missing.error[0] == "up_error" and "'price' not found" in missing.error[1]["reason"]


# --- uploads through the app ------------------------------------------------------------------------------


def test_the_series_task_without_a_file_prompts_and_shows_the_default_task():
    at = open_page("gates", source="fresh", task="series")
    assert_ok(at)
    assert template_start("up_prompt") in text_of(at.sidebar.info)
    assert template_start("notice_series_fallback") in text_of(at.warning)
    assert EN["task_adding"] in at.caption[0].value and chart_specs(at)
    with pytest.raises(KeyError):
        widget(at, "number_input", "length")  # no window to set until there is a series


UPLOADED = {
    **{case: BAD_FILES[case] for case in ("empty", "text only", "NaN-filled", "not UTF-8", "too many rows")},
    "11 MB": (b"1\n" * (11 * 2**19 + 1), "up_error_size", "11.0"),  # AppTest does not enforce the size
}


@pytest.mark.parametrize("case", list(UPLOADED))
def test_a_bad_upload_gives_an_error_then_a_good_one_works_in_the_same_session(case):
    data, key, reason = UPLOADED[case]
    at = open_page("gates", source="fresh", task="series")
    upload_file(at, data)
    assert not at.exception
    errors = text_of(at.error)
    assert template_start(key) in errors and reason in errors and EN["task_adding"] in errors
    assert EN["task_adding"] in at.caption[0].value and chart_specs(at), "the page still renders"
    assert_ok(open_page("gates", source="fresh"))  # another session is not affected

    upload_file(at, SERIES)
    assert_ok(at)
    assert EN["task_series"] in at.caption[0].value and chart_specs(at)
    assert template_start("up_loaded") in text_of(at.sidebar.caption)
    window = widget(at, "number_input", "length")
    assert window.label == EN["sb_window"] and window.max == 239


def test_every_page_works_on_an_uploaded_series_and_the_train_page_trains_on_it(runs_dir, monkeypatch):
    monkeypatch.setenv(training_job.SYNC_ENV, "1")
    at = open_page("home", source="fresh", task="series", length=30)
    upload_file(at, SERIES)
    assert_ok(at)
    for path in PAGE_FILES.values():
        if path is not None:
            at.switch_page(path).run()
            assert_ok(at)
    # now on the Train page: one small LSTM on the series, trained inline
    at.multiselect(key="w_tr_kinds").set_value([2])
    at.number_input(key="w_tr_hidden").set_value(4)
    at.number_input(key="w_tr_steps").set_value(5)
    at.run()
    at.button(key="tr_start").click().run()
    assert_ok(at)
    (name,) = runs.list_runs(runs_dir)
    run = runs.load_run(runs_dir / name)
    assert name.startswith(task_names.SERIES_PREFIX) and run.config["task"] == "series"
    assert run.task.window == 30 and run.task.values.size == 240


# --- URL parameters ---------------------------------------------------------------------------------------

BAD_PARAMS = [
    ("hidden", "99999"),  # int, out of range
    ("hidden", "12abc"),  # int, not a number
    ("seed", "-1"),
    ("length", "1e9"),
    ("slope", "5"),  # float, out of range
    ("slope", "nan"),
    ("tr_lr", "inf"),
    ("kind", "banana"),  # choice
    ("task", "../../etc/passwd"),
    ("units", "1,x"),  # ints
    ("units", "9999"),
    ("units", "2,2"),
    ("bidir", "maybe"),  # bool
    ("run", "../secret"),  # text
    ("run", "x" * 500),
]


def test_the_bad_parameters_cover_every_kind():
    kinds = {url_params.PARAMS[name].kind for name, _ in BAD_PARAMS}
    assert kinds == {"int", "float", "choice", "ints", "bool", "text"}


@pytest.mark.parametrize(("name", "value"), BAD_PARAMS, ids=[f"{n}={v[:12]}" for n, v in BAD_PARAMS])
def test_a_bad_url_parameter_gives_a_notice_then_the_session_works(name, value):
    at = open_page("activations", **{name: value})
    assert_ok(at)
    assert f"{name}={value[:40]}" in text_of(at.warning)
    assert url_params.PARAMS[name].default == at.session_state[state._SETTINGS][name]
    widget(at, "number_input", "seed").set_value(3).run()  # the same session, now with good settings
    assert_ok(at)
    assert f"{name}=" not in text_of(at.warning)
    assert at.query_params["seed"] == "3"


# --- saved runs -------------------------------------------------------------------------------------------


class Payload:
    """An object whose unpickling would create a folder: proof that loading a run never unpickles one."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return os.mkdir, (str(self.marker),)


def _save_good_run(folder) -> str:
    task = tasks.get("adding", length=20)
    model = models.for_task("lstm", task, hidden_size=8, seed=0)
    config = runs.run_config(model, task, training.TrainConfig(steps=1), seed=0)
    runs.save_run(runs.Run("good-lstm", config, model, training.History()), folder)
    return "good-lstm"


def _break(folder, name: str, file: str, content: bytes) -> None:
    shutil.copytree(folder / "good-lstm", folder / name)
    (folder / name / file).write_bytes(content)


@pytest.fixture
def broken_runs(runs_dir, tmp_path):
    good = _save_good_run(runs_dir)
    config = json.loads((runs_dir / good / runs.CONFIG_FILE).read_text())
    config["config"]["num_layers"] = limits.MAX_LAYERS + 1
    marker = tmp_path / "unpickled"
    payload = pickle.dumps(Payload(marker), protocol=2)
    bad = {
        "corrupt-weights": ("weights.pt", os.urandom(512), "not a readable weights file"),
        "pickle-payload": ("weights.pt", payload, "nothing in it was run"),
        "foreign-config": ("config.json", json.dumps({"format": "other", "rows": [1, 2]}).encode(), "format"),
        "not-json": ("config.json", b"\x00\xff{{{", "not JSON"),
        "too-deep": ("config.json", json.dumps(config).encode(), "num_layers"),
    }
    for name, (file, content, _) in bad.items():
        _break(runs_dir, name, file, content)
    return good, {name: reason for name, (_, _, reason) in bad.items()}, marker, payload


@pytest.mark.parametrize(
    "name", ["corrupt-weights", "pickle-payload", "foreign-config", "not-json", "too-deep"]
)
def test_a_broken_saved_run_gives_an_error_and_other_runs_still_load(name, broken_runs):
    good, reasons, marker, payload = broken_runs
    at = open_page("step", source="saved", run=name)
    assert not at.exception
    assert widget(at, "selectbox", "run").value == name
    errors = text_of(at.sidebar.error)
    assert name in errors and reasons[name] in errors
    assert template_start("notice_run_failed") in text_of(at.warning)
    assert EN["source_fresh_short"].split(",")[0] in at.caption[0].value and chart_specs(at)
    assert not marker.exists(), "nothing in a run folder is ever executed"

    widget(at, "selectbox", "run").set_value(good).run()  # the same session, now a good run
    assert_ok(at)
    assert good in at.caption[0].value and not at.warning
    pickle.loads(payload)  # the payload is live: plain unpickling runs it
    assert marker.exists()


# --- sessions share nothing but read-only caches and saved runs -------------------------------------------


def test_an_upload_and_settings_stay_in_their_session():
    first = open_page("gates", source="fresh", task="series")
    upload_file(first, SERIES)
    widget(first, "selectbox", "kind").set_value("gru").run()
    assert_ok(first)
    assert EN["task_series"] in first.caption[0].value and "GRU" in first.caption[0].value
    second = open_page("gates", source="fresh", task="series")
    assert_ok(second)
    assert template_start("up_prompt") in text_of(second.sidebar.info), "the other session's file is not here"
    assert EN["task_adding"] in second.caption[0].value and "LSTM" in second.caption[0].value


def test_the_series_store_holds_a_series_only_while_a_session_keeps_it():
    data = "\n".join(str(v) for v in np.random.default_rng(5).normal(size=50)).encode()  # this test's own
    first = upload.parse_upload(data)
    name, kept = task_names.register_series(first.key, first.values)
    second = upload.parse_upload(data)  # another session uploads the same numbers: it keeps the same array
    assert task_names.register_series(second.key, second.values)[1] is kept is first.values
    assert task_names.make_task(name, 10).values.size == 50 and not kept.flags.writeable
    del first, second, kept
    gc.collect()
    with pytest.raises(ValueError, match="no longer in memory"):
        task_names.make_task(name, 10)


def test_a_training_job_stays_in_its_session_until_its_runs_are_saved(runs_dir, monkeypatch):
    monkeypatch.delenv(training_job.SYNC_ENV, raising=False)
    query = {"task": "adding", "length": "20", "tr_steps": "3000", "tr_kinds": "0", "tr_hidden": "8"}
    trainer = open_page("train", **query)
    trainer.button(key="tr_start").click().run()
    assert_ok(trainer)
    assert trainer.get("progress"), "the session that trains sees its progress"
    watcher = open_page("train", **query)
    assert_ok(watcher)
    assert not watcher.get("progress") and not watcher.button(key="tr_start").disabled
    assert EN["tr_nothing_yet"] in text_of(watcher.caption)
    assert not runs.list_runs(runs_dir), "nothing is saved while it trains"

    trainer.button(key="tr_stop").click().run()
    deadline = time.time() + 30
    while not runs.list_runs(runs_dir) and time.time() < deadline:
        time.sleep(0.2)
    trainer.run()  # the finished job refreshes the list of saved runs
    assert_ok(trainer)
    (name,) = runs.list_runs(runs_dir)
    watcher.run()
    assert not watcher.get("progress"), "still not the other session's job"
    for at in (trainer, watcher):
        at.switch_page(PAGE_FILES["step"])
        at.radio(key="w_source").set_value("saved").run()
        assert not at.exception
    assert widget(trainer, "selectbox", "run").value == name  # once saved, a model source for its session,
    assert not any(name in option for box in watcher.sidebar.selectbox for option in box.options)  # unshared
