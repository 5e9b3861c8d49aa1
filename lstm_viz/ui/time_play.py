"""Play: the time step moving on by itself, a few steps a second, until Stop or the last step.

The time-step control of a page is a fragment (kit.at_time_step, kit.time_step_markers), so a step reruns
that fragment alone and only what it draws travels (Gates: the marker script; Inside one step: the diagram
and the equations). While the page plays, each run of the fragment also sends a small script holding one
step number: once the browser has finished showing that run, and INTERVAL seconds after it started, the
script presses the fragment's hidden Tick button, whose callback takes one step. So the next step is asked
for only when the last one is on screen: a busy server slows the play down instead of piling up requests
(Streamlit's `run_every` timer fires regardless, and each firing interrupts the run in progress).

Stop, the slider, Previous and Next stop playing, and so does the last step; a run without the script (Stop,
another page) leaves nothing behind to press. Playing belongs to the page it was started on, and nothing
of it goes into the URL: a link opens still.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from . import state

INTERVAL = 0.3  # seconds from one step to the next while playing (about 3 steps a second)
_PLAYING = "lv_playing"  # the page script (its hash) that plays, absent when none does
TICK_KEY = "t_tick"

_STYLE = (  # hidden with its wrapper, so that it takes no gap under Play / Stop either
    "<style>[data-testid='stLayoutWrapper']:has(> .st-key-t_tick_box), .st-key-t_tick_box"
    " { display: none; }</style>"
)
_SCRIPT = """<span id="lv-play-%(step)d"></span><script>(() => {
  const mine = () => document.getElementById('lv-play-%(step)d');
  const started = Date.now();
  const idle = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app && app.getAttribute('data-test-script-state') !== 'running';
  };
  const tick = () => {
    if (!mine()) return;  // Stop, another page, or the next step's script took over
    if (!idle() || Date.now() - started < %(ms)d) { setTimeout(tick, 40); return; }
    const button = document.querySelector('.st-key-%(key)s button');
    mine().remove();
    if (button) button.click();
  };
  setTimeout(tick, 40);
})();</script>"""


def _page() -> str:
    ctx = get_script_run_ctx()
    return ctx.page_script_hash if ctx is not None else ""


def playing() -> bool:
    """Whether the page on screen is playing."""
    return st.session_state.get(_PLAYING) == _page()


def stop() -> None:
    """Stop playing (the callback of Stop, the slider, Previous and Next)."""
    st.session_state.pop(_PLAYING, None)


def _current() -> int:
    return st.session_state.get(state.widget_key("t"), state.settings()["t"])


def _toggle(length: int) -> None:
    if playing():
        stop()
        return
    if _current() >= length - 1:  # played to the end: again from the first step
        state.put("t", 0)
    st.session_state[_PLAYING] = _page()


def _tick(length: int) -> None:
    """One step on while playing; the last step stops."""
    if not playing():
        return
    t = min(_current() + 1, length - 1)
    state.put("t", t)
    if t >= length - 1:
        stop()


def controls(container, s, length: int) -> None:
    """Play / Stop in `container`, the hidden Tick button, and (while playing) the script that presses it."""
    label, tip = ("play_stop", "play_stop_help") if playing() else ("play_start", "play_start_help")
    container.button(
        s[label], key="t_play", on_click=_toggle, args=(length,), help=s(tip, rate=round(1 / INTERVAL)),
        width="stretch",
    )  # fmt: skip
    with container.container(key="t_tick_box"):
        st.html(_STYLE)
        st.button("tick", key=TICK_KEY, on_click=_tick, args=(length,))
        if playing():
            script = _SCRIPT % {"step": _current(), "ms": int(INTERVAL * 1000), "key": TICK_KEY}
            st.html(script, unsafe_allow_javascript=True)
