"""The engine's hard limits (lstm_viz.limits): one table, each refused where the engine takes the value."""

import numpy as np
import pytest
import torch

from lstm_viz import limits, models, runs, tasks, training
from lstm_viz.models import Recurrent
from lstm_viz.tasks import series_data as series


def test_the_table_reads_the_limits_where_they_are_checked():
    assert limits.MAX_LENGTH == tasks.MAX_LENGTH
    assert limits.MAX_BATCH == tasks.MAX_BATCH
    assert limits.MAX_STEPS == training.MAX_STEPS
    assert limits.MAX_UPLOAD_ROWS == series.MAX_UPLOAD_ROWS
    assert limits.MAX_HIDDEN > 0 and limits.MAX_LAYERS > 0
    assert limits.MAX_TRACE_VALUES > 0
    with pytest.raises(AttributeError):
        limits.MAX_NOTHING  # noqa: B018


@pytest.mark.parametrize(
    ("options", "name"),
    [
        ({"hidden_size": limits.MAX_HIDDEN + 1}, "hidden_size"),
        ({"num_layers": limits.MAX_LAYERS + 1}, "num_layers"),
    ],
)
def test_core_sizes_above_the_limit_are_refused(options, name):
    arguments = {"hidden_size": 4, "num_layers": 1, **options}
    with pytest.raises(ValueError, match=rf"{name} is \d+, above the limit of \d+"):
        Recurrent("lstm", 1, arguments.pop("hidden_size"), **arguments)


def test_core_sizes_at_the_limit_are_built():
    core = Recurrent("rnn", 1, limits.MAX_HIDDEN, num_layers=1, seed=0)
    assert core.hidden_size == limits.MAX_HIDDEN
    assert Recurrent("gru", 1, 2, num_layers=limits.MAX_LAYERS, seed=0).num_layers == limits.MAX_LAYERS


def test_a_saved_config_above_the_layer_limit_is_refused():
    task = tasks.get("adding", length=5)
    model = models.for_task("rnn", task, hidden_size=4, seed=0)
    config = runs.run_config(model, task, training.TrainConfig(steps=1), seed=0)
    with pytest.raises(ValueError, match="num_layers"):
        runs.build_model({**config, "num_layers": limits.MAX_LAYERS + 1})


def test_a_recording_above_the_trace_limit_is_refused_before_any_work(monkeypatch):
    monkeypatch.setattr(limits, "MAX_TRACE_VALUES", 1000)
    core = Recurrent("lstm", 2, 8, seed=0)
    small = torch.zeros(2, 10, 2)  # 6 arrays * 2 * 10 * 8 = 960 values
    core.run_with_trace(small)
    with pytest.raises(ValueError, match=r"would hold 1,320 values .*limit is 1,000"):
        core.run_with_trace(small, loss_fn=lambda out: out.sum())  # + 2 state gradients, + the input's (2)
    with pytest.raises(ValueError, match="would hold 1,920 values"):
        core.run_with_trace(torch.zeros(2, 20, 2))


@pytest.mark.parametrize("kind", models.KINDS)
def test_the_counted_values_are_what_a_recording_holds(kind, monkeypatch):
    core = Recurrent(kind, 3, 4, num_layers=2, bidirectional=True, seed=0)
    x = torch.randn(2, 5, 3)
    _, trace = core.run_with_trace(x, loss_fn=lambda out: out.sum())
    held = sum(trace[key].size for key in trace)
    monkeypatch.setattr(limits, "MAX_TRACE_VALUES", held - 1)
    with pytest.raises(ValueError, match=f"would hold {held:,} values"):
        core.run_with_trace(x, loss_fn=lambda out: out.sum())


def test_the_largest_model_is_refused_a_full_length_recording():
    core = Recurrent("lstm", 1, limits.MAX_HIDDEN, num_layers=limits.MAX_LAYERS, bidirectional=True, seed=0)
    with pytest.raises(ValueError, match="MB"):
        core.run_with_trace(torch.zeros(1, limits.MAX_LENGTH, 1), loss_fn=lambda out: out.sum())


def test_task_training_and_series_limits_are_enforced():
    with pytest.raises(ValueError, match="length"):
        tasks.get("adding", length=limits.MAX_LENGTH + 1)
    with pytest.raises(ValueError, match="batch_size"):
        tasks.get("adding", length=5).sample(limits.MAX_BATCH + 1, 0)
    with pytest.raises(ValueError, match="steps"):
        training.TrainConfig(steps=limits.MAX_STEPS + 1).validate()
    with pytest.raises(ValueError, match="limit"):
        series.check_values(np.arange(limits.MAX_UPLOAD_ROWS + 1, dtype=float), window=2)
