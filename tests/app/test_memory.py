"""The memory of reruns is given back: the cycles a Plotly figure leaves are freed after each run."""

import gc
import time
import weakref

import pytest

from lstm_viz import figures, models, tasks
from lstm_viz.ui import memory


@pytest.fixture
def fresh_policy():
    gc.unfreeze()  # an AppTest run earlier in this process may have frozen the heap already
    memory._frozen.clear()
    memory._last[0] = 0.0
    yield
    gc.unfreeze()
    memory._frozen.clear()


def heatmap():
    task = tasks.get("adding", length=30)
    model = models.for_task("lstm", task, hidden_size=8, seed=0)
    _, trace = model.run_with_trace(task.sample(2, 0).x)
    return figures.gates_heatmap(trace, "l0.forget_gate")


def test_a_figure_leaves_a_cycle_that_after_run_frees(fresh_policy):
    gc.collect()
    gc.disable()  # no automatic collection may free it first
    try:
        fig = heatmap()
        layout = weakref.ref(fig.layout)
        del fig
        assert layout() is not None  # reference counting alone does not free a figure
        memory.after_run()
        assert layout() is None
        assert gc.get_freeze_count() > 0  # the first run froze the imported heap
        fig = heatmap()
        layout = weakref.ref(fig.layout)
        del fig
        memory._last[0] = time.monotonic()  # as if another session had just collected
        memory.after_run()  # a run right after a collection leaves it to the next one
        assert layout() is not None
        memory._last[0] -= memory.COLLECT_EVERY_S
        memory.after_run()  # later runs collect what was made since
        assert layout() is None
    finally:
        gc.enable()


def test_the_policy_can_be_switched_off_for_measurements(fresh_policy, monkeypatch):
    monkeypatch.setenv("LSTM_VIZ_GC", "off")
    gc.collect()
    gc.disable()
    try:
        fig = heatmap()
        layout = weakref.ref(fig.layout)
        del fig
        memory.after_run()
        assert layout() is not None and gc.get_freeze_count() == 0
    finally:
        gc.enable()
        gc.collect()
