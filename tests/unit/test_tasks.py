"""Tests for lstm_viz.tasks: shapes, determinism, task semantics, baselines and parameter checks."""

import io
import math

import numpy as np
import pytest
import torch

from lstm_viz import tasks
from lstm_viz.tasks import series_data as series
from lstm_viz.tasks.losses import task_loss

torch.set_num_threads(1)

SERIES_VALUES = np.sin(np.arange(200) / 7.0) + np.arange(200) / 100.0
DEFAULTS = {"series": {"values": SERIES_VALUES}}


def make(name, **params):
    return tasks.get(name, **{**DEFAULTS.get(name, {}), **params})


ALL = [
    ("adding", {}),
    ("copy", {}),
    ("remember_first", {}),
    ("parity", {"mode": "final"}),
    ("parity", {"mode": "running"}),
    ("sine", {}),
    ("series", {}),
    ("sentiment", {}),
]


def test_registry_lists_every_task():
    assert tasks.names() == [
        "adding", "copy", "remember_first", "parity", "sine", "sunspots", "co2", "nile", "elnino", "series",
        "sentiment", "chars",
    ]  # fmt: skip
    with pytest.raises(ValueError, match="unknown task 'nope'"):
        tasks.get("nope")
    with pytest.raises(ValueError, match="unknown task"):
        tasks.spec("nope")


@pytest.mark.parametrize(("name", "params"), ALL)
def test_shapes_dtypes_and_attributes(name, params):
    task = make(name, **params)
    batch = task.sample(5, seed=0)
    T = task.length
    assert batch.x.shape == (5, T, task.input_size) and batch.x.dtype == torch.float32
    assert task.readout in ("last", "every") and task.loss in ("mse", "cross_entropy")
    if task.readout == "last":
        assert batch.loss_mask.shape == (5,)
        y_shape = (5,) if task.loss == "cross_entropy" else (5, task.output_size)
    else:
        assert batch.loss_mask.shape == (5, T)
        y_shape = (5, T) if task.loss == "cross_entropy" else (5, T, task.output_size)
    assert batch.y.shape == y_shape
    assert batch.y.dtype == (torch.int64 if task.loss == "cross_entropy" else torch.float32)
    assert batch.loss_mask.dtype == torch.float32 and bool((batch.loss_mask == 1).all())
    if task.loss == "cross_entropy":
        assert task.metric == "accuracy"
        assert 0 <= int(batch.y.min()) and int(batch.y.max()) < task.output_size
    else:
        assert task.metric == "mse"
    assert task.name == name and task.description.endswith(".")


@pytest.mark.parametrize(("name", "params"), ALL)
def test_same_seed_same_batch_other_seed_other_batch(name, params):
    task = make(name, **params)
    a, b, c = task.sample(8, 3), task.sample(8, 3), task.sample(8, 4)
    assert torch.equal(a.x, b.x) and torch.equal(a.y, b.y)
    assert not torch.equal(a.x, c.x)
    assert torch.equal(task.generate(8, np.random.default_rng(3)).x, a.x)


@pytest.mark.parametrize("name", [n for n in tasks.names() if n != "series"])
def test_spec_defaults_match_the_task(name):
    task = tasks.get(name)
    assert {key: value[0] for key, value in tasks.spec(name).items()} == task.params
    for key, (default, low, high) in tasks.spec(name).items():
        if isinstance(default, str):
            assert default in low
        else:
            assert low <= default <= high
            with pytest.raises(ValueError, match=f"{key} must be .* between {low} and {high}"):
                tasks.get(name, **{key: high + 1})
            with pytest.raises(ValueError, match=key):
                tasks.get(name, **{key: low - 1})


def test_tasks_are_immutable_and_compare_by_parameters():
    task = tasks.get("adding", length=30)
    with pytest.raises(AttributeError):
        task.length = 5
    same = tasks.get("adding", length=np.int64(30))
    assert task == same and hash(task) == hash(same)
    assert type(task.params["length"]) is int


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("adding", {"length": 1001}, "between 2 and 1000"),
        ("adding", {"length": 1}, "length must be an integer"),
        ("adding", {"length": 10.0}, "length must be an integer"),
        ("adding", {"length": True}, "length must be an integer"),
        ("adding", {"lag": 5}, "unknown parameter 'lag'"),
        ("copy", {"lag": 0}, "lag must be an integer between 1"),
        ("copy", {"lag": 980, "memorise": 20}, "1020 time steps; the limit is 1000"),
        ("copy", {"symbols": 1}, "symbols must be"),
        ("remember_first", {"classes": 1}, "classes must be an integer between 2"),
        ("remember_first", {"lag": 1000}, "lag must be an integer between 1 and 999"),
        ("parity", {"mode": "sum"}, "mode must be one of \\['final', 'running'\\]"),
        ("sine", {"noise": -0.1}, "noise must be a number between 0.0 and 1.0"),
        ("sine", {"noise": float("nan")}, "noise must be a number"),
        ("series", {"window": 1}, "window must be an integer between 2"),
        ("sentiment", {"length": 4}, "length must be an integer between 5"),
    ],
)
def test_bad_parameters_are_rejected(name, params, message):
    with pytest.raises(ValueError, match=message):
        make(name, **params)


@pytest.mark.parametrize("size", [0, 513, 2.0])
def test_batch_size_limit(size):
    with pytest.raises(ValueError, match="batch_size must be an integer between 1 and 512"):
        tasks.get("adding").sample(size, 0)
    assert tasks.LIMITS == {"length": 1000, "batch": 512}


def test_adding_markers_and_target():
    task = tasks.get("adding", length=11)
    batch = task.sample(200, 1)
    values, markers = batch.x[..., 0], batch.x[..., 1]  # (B, T)
    assert bool(((values >= 0) & (values < 1)).all())
    half = 11 // 2
    assert bool((markers[:, :half].sum(1) == 1).all()) and bool((markers[:, half:].sum(1) == 1).all())
    torch.testing.assert_close(batch.y[:, 0], (values * markers).sum(1))


def test_adding_baseline_is_one_sixth_empirically():
    task = tasks.get("adding", length=10)
    rng = np.random.default_rng(0)
    y = torch.cat([task.generate(500, rng).y for _ in range(200)])  # (100k, 1)
    empirical = float(((y - 1.0) ** 2).mean())
    assert task.baseline_loss == pytest.approx(1 / 6, abs=1e-12)
    assert empirical == pytest.approx(0.1667, abs=1e-3)


def test_copy_layout_and_target():
    task = tasks.get("copy", lag=7, symbols=5, memorise=3)
    assert (task.length, task.input_size, task.output_size) == (13, 7, 6)
    batch = task.sample(50, 2)
    tokens = batch.x.argmax(-1)  # (B, T)
    assert bool((batch.x.sum(-1) == 1).all())
    blank, delimiter = 5, 6
    assert bool((tokens[:, :3] < 5).all())
    assert bool((tokens[:, 3:9] == blank).all()) and bool((tokens[:, 9] == delimiter).all())
    assert bool((tokens[:, 10:] == blank).all())
    assert torch.equal(batch.y[:, -3:], tokens[:, :3])
    assert bool((batch.y[:, :-3] == blank).all())


@pytest.mark.parametrize(("lag", "symbols", "memorise"), [(50, 8, 10), (5, 3, 4)])
def test_copy_baseline_formula_matches_the_memoryless_predictor(lag, symbols, memorise):
    task = tasks.get("copy", lag=lag, symbols=symbols, memorise=memorise)
    assert task.baseline_loss == pytest.approx(memorise * math.log(symbols) / (lag + 2 * memorise))
    if (lag, symbols, memorise) == (50, 8, 10):
        assert task.baseline_loss == pytest.approx(10 * math.log(8) / 70)
    batch = task.sample(512, 0)
    logits = torch.full((512, task.length, task.output_size), -1e4)  # (B, T, S + 1)
    logits[:, :-memorise, symbols] = 0.0  # certain of blank while waiting
    logits[:, -memorise:, :symbols] = 0.0  # uniform over the symbols while answering
    loss = float(task_loss(logits, batch.y, batch.loss_mask, task.loss))
    assert loss == pytest.approx(task.baseline_loss, abs=1e-3)


def test_remember_first_layout_and_baseline():
    task = tasks.get("remember_first", lag=6, classes=3)
    batch = task.sample(300, 5)
    tokens = batch.x.argmax(-1)  # (B, T)
    assert task.length == 7 and task.input_size == 6
    assert torch.equal(tokens[:, 0], batch.y)
    assert bool((tokens[:, 1:] >= 3).all()) and bool((batch.x.sum(-1) == 1).all())
    assert torch.bincount(batch.y, minlength=3).min() > 60
    uniform = torch.zeros(300, 3)
    assert float(task_loss(uniform, batch.y, batch.loss_mask, task.loss)) == pytest.approx(math.log(3))
    assert task.baseline_loss == pytest.approx(math.log(3))


@pytest.mark.parametrize("mode", ["final", "running"])
def test_parity_targets(mode):
    task = tasks.get("parity", length=9, mode=mode)
    batch = task.sample(100, 6)
    bits = batch.x[..., 0].long()  # (B, T)
    assert set(bits.unique().tolist()) == {0, 1}
    running = [[sum(row[: t + 1]) % 2 for t in range(9)] for row in bits.tolist()]
    expected = torch.tensor(running)
    assert torch.equal(batch.y, expected if mode == "running" else expected[:, -1])
    assert task.readout == ("every" if mode == "running" else "last")
    assert task.baseline_loss == pytest.approx(math.log(2))


def test_sine_baseline_matches_empirical_variance():
    task = tasks.get("sine", length=4, noise=0.3)
    rng = np.random.default_rng(11)
    y = torch.cat([task.generate(500, rng).y for _ in range(200)])  # (100k, 1)
    assert task.baseline_loss == pytest.approx(0.625 + 0.09)
    assert float(y.mean()) == pytest.approx(0.0, abs=0.01)
    assert float((y**2).mean()) == pytest.approx(task.baseline_loss, abs=0.01)


def test_sentiment_sentences_and_labels():
    task = tasks.get("sentiment", length=9)
    batch = task.sample(400, 8)
    assert task.input_size == len(task.vocab) and task.output_size == 2
    flips = 0
    for row, label in zip(batch.x, batch.y.tolist(), strict=True):
        words = task.decode(row)
        assert len(words) == 9 and words[-1] in task.vocab[-8:]
        assert "the" in words or "this" in words
        negated = "not" in words
        flips += negated
        positive_word = words[-1] in ("good", "great", "fun", "excellent")
        assert label == int(positive_word != negated)
    assert 150 < flips < 250 and 150 < int(batch.y.sum()) < 250
    distance = [9 - 1 - task.decode(row).index("not") for row in batch.x if "not" in task.decode(row)]
    assert min(distance) == 1 and max(distance) == 9 - 4


def test_series_windows_baseline_and_denormalise():
    task = tasks.get("series", values=SERIES_VALUES, window=5)
    assert task.mean == pytest.approx(SERIES_VALUES.mean()) and task.std == pytest.approx(SERIES_VALUES.std())
    batch = task.sample(64, 0)
    original = task.denormalise(batch.x[..., 0].double()).numpy()  # (B, W)
    targets = task.denormalise(batch.y[:, 0].double()).numpy()  # (B,)
    for row, target in zip(original, targets, strict=True):
        starts = [s for s in range(195) if np.allclose(row, SERIES_VALUES[s : s + 5], atol=1e-5)]
        assert len(starts) == 1
        assert target == pytest.approx(SERIES_VALUES[starts[0] + 5], abs=1e-5)
    z = (SERIES_VALUES - SERIES_VALUES.mean()) / SERIES_VALUES.std()
    assert task.baseline_loss == pytest.approx(z[5:].var())
    with pytest.raises(ValueError, match="'values' is required"):
        tasks.get("series")


def write(tmp_path, content, name="data.csv"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


def test_csv_round_trip(tmp_path):
    values = np.round(np.cos(np.arange(60) / 5.0) * 40 + 300, 3)
    text = "date,price\n" + "".join(f"2024-01-{i:02d},{v}\n" for i, v in enumerate(values))
    path = write(tmp_path, text)
    for source in (path, str(path), path.read_bytes(), io.BytesIO(path.read_bytes())):
        task = tasks.series_from_csv(source, window=10)
        np.testing.assert_allclose(task.denormalise(task.normalised), values, rtol=1e-12)
    assert tasks.series_from_csv(path, column="price").window == 20
    headerless = write(tmp_path, "".join(f"{i},{v}\n" for i, v in enumerate(values)), "plain.csv")
    np.testing.assert_allclose(tasks.series_from_csv(headerless, column=1).values, values)


@pytest.mark.parametrize(
    ("content", "column", "message"),
    [
        (b"", None, "the file is empty"),
        (b"  \n\n", None, "the file is empty"),
        (b"value\n\xff\xfe1\n2\n", None, "not UTF-8"),
        ("name,city\nann,rome\nbob,oslo\n", None, "no numeric column"),
        ("a,b\n1,2\n3,4\n", "c", "column 'c' not found"),
        ("a,b\n1,x\n2,y\n", "b", "column 'b' is not numeric \\(data row 1 holds 'x'\\)"),
        ("a\n1\n2\n\n3\nnan\n" + "4\n" * 30, None, "NaN or infinite"),
        ("a\n1\ninf\n" + "2\n" * 30, None, "NaN or infinite values \\(first at position 1\\)"),
        ("a\n" + "1\n2\n" * 5, None, "has 10 values but window=20 needs at least 21"),
        ("a\n" + "0.1\n" * 50, None, "constant"),
        ("a,b\n1,2\n3\n4,5,6,7\n", None, "not a valid CSV"),
    ],
)
def test_bad_csv_is_explained(tmp_path, content, column, message):
    with pytest.raises(ValueError, match=message):
        tasks.series_from_csv(write(tmp_path, content), column=column)


def test_csv_row_limit(tmp_path):
    path = write(tmp_path, "x\n" + "1\n2\n" * (series.MAX_UPLOAD_ROWS // 2) + "3\n")
    with pytest.raises(ValueError, match="more than 1,000,000 rows"):
        tasks.series_from_csv(path)
    with pytest.raises(ValueError, match="the limit is 1,000,000"):
        tasks.get("series", values=np.arange(series.MAX_UPLOAD_ROWS + 1.0))
