"""Shared helpers for the AppTest suite: open a page with URL parameters, read figures, rebuild traces.

Expected numbers are recomputed here with the engine alone (models.for_task, task.sample, run_with_trace),
following the rule documented in lstm_viz/ui/engine_cache.py, so the tests check the app against the
engine rather than against itself.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import pytest
import torch
from streamlit.testing.v1 import AppTest

from lstm_viz import models, tasks
from lstm_viz.ui import engine_cache, task_names
from lstm_viz.ui.navigation import BY_URL

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
PAGES = {
    "home": None,
    "step": BY_URL["inside_step"].script,
    "gates": BY_URL["gates"].script,
    "activations": BY_URL["activations"].script,
}
TIMEOUT = 60  # the first torch call of a process is slow

torch.set_num_threads(1)


def open_app(page: str = "home", **query) -> AppTest:
    """Run the app with URL parameters `query` and go to `page` (a key of PAGES, or any page's URL path in
    the navigation); returns the AppTest."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.query_params.update({key: str(value) for key, value in query.items()})
    script = PAGES[page] if page in PAGES else BY_URL[page].script
    if script is not None:  # like opening the page's own link: /inside_step?t=7
        at.switch_page(script)
    return at.run()


def assert_ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def chart_specs(at: AppTest) -> list[dict]:
    """The plotly figures on screen, as JSON dicts."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def plotly_values(data) -> np.ndarray:
    """A data array of a figure spec: a plain list, or plotly's binary form {"dtype", "bdata"}."""
    if isinstance(data, dict) and "bdata" in data:
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"])
    return np.asarray(data)


def latex_text(at: AppTest) -> str:
    return "\n".join(element.value for element in at.latex)


def widget(at: AppTest, kind: str, name: str):
    """The widget bound to setting `name` (keys are "w_" + name)."""
    return getattr(at, kind)(key=f"w_{name}")


def engine_trace(
    kind="lstm",
    task="adding",
    length=100,
    hidden=64,
    seed=0,
    layers=1,
    bidirectional=False,
    **core_options,
):
    """The Trace the app shows for a freshly initialised model, rebuilt with the engine."""
    task_obj = tasks.get(task, **{task_names.length_param(task): length})
    model = models.for_task(
        kind, tasks.get(task), hidden_size=hidden, seed=seed, num_layers=layers, bidirectional=bidirectional,
        **core_options,
    )  # fmt: skip
    batch = task_obj.sample(
        engine_cache.batch_size(kind, task_obj.length, hidden, layers, bidirectional), seed
    )
    _, trace = model.run_with_trace(batch.x, target=batch.y, loss_mask=batch.loss_mask)
    return trace


def num(value) -> str:
    """The app's number format in equations: 4 decimals."""
    text = f"{float(value):.4f}"
    return "0.0000" if text == "-0.0000" else text


@pytest.fixture
def app():
    return open_app
