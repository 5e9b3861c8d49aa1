"""Play: the time step moving on by itself, a few steps a second, until Stop or the last step.

A page's time-step control is a fragment (kit.at_time_step, kit.time_step_markers). While the page plays,
that fragment is registered with `run_every=INTERVAL`: the browser reruns the fragment alone every INTERVAL
seconds and each of those runs moves t one step on, so only what the fragment draws travels (Gates: the
marker script; Inside one step: the diagram and the equations). Only a run of the whole page can register
the fragment anew, so starting and stopping ask for one (`st.rerun(scope="app")`) from the fragment's run.

Playing belongs to the page it was started on (another page does not play); Stop, the slider, Previous and
Next stop it, and so does reaching the last step. Nothing of it goes into the URL: a link opens still.
While playing, the browser's rerun requests can carry a slider value it had not yet replaced by the steps
the server took since; such a value (one of the steps this play has shown) is not a move of the user's.
"""

from __future__ import annotations

import time

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from . import state

INTERVAL = 0.3  # seconds between two steps while playing (about 3 steps a second)
_PLAYING = "lv_playing"  # the page script (its hash) that plays, absent when none does
_REGISTERED = "lv_play_registered"  # whether this page's last full run registered the fragment with run_every
_LAST = "lv_play_last"  # time.monotonic() of the last step taken while playing (or of the start)
_SHOWN = "lv_play_shown"  # the steps this play has shown, in order (the last is the current one)


def _page() -> str:
    ctx = get_script_run_ctx()
    return ctx.page_script_hash if ctx is not None else ""


def playing() -> bool:
    """Whether the page on screen is playing."""
    return st.session_state.get(_PLAYING) == _page()


def stop() -> None:
    """Stop playing (a callback of Stop, Previous and Next)."""
    st.session_state.pop(_PLAYING, None)


def slider_moved() -> None:
    """The slider's callback: stop, unless the value is the browser's late echo of a step this play showed
    (then keep the step the play is at)."""
    shown = st.session_state.get(_SHOWN, [])
    if playing() and st.session_state.get(state.widget_key("t")) in shown:
        state.put("t", shown[-1])
    else:
        stop()


def _toggle(length: int) -> None:
    if playing():
        stop()
        return
    key = state.widget_key("t")
    if st.session_state.get(key, state.settings()["t"]) >= length - 1:  # played to the end: from the start
        state.put("t", 0)
    st.session_state[_PLAYING] = _page()
    st.session_state[_LAST] = time.monotonic()
    st.session_state[_SHOWN] = [st.session_state.get(key, state.settings()["t"])]


def run_every() -> float | None:
    """For a full run of the page, before its time-step fragment is registered: INTERVAL while playing."""
    st.session_state[_REGISTERED] = playing()
    return INTERVAL if playing() else None


def advance(length: int) -> None:
    """In the fragment, before the slider is drawn: one step on if playing and INTERVAL / 2 has passed since
    the last (so the run that starts playing, or a second run in the same tick, does not step); stop at the
    last step. Then, when playing no longer matches how the fragment was registered, rerun the whole page."""
    if playing() and time.monotonic() - st.session_state.get(_LAST, 0.0) >= INTERVAL / 2:
        st.session_state[_LAST] = time.monotonic()
        t = st.session_state.get(state.widget_key("t"), state.settings()["t"])
        state.put("t", int(min(t + 1, length - 1)))
        st.session_state[_SHOWN] = [*st.session_state.get(_SHOWN, [])[-4:], t + 1]
        if t + 1 >= length - 1:
            stop()
    if playing() != st.session_state.get(_REGISTERED, False):
        st.rerun(scope="app")


def button(container, s, length: int) -> None:
    """Play / Stop in `container`."""
    label, tip = ("play_stop", "play_stop_help") if playing() else ("play_start", "play_start_help")
    container.button(
        s[label], key="t_play", on_click=_toggle, args=(length,), help=s(tip, rate=round(1 / INTERVAL)),
        width="stretch",
    )  # fmt: skip
