"""The pretrained sunspot forecasters (issue 13): their test errors are those README.md states, measured on
every test window (`split_batch("test")`), and each beats the naive and seasonal-naive forecasts. Every
pretrained demo opens in the app at the length it was trained at."""

import re
from pathlib import Path

import pytest
import torch

from lstm_viz import runs, tasks
from lstm_viz.tasks.losses import task_loss
from lstm_viz.ui import url_params

README = Path(__file__).resolve().parents[2] / "README.md"
KINDS = ("rnn", "gru", "lstm")


def readme_table() -> dict[str, float]:
    """forecast -> test MSE from README.md's table."""
    rows = re.findall(r"^\| (\w+) \| (\d+\.\d+) \|$", README.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return {name: float(value) for name, value in rows}


def test_the_readme_states_the_measured_test_errors_and_each_model_beats_both_baselines():
    task = tasks.get("sunspots", window=20)
    test = task.split_batch("test")  # (62, 20, 1): 1947-2008, after every training target
    stated = readme_table()
    assert test.x.shape == (62, 20, 1)
    for name, value in task.baselines.items():
        assert stated[name] == pytest.approx(value, abs=5e-4), name
    for kind in KINDS:
        run = runs.load_pretrained(f"sunspots-{kind}")
        assert run.task == task and run.config["train"]["steps"] == 250
        with torch.no_grad():
            error = float(task_loss(run.model(test.x), test.y, test.loss_mask, "mse"))
        assert stated[kind] == pytest.approx(error, abs=5e-4), kind
        assert error < task.baselines["naive"] < task.baselines["seasonal_naive"], kind


@pytest.mark.parametrize("name", runs.pretrained_names())
def test_a_task_opens_at_the_length_its_pretrained_demos_were_trained_at(name):
    config = runs.load_pretrained(name).config
    trained = config["task_params"][tasks.length_param(config["task"])]
    assert url_params.task_length(config["task"]) == trained
    settings, _ = url_params.parse_query({"task": config["task"]})  # a link that sets no length
    assert settings["length"] == trained
    assert "length" not in url_params.query_for(settings, ())
