"""Model sources: pretrained demos and saved runs, with a stand-in for lstm_viz.runs.

The stand-in has the interface the app relies on (pretrained_names, load_pretrained, list_runs, load_run,
default_runs_dir); its models are freshly built with a seed of their own, so the test can tell them apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from lstm_viz import models, tasks
from lstm_viz.ui import engine_cache

from .conftest import assert_ok, latex_text, num, open_app, widget

PRETRAINED_SEED = 1234


@dataclass
class FakeRun:
    name: str
    config: dict
    model: object
    history: list = field(default_factory=list)


class FakeRuns:
    def __init__(self, tmp_path):
        self.folder = tmp_path
        (tmp_path / "my-run").write_text("stand-in")
        self.loaded = []

    def pretrained_names(self):
        return [f"{task}-{kind}" for task in ("adding", "remember_first") for kind in ("rnn", "gru", "lstm")]

    def load_pretrained(self, name):
        task, kind = name.rsplit("-", 1)
        self.loaded.append(name)
        model = models.for_task(kind, tasks.get(task), hidden_size=12, seed=PRETRAINED_SEED)
        return FakeRun(name, {"task": task, "kind": kind}, model)

    def list_runs(self, runs_dir=None):
        return [str(self.folder / "my-run")]

    def load_run(self, path):
        if not str(path).endswith("my-run"):
            raise ValueError("not a run")
        model = models.for_task("gru", tasks.get("parity"), hidden_size=6, seed=7)
        return FakeRun("my-run", {"task": {"name": "parity"}}, model)

    def default_runs_dir(self):
        return self.folder


def clear_caches():
    for function in (
        engine_cache.pretrained_names,
        engine_cache.pretrained_run,
        engine_cache.saved_run_listing,
        engine_cache._saved_run,
        engine_cache.model_for,
        engine_cache.trace_for,
        engine_cache.grad_norms,
    ):
        function.clear()


@pytest.fixture
def fake_runs(monkeypatch, tmp_path):
    fake = FakeRuns(tmp_path)
    monkeypatch.setattr(engine_cache, "runs", fake)
    clear_caches()
    yield fake
    clear_caches()


def test_pretrained_model_is_used_and_its_sizes_are_fixed(fake_runs):
    at = open_app("step", t=5, unit=2, length=20)
    assert_ok(at)
    assert not at.warning
    assert "adding-lstm" in fake_runs.loaded
    with pytest.raises(KeyError):
        widget(at, "number_input", "hidden")  # sizes come from the pretrained model
    assert any("12" in caption.value for caption in at.sidebar.caption)
    model = models.for_task("lstm", tasks.get("adding"), hidden_size=12, seed=PRETRAINED_SEED)
    batch = tasks.get("adding", length=20).sample(8, 0)
    _, trace = model.run_with_trace(batch.x, target=batch.y, loss_mask=batch.loss_mask)
    assert num(trace["l0.forget_gate"][0, 5, 2]) in latex_text(at)


def test_pretrained_home_uses_all_three_models(fake_runs):
    at = open_app("home", length=30)
    assert_ok(at)
    assert {"adding-rnn", "adding-gru", "adding-lstm"} <= set(fake_runs.loaded)
    assert not at.info  # no "these are untrained" note


def test_no_pretrained_variant_falls_back_with_a_notice(fake_runs):
    at = open_app("step", variant="peephole")
    assert_ok(at)
    assert any("peephole" not in w.value and "LSTM" in w.value for w in at.warning)
    assert widget(at, "number_input", "hidden").value == 64  # fresh: the size controls are back


def test_saved_run_loads_by_name_only(fake_runs):
    at = open_app("gates", source="saved", run="my-run")
    assert_ok(at)
    assert widget(at, "selectbox", "run").value == "my-run"
    assert "GRU" in at.caption[0].value  # the run's own architecture and task are shown
    at = open_app("step", source="saved", run="../etc/passwd")
    assert_ok(at)
    assert any("run=" in w.value for w in at.warning)
