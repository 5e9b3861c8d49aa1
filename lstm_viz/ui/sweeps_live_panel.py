"""The Sweeps page's "Run a small sweep here" panel: the form, its cost and refusals, Run and Stop, the
progress while the sweep waits or runs (a fragment that polls the job), and how the sweep ended.

The sweep itself is `sweeps_live`; when it ends, the page switches its database to "this session's sweep"
once (`show_finished_sweep`) so the runs just trained are on screen.
"""

from __future__ import annotations

import streamlit as st

from lstm_viz import limits, sweeps
from lstm_viz.engine.kinds import KIND_NAMES

from . import job_report, jobs, sweeps_folders, sweeps_live
from .strings import Strings

_FORM = {  # widget key -> (options, default); not URL settings: a sweep runs once, a link shows its results
    "swp_live_tasks": (sweeps_live.LIVE_TASKS, ("adding",)),
    "swp_live_kinds": (KIND_NAMES, KIND_NAMES),
    "swp_live_lags": (sweeps_live.LIVE_LAGS, (10, 50)),
    "swp_live_seeds": (sweeps_live.LIVE_SEEDS, (0, 1)),
}


def show_finished_sweep(source_key: str) -> None:
    """Before the page draws its database choice: a sweep that has just ended is shown (once)."""
    sweep = sweeps_live.current()
    if sweep is not None and sweep.finished and not sweep.announced:
        sweep.announced = True
        if sweeps_folders.session_database() is not None:
            st.session_state[source_key] = "live"


def _settings(s: Strings) -> sweeps_live.LiveSettings:
    names = {kind: s[f"kind_{kind}"] for kind in KIND_NAMES}
    first, second = st.columns(2)
    chosen = {}
    for (key, (options, default)), column in zip(_FORM.items(), (first, first, second, second), strict=True):
        if key == "swp_live_tasks":
            label = lambda v: s[f"task_{v}"]  # noqa: E731
        elif key == "swp_live_kinds":
            label = names.__getitem__
        else:
            label = str
        chosen[key] = column.multiselect(
            s[key], options=list(options), default=list(default), key=key, format_func=label
        )
    steps = st.slider(
        s["swp_live_steps"], min_value=20, max_value=limits.SWEEPS_PAGE_LIVE_MAX_STEPS, value=100, step=20,
        key="swp_live_steps",
    )  # fmt: skip
    return sweeps_live.LiveSettings(
        tuple(chosen["swp_live_tasks"]), tuple(chosen["swp_live_kinds"]),
        tuple(sorted(chosen["swp_live_lags"])), tuple(sorted(chosen["swp_live_seeds"])), int(steps),
    )  # fmt: skip


def draw(s: Strings) -> None:
    """The panel; see the module docstring."""
    sweep = sweeps_live.current()
    running = sweep is not None and not sweep.finished
    with st.expander(s["swp_live_header"], expanded=sweep is not None, icon=":material/science:"):
        st.markdown(
            s(
                "swp_live_intro", runs=limits.SWEEPS_PAGE_LIVE_MAX_RUNS,
                steps=limits.SWEEPS_PAGE_LIVE_MAX_STEPS, hidden=sweeps_live.LIVE_HIDDEN,
                seconds=int(limits.SWEEPS_PAGE_LIVE_TIME_LIMIT),
            )
        )  # fmt: skip
        settings = _settings(s)
        found = sweeps_live.problems(settings)
        if not settings.empty:
            runs = (
                len(settings.tasks) * len(settings.architectures) * len(settings.lags) * len(settings.seeds)
            )
            text = s("swp_live_count", runs=runs, limit=limits.SWEEPS_PAGE_LIVE_MAX_RUNS)
            if not found:
                cost = sweeps_live.estimate(sweeps.expand(settings.spec()))
                text += " " + job_report.estimate_text(s, cost.seconds, cost.macs)
            st.caption(text)
        for key, fields in found:
            st.error(s.notice(key, fields), icon=":material/error:")
        run_col, stop_col, _ = st.columns([2, 1, 3])
        if run_col.button(
            s["swp_live_run"], key="swp_live_run", icon=":material/play_arrow:", type="primary",
            disabled=running or bool(found),
        ):  # fmt: skip
            sweeps_live.launch(settings)
            st.rerun()  # the page draws the sweep from the top: its progress, or (run at once) its result
        if stop_col.button(
            s["swp_live_stop"], key="swp_live_stop", icon=":material/stop:", disabled=not running
        ):
            sweep.job.stop("user")
        _progress(s, running)
        if sweep is not None and sweep.finished:
            _ending(s, sweep)


def _progress(s: Strings, running: bool) -> None:
    @st.fragment(run_every=jobs.POLL_SECONDS if running else None)
    def progress() -> None:
        """This session's sweep while it waits or runs: its place in the queue, then runs done of total."""
        sweep = sweeps_live.current()
        if sweep is None or sweep.announced or sweep.finished:
            if sweep is not None and sweep.finished and not sweep.announced:
                st.rerun(scope="app")  # draw the result
            return
        job = sweep.job
        if job.status == "queued":
            st.progress(0.0, text=job_report.progress_text(s, job))
        else:
            fields = sweep.progress()
            text = s("swp_live_progress", **fields) if fields["done"] else s("swp_live_starting", **fields)
            st.progress(job.fraction, text=text)

    progress()


def _ending(s: Strings, sweep: sweeps_live.LiveSweep) -> None:
    """How the sweep ended, in words."""
    job, outcome = sweep.job, sweep.outcome
    if job.status == "failed":
        st.error(s.notice("swp_live_failed", {"error": job.error or ""}), icon=":material/error:")
        return
    if job.stop_reason is not None:
        done = sweep.progress()["done"]
        seconds = int(limits.SWEEPS_PAGE_LIVE_TIME_LIMIT)
        st.warning(
            s(f"swp_live_stopped_{job.stop_reason}", done=done, seconds=seconds), icon=":material/timer:"
        )
    elif outcome is not None:
        st.success(
            s(
                "swp_live_done", done=outcome.done, skipped=outcome.skipped, failed=outcome.failed,
                seconds=job_report.seconds_text(outcome.seconds),
            ),
            icon=":material/check_circle:",
        )  # fmt: skip
        st.caption(s["swp_live_shown"])
