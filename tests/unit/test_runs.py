"""Tests for lstm_viz.runs: exact round trips, atomic saves, and rejection of missing, corrupt, foreign,
reshaped or malicious files; then every pretrained run in assets/ against a fresh batch of its task."""

import json
import os
import pickle
from pathlib import Path

import numpy as np
import pytest
import torch

from lstm_viz import models, runs, tasks, training
from lstm_viz.runs import Run
from lstm_viz.tasks.chars import CORPUS_DIR
from lstm_viz.tasks.losses import task_loss, task_metric

torch.set_num_threads(1)

TASK = tasks.get("remember_first", lag=3, classes=2)
CONFIG = training.TrainConfig(
    steps=6, batch_size=8, eval_every=3, eval_batch=16, snapshot_every=3, probe_batch=4
)


def make_run(name="demo", kind="lstm", seed=0, steps=6):
    model = models.for_task(kind, TASK, hidden_size=8, seed=seed)
    config = training.TrainConfig(**{**CONFIG.to_dict(), "steps": steps})
    history = training.train(model, TASK, config)
    return Run(name, runs.run_config(model, TASK, config, seed), model, history)


@pytest.fixture
def saved(tmp_path):
    run = make_run()
    return run, runs.save_run(run, tmp_path)


def test_round_trip_is_exact(saved):
    run, folder = saved
    assert sorted(path.name for path in folder.iterdir()) == sorted(runs.RUN_FILES)
    back = runs.load_run(folder)
    assert back.name == "demo" and back.config == run.config
    assert back.history.to_dict() == run.history.to_dict()
    ours, theirs = run.model.state_dict(), back.model.state_dict()
    assert ours.keys() == theirs.keys() and all(torch.equal(ours[key], theirs[key]) for key in ours)
    batch = TASK.sample(5, seed=9)
    assert torch.equal(run.model(batch.x), back.model(batch.x))
    assert back.task == TASK and back.train_config.steps == 6


def test_a_half_precision_save_is_half_the_size_and_loads_as_float32(tmp_path):
    run = make_run()
    full = runs.save_run(run, tmp_path / "full")
    half = runs.save_run(run, tmp_path / "half", half=True)
    stored = torch.load(half / runs.WEIGHTS_FILE, weights_only=True)
    assert {value.dtype for value in stored.values()} == {torch.float16}
    back = runs.load_run(half).model.state_dict()
    for key, value in run.model.state_dict().items():
        assert back[key].dtype == torch.float32
        assert torch.equal(back[key], value.half().float())
        assert torch.allclose(back[key], value, rtol=1e-3, atol=1e-4)
    sizes = [(folder / runs.WEIGHTS_FILE).stat().st_size for folder in (full, half)]
    # the tensors' bytes halve; torch.save's zip framing is the same for both files
    assert sizes[0] - sizes[1] == pytest.approx(sum(v.numel() * 2 for v in stored.values()), rel=0.2)


def test_build_model_builds_the_untrained_model_and_checks_the_config():
    run = make_run(kind="gru", seed=4, steps=1)
    fresh = runs.build_model(run.config)
    assert fresh.core.kind == "gru" and fresh.core.hidden_size == 8
    assert torch.equal(
        fresh.readout.weight, models.for_task("gru", TASK, hidden_size=8, seed=4).readout.weight
    )
    for change, message in [
        ({"hidden_size": 10**6}, "hidden_size"),
        ({"num_layers": 0}, "num_layers"),
        ({"kind": "transformer"}, "kind"),
        ({"bidirectional": "yes"}, "bidirectional"),
        ({"task": "chess"}, "unknown task"),
        ({"task_params": {"lag": -4}}, "lag"),
        ({"train": {"lr": -1}}, "lr"),
        ({"extra": 1}, "unexpected"),
    ]:
        with pytest.raises(ValueError, match=message):
            runs.build_model({**run.config, **change})


def test_list_runs_newest_first_and_default_dir(tmp_path, monkeypatch):
    for name in ("first", "second"):
        runs.save_run(make_run(name, steps=1), tmp_path)
    os.utime(tmp_path / "first" / runs.CONFIG_FILE, (1e9, 1e9))
    (tmp_path / "not-a-run").mkdir()
    assert runs.list_runs(tmp_path) == ["second", "first"]
    assert runs.list_runs(tmp_path / "nowhere") == []
    monkeypatch.setenv("LSTM_VIZ_RUNS", str(tmp_path))
    assert runs.default_runs_dir() == tmp_path and runs.list_runs() == ["second", "first"]
    monkeypatch.delenv("LSTM_VIZ_RUNS")
    assert runs.default_runs_dir() == Path("runs")


@pytest.mark.parametrize("name", ["", "../escape", "a/b", ".hidden", "x..y", "a" * 101, "tab\tname", None])
def test_unsafe_names_are_refused(tmp_path, name):
    run = make_run(steps=1)
    run.name = name
    with pytest.raises(ValueError, match="unsafe run name"):
        runs.save_run(run, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_saving_over_a_run_replaces_it_and_leaves_nothing_behind(tmp_path):
    runs.save_run(make_run(steps=1), tmp_path)
    newer = make_run(steps=4)
    runs.save_run(newer, tmp_path)
    assert runs.load_run(tmp_path / "demo").history.steps == [1, 2, 3, 4]
    assert [path.name for path in tmp_path.iterdir()] == ["demo"]


def test_a_folder_that_is_not_a_run_is_never_overwritten(tmp_path):
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "notes.txt").write_text("mine")
    with pytest.raises(ValueError, match="not a saved run"):
        runs.save_run(make_run(steps=1), tmp_path)
    assert (tmp_path / "demo" / "notes.txt").read_text() == "mine"


def test_a_config_that_does_not_describe_the_model_is_refused(tmp_path):
    run = make_run(steps=1)
    run.config = {**run.config, "hidden_size": 9}
    with pytest.raises(ValueError, match="shape"):
        runs.save_run(run, tmp_path)


def test_an_interrupted_save_leaves_the_previous_run_intact(saved, monkeypatch):
    run, folder = saved
    runs_dir = folder.parent

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(torch, "save", interrupted)
    with pytest.raises(KeyboardInterrupt):
        runs.save_run(make_run(steps=2), runs_dir)
    monkeypatch.undo()
    assert runs.load_run(folder).history.to_dict() == run.history.to_dict()
    assert [path.name for path in runs_dir.iterdir()] == ["demo"]


def test_a_failed_final_rename_puts_the_previous_run_back(saved, monkeypatch):
    run, folder = saved
    real_replace = os.replace

    def replace(source, target):
        if str(source).endswith(".tmp"):
            raise OSError("disk trouble")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError, match="disk trouble"):
        runs.save_run(make_run(steps=2), folder.parent)
    monkeypatch.undo()
    assert runs.load_run(folder).history.steps == run.history.steps
    assert [path.name for path in folder.parent.iterdir()] == ["demo"]


@pytest.mark.parametrize("missing", runs.RUN_FILES)
def test_a_missing_file_is_named(saved, missing):
    _, folder = saved
    (folder / missing).unlink()
    with pytest.raises(ValueError, match=f"{missing} is missing"):
        runs.load_run(folder)


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="not a run folder"):
        runs.load_run(tmp_path / "nothing")


def test_a_changed_shape_is_rejected(saved):
    _, folder = saved
    state = torch.load(folder / runs.WEIGHTS_FILE, weights_only=True)
    state["core.weight_hh_l0"] = torch.zeros(32, 9)
    torch.save(state, folder / runs.WEIGHTS_FILE)
    with pytest.raises(ValueError, match=r"core.weight_hh_l0 has shape \(32, 9\)"):
        runs.load_run(folder)


def test_missing_or_extra_weights_are_rejected(saved):
    _, folder = saved
    state = torch.load(folder / runs.WEIGHTS_FILE, weights_only=True)
    state.pop("readout.bias")
    state["surprise"] = torch.zeros(1)
    torch.save(state, folder / runs.WEIGHTS_FILE)
    with pytest.raises(ValueError, match="missing \\['readout.bias'\\], unexpected \\['surprise'\\]"):
        runs.load_run(folder)


@pytest.mark.parametrize(
    ("file", "content", "message"),
    [
        (runs.CONFIG_FILE, b"{not json", "corrupt or not JSON"),
        (runs.CONFIG_FILE, b"\xff\xfe\x00garbage", "corrupt or not JSON"),
        (runs.CONFIG_FILE, b'{"name": "some-package", "version": "1.0"}', "not an lstm-viz run config"),
        (runs.CONFIG_FILE, b'{"format": "lstm-viz-run", "version": 99, "config": {}}', "format version 99"),
        (runs.CONFIG_FILE, b'{"format": "lstm-viz-run", "version": 1, "config": {"kind": "rnn"}}', "missing"),
        (runs.HISTORY_FILE, b"[1, 2, 3]", "history must be a JSON object"),
        (runs.HISTORY_FILE, b'{"steps": NaN}', "corrupt or not JSON"),
        (runs.WEIGHTS_FILE, b"", "not a readable weights file"),
        (runs.WEIGHTS_FILE, b"PK\x03\x04 this is not a zip", "not a readable weights file"),
    ],
)
def test_corrupt_and_foreign_files_are_rejected(saved, file, content, message):
    _, folder = saved
    (folder / file).write_bytes(content)
    with pytest.raises(ValueError, match=message):
        runs.load_run(folder)


def test_truncated_weights_are_rejected(saved):
    _, folder = saved
    data = (folder / runs.WEIGHTS_FILE).read_bytes()
    (folder / runs.WEIGHTS_FILE).write_bytes(data[: len(data) // 2])
    with pytest.raises(ValueError, match="not a readable weights file"):
        runs.load_run(folder)


def test_weights_that_are_not_a_state_dict_are_rejected(saved):
    _, folder = saved
    torch.save([torch.zeros(2)], folder / runs.WEIGHTS_FILE)
    with pytest.raises(ValueError, match="does not hold a state dict"):
        runs.load_run(folder)


class Payload:
    """Unpickling this creates a marker file: proof that the file's code ran."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return open, (self.marker, "w")


@pytest.mark.parametrize("writer", ["pickle", "torch.save"])
def test_a_malicious_pickle_is_rejected_and_never_runs(saved, tmp_path, writer):
    _, folder = saved
    marker = tmp_path / "payload-ran"
    evil = {"core.weight_ih_l0": Payload(marker)}
    with open(folder / runs.WEIGHTS_FILE, "wb") as handle:
        if writer == "pickle":
            pickle.dump(evil, handle, protocol=2)
        else:
            torch.save(evil, handle)
    with pytest.raises(ValueError, match="not a readable weights file"):
        runs.load_run(folder)
    assert not marker.exists()


# The pretrained runs: each loads, and its recorded final metric holds on a batch it has never seen.

PRETRAINED = runs.pretrained_names()


def test_the_pretrained_set_is_complete_and_small():
    shipped = ("adding", "chars", "remember_first", "sunspots")
    kinds = {"chars": ("rnn", "gru", "lstm", "lstm2")}  # chars-lstm2: two layers
    expected = [f"{task}-{kind}" for task in shipped for kind in kinds.get(task, ("rnn", "gru", "lstm"))]
    assert PRETRAINED == expected
    folders = (runs.PRETRAINED_DIR, CORPUS_DIR)  # every model and the text corpus
    size = sum(path.stat().st_size for folder in folders for path in folder.rglob("*") if path.is_file())
    assert size < 6 * 2**20
    with pytest.raises(ValueError, match="no pretrained run"):
        runs.load_pretrained("chess-lstm")


@pytest.mark.parametrize("name", PRETRAINED)
def test_a_pretrained_run_keeps_its_recorded_metric_on_a_fresh_batch(name):
    run = runs.load_pretrained(name)
    task = run.task
    units = {"chars-lstm2": 128}.get(name, 256 if task.name == "chars" else 64)
    assert run.config["hidden_size"] == units and run.history.stopped is None
    batch = task.sample(512, seed=2024)
    with torch.no_grad():
        pred = run.model(batch.x)
    metric = task_metric(pred, batch.y, batch.loss_mask, task.loss)
    recorded = run.history.eval_metric[-1]
    if task.metric == "accuracy":
        assert metric == pytest.approx(recorded, abs=0.06)
    else:
        loss = float(task_loss(pred, batch.y, batch.loss_mask, task.loss))
        assert loss == pytest.approx(recorded, rel=0.3, abs=0.003)
    json.dumps(run.history.to_dict(), allow_nan=False)
    assert np.isfinite(run.history.train_loss).all()
