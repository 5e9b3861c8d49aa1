"""Who is asking, and whether they are still there: the identity of a browser session for jobs and saved runs.

`token()` is a random id kept in this session's Session State: it owns the session's saved runs and jobs.
(Streamlit's own session id is not used for that: every AppTest shares one, and it is not meant to be
written to disk.) `runtime_id()` is Streamlit's session id, which the server's runtime knows while the
browser tab is connected; `connected(runtime_id)` asks the runtime whether it still is. Streamlit has no hook
for the end of a session, so the job queue asks this every second and cancels the jobs of a session that has
been gone for `limits.JOB_ORPHAN_SECONDS` (see `jobs`).
"""

from __future__ import annotations

import uuid

import streamlit as st
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

_TOKEN = "lv_session_token"


def token() -> str | None:
    """This browser session's token (made on first use); None outside a script run."""
    if get_script_run_ctx() is None:
        return None
    return st.session_state.setdefault(_TOKEN, uuid.uuid4().hex)


def runtime_id() -> str | None:
    """Streamlit's id of this session when a server runtime runs it (`streamlit run`); None otherwise."""
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None and Runtime.exists() else None


def connected(session_id: str | None) -> bool | None:
    """Whether the runtime still has the browser session `session_id` connected; None if it cannot tell
    (no runtime: AppTest, a notebook), in which case the job queue goes by the page's polls instead."""
    if session_id is None or not Runtime.exists():
        return None
    active = Runtime.instance().is_active_session(session_id)
    return active if isinstance(active, bool) else None  # AppTest's stand-in runtime cannot tell
