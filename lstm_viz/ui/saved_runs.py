"""Whose saved runs a session sees, the quotas on saving, and how the sidebar names a saved run.

A run the Train page saves belongs to the session that trained it: the job writes SHARING_FILE,
{"owner": <the session's token>, "shared": true | false}, into the run's folder, and a session sees its own
runs and the shared ones. A run without that file (saved from a notebook, copied in by hand) is the
server's, and every session sees it, like the pretrained runs. The file is never trusted for more than
that: a marker that does not read hides the run from everyone.

A session may save `limits.RUNS_MAX_PER_SESSION` runs and the folder may hold `limits.RUNS_MAX_TOTAL`; the
Train page refuses a training that would pass either before it starts, and its job checks the total again
before each save.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from lstm_viz import limits
from lstm_viz.training.runs import RunSummary

from .strings import Strings

SHARING_FILE = "sharing.json"


@dataclass(frozen=True)
class Listed:
    """One run of the runs folder as the app lists it."""

    summary: RunSummary | None  # None when its config or history does not read (listed, to say why)
    owner: str | None  # the token of the session that saved it; None for a run that is the server's
    shared: bool

    def visible_to(self, token: str | None) -> bool:
        return self.owner is None or self.shared or (token is not None and self.owner == token)


def read_sharing(folder: Path) -> tuple[str | None, bool]:
    """(owner, shared) from a run folder's SHARING_FILE: (None, True) without one, ("", False) if it does
    not read (a run nobody sees)."""
    path = Path(folder) / SHARING_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError):  # no marker: the server's run
        return None, True
    except (OSError, ValueError):
        return "", False
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("owner"), str)
        or not isinstance(data.get("shared"), bool)
    ):
        return "", False
    return data["owner"], data["shared"]


def write_sharing(folder: Path, owner: str, shared: bool) -> None:
    """Mark the run in `folder` as saved by the session `owner`, shared with every session or not."""
    folder = Path(folder)
    temp = folder / f".{SHARING_FILE}.tmp"
    temp.write_text(json.dumps({"owner": owner, "shared": shared}), encoding="utf-8")
    os.replace(temp, folder / SHARING_FILE)


def counts(listing: Mapping[str, Listed], token: str | None) -> tuple[int, int]:
    """(runs saved by the session `token`, runs in the folder)."""
    return sum(1 for entry in listing.values() if token is not None and entry.owner == token), len(listing)


def quota_problems(listing: Mapping[str, Listed], token: str | None, adding: int) -> list[tuple[str, dict]]:
    """Why saving `adding` more runs for session `token` would pass a quota, as (strings key, arguments)."""
    own, total = counts(listing, token)
    found = []
    if own + adding > limits.RUNS_MAX_PER_SESSION:
        found.append(
            ("tr_err_quota_session", {"own": own, "adding": adding, "high": limits.RUNS_MAX_PER_SESSION})
        )
    if total + adding > limits.RUNS_MAX_TOTAL:
        found.append(
            ("tr_err_quota_total", {"total": total, "adding": adding, "high": limits.RUNS_MAX_TOTAL})
        )
    return found


def label(name: str, entry: Listed | None, s: Strings) -> str:
    """How the sidebar names a saved run: architecture first, then its steps (marked partial if it stopped
    early), its final held-out metric, then the name (cut off first in a narrow sidebar)."""
    summary = entry.summary if entry is not None else None
    if summary is None:
        return name
    known = summary.final_metric is not None and summary.metric_name in ("accuracy", "mse")
    metric = s(f"sb_run_metric_{summary.metric_name}", value=_metric_text(summary)) if known else "—"
    words = {"arch": s[f"kind_{summary.kind}"], "metric": metric, "name": name}
    if summary.imported:  # a checkpoint saved as a run: not trained here
        return s("sb_run_label_imported", **words)
    if summary.partial:
        return s("sb_run_label_partial", done=summary.steps, planned=summary.planned_steps, **words)
    return s("sb_run_label", steps=summary.steps, **words)


def _metric_text(summary: RunSummary) -> str:
    if summary.metric_name == "accuracy":
        return f"{100 * summary.final_metric:.1f}%"
    return f"{summary.final_metric:.3g}"
