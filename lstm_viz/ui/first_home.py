"""A fresh server's first answers, before torch is imported or Home computed: Home drawn from values saved
beside the pretrained demos, then a rerun into the full frame.

The full frame needs torch, pandas and the engine (about 2.4 s of imports on a 2-core server). Home's default
view is the same for every visitor, so `scripts/write_first_screens.py` saves it (ui/home_view.py's view, in
every language, with the page titles) to FILE, and a test checks that the file equals what the live engine
draws. Until a live Home has been computed (by the launcher's warm-up or a visitor), `run()` answers a
session's first request for Home at its default settings with the saved view and the navigation, which
import nothing heavier than Streamlit and Plotly; then it waits for the imports (`loading.load()`) and
reruns, so the page comes back with its sidebar, computed live (the saved chart stays on screen meanwhile).
Only the launcher's script (ui/start.py as the server's main script) answers this way; AppTests and
`streamlit run app.py` run the full frame from their first run. A file that is missing or cannot be read
only means that the first visitors wait for the full frame.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import streamlit as st
from streamlit.logger import get_logger

from . import home_view, loading
from .navigation import PAGES
from .page_style import CSS

_PACKAGE = Path(__file__).resolve().parent.parent
_CHECKOUT = _PACKAGE.parent / "assets" / "pretrained" / "first_screens"
FILE = (_CHECKOUT if _CHECKOUT.is_dir() else _PACKAGE / "pretrained" / "first_screens") / "home.json"
PAGE_TITLE, PAGE_ICON = "lstm-viz", "🔁"  # as the frame's (ui/main.py) page config
_LOGGER = get_logger(__name__)
# The server's first saved answer leaves the interpreter to the browser's requests for this long (Plotly's
# code, about 4.6 MB, for the first chart) before the imports start.
FIRST_CHART_GRACE_S = 1.5
ANSWERED = threading.Event()  # set when a saved Home has been answered (the warm-up waits for it)
HOME_COMPUTED = threading.Event()  # set by the first live Home (home_values.compute): its caches are filled
_SHOWN = "lv_saved_home_shown"  # in a session's state: it had its saved answer, its next run is the frame


def saved_screens() -> dict | None:
    """{"en": {"nav": {url: title}, "home": view}, "zh": ...} from FILE, or None when it cannot be read."""
    try:
        return json.loads(FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


_SAVED: list[dict | None] = []  # read once, when first needed


def _screens() -> dict | None:
    if not _SAVED:
        _SAVED.append(saved_screens())
    return _SAVED[0]


def run() -> bool:
    """On a fresh server, answer from the saved screens and rerun once the imports are done (True: this run
    is over); False when the full frame should run now."""
    screens = _screens()
    if HOME_COMPUTED.is_set() or st.session_state.get(_SHOWN) or not isinstance(screens, dict):
        return False
    query = st.query_params.to_dict()
    lang = query.get("lang", "en")
    if set(query) - {"lang"} or lang not in screens or _asked_page() not in ("", PAGES[0].url):
        return False  # settings of its own: this view is computed, not saved
    st.session_state[_SHOWN] = True
    draw(screens[lang])
    if not ANSWERED.is_set():
        _LOGGER.info("lstm-viz: a first Home answered from saved values")
        time.sleep(FIRST_CHART_GRACE_S)
        ANSWERED.set()
    loading.load()
    st.rerun()
    return True


def _asked_page() -> str:
    """The page name of this run's request ("" for the default page), as st.navigation will read it."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return (ctx.pages_manager.intended_page_name or "") if ctx is not None else ""


def draw(screen: dict) -> None:
    """The navigation and, when Home is asked for, its saved view."""
    st.set_page_config(page_title=PAGE_TITLE, page_icon=PAGE_ICON, layout="wide")
    titles = screen["nav"]
    pages = [
        st.Page(entry.path, title=titles[entry.url], icon=entry.icon, url_path=entry.url, default=i == 0)
        for i, entry in enumerate(PAGES)
    ]
    page = st.navigation(pages)
    st.html(CSS)
    if page.url_path == "":  # the default page, Home
        view = screen["home"]
        st.title(view["title"])
        home_view.draw_body(view, {entry.url: page for entry, page in zip(PAGES, pages, strict=True)})
