"""How much recording costs: nn.LSTM against run_with_trace, side by side in one run.

For each (batch, time, hidden): a plain nn.LSTM forward vs run_with_trace without a loss (goal <= 1.5x),
and nn.LSTM forward + backward vs run_with_trace with a loss, i.e. with every step's state gradients
(goal <= 1.2x). The shapes: one long sequence, a batch of long ones, a batch of short ones, and a character
model's (16, 1000, 256). Median of several repeats, the four measured in turn within each repeat.

Two tables, one per torch thread count: one thread first, the app's setting (ui/main.py: thirty sessions share
two cores), timed by the process's CPU clock, which the other load of a shared machine does not inflate the
way it stalls two spinning threads; then two threads (a notebook's), by the wall clock. On two threads torch's
fused kernel splits its products over both cores while the recording's own passes (reading the workspace into
fresh arrays, the backward walk's per-step kernels) run on one, so the ratios there are higher.
`--threads N` measures one of them only.
"""

import argparse
import statistics
import time

import torch

from lstm_viz.models import Recurrent

SHAPES = [(1, 1000, 256), (32, 500, 128), (64, 100, 64), (16, 1000, 256)]
HEADER = ("B,T,H", "fwd ms", "trace ms", "ratio", "fwd+bwd ms", "trace+grad ms", "ratio")


def median_ms(fns, repeats, clock=time.perf_counter):
    """Median milliseconds of each function, run in turn within every repeat (after one warm-up round), so
    that a load which comes and goes on a shared machine weighs on all of them alike."""
    times = [[] for _ in fns]
    for repeat in range(repeats + 1):
        for fn, fn_times in zip(fns, times, strict=True):
            start = clock()
            fn()
            if repeat:
                fn_times.append(clock() - start)
    return [statistics.median(fn_times) * 1e3 for fn_times in times]


def measure(batch, length, hidden, repeats, clock=time.perf_counter):
    """(forward, trace, forward+backward, trace with gradients) in milliseconds for one shape."""
    torch.manual_seed(0)
    lstm = torch.nn.LSTM(hidden, hidden, batch_first=True)
    core = Recurrent.from_torch(lstm)
    x = torch.randn(batch, length, hidden)
    weight = torch.randn(batch, length, hidden)

    def loss_fn(output):
        return (output * weight).sum()

    def plain_forward():
        with torch.no_grad():
            lstm(x)

    def plain_backward():
        output, _ = lstm(x.clone().requires_grad_(True))
        loss_fn(output).backward()

    return median_ms(
        [
            plain_forward,
            lambda: core.run_with_trace(x),
            plain_backward,
            lambda: core.run_with_trace(x, loss_fn=loss_fn),
        ],
        repeats,
        clock,
    )


def main(repeats: int = 7) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, choices=(1, 2), help="one table only (default: both)")
    chosen = parser.parse_args().threads
    for threads in (chosen,) if chosen else (1, 2):
        table(threads, repeats)


def table(threads: int, repeats: int) -> None:
    torch.set_num_threads(threads)
    clock = time.process_time if threads == 1 else time.perf_counter
    print(f"torch threads: {threads}, clock: {clock.__name__}")
    print("{:>12} | {:>8} {:>9} {:>6} | {:>10} {:>13} {:>6}".format(*HEADER))
    for shape in SHAPES:
        forward, trace, backward, trace_grads = measure(*shape, repeats, clock)
        print(
            f"{','.join(map(str, shape)):>12} | {forward:8.1f} {trace:9.1f} {trace / forward:6.2f} |"
            f" {backward:10.1f} {trace_grads:13.1f} {trace_grads / backward:6.2f}"
        )


if __name__ == "__main__":
    main()
