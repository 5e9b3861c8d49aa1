"""The `chars` task: vocabulary, encode/decode, the corpus and its split, batches, the unigram baseline."""

import math
import tomllib
from collections import Counter

import numpy as np
import pytest
import torch

from lstm_viz import tasks
from lstm_viz.tasks import chars
from lstm_viz.tasks.losses import task_loss

torch.set_num_threads(1)


def test_vocabulary_is_tab_newline_printable_ascii_and_one_other_symbol():
    assert len(chars.VOCAB) == 98 and len(set(chars.VOCAB)) == 98
    assert chars.VOCAB[:2] == ("\t", "\n") and chars.VOCAB[2] == " " and chars.VOCAB[-2] == "~"
    assert chars.VOCAB[chars.OTHER_INDEX] == chars.OTHER
    task = tasks.get("chars")
    assert task.input_size == task.output_size == 98 and task.vocab == list(chars.VOCAB)


def test_encode_decode_round_trip_and_unknown_characters():
    text = "def f(x):\n\treturn {'a': x[0]}  # ~!@\n"
    codes = chars.encode(text)
    assert codes.dtype == np.int64 and codes.shape == (len(text),)
    assert chars.decode(codes) == text
    assert [chars.VOCAB[i] for i in codes[:3]] == ["d", "e", "f"]
    odd = "é\r\x0c€😀\x00\ud800"  # a lone surrogate too
    assert chars.encode(odd).tolist() == [chars.OTHER_INDEX] * 7
    assert chars.decode(chars.encode("a" + odd + "b")) == "a" + chars.OTHER * 7 + "b"
    assert chars.encode("").shape == (0,) and chars.decode([]) == ""


@pytest.mark.parametrize(("value", "error"), [(b"x", TypeError), (None, TypeError)])
def test_encode_refuses_what_is_not_text(value, error):
    with pytest.raises(error, match="text must be a str"):
        chars.encode(value)


@pytest.mark.parametrize("indices", [[98], [-1], [[1, 2]], [0.5]])
def test_decode_refuses_indices_outside_the_vocabulary(indices):
    with pytest.raises(ValueError, match="indices must"):
        chars.decode(indices)


def test_the_corpus_is_split_by_file_and_the_splits_do_not_share_a_file():
    texts = {split: chars.corpus(split) for split in chars.SPLITS}
    sizes = {split: len(text) for split, text in texts.items()}
    assert 1_000_000 <= sum(sizes.values()) <= 2_000_000
    assert sizes["test"] > 100_000 and sizes["validation"] > 100_000
    listing = (chars.CORPUS_DIR / "FILES.md").read_text()
    sections = dict(part.split("\n", 1) for part in listing.split("## ")[1:])
    files = {split: set(body.split("`")[1::2]) for split, body in sections.items()}
    assert set(files) == set(chars.SPLITS)
    assert not files["train"] & files["test"] and not files["train"] & files["validation"]
    assert (
        "PYTHON SOFTWARE FOUNDATION LICENSE VERSION 2" in (chars.CORPUS_DIR / "LICENSE-PSF.txt").read_text()
    )
    with pytest.raises(ValueError, match="split must be one of"):
        chars.corpus("../secret")


def test_batches_are_windows_of_the_split_with_next_character_targets():
    task = tasks.get("chars", length=50, split="validation")
    batch = task.sample(6, seed=3)
    assert batch.x.shape == (6, 50, 98) and batch.y.shape == (6, 50) and batch.loss_mask.shape == (6, 50)
    assert bool((batch.x.sum(-1) == 1).all())
    text = chars.corpus("validation")
    for row in range(6):
        window = "".join(task.decode(batch.x[row])) + chars.VOCAB[int(batch.y[row, -1])]
        assert window in text  # a real window of the split ...
        assert chars.decode(batch.y[row].numpy()) == window[1:]  # ... and its next characters


def test_same_seed_same_batch_other_seed_other_batch():
    task = tasks.get("chars", length=20)
    a, b, c = task.sample(4, 7), task.sample(4, 7), task.sample(4, 8)
    assert torch.equal(a.x, b.x) and torch.equal(a.y, b.y) and not torch.equal(a.y, c.y)


def test_baseline_is_the_unigram_entropy_computed_independently():
    for split in ("train", "test"):
        counts = Counter(chars.VOCAB[i] for i in chars.encode(chars.corpus(split)))
        total = sum(counts.values())
        entropy = -sum(n / total * math.log(n / total) for n in counts.values())
        task = tasks.get("chars", split=split)
        assert task.baseline_loss == pytest.approx(entropy, rel=1e-12)
        assert task.baseline_bits == pytest.approx(entropy / math.log(2), rel=1e-12)
    assert 4.0 < tasks.get("chars").baseline_bits < 5.0


def test_a_model_that_predicts_the_unigram_frequencies_scores_the_baseline():
    task = tasks.get("chars", length=200)
    codes = chars.corpus_codes("train")
    p = np.bincount(codes, minlength=98) / codes.size
    batch = task.sample(64, seed=0)
    logits = torch.log(torch.tensor(p, dtype=torch.float32).clamp_min(1e-12)).expand(64, 200, 98)
    loss = float(task_loss(logits, batch.y, batch.loss_mask, task.loss))
    assert loss == pytest.approx(task.baseline_loss, abs=0.1)


def test_parameters_are_checked():
    with pytest.raises(ValueError, match="length must be an integer between 1 and 1000"):
        tasks.get("chars", length=0)
    with pytest.raises(ValueError, match="split must be one of"):
        tasks.get("chars", split="all")
    assert tasks.length_param("chars") == "length" and tasks.get("chars").readout == "every"


def test_the_corpus_and_the_text_package_ship_in_the_wheel():
    root = chars.CORPUS_DIR.parents[1]
    setuptools = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert setuptools["package-dir"]["lstm_viz.corpus_data_files"] == "assets/corpus"
    assert {"lstm_viz.corpus_data_files", "lstm_viz.text"} <= set(setuptools["packages"])
    assert set(setuptools["package-data"]["lstm_viz.corpus_data_files"]) == {"*.txt", "*.md"}
    shipped = {path.name for path in chars.CORPUS_DIR.iterdir()}
    assert shipped == {"train.txt", "validation.txt", "test.txt", "FILES.md", "README.md", "LICENSE-PSF.txt"}
