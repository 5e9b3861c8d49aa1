"""The real series that ship in assets/series/ (issue 13): their values against the sources, the split in
time, the scaling, the baselines against a hand computation, reproducible batches, and the packaging."""

import math
import statistics
import tomllib
from pathlib import Path

import numpy as np
import pytest
import torch

from lstm_viz import models, tasks, training
from lstm_viz.tasks import real_series

torch.set_num_threads(1)

ROOT = Path(__file__).resolve().parents[2]
NAMES = ["sunspots", "co2", "nile", "elnino"]

# name -> (values, (first time, first value), (last time, last value), values filled), read off the sources
SOURCE = {
    "sunspots": (309, (1700, 5.0), (2008, 2.9), 0),
    "co2": (2284, ("1958-03-29", 316.1), ("2001-12-29", 371.5), 59),
    "nile": (100, (1871, 1120.0), (1970, 740.0), 0),
    "elnino": (732, ("1950-01", 23.11), ("2010-12", 22.07), 0),
}


@pytest.mark.parametrize("name", NAMES)
def test_values_are_the_sources(name):
    count, (first_time, first), (last_time, last), filled = SOURCE[name]
    task = tasks.get(name)
    assert task.values.size == task.times.size == count
    assert (task.times[0], task.values[0]) == (first_time, first)
    assert (task.times[-1], task.values[-1]) == (last_time, last)
    assert real_series.read_series(task.FILE, task.COLUMN).filled == filled
    assert np.isfinite(task.values).all() and not task.values.flags.writeable


def test_a_missing_co2_week_is_filled_between_its_neighbours():
    task = tasks.get("co2")
    assert list(task.times[5:8]) == ["1958-05-03", "1958-05-10", "1958-05-17"]  # 05-10 is empty in the CSV
    assert task.values[6] == pytest.approx((316.9 + 317.5) / 2)


def test_the_elnino_months_follow_each_other():
    times = tasks.get("elnino").times
    assert list(times[:13]) == [f"1950-{month:02d}" for month in range(1, 13)] + ["1951-01"]
    assert len(set(times)) == times.size == 61 * 12


TEST_SIZES = [("sunspots", 62), ("co2", 457), ("nile", 20), ("elnino", 146)]


@pytest.mark.parametrize(("name", "test_size"), TEST_SIZES)
def test_the_split_is_in_time_with_no_overlap(name, test_size):
    task = tasks.get(name)
    train, test = task.targets("train"), task.targets("test")
    n = task.values.size
    assert test.size == test_size and task.test_start == n - test_size
    assert np.array_equal(test, np.arange(n - test_size, n))  # the test period ends the series
    assert np.array_equal(train, np.arange(task.window, n - test_size))  # and the training one precedes it
    assert np.intersect1d(train, test).size == 0
    batch = task.split_batch("test")
    assert batch.x.shape == (test_size, task.window, 1) and batch.y.shape == (test_size, 1)
    expected_y = torch.tensor(task.normalised[test], dtype=torch.float32)[:, None]
    assert torch.equal(batch.y, expected_y)
    first_window = task.normalised[test[0] - task.window : test[0]]
    assert torch.equal(batch.x[0, :, 0], torch.tensor(first_window, dtype=torch.float32))


@pytest.mark.parametrize("name", NAMES)
def test_training_windows_never_reach_the_test_period(name):
    task = tasks.get(name)
    batch = task.sample(512, seed=0)
    sequences = torch.cat([batch.x[:, :, 0], batch.y], dim=1).numpy()  # (B, W + 1): window then target
    before_test = task.normalised[: task.test_start].astype(np.float32)
    allowed = np.lib.stride_tricks.sliding_window_view(before_test, task.window + 1)  # (S - W, W + 1)
    matches = (sequences[:, None, :] == allowed[None, :, :]).all(axis=2)  # (B, S - W)
    assert matches.any(axis=1).all()


@pytest.mark.parametrize("name", NAMES)
def test_the_training_part_sets_the_scale(name):
    task = tasks.get(name)
    train = task.normalised[: task.test_start]
    assert train.mean() == pytest.approx(0.0, abs=1e-12) and train.std() == pytest.approx(1.0)
    np.testing.assert_allclose(task.denormalise(task.normalised), task.values, rtol=1e-12)


def hand_baselines(values: list[float], test_start: int, season: int | None) -> dict[str, float]:
    """The baselines computed one value at a time in the series' units, then scaled."""
    train = values[:test_start]
    mean, std = statistics.fmean(train), statistics.pstdev(train)
    test = range(test_start, len(values))
    squared = {"mean": 0.0, "naive": 0.0, "seasonal_naive": 0.0}
    for t in test:
        squared["mean"] += (values[t] - mean) ** 2
        squared["naive"] += (values[t] - values[t - 1]) ** 2
        if season:
            squared["seasonal_naive"] += (values[t] - values[t - season]) ** 2
    if not season:
        del squared["seasonal_naive"]
    return {key: total / len(test) / std**2 for key, total in squared.items()}


# name -> (season, naive, seasonal naive) in scaled units, as the hand computation gives them
BASELINES = {
    "sunspots": (11, 0.954431, 1.235586),
    "co2": (52, 0.00156900, 0.0202299),
    "nile": (None, 0.752669, None),
    "elnino": (12, 0.264831, 0.390056),
}


@pytest.mark.parametrize("name", NAMES)
def test_baselines_match_a_hand_computation(name):
    season, naive, seasonal = BASELINES[name]
    task = tasks.get(name)
    assert task.SEASON == season
    hand = hand_baselines(task.values.tolist(), task.test_start, season)
    assert task.baselines.keys() == hand.keys()
    for key, value in hand.items():
        assert task.baselines[key] == pytest.approx(value, rel=1e-9)
    assert task.baseline_loss == task.baselines["naive"] == pytest.approx(naive, rel=1e-5)
    if seasonal is not None:
        assert task.baselines["seasonal_naive"] == pytest.approx(seasonal, rel=1e-5)
    other_window = tasks.get(name, window=tasks.spec(name)["window"][2])
    assert other_window.baselines == task.baselines  # the test targets do not depend on the window


@pytest.mark.parametrize("name", NAMES)
def test_batches_are_reproducible_with_a_seed(name):
    task = tasks.get(name, window=7)
    a, b, c = task.sample(16, 3), task.sample(16, 3), task.sample(16, 4)
    assert torch.equal(a.x, b.x) and torch.equal(a.y, b.y)
    assert not torch.equal(a.x, c.x)
    assert a.x.shape == (16, 7, 1) and a.y.shape == (16, 1)
    assert torch.equal(task.split_batch("test").x, tasks.get(name, window=7).split_batch("test").x)


@pytest.mark.parametrize("name", NAMES)
def test_the_window_range_leaves_training_windows(name):
    default, low, high = tasks.spec(name)["window"]
    assert tasks.length_param(name) == "window" and tasks.get(name).window == default
    widest = tasks.get(name, window=high)
    assert widest.targets("train").size >= 40  # a task at its widest window still has something to learn
    with pytest.raises(ValueError, match=f"window must be an integer between {low} and {high}"):
        tasks.get(name, window=high + 1)
    assert tasks.get(name, window=low) == tasks.get(name, window=low) != widest


def test_an_unknown_split_is_refused():
    with pytest.raises(ValueError, match=r"split must be one of \['train', 'test'\], got 'valid'"):
        tasks.get("nile").split_batch("valid")


def test_a_model_trains_on_a_real_series():
    task = tasks.get("nile", window=5)
    model = models.for_task("gru", task, hidden_size=4, seed=0)
    config = training.TrainConfig(steps=3, batch_size=8, eval_every=3, eval_batch=8, snapshot_every=0)
    history = training.train(model, task, config)
    assert len(history.train_loss) == 3 and all(math.isfinite(loss) for loss in history.train_loss)
    assert task.description.endswith(".") and "Aswan" in task.description


def test_the_series_ship_in_the_wheel_with_their_readme():
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert setuptools["package-dir"]["lstm_viz.series_data_files"] == "assets/series"
    assert "lstm_viz.series_data_files" in setuptools["packages"]
    assert set(setuptools["package-data"]["lstm_viz.series_data_files"]) == {"*.csv", "README.md"}
    readme = (ROOT / "assets" / "series" / "README.md").read_text()
    for name in NAMES:
        file = tasks.get(name).FILE
        assert (real_series.SERIES_DIR / file).is_file() and f"`{file}`" in readme
    assert "public domain" in readme
