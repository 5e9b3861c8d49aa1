"""Warming a fresh server for its first visitors: the launcher opens the app's pages itself, once.

A fresh server pays, on its first page run, for importing torch and the engine (about 2.4 s) and then for
loading the pretrained demos and recording their traces and figures. `start()` (called by the launcher)
starts a daemon thread that waits until the server answers its health check and a first visitor's Home has
been answered from saved values (ui/first_home.py; at most FIRST_VISITOR_WAIT_S), then imports the app's
modules (`loading.load()`, shared with any page run that needs them sooner), and opens, over the server's own
websocket, Home and the default view of every page that draws the pretrained demos, exactly as a browser
would. Their caches are then full, or filling, when the first student asks: a student who arrives sooner
shares the computations already running (Streamlit computes each cache entry once). Nothing waits for it; a
failure is logged and forgotten. (Imports started with the server took the interpreter from it while the
first browser loaded Streamlit's frontend and Plotly's code: its first chart came 1.4-1.6x later than a bare
page's, against 0.85-1.1x when they wait; benchmarks/bench_app.py.)

Home comes first and alone: a visitor who is already waiting gets Home's chart drawn (the browser still
loads Plotly's code from this server) before the other pages' heavier work competes for the interpreter,
HOME_GRACE_S later; with no visitor yet, the other pages follow at once. Once every page has run, what the
caches hold is frozen out of the garbage collector's reach (`memory.freeze_now`), so the collections after
each student's run stay short, and the log says DONE with the times (benchmarks/load_classroom.py waits for
that line before a class arrives).
LSTM_VIZ_WARM_UP=off switches it off (benchmarks/bench_app.py compares).
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
import urllib.request

from streamlit import config
from streamlit.logger import get_logger
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime import Runtime

from . import first_home, loading, memory

# Home first (what a class opens), then the default view of each page that draws the pretrained demos.
WARM_PAGES = (("", ""), ("gates", ""), ("gates", "kind=gru"), ("gates", "kind=rnn"), ("inside_step", ""),
              ("vanishing", ""), ("long_range", ""))  # fmt: skip
SERVER_WAIT_S = 60  # give up when the server has not answered by then
FIRST_VISITOR_WAIT_S = 5.0  # the imports wait this long for a first visitor's Home (ui/first_home.py)
HOME_GRACE_S = 3.0  # a first visitor's Home is drawn within this (Plotly's code too) on a 2-core server
DONE = "lstm-viz warm-up done"  # the log line's start, which benchmarks/load_classroom.py waits for
ANSWER_TIMEOUT_S = 120
_LOGGER = get_logger(__name__)


def start() -> threading.Thread | None:
    """Start warming in a daemon thread (None when switched off)."""
    if os.environ.get("LSTM_VIZ_WARM_UP") == "off":
        return None
    thread = threading.Thread(target=_warm_up, name="lstm-viz-warm-up", daemon=True)
    thread.start()
    return thread


def _warm_up() -> None:
    started = time.perf_counter()
    imported, pages = 0.0, 0
    try:
        address = _wait_for_server()
        if address is not None:  # a first visitor's saved Home and Plotly's code go out before the imports
            first_home.ANSWERED.wait(FIRST_VISITOR_WAIT_S)
        imported = loading.load()  # torch and the engine (done already if a page run asked for them first)
        if address is not None:
            problems = asyncio.run(_open_pages(address, [_live_home()]))
            if first_home.ANSWERED.is_set():  # a visitor is waiting for Home's chart: it goes first
                time.sleep(HOME_GRACE_S)
            problems += asyncio.run(_open_pages(address, WARM_PAGES[1:]))
            pages = len(WARM_PAGES)
            for problem in problems:
                _LOGGER.warning("warming the caches: %s", problem)
        memory.freeze_now()
    except Exception as error:  # noqa: BLE001 - warming is an optimisation: it never stops the server
        _LOGGER.warning("warming the caches failed: %s", error)
    _LOGGER.info(
        "%s in %.1f s: imports %.1f s, %d page runs", DONE, time.perf_counter() - started, imported, pages
    )


def _live_home() -> tuple[str, str]:
    """Home with its default architecture named in the link: a link with settings of its own is answered live
    (ui/first_home.py saves only the bare link's answer), so the warm-up fills Home's caches without the saved
    answer's pause for a browser's Plotly code."""
    from .url_params import PARAMS  # imports torch: only once loading.load() has

    return WARM_PAGES[0][0], f"kind={PARAMS['kind'].default}"


def _address() -> str | None:
    """host:port/base of the server on this machine, or None when it cannot be reached by plain HTTP."""
    host = config.get_option("server.address") or "127.0.0.1"
    if host.startswith("unix") or config.get_option("server.sslCertFile"):
        return None
    host = "127.0.0.1" if host in ("0.0.0.0", "::") else f"[{host}]" if ":" in host else host
    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"{host}:{config.get_option('server.port')}" + (f"/{base}" if base else "")


def _wait_for_server() -> str | None:
    deadline = time.monotonic() + SERVER_WAIT_S
    while time.monotonic() < deadline:
        if not Runtime.exists():  # the command line's flags are loaded, and the port known, once it does
            time.sleep(0.05)
            continue
        address = _address()
        if address is None:
            return None
        try:
            with urllib.request.urlopen(f"http://{address}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return address
        except OSError:
            pass
        time.sleep(0.05)
    return None


async def _open_pages(address: str, pages=WARM_PAGES) -> list[str]:
    """Run each of `pages` ((page, query) pairs) once in one session of the server at address; returns what
    went wrong."""
    from websockets.asyncio.client import connect

    problems = []
    url = f"ws://{address}/_stcore/stream"
    async with connect(url, subprotocols=["streamlit"], max_size=None) as ws:
        for page, query in pages:
            back = BackMsg()
            back.rerun_script.page_name = page
            back.rerun_script.query_string = query
            await ws.send(back.SerializeToString())
            while True:
                message = ForwardMsg()
                message.ParseFromString(await asyncio.wait_for(ws.recv(), ANSWER_TIMEOUT_S))
                kind, element = message.WhichOneof("type"), message.delta.new_element
                if kind == "delta" and element.WhichOneof("type") == "exception":
                    problems.append(f"{page or 'home'}?{query}: {element.exception.message}")
                rerun = message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN
                if kind == "script_finished" and not rerun:  # a saved first Home reruns into the live one
                    break
    return problems
