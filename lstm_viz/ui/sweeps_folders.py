"""A temporary folder per browser session for its live-sweep database, removed when the session ends.

Streamlit has no hook for the end of a session (see `sessions`), so a folder goes in whichever of these
comes first:

- the session's browser tab has been disconnected for `GONE_SECONDS` (longer than the two minutes in which
  Streamlit lets a tab reconnect to the same session) and no sweep is writing into the folder: a watchdog
  thread asks the runtime every `WATCH_SECONDS` (`sessions.connected`), as the job queue does for jobs;
- the `SessionFolder` object is collected, which happens when Streamlit drops the session's state and no
  job holds the folder any more (`weakref.finalize`), and the only way where no runtime can tell (AppTest,
  a notebook);
- the server process ends (`weakref.finalize` runs at exit).
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
import weakref
from pathlib import Path

import streamlit as st

from . import sessions

GONE_SECONDS = 180.0  # a session whose tab has been gone this long has ended (Streamlit keeps it for 120 s)
WATCH_SECONDS = 5.0
DB_NAME = "live_sweep.sqlite"
_KEY = "lv_sweeps_folder"


class SessionFolder:
    """A temporary folder removed when this object is collected, when its session is gone (`watch`), or when
    the process ends; `busy` while a sweep writes into it."""

    def __init__(self, session_id: str | None = None):
        self.path = Path(tempfile.mkdtemp(prefix="lstm-viz-sweeps-"))
        self.session_id = session_id
        self.busy = 0  # sweeps writing into the folder now
        self.gone_since: float | None = None
        self._remove = weakref.finalize(self, shutil.rmtree, str(self.path), True)

    @property
    def database(self) -> Path:
        return self.path / DB_NAME

    def remove(self) -> None:
        self._remove()

    def check(self, now: float) -> bool:
        """One round of the watchdog: remove the folder if its session has been gone for GONE_SECONDS and no
        sweep writes into it; True once removed."""
        connected = sessions.connected(self.session_id)
        if connected is None or connected:
            self.gone_since = None
            return False
        self.gone_since = self.gone_since if self.gone_since is not None else now
        if now - self.gone_since >= GONE_SECONDS and not self.busy:
            self.remove()
            return True
        return False


class _Watchdog:
    """The folders of the sessions a runtime can tell about, checked every WATCH_SECONDS on one thread."""

    def __init__(self):
        self._folders: weakref.WeakSet = weakref.WeakSet()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def add(self, folder: SessionFolder) -> None:
        with self._lock:
            self._folders.add(folder)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._watch, name="lstm-viz-sweep-folders", daemon=True
                )
                self._thread.start()

    def check(self, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            folders = list(self._folders)
        for folder in folders:
            if folder.check(now):
                with self._lock:
                    self._folders.discard(folder)

    def _watch(self) -> None:
        while True:
            time.sleep(WATCH_SECONDS)
            self.check()


WATCHDOG = _Watchdog()


def session_folder() -> SessionFolder:
    """This session's folder, made on first use (and watched when a runtime can tell its session's end)."""
    folder = st.session_state.get(_KEY)
    if folder is None or not folder.path.is_dir():  # none yet, or removed while the tab was gone
        folder = st.session_state[_KEY] = SessionFolder(sessions.runtime_id())
        if folder.session_id is not None:
            WATCHDOG.add(folder)
    return folder


def session_database() -> Path | None:
    """This session's live-sweep database if it has one (without making a folder for a session that has
    never launched a sweep)."""
    folder = st.session_state.get(_KEY)
    return folder.database if folder is not None and folder.database.is_file() else None
