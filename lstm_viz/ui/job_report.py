"""What the pages say about a job: its cost before it starts, its place in the server's queue, how it ended.

The Train page and the live lag sweep show a job's estimate and its place in the queue the same way
(`estimate_text`, `queue_text`). `training_notes` puts the end of a training into words: who or what
stopped it after how many of how many steps of which architecture, which architectures were not trained,
which runs were saved as partial, which were not saved and why.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from lstm_viz import limits

from . import jobs
from .strings import Strings

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def scientific(value: float) -> str:
    """A large count as "6.1 × 10¹⁴" (below 10,000 as a plain number)."""
    if value < 1e4:
        return f"{value:,.0f}"
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"


def minutes_text(seconds: float) -> str:
    """Seconds as a number of minutes: "442" for 26,512 s, "2.5" for 150 s, "2" for 120 s."""
    minutes = seconds / 60
    if minutes >= 10:
        return f"{minutes:,.0f}"
    return f"{minutes:.1f}".removesuffix(".0")


def seconds_text(seconds: float) -> str:
    return f"{seconds:,.0f}" if math.isfinite(seconds) else "—"


def estimate_text(s: Strings, seconds: float, macs: float) -> str:
    """The cost of a job before it starts, beside the budget one job may use."""
    return s(
        "job_estimate",
        seconds=seconds_text(max(seconds, 1.0)),
        macs=scientific(macs),
        limit=seconds_text(limits.JOB_WORK_SECONDS),
    )


def budget_words(estimate) -> dict:
    """The arguments of a message refusing a job over budget: its cost (job_budget.Estimate), the limit."""
    return {
        "minutes": minutes_text(estimate.seconds),
        "macs": scientific(estimate.macs),
        "limit": minutes_text(limits.JOB_WORK_SECONDS),
    }


def queue_text(s: Strings, place: int, wait: float) -> str:
    """A queued job's place in line (1: it starts next) and the expected wait."""
    return s("job_queued", place=place, wait=seconds_text(wait))


def progress_text(s: Strings, job: jobs.Job) -> str:
    """The text of a job's progress bar: its place in the queue while it waits, then how far it is."""
    if job.status == "queued":
        return queue_text(s, *jobs.QUEUE.place(job))
    return s("job_progress", percent=int(100 * job.fraction), eta=seconds_text(job.remaining()))


def training_notes(view, s: Strings, names: Mapping[str, str]) -> list[str]:
    """Sentences on how a finished training (a training_job.JobView) ended, beyond "finished"; run names and
    reasons are shown as literal text (`Strings.notice`)."""
    notes = []
    reason = view.stop_reason
    for outcome in view.outcomes:
        words = {"arch": names[outcome.kind], "done": outcome.steps, "planned": outcome.planned}
        if outcome.stopped is not None and outcome.stopped.startswith("nan"):
            notes.append(s.notice("tr_end_nan", {"detail": outcome.stopped.partition(": ")[2], **words}))
        elif outcome.partial and reason is not None:
            notes.append(s(f"tr_end_{reason}", seconds=seconds_text(limits.TRAIN_TIME_LIMIT), **words))
        if outcome.unsaved is not None:
            fields = {"high": limits.RUNS_MAX_TOTAL, "detail": outcome.detail, **words}
            notes.append(s.notice(f"tr_unsaved_{outcome.unsaved}", fields))
    if reason is not None and not view.outcomes:
        notes.append(s(f"tr_end_unstarted_{'session' if reason == 'session' else 'user'}"))
    if view.untrained:
        notes.append(s("tr_not_trained", archs=", ".join(names[kind] for kind in view.untrained)))
    partial = [outcome.saved for outcome in view.outcomes if outcome.saved and outcome.partial]
    if partial:
        notes.append(s.notice("tr_saved_partial", {"names": ", ".join(partial)}))
    return notes
