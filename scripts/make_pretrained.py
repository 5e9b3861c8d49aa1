"""Regenerate assets/pretrained/: an RNN, a GRU and an LSTM (64 units each) trained on three tasks.

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
limits either to one task (the other task's files are left as they are).

    .venv/bin/python scripts/make_pretrained.py [runs | sweeps | all | report]
        [--task adding | remember_first | sunspots]
"""

from __future__ import annotations

import argparse
import json
import time

import torch

from lstm_viz import models, runs, tasks, training
from lstm_viz.runs import Run
from lstm_viz.tasks.losses import task_loss

KINDS = ("rnn", "gru", "lstm")
HIDDEN = 64
MODEL_SEED = 0
COMMON = dict(batch_size=64, clip=1.0, seed=0, eval_every=50, eval_batch=256, snapshot_every=50)
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
}
SWEEPS = {"adding": ("length", [10, 25, 50, 100]), "remember_first": ("lag", [10, 20, 40, 70, 100])}


def train_one(task_name: str, kind: str) -> Run:
    params, config = SETTINGS[task_name]
    task = tasks.get(task_name, **params)
    model = models.for_task(kind, task, hidden_size=HIDDEN, seed=MODEL_SEED)
    history = training.train(model, task, config)
    return Run(f"{task_name}-{kind}", runs.run_config(model, task, config, MODEL_SEED), model, history)


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
    args = parser.parse_args()
    chosen = [args.task] if args.task else list(SETTINGS)
    torch.set_num_threads(1)
    start = time.perf_counter()
    if args.what == "report":
        for task_name in (name for name in chosen if hasattr(tasks.get(name), "split_batch")):
            print(
                f"{task_name}, {len(tasks.get(task_name).targets('test'))} test windows:\n{report(task_name)}"
            )
        return
    for task_name in chosen if args.what != "sweeps" else ():
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
        for task_name in (name for name in chosen if name in SWEEPS):
            (folder / f"{task_name}.json").write_text(json.dumps(sweep(task_name), indent=1) + "\n")
    size = sum(path.stat().st_size for path in runs.PRETRAINED_DIR.rglob("*") if path.is_file())
    print(f"done in {time.perf_counter() - start:.0f} s; assets/pretrained holds {size / 2**20:.2f} MB")


if __name__ == "__main__":
    main()
