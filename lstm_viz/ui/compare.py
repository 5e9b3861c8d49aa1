"""The same view for the RNN, the GRU and the LSTM, for the pages that put the three side by side.

A pretrained or fresh source gives every architecture its own pretrained (or fresh) model. A saved run gives
its own architecture, and for the others the runs the Train page trained beside it (named like it, with the
other architecture at the end); an architecture without such a run falls back to a fresh model, with a notice.
An uploaded model ("own") gives its own architecture; the two others are fresh, with a notice.
"""

from __future__ import annotations

from lstm_viz.engine.kinds import KIND_NAMES

from . import engine_cache as cache
from . import sequence_edit, state
from .context import Context, resolve


def run_name(prefix: str, kind: str) -> str:
    """The name the Train page gives the run of one architecture of a side-by-side training."""
    return f"{prefix}-{kind}"


def sibling(name: str, kind: str, other: str) -> str | None:
    """The name of the run of architecture `other` trained beside run `name` (of `kind`), if names say so."""
    prefix, _, last = name.rpartition("-")
    return run_name(prefix, other) if prefix and last == kind else None


def three(ctx: Context) -> list[Context]:
    """One Context per architecture (rnn, gru, lstm) for the view `ctx`; fallbacks leave notices."""
    views = []
    for kind in KIND_NAMES:
        if ctx.source in ("saved", "own") and kind == ctx.kind:
            views.append(ctx)
            continue
        name = sibling(ctx.run_name, ctx.kind, kind) if ctx.source == "saved" else None
        if name is not None and name in cache.saved_run_names():
            view, notes = resolve(
                lang=ctx.lang, source="saved", run=name, kind=kind, variant="standard", act="tanh",
                task=ctx.task_name, length=ctx.length, hidden=ctx.hidden, layers=ctx.layers,
                bidir=ctx.bidirectional, seed=ctx.seed, sample=ctx.sample,
                edits=sequence_edit.as_request(ctx.edit),
            )  # fmt: skip
        else:
            view, notes = ctx.with_kind(kind)
            if ctx.source == "saved":
                notes = [*notes, ("notice_no_sibling", {"kind": kind, "run": ctx.run_name})]
            if ctx.source == "own":
                notes = [*notes, ("notice_own_beside", {"kind": kind, "seed": ctx.seed})]
        for key, kwargs in notes:
            state.notify(key, **kwargs)
        views.append(view)
    return views
