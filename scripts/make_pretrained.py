"""Regenerate assets/pretrained/: an RNN, a GRU and an LSTM (64 units each) on three tasks; character models.

- `adding`, T = 100: the LSTM and the GRU learn to add the two marked numbers (MSE far below 0.01); the tanh
  RNN stays at the 0.167 baseline of always answering 1.
- `remember_first`, lag 100, 4 symbols: the LSTM and the GRU name the first symbol every time; the tanh RNN
  stays at chance (25%).
- `sunspots`, window 20: the next yearly sunspot number from the 20 before it. The series has 309 values, so
  training sees only 228 windows (the last fifth is the test period), and longer training memorises them:
  after 1500 updates at lr 0.003 the LSTM's training MSE is 0.0003 and its test MSE 0.50; after 250 updates
  at lr 0.005 they are 0.08 and 0.40 (RNN 0.10 and 0.33, GRU 0.08 and 0.28). So these runs stop early; each
  trains in a few seconds. `report` evaluates them on every test window (`split_batch("test")`) beside the
  naive and seasonal-naive forecasts: the table in README.md.
- `chars`, windows of 100 characters of Python source (assets/corpus/): `chars-rnn`, `chars-gru` and
  `chars-lstm` (one layer of 256 units each) predict the next character, each trained from scratch on the
  same config: 7000 updates of 64 windows, Adam at lr 0.003 decaying along a cosine to almost 0 (about 25
  minutes each at one thread on a quiet machine). `chars-lstm2` (two layers of 128 units, to keep the assets
  small) trains in two stages (STAGES): 3000 updates of 32 windows at lr 0.004, then, from those weights, a
  fresh Adam for 4500 updates of 64 windows from another seed's stream at lr 0.003 decaying along a cosine;
  its saved config and History are those of the second stage. All four store float16 weights
  (`save_run(..., half=True)`), which halves the files. `report` prints their bits per character on the
  whole test split beside a unigram and a Kneser-Ney n-gram (`lstm_viz.text.ngram`, its order chosen on the
  validation split), and the unit that best follows each feature of `lstm_viz.text.character_features` in
  each model: the tables in README.md.

The remember_first runs share one config across the three kinds: Adam at lr 0.003, a forget-gate bias of 5
(LSTM only) and every recurrent (H, H) gate block drawn Gaussian with spectral radius 4
(`recurrent_init="spectral"`). Why each setting:

- With torch's default init (recurrent radius ~0.6) the GRU's update gate sits at 0.5, so it forgets half of
  its state per step and its gradient dies as fast as the RNN's (~1e-18 vs ~1e-20 after 100 steps). It then
  learns only if Adam's noisy updates happen to drive its weights into saturated latches, which the RNN does
  sooner: at lr 0.01 the RNN reached 46-85% at lags 60-150 while the GRU failed from lag 100 on.
- Radius 4 lets the GRU's gradient reach step 0 (it grows ~1e4-fold over 100 steps at the start instead of
  dying), so the GRU learns within ~200 updates, as the LSTM does. The same gain makes the tanh RNN chaotic:
  the distractors scramble its state, and it holds the symbol for 10 or 20 steps (the sweep) but not for 40
  or more. Its gradient at step 0 starts ~1e15 times that at the last step and clipping keeps the updates
  bounded: at this lag the RNN fails by exploding, not vanishing, gradients.
- lr 0.003 instead of 0.01 keeps Adam from drifting the RNN into saturated latches (at lr 0.01 it crept up to
  30% by the last update).

Seed 0 (shipped): RNN 0.258, GRU 1.0, LSTM 1.0. Seed 1 with the same config: RNN 0.219, GRU 1.0, LSTM 1.0.

Every run uses fixed seeds and one torch thread, so the same machine regenerates the same weights. Only
`elapsed` in each history.json changes from one regeneration to the next. `sweeps` writes, instead of the
runs, assets/pretrained/sweeps/<task>.json: the final loss and metric of each kind for a range of lags, each
point trained with the config of that task's pretrained runs (several minutes); `all` writes both. `--task`
limits either to one task (the other task's files are left as they are), and `--model` (with `--task`) the
runs to one model, e.g. `--task chars --model lstm2`, so that several can train side by side. `--out DIR`
writes the runs to DIR instead of assets/pretrained/, to compare them before they replace the shipped ones.

    .venv/bin/python scripts/make_pretrained.py [runs | sweeps | all | report]
        [--task adding | remember_first | sunspots | chars] [--model SUFFIX] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import torch

from lstm_viz import models, runs, tasks, text, training
from lstm_viz.runs import Run
from lstm_viz.tasks import chars
from lstm_viz.tasks.losses import task_loss
from lstm_viz.text import evaluation

KINDS = ("rnn", "gru", "lstm")
HIDDEN = 64
MODEL_SEED = 0
COMMON = dict(batch_size=64, clip=1.0, seed=0, eval_every=50, eval_batch=256, snapshot_every=50)


def chars_config(**settings) -> training.TrainConfig:
    """A character model's config: clipping at 1, an evaluation every 100 updates and a snapshot every 500."""
    return training.TrainConfig(
        clip=1.0, eval_every=100, eval_batch=64, snapshot_every=500, probe_batch=8, **settings
    )


SETTINGS = {
    "adding": ({"length": 100}, training.TrainConfig(steps=1500, lr=0.01, **COMMON)),
    "remember_first": (
        {"lag": 100, "classes": 4},
        training.TrainConfig(
            steps=1000,
            lr=0.003,
            forget_bias=5.0,
            recurrent_init="spectral",
            spectral_radius=4.0,
            **COMMON,
        ),
    ),
    "sunspots": ({"window": 20}, training.TrainConfig(steps=250, lr=0.005, **COMMON)),
    "chars": (
        {"length": 100},
        chars_config(steps=7000, lr=0.003, lr_decay="cosine", batch_size=64, seed=0, dropout=0.3),
    ),
}
# the runs of each task: name suffix -> (kind, layers, units per layer); a task not listed trains KINDS with
# one layer of HIDDEN units each
MODELS = {
    "chars": {
        "rnn": ("rnn", 1, 256),
        "gru": ("gru", 1, 256),
        "lstm": ("lstm", 1, 256),
        "lstm2": ("lstm", 2, 128),
    }
}
# runs trained in stages, each continuing from the previous stage's weights with a fresh optimiser and its
# own batches; the saved run keeps the last stage's config and History. Others train on SETTINGS alone.
STAGES = {
    "chars-lstm2": (
        chars_config(steps=3000, lr=0.004, batch_size=32, seed=0),
        chars_config(steps=4500, lr=0.003, lr_decay="cosine", batch_size=64, seed=1),
    )
}
HALF = ("chars",)  # tasks whose runs are saved with float16 weights
SWEEPS = {"adding": ("length", [10, 25, 50, 100]), "remember_first": ("lag", [10, 20, 40, 70, 100])}


def models_of(task_name: str) -> dict[str, tuple[str, int, int]]:
    return MODELS.get(task_name, {kind: (kind, 1, HIDDEN) for kind in KINDS})


def _progress(progress: training.Progress) -> None:
    if progress.step % 200 == 0:
        print(f"    step {progress.step}/{progress.total}: loss {progress.train_loss:.4f} "
              f"({progress.elapsed:.0f} s, {progress.eta:.0f} s to go)", flush=True)  # fmt: skip


def train_one(task_name: str, suffix: str) -> Run:
    params, config = SETTINGS[task_name]
    kind, layers, hidden = models_of(task_name)[suffix]
    name, task = f"{task_name}-{suffix}", tasks.get(task_name, **params)
    model = models.for_task(kind, task, hidden_size=hidden, seed=MODEL_SEED, num_layers=layers)
    stages = STAGES.get(name, (config,))
    for stage in stages:  # each stage's config has the default init options, so none re-initialises
        history = training.train(model, task, stage, _progress)
    return Run(name, runs.run_config(model, task, stages[-1], MODEL_SEED), model, history)


def chars_report() -> str:
    """The README's table of test bits per character: each pretrained character model and the baselines."""
    rows = evaluation.baseline_bits()
    for name in (f"chars-{suffix}" for suffix in models_of("chars")):
        rows[name] = evaluation.bits_per_char(runs.load_pretrained(name).model, "test")
    lines = [f"| {name} | {bits:.3f} |" for name, bits in rows.items()]
    return "\n".join(["| model | test bits per character |", "| --- | --- |", *lines])


def chars_units_report() -> str:
    """The README's table of the best unit per feature of each character model over the whole test split:
    tanh of the cell state of the top layer for the LSTMs, the hidden state for the others."""
    source, header = chars.corpus("test"), "| feature | " + " | ".join(models_of("chars")) + " |"
    best = {}
    for suffix, (kind, _, _) in models_of("chars").items():
        quantity = "cell" if kind == "lstm" else "hidden"
        values = evaluation.unit_values_over(runs.load_pretrained(f"chars-{suffix}").model, "test", quantity)
        best[suffix] = text.interpretable_units(values, source, top=1)
    cells = {
        feature: [f"{units[feature][0][0]} ({units[feature][0][1]:+.2f})" for units in best.values()]
        for feature in text.FEATURES
    }
    rows = [f"| {feature} | " + " | ".join(row) + " |" for feature, row in cells.items()]
    return "\n".join([header, "| --- |" + " --- |" * len(best), *rows])


def real_series_errors(task_name: str) -> dict[str, float]:
    """MSE on every test window of a real series (scaled units): each pretrained kind and each baseline."""
    params, _ = SETTINGS[task_name]
    task = tasks.get(task_name, **params)
    test = task.split_batch("test")
    errors = {}
    for kind in KINDS:
        model = runs.load_pretrained(f"{task_name}-{kind}").model
        with torch.no_grad():
            errors[kind] = float(task_loss(model(test.x), test.y, test.loss_mask, task.loss))
    return {**errors, **task.baselines}


def report(task_name: str) -> str:
    """The README's table of test errors for a real series' pretrained runs."""
    errors = real_series_errors(task_name)
    rows = [f"| {name} | {errors[name]:.3f} |" for name in (*KINDS, "naive", "seasonal_naive", "mean")]
    return "\n".join(["| forecast | test MSE (scaled) |", "| --- | --- |", *rows])


def sweep(task_name: str) -> dict:
    """Final eval metric of each kind against the swept parameter, with the task's pretraining config."""
    params, config = SETTINGS[task_name]
    key, values = SWEEPS[task_name]
    config = training.TrainConfig(**{**config.to_dict(), "snapshot_every": 0})
    metrics, losses = {kind: [] for kind in KINDS}, {kind: [] for kind in KINDS}
    for value in values:
        task = tasks.get(task_name, **{**params, key: value})
        for kind in KINDS:
            model = models.for_task(kind, task, hidden_size=HIDDEN, seed=MODEL_SEED)
            history = training.train(model, task, config)
            metrics[kind].append(history.eval_metric[-1])
            losses[kind].append(history.eval_loss[-1])
            print(f"  sweep {task_name} {key}={value} {kind}: {history.eval_metric[-1]:.4g}", flush=True)
    return {
        "task": task_name,
        "parameter": key,
        "lags": values,
        "models": metrics,
        "metric": task.metric,
        "losses": losses,
        "baseline": [tasks.get(task_name, **{**params, key: value}).baseline_loss for value in values],
        "train": config.to_dict(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "what",
        nargs="?",
        choices=("runs", "sweeps", "all", "report"),
        default="runs",
        help="what to regenerate (report: print the test errors of the real-series runs)",
    )
    parser.add_argument("--task", choices=tuple(SETTINGS), help="regenerate this task only")
    parser.add_argument("--model", help="with --task: regenerate this model only (lstm2: chars-lstm2)")
    parser.add_argument("--out", type=Path, default=runs.PRETRAINED_DIR, help="where the runs are written")
    args = parser.parse_args()
    if args.model is not None and args.task is None:
        parser.error("--model needs --task")
    if args.model is not None and args.model not in models_of(args.task):
        parser.error(f"--model must be one of {list(models_of(args.task))} for --task {args.task}")
    chosen = [args.task] if args.task else list(SETTINGS)
    torch.set_num_threads(1)
    start = time.perf_counter()
    if args.what == "report":
        if "chars" in chosen:
            print(f"chars, the test split:\n{chars_report()}")
            print(f"the best unit per feature (correlation):\n{chars_units_report()}")
        for task_name in (name for name in chosen if hasattr(tasks.get(name), "split_batch")):
            print(
                f"{task_name}, {len(tasks.get(task_name).targets('test'))} test windows:\n{report(task_name)}"
            )
        return
    for task_name in chosen if args.what != "sweeps" else ():
        for suffix in [args.model] if args.model else models_of(task_name):
            run = train_one(task_name, suffix)
            runs.save_run(run, args.out, half=task_name in HALF)
            history = run.history
            print(
                f"{run.name:22s} {history.metric_name} {history.eval_metric[-1]:.4g}  "
                f"loss {history.eval_loss[-1]:.4g}  ({history.elapsed:.0f} s)",
                flush=True,
            )
    if args.what != "runs":
        folder = runs.PRETRAINED_DIR / "sweeps"
        folder.mkdir(exist_ok=True)
        for task_name in (name for name in chosen if name in SWEEPS):
            (folder / f"{task_name}.json").write_text(json.dumps(sweep(task_name), indent=1) + "\n")
    size = sum(path.stat().st_size for path in args.out.rglob("*") if path.is_file())
    print(f"done in {time.perf_counter() - start:.0f} s; {args.out} holds {size / 2**20:.2f} MB")


if __name__ == "__main__":
    main()
