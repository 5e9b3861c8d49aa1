"""Regenerate assets/pretrained/: an RNN, a GRU and an LSTM (64 units each) trained on two tasks.

- `adding`, T = 100: the LSTM and the GRU learn to add the two marked numbers (MSE far below 0.01); the tanh
  RNN stays at the 0.167 baseline of always answering 1.
- `remember_first`, lag 60, 4 symbols: the LSTM (its forget gate opened by a bias of 5 at the start) and
  the GRU name the first symbol every time; the tanh RNN gets stuck near 46% (chance is 25%).

Every run uses fixed seeds and one torch thread, so the same machine regenerates the same weights. Only
`elapsed` in each history.json changes from one regeneration to the next. `sweeps` writes, instead of the
runs, assets/pretrained/sweeps/<task>.json: the final loss and metric of each kind for a range of lags, each
point trained with the config of that task's pretrained runs (several minutes); `all` writes both.

    .venv/bin/python scripts/make_pretrained.py [runs | sweeps | all]
"""

from __future__ import annotations

import argparse
import json
import time

import torch

from lstm_viz import models, runs, tasks, training
from lstm_viz.runs import Run

KINDS = ("rnn", "gru", "lstm")
HIDDEN = 64
MODEL_SEED = 0
COMMON = dict(lr=0.01, batch_size=64, clip=1.0, seed=0, eval_every=50, eval_batch=256, snapshot_every=50)
SETTINGS = {
    "adding": ({"length": 100}, training.TrainConfig(steps=1500, **COMMON)),
    "remember_first": (
        {"lag": 60, "classes": 4},
        training.TrainConfig(steps=1000, forget_bias=5.0, **COMMON),
    ),
}
SWEEPS = {"adding": ("length", [10, 25, 50, 100]), "remember_first": ("lag", [10, 20, 40, 60, 80])}


def train_one(task_name: str, kind: str) -> Run:
    params, config = SETTINGS[task_name]
    task = tasks.get(task_name, **params)
    model = models.for_task(kind, task, hidden_size=HIDDEN, seed=MODEL_SEED)
    history = training.train(model, task, config)
    return Run(f"{task_name}-{kind}", runs.run_config(model, task, config, MODEL_SEED), model, history)


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
        "what", nargs="?", choices=("runs", "sweeps", "all"), default="runs", help="what to regenerate"
    )
    args = parser.parse_args()
    torch.set_num_threads(1)
    start = time.perf_counter()
    for task_name in SETTINGS if args.what != "sweeps" else ():
        for kind in KINDS:
            run = train_one(task_name, kind)
            runs.save_run(run, runs.PRETRAINED_DIR)
            history = run.history
            print(
                f"{run.name:22s} {history.metric_name} {history.eval_metric[-1]:.4g}  "
                f"loss {history.eval_loss[-1]:.4g}  ({history.elapsed:.0f} s)",
                flush=True,
            )
    if args.what != "runs":
        folder = runs.PRETRAINED_DIR / "sweeps"
        folder.mkdir(exist_ok=True)
        for task_name in SWEEPS:
            (folder / f"{task_name}.json").write_text(json.dumps(sweep(task_name), indent=1) + "\n")
    size = sum(path.stat().st_size for path in runs.PRETRAINED_DIR.rglob("*") if path.is_file())
    print(f"done in {time.perf_counter() - start:.0f} s; assets/pretrained holds {size / 2**20:.2f} MB")


if __name__ == "__main__":
    main()
