"""`lstm-viz sweep`: run a sweep spec on Dask with a progress bar, or print the summary of a sweep database.

    lstm-viz sweep SPEC.toml [--scheduler tcp://HOST:8786] [--db PATH] [--workers N | --inline]
    lstm-viz sweep --show PATH

The database defaults to the spec's path with the suffix .sqlite. Running the same command again trains
only the runs the database lacks. The progress bar (runs done, estimated time left, failures) goes to
stderr; the counts and the summary table to stdout. Exit status: 0, 1 if a run failed, 2 for a bad spec or
database, 130 when interrupted by Ctrl-C or SIGTERM (what finished is kept). This module never imports
Streamlit: the `lstm-viz` launcher hands `sweep` over to it before anything else is imported.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from .runner import run_sweep
from .spec import SweepSpec, expand
from .store import open_read_only
from .summary import format_table, summarise

BAR_WIDTH = 30


class ProgressBar:
    """`on_progress` for run_sweep: one line redrawn in place on a terminal, one line per run elsewhere."""

    def __init__(self, stream=None):
        self.stream = stream if stream is not None else sys.stderr
        self.in_place = self.stream.isatty()

    def __call__(self, done: int, total: int, failed: int, eta: float | None) -> None:
        filled = BAR_WIDTH * done // total if total else BAR_WIDTH
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        text = f"[{bar}] {done}/{total} runs  ETA {duration(eta)}  failed {failed}"
        self.stream.write(f"\r{text}" if self.in_place else f"{text}\n")
        self.stream.flush()

    def close(self) -> None:
        if self.in_place:
            self.stream.write("\n")


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes}m{seconds:02d}s" if minutes < 60 else f"{minutes // 60}h{minutes % 60:02d}m"


def parser() -> argparse.ArgumentParser:
    parse = argparse.ArgumentParser(
        prog="lstm-viz sweep",
        description="Train every run of a sweep spec on Dask and store the results in a SQLite database.",
    )
    parse.add_argument("spec", nargs="?", help="the sweep spec (TOML with a [sweep] table)")
    parse.add_argument("--show", metavar="PATH", help="print the summary of a sweep database and stop")
    parse.add_argument("--db", metavar="PATH", help="the database (default: the spec's path with .sqlite)")
    parse.add_argument("--scheduler", metavar="ADDR", help="a Dask scheduler, e.g. tcp://10.0.0.5:8786")
    parse.add_argument("--workers", type=int, help="worker processes of the local cluster (default: cores)")
    parse.add_argument("--inline", action="store_true", help="train one run after another in this process")
    return parse


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.show:
        return show(args.show)
    if not args.spec:
        parser().print_usage(sys.stderr)
        print("lstm-viz sweep: give a spec file, or --show PATH", file=sys.stderr)
        return 2
    if args.inline and (args.scheduler or args.workers):
        print("lstm-viz sweep: --inline trains here; leave out --scheduler and --workers", file=sys.stderr)
        return 2
    db = Path(args.db) if args.db else Path(args.spec).with_suffix(".sqlite")
    signal.signal(signal.SIGTERM, _interrupt)  # `kill PID` stops like Ctrl-C: the database is closed cleanly
    try:
        spec = SweepSpec.from_toml(Path(args.spec))
        runs = expand(spec)
        bar = ProgressBar()
        try:
            outcome = run_sweep(
                spec, db, scheduler=args.scheduler, inline=args.inline, workers=args.workers, on_progress=bar
            )
        finally:
            bar.close()
        with open_read_only(db) as store:
            rows = store.rows()
    except ValueError as error:
        print(f"lstm-viz sweep: {error}", file=sys.stderr)
        return 2
    except (OSError, TimeoutError) as error:  # no scheduler at that address, or it does not answer
        print(f"lstm-viz sweep: Dask did not answer: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"\ninterrupted: the finished runs are in {db}; run the same command to train the rest")
        return 130
    ids = {run.id for run in runs}
    print(format_table(summarise(row for row in rows if row["id"] in ids)))
    print(
        f"trained {outcome.done} runs, {outcome.skipped} were already in {db}, {outcome.failed} failed; "
        f"{outcome.total} runs in the spec; {outcome.seconds:.1f} s"
    )
    return 1 if outcome.failed else 0


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def show(path) -> int:
    """Print the summary table of a sweep database."""
    try:
        with open_read_only(path) as store:
            rows = store.rows()
    except ValueError as error:
        print(f"lstm-viz sweep: {error}", file=sys.stderr)
        return 2
    failed = sum(row["error"] is not None for row in rows)
    print(format_table(summarise(rows)))
    print(f"{len(rows)} runs in {path} ({failed} failed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
