"""What training costs and how fast an LSTM learns, in one run.

A shared machine's speed drifts by tens of percent within a minute (the same 800 updates took 7.4 s and
11.3 s in one process), so `train()` and the plain loop are measured interleaved: after each of train()'s
updates, its callback makes one update of the plain loop and times it. The two loops then share every moment
of the machine; train()'s seconds are its call's minus the plain updates made inside it.
1. Throughput: updates/s of `training.train` (with an evaluation and a gradient-flow snapshot every 50 steps,
   and those of step 0 and of the last step) against a plain PyTorch loop (nn.LSTM + nn.Linear + Adam, the
   same clipping, the same batches drawn the same way). The median of several repeats. Goal: ratio >= 0.95.
2. Time to learn: an LSTM (64 units, Adam lr 0.01, batch 64, clip 1) on `adding` with T = 100, stopped as soon
   as the held-out MSE (checked every 25 steps) is below 0.01, against the plain loop's seconds for the same
   number of updates. Goal: within 1.1x of the plain loop. Then a tanh RNN of the same size gets the same
   number of steps; it should stay above 0.1.

    .venv/bin/python benchmarks/bench_train.py [--threads 2] [--steps 400] [--repeats 5] [--learn-repeats 3]
"""

import argparse
import statistics
import time

import numpy as np
import torch

from lstm_viz import models, tasks, training

TASK = tasks.get("adding", length=100)
HIDDEN = 64
CONFIG = training.TrainConfig(lr=0.01, batch_size=64, clip=1.0, seed=0, eval_every=50, snapshot_every=50)
TARGET_MSE = 0.01


class PlainLoop:
    """The same updates written directly in PyTorch, one at a time."""

    def __init__(self):
        torch.manual_seed(0)
        self.lstm = torch.nn.LSTM(TASK.input_size, HIDDEN, batch_first=True)
        self.readout = torch.nn.Linear(HIDDEN, TASK.output_size)
        self.params = [*self.lstm.parameters(), *self.readout.parameters()]
        self.optimizer = torch.optim.Adam(self.params, lr=CONFIG.lr)
        self.rng = np.random.default_rng(CONFIG.seed)

    def update(self) -> float:
        """One update; its seconds."""
        start = time.perf_counter()
        batch = TASK.generate(CONFIG.batch_size, self.rng)
        output, _ = self.lstm(batch.x)  # (B, T, H)
        loss = ((self.readout(output[:, -1]) - batch.y) ** 2).mean()
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.params, CONFIG.clip)
        self.optimizer.step()
        return time.perf_counter() - start


def interleaved(config: training.TrainConfig, stop=None) -> tuple[training.History, float, float, int]:
    """(History, train()'s seconds, the plain loop's seconds, updates) with one plain update after each of
    train()'s; `stop(progress)` may end the run as a callback does."""
    model = models.for_task("lstm", TASK, hidden_size=HIDDEN, seed=0)
    plain, spent, updates = PlainLoop(), [0.0], [0]

    def callback(progress) -> bool:
        spent[0] += plain.update()
        updates[0] += 1
        return bool(stop and stop(progress))

    start = time.perf_counter()
    history = training.train(model, TASK, config, callback)
    total = time.perf_counter() - start
    return history, total - spent[0], spent[0], updates[0]


def throughput(steps: int, repeats: int) -> None:
    config = training.TrainConfig(**{**CONFIG.to_dict(), "steps": steps})
    interleaved(training.TrainConfig(**{**CONFIG.to_dict(), "steps": 10}))  # warm-up
    ratios, ours, plain = [], [], []
    for _ in range(repeats):
        _, train_s, plain_s, _ = interleaved(config)
        ours.append(train_s)
        plain.append(plain_s)
        ratios.append(plain_s / train_s)  # train()'s updates/s over the plain loop's
    print(
        f"throughput, LSTM {HIDDEN} units, adding T={TASK.length}, batch {CONFIG.batch_size}, {steps} steps,"
        f" interleaved, {repeats} repeats"
    )
    print(f"  plain PyTorch loop        {steps / statistics.median(plain):7.1f} steps/s (median)")
    print(f"  training.train            {steps / statistics.median(ours):7.1f} steps/s (median; an eval")
    print("                            and a gradient-flow snapshot every 50 steps)")
    print(f"  ratio per repeat          {' '.join(f'{ratio:.3f}' for ratio in ratios)}")
    print(f"  ratio, median             {statistics.median(ratios):7.3f}   (goal >= 0.95)")


def time_to_learn(max_steps: int, repeats: int) -> None:
    """The same seed learns in the same updates every time; the median ratio of several repeats."""
    config = training.TrainConfig(**{**CONFIG.to_dict(), "steps": max_steps, "eval_every": 25})
    print(f"time to learn adding T={TASK.length} (MSE < {TARGET_MSE}; baseline {TASK.baseline_loss:.3f})")
    ratios = []
    for _ in range(repeats):
        history, train_s, plain_s, updates = interleaved(config, lambda p: p.eval_loss < TARGET_MSE)
        mse = history.eval_loss[-1]
        ratios.append(train_s / plain_s)
        verdict = "reached" if mse < TARGET_MSE else "NOT reached"
        print(
            f"  LSTM  {verdict} after {updates} steps: {train_s:4.1f} s,"
            f" plain {plain_s:4.1f} s (MSE {mse:.4f})"
        )
    print(f"  ratio per repeat          {' '.join(f'{ratio:.3f}' for ratio in ratios)}")
    print(f"  ratio, median             {statistics.median(ratios):7.3f}   (goal <= 1.1)")
    rnn_config = training.TrainConfig(**{**config.to_dict(), "steps": updates})
    rnn = models.for_task("rnn", TASK, hidden_size=HIDDEN, seed=0)
    rnn_history = training.train(rnn, TASK, rnn_config)
    rnn_mse = rnn_history.eval_loss[-1]
    above = "stays above" if rnn_mse > 0.1 else "falls BELOW"
    print(
        f"  RNN   after the same {updates} steps ({rnn_history.elapsed:4.1f} s):"
        f" MSE {rnn_mse:.4f}, {above} 0.1"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2, help="torch threads (the goals assume 2 cores)")
    parser.add_argument("--steps", type=int, default=400, help="updates per throughput measurement")
    parser.add_argument("--repeats", type=int, default=5, help="throughput measurements")
    parser.add_argument("--max-steps", type=int, default=3000, help="budget for the LSTM to learn adding")
    parser.add_argument("--learn-repeats", type=int, default=3, help="time-to-learn measurements")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s)")
    throughput(args.steps, args.repeats)
    time_to_learn(args.max_steps, args.learn_repeats)


if __name__ == "__main__":
    main()
