"""Issue 16, goal 2: a fresh server's first Home, drawn from saved values before torch is imported
(ui/first_home.py), is the Home the live app draws, and its path imports neither torch nor pandas."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from lstm_viz.ui import first_home, loading
from lstm_viz.ui.navigation import PAGES
from scripts import write_first_screens
from tests.app.conftest import ROOT, TIMEOUT, assert_ok, chart_specs, open_app, plotly_values


def _same_figure(saved: dict, live: dict) -> None:
    """Two figure specs: equal, the data arrays to float32 rounding (the engine's recording path may change
    how its float32 products are grouped)."""
    assert [trace["name"] for trace in saved["data"]] == [trace["name"] for trace in live["data"]]
    for mine, theirs in zip(saved["data"], live["data"], strict=True):
        for axis in ("x", "y"):
            np.testing.assert_allclose(plotly_values(mine[axis]), plotly_values(theirs[axis]), rtol=1e-5)
        rest = [{key: value for key, value in trace.items() if key not in "xy"} for trace in (mine, theirs)]
        assert rest[0] == rest[1]
    assert saved["layout"] == live["layout"]


@pytest.fixture(scope="module")
def live() -> dict:
    return write_first_screens.live_screens()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_saved_home_is_what_the_live_app_computes(live, lang):
    saved = first_home.saved_screens()
    assert saved is not None, f"run scripts/write_first_screens.py: {first_home.FILE} is missing"
    assert set(saved) == set(live)
    mine, theirs = dict(saved[lang]["home"]), dict(live[lang]["home"])
    _same_figure(mine.pop("figure"), theirs.pop("figure"))
    assert mine == theirs, "Home changed: run scripts/write_first_screens.py"
    assert saved[lang]["nav"] == live[lang]["nav"]
    assert list(saved[lang]["nav"]) == [entry.url for entry in PAGES]
    assert len(mine["metrics"]) == 3 and mine["fallback_note"] is None  # the pretrained demos, three kinds


def _saved_home_app(lang: str) -> AppTest:
    def script(lang):
        from lstm_viz.ui import first_home

        first_home.draw(first_home.saved_screens()[lang])

    return AppTest.from_function(script, default_timeout=TIMEOUT, args=(lang,)).run()


def _screen(at: AppTest) -> dict:
    """What a visitor sees in the main area (not the sidebar): texts, metrics, links and the chart."""
    main = at.main
    return {
        "title": [e.value for e in main.title],
        "markdown": [e.value for e in main.markdown],
        "subheader": [e.value for e in main.subheader],
        "caption": [e.value for e in main.caption],
        "metrics": [(e.label, e.value, e.proto.help) for e in main.metric],
        "links": [(e.proto.label, e.proto.page) for e in main.get("page_link")],
        "charts": len(main.get("plotly_chart")),
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_saved_home_draws_what_the_live_home_draws(lang):
    full = open_app("home", **({"lang": lang} if lang != "en" else {}))
    assert_ok(full)
    saved = _saved_home_app(lang)
    assert_ok(saved)
    mine, theirs = _screen(saved), _screen(full)
    assert mine["charts"] == theirs["charts"] == 1
    assert mine["metrics"] == theirs["metrics"]
    assert [label for label, _ in mine["links"]] == [label for label, _ in theirs["links"]]
    assert len(mine["links"]) == len(PAGES) - 1
    for kind in ("title", "subheader", "caption"):
        assert mine[kind] == theirs[kind]
    assert set(mine["markdown"]) <= set(theirs["markdown"])  # the live page may add its notices
    _same_figure(chart_specs(saved)[0], chart_specs(full)[0])


def test_the_first_answer_imports_neither_torch_nor_pandas():
    code = (
        "import sys, json\n"
        "from lstm_viz.ui import first_home, start\n"
        "first_home.draw(first_home.saved_screens()['en'])\n"
        "print(json.dumps(sorted(m for m in ('torch', 'pandas', 'lstm_viz.engine') if m in sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def _launcher_script() -> AppTest:
    """The server's script as the launcher serves it (ui/start.py run as the main script)."""
    return AppTest.from_string(
        "from lstm_viz.ui import start\nstart.run(first_answers=True)\n", default_timeout=TIMEOUT
    )


@pytest.fixture
def drawn(monkeypatch) -> list:
    """The saved answers drawn, on a server whose live Home has not been computed yet."""
    monkeypatch.setattr(first_home, "HOME_COMPUTED", threading.Event())
    screens, real = [], first_home.draw
    monkeypatch.setattr(first_home, "draw", lambda screen: (screens.append(screen), real(screen)))
    return screens


def test_a_fresh_server_answers_home_from_the_saved_values_then_reruns_into_the_full_frame(drawn):
    at = _launcher_script().run()
    assert_ok(at)
    assert len(drawn) == 1 and loading.loaded()  # one saved answer, then the imports, then the frame
    assert len(at.main.get("plotly_chart")) == 1 and len(at.main.metric) == 3
    assert at.sidebar.selectbox  # the frame's sidebar, which the saved answer does not draw
    assert first_home.HOME_COMPUTED.is_set()  # the live Home ran: the next visitors get it at once
    assert_ok(_launcher_script().run())
    assert len(drawn) == 1


def test_settings_in_the_link_or_another_page_skip_the_saved_answer(drawn, monkeypatch):
    for name, value in (("kind", "gru"), ("lang", "fr"), ("source", "fresh")):
        at = _launcher_script()
        at.query_params[name] = value
        assert_ok(at.run())
        assert len(at.main.get("plotly_chart")) == 1 and at.sidebar.selectbox  # the live Home
    assert drawn == []
    monkeypatch.setattr(first_home, "HOME_COMPUTED", threading.Event())
    monkeypatch.setattr(first_home, "_asked_page", lambda: "gates")  # a link to another page
    assert first_home.run() is False
    assert drawn == []
