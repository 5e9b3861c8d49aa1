"""What training costs and how fast an LSTM learns, in one run.

A shared machine's speed drifts by tens of percent within a minute, so both figures come from pairs of runs
made back to back, in alternating order, and are the median of the pairs' ratios (each pair's is printed).
1. Throughput: steps/s of `training.train` (with an evaluation and a gradient-flow snapshot every 50 steps)
   against a plain PyTorch loop (nn.LSTM + nn.Linear + Adam, the same clipping, the same batches drawn the
   same way). Goal: ratio >= 0.95.
2. Time to learn: an LSTM (64 units, Adam lr 0.01, batch 64, clip 1) on `adding` with T = 100, stopped as soon
   as the held-out MSE (checked every 25 steps) is below 0.01, against the plain loop's seconds for the same
   number of steps. Goal: within 1.1x of the plain loop. Then a tanh RNN of the same size gets the same number
   of steps; it should stay above 0.1.

    .venv/bin/python benchmarks/bench_train.py [--threads 2] [--steps 400] [--repeats 9] [--learn-pairs 3]
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


def time_train(steps: int) -> float:
    """Seconds for one call of training.train, everything included."""
    model = models.for_task("lstm", TASK, hidden_size=HIDDEN, seed=0)
    config = training.TrainConfig(**{**CONFIG.to_dict(), "steps": steps})
    start = time.perf_counter()
    training.train(model, TASK, config)
    return time.perf_counter() - start


def time_plain(steps: int) -> float:
    """Seconds for the same number of updates written directly in PyTorch."""
    torch.manual_seed(0)
    lstm = torch.nn.LSTM(TASK.input_size, HIDDEN, batch_first=True)
    readout = torch.nn.Linear(HIDDEN, TASK.output_size)
    params = [*lstm.parameters(), *readout.parameters()]
    optimizer = torch.optim.Adam(params, lr=CONFIG.lr)
    rng = np.random.default_rng(CONFIG.seed)
    start = time.perf_counter()
    for _ in range(steps):
        batch = TASK.generate(CONFIG.batch_size, rng)
        output, _ = lstm(batch.x)  # (B, T, H)
        loss = ((readout(output[:, -1]) - batch.y) ** 2).mean()
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, CONFIG.clip)
        optimizer.step()
    return time.perf_counter() - start


def throughput(steps: int, repeats: int) -> None:
    """Pairs measured back to back, the order alternating from pair to pair; the median of the pairs' ratios
    (a best-of-n over separate runs takes the machine's drift for a difference between the loops)."""
    time_train(10), time_plain(10)  # warm-up
    ratios, ours, plain = [], [], []
    for pair in range(repeats):
        if pair % 2:
            plain.append(time_plain(steps))
            ours.append(time_train(steps))
        else:
            ours.append(time_train(steps))
            plain.append(time_plain(steps))
        ratios.append(plain[-1] / ours[-1])  # train()'s steps/s over the plain loop's
    print(
        f"throughput, LSTM {HIDDEN} units, adding T={TASK.length}, batch {CONFIG.batch_size}, {steps} steps,"
        f" {repeats} pairs"
    )
    print(f"  plain PyTorch loop        {steps / statistics.median(plain):7.1f} steps/s (median)")
    print(f"  training.train            {steps / statistics.median(ours):7.1f} steps/s (median; an eval")
    print("                            and a gradient-flow snapshot every 50 steps)")
    print(f"  ratio per pair            {' '.join(f'{ratio:.3f}' for ratio in ratios)}")
    print(f"  ratio, median of pairs    {statistics.median(ratios):7.3f}   (goal >= 0.95)")


def learn(max_steps: int) -> training.History:
    """An LSTM trained until its held-out MSE (every 25 steps) is below TARGET_MSE, or max_steps."""
    config = training.TrainConfig(**{**CONFIG.to_dict(), "steps": max_steps, "eval_every": 25})
    lstm = models.for_task("lstm", TASK, hidden_size=HIDDEN, seed=0)
    return training.train(lstm, TASK, config, lambda progress: progress.eval_loss < TARGET_MSE)


def time_to_learn(max_steps: int, pairs: int) -> None:
    """The same seed learns in the same steps every time: pairs (learning, the plain loop for as many steps)
    back to back in alternating order, and the median of their ratios."""
    print(f"time to learn adding T={TASK.length} (MSE < {TARGET_MSE}; baseline {TASK.baseline_loss:.3f})")
    ratios, history = [], None
    for pair in range(pairs):
        plain = time_plain(history.eval_steps[-1]) if pair % 2 else None
        history = learn(max_steps)
        steps, seconds, mse = history.eval_steps[-1], history.elapsed, history.eval_loss[-1]
        plain = plain if plain is not None else time_plain(steps)
        ratios.append(seconds / plain)
        verdict = "reached" if mse < TARGET_MSE else "NOT reached"
        print(
            f"  LSTM  {verdict} after {steps} steps, {seconds:5.1f} s (MSE {mse:.4f}); plain {plain:5.1f} s"
        )
    print(f"  ratio per pair            {' '.join(f'{ratio:.3f}' for ratio in ratios)}")
    print(f"  ratio, median of pairs    {statistics.median(ratios):7.3f}   (goal <= 1.1)")
    rnn_config = training.TrainConfig(**{**CONFIG.to_dict(), "steps": steps, "eval_every": 25})
    rnn = models.for_task("rnn", TASK, hidden_size=HIDDEN, seed=0)
    rnn_history = training.train(rnn, TASK, rnn_config)
    rnn_mse = rnn_history.eval_loss[-1]
    above = "stays above" if rnn_mse > 0.1 else "falls BELOW"
    print(
        f"  RNN   after the same {steps} steps, {rnn_history.elapsed:5.1f} s: MSE {rnn_mse:.4f} ({above} 0.1)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2, help="torch threads (the goals assume 2 cores)")
    parser.add_argument("--steps", type=int, default=400, help="updates per throughput measurement")
    parser.add_argument("--repeats", type=int, default=9, help="pairs of runs (train, plain), back to back")
    parser.add_argument("--max-steps", type=int, default=3000, help="budget for the LSTM to learn adding")
    parser.add_argument("--learn-pairs", type=int, default=3, help="pairs of (learning, plain loop) runs")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s)")
    throughput(args.steps, args.repeats)
    time_to_learn(args.max_steps, args.learn_pairs)


if __name__ == "__main__":
    main()
