"""How well the job budget's cost model (lstm_viz/ui/job_budget.py) predicts real trainings on this machine.

Times the 14 trainings the constants were fitted to (one torch thread, as the app trains) and prints, for
each, the measured seconds, the estimate and their ratio; then the least-squares constants this machine
would give, for when the app moves to a faster or slower server. A ratio near 1 means the budget, the
refusals and the queue's expected waits are right here. Takes about a minute.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lstm_viz import training  # noqa: E402
from lstm_viz.engine.kinds import KIND_NAMES  # noqa: E402
from lstm_viz.ui import job_budget  # noqa: E402
from lstm_viz.ui.training_job import JobSettings  # noqa: E402

CASES = [  # kind, hidden, batch, length, steps
    ("lstm", 32, 32, 100, 300), ("rnn", 32, 32, 100, 300), ("gru", 32, 32, 100, 300),
    ("lstm", 128, 64, 100, 100), ("lstm", 256, 256, 100, 10), ("lstm", 8, 16, 20, 300),
    ("lstm", 32, 32, 500, 60), ("lstm", 64, 128, 200, 40), ("rnn", 256, 256, 200, 10),
    ("gru", 64, 32, 50, 200), ("rnn", 8, 8, 300, 100), ("lstm", 16, 8, 50, 600),
    ("gru", 128, 128, 100, 30), ("rnn", 64, 64, 100, 200),
]  # fmt: skip


def features(settings: JobSettings) -> list[float]:
    """(multiply-adds, updates, time steps in sequence per kind): what the cost model weighs."""
    kind, config, task = settings.kinds[0], settings.config(), settings.task()
    estimate = job_budget.run_estimate(kind, settings.hidden, task.input_size, task.length, config)
    measured = job_budget.times_measured(config.steps, config.eval_every) + job_budget.times_measured(
        config.steps, config.snapshot_every
    )
    in_sequence = task.length * (config.steps + measured)
    return [estimate.macs, config.steps, *(in_sequence * (kind == name) for name in KIND_NAMES)]


def main() -> None:
    torch.set_num_threads(1)
    rows, seconds = [], []
    print(f"{'case':<32} {'measured s':>10} {'estimate s':>10} {'ratio':>6}")
    for kind, hidden, batch, length, steps in CASES:
        settings = JobSettings("adding", length, (kind,), hidden, batch, steps, 0.01, "adam", 1.0, "default",
                               1.0, None, 0)  # fmt: skip
        model = training.for_task(kind, settings.task(), hidden_size=hidden, seed=0)
        start = time.perf_counter()
        training.train(model, settings.task(), settings.config())
        took = time.perf_counter() - start
        estimate = settings.estimate().seconds
        rows.append(features(settings))
        seconds.append(took)
        case = f"{kind} H{hidden} B{batch} T{length} x{steps}"
        print(f"{case:<32} {took:>10.2f} {estimate:>10.2f} {estimate / took:>6.2f}")
    x, y = np.array(rows), np.array(seconds)
    fitted, *_ = np.linalg.lstsq(x / y[:, None], np.ones_like(y), rcond=None)  # least relative error
    names = ["SECONDS_PER_MAC", "SECONDS_PER_UPDATE", *(f"SECONDS_PER_TIME_STEP[{k!r}]" for k in KIND_NAMES)]
    print("\nconstants fitted on this machine:")
    for name, value in zip(names, fitted, strict=True):
        print(f"  {name} = {value:.3g}")


if __name__ == "__main__":
    main()
