"""Downloads (issue 17, items 4 and 14): what a trace's CSV holds and costs, what every file says about where
its numbers come from, the file names, and the figure's web page and data."""

from __future__ import annotations

import io
import json
import tracemalloc

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from lstm_viz import figures, limits, models, tasks
from lstm_viz.engine.trace import TABLE_COLUMNS, Trace
from lstm_viz.ui import downloads
from lstm_viz.ui.context import Context


def context(**fields) -> Context:
    values = {
        "lang": "en", "source": "pretrained", "run_name": "adding-lstm", "task_name": "adding", "length": 100,
        "kind": "lstm", "variant": "standard", "nonlinearity": "tanh", "hidden": 64, "layers": 1,
        "bidirectional": False, "seed": 0, "sample": 3, "batch": 8,
    }  # fmt: skip
    return Context(**{**values, **fields})


@pytest.fixture(scope="module")
def trace() -> Trace:
    """A real recording with its gradients: LSTM, 2 layers, both directions, remember-first (4 inputs)."""
    task = tasks.get("remember_first", lag=6)
    model = models.for_task("lstm", task, hidden_size=3, seed=0, num_layers=2, bidirectional=True)
    batch = task.sample(2, 0)
    _, recorded = model.run_with_trace(batch.x, target=batch.y, loss_mask=batch.loss_mask)
    return recorded


def read_csv(text: str) -> tuple[dict, pd.DataFrame]:
    """(meta from the '#' line, table) of a CSV the app offers."""
    first, _, rest = text.partition("\n")
    assert first.startswith("# ")
    return json.loads(first[2:]), pd.read_csv(io.StringIO(rest))


def test_trace_csv_holds_the_input_its_gradient_and_where_it_came_from(trace):
    meta = downloads.describe(context(), "inside_step")
    text = downloads.trace_csv_bytes(downloads.with_meta(trace, meta)).decode("utf-8")
    head, table = read_csv(text)
    assert head["task"] == "adding" and head["task_params"] == {"length": 100}
    assert head["source"] == "pretrained" and head["run"] == "adding-lstm" and head["seed"] == 0
    assert head["kind"] == "lstm" and head["num_layers"] == 2  # the engine's own meta is kept
    assert list(table.columns) == list(TABLE_COLUMNS)
    rows = sum(array.size for array in trace.values()) + trace.input.size
    assert len(table) == trace.table_rows(inputs=True) == rows
    x = table[table.quantity == "input"]
    assert len(x) == trace.input.size and x.layer.isna().all() and x.direction.isna().all()
    row = x[(x["sample"] == 1) & (x.t == 0) & (x.unit == 2)]
    assert row.value.item() == pytest.approx(float(trace.input[1, 0, 2]))
    grad = table[table.quantity == "input_grad"]
    assert len(grad) == trace["input_grad"].size
    row = grad[(grad["sample"] == 0) & (grad.t == 6) & (grad.unit == 1)]
    assert row.value.item() == pytest.approx(float(trace["input_grad"][0, 6, 1]), rel=1e-6)
    reverse = table[(table.quantity == "cell") & (table.layer == 1) & (table.direction == "reverse")]
    assert len(reverse) == trace["l1.reverse.cell"].size


def test_trace_csv_memory_stays_near_its_text():
    """The CSV is written one quantity at a time: building it holds little more than the text itself (the
    whole long table at once held five times the text: 168 MB for a 40 MB CSV)."""
    rng = np.random.default_rng(0)
    names = ("input_gate", "forget_gate", "cell_candidate", "output_gate", "cell", "hidden", "hidden_grad")
    arrays = {f"l0.{name}": rng.standard_normal((8, 60, 16)) for name in names}
    big = Trace(arrays, {"kind": "lstm"}, rng.standard_normal((8, 60, 2)))  # 54,720 rows, 2 MB of CSV
    for build in (lambda: big.to_csv(inputs=True).encode(), lambda: downloads.trace_csv_bytes(big)):
        tracemalloc.start()
        data = build()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert data.count(b"\n") >= 1 + big.table_rows(inputs=True)
        assert peak < 3 * len(data), f"peak {peak / 2**20:.1f} MB for {len(data) / 2**20:.1f} MB of CSV"


def test_csv_limit_is_a_stated_literal_and_counts_rows_without_building_them(trace):
    assert limits.EXPORT_CSV_MAX_ROWS == 1_000_000
    assert trace.table_rows() == sum(trace[key].size for key in trace if key != "input_grad")
    assert trace.table_rows(keys=["l0.cell"]) == trace["l0.cell"].size


def test_npz_meta_records_task_parameters_and_model_source(trace):
    saved = context(source="saved", run_name="my-run", task_name="remember_first", length=6)
    meta = downloads.describe(saved, "gates")
    loaded = Trace.load(io.BytesIO(downloads.trace_npz_bytes(downloads.with_meta(trace, meta))))
    assert loaded.meta["task"] == "remember_first"
    assert loaded.meta["task_params"] == {"lag": 6, "classes": 4}
    assert (loaded.meta["source"], loaded.meta["run"], loaded.meta["seed"]) == ("saved", "my-run", 0)
    assert loaded.meta["page"] == "gates" and loaded.meta["bidirectional"] is True
    np.testing.assert_array_equal(loaded["l1.reverse.cell"], trace["l1.reverse.cell"])


def test_file_names_differ_by_source_and_run_and_are_safe():
    pretrained = downloads.file_stem(context(), "gates")
    fresh = downloads.file_stem(context(source="fresh", run_name=""), "gates")
    saved = downloads.file_stem(context(source="saved", run_name="../../etc/pass wd"), "gates")
    assert pretrained == "lstm-viz_gates_adding-100_lstm_pretrained-adding-lstm_seed0"
    assert fresh == "lstm-viz_gates_adding-100_lstm_fresh_seed0"
    assert saved == "lstm-viz_gates_adding-100_lstm_saved-.._.._etc_pass_wd_seed0"
    assert "/" not in saved and " " not in saved
    assert len({pretrained, fresh, saved}) == 3
    relu = downloads.file_stem(context(kind="rnn", nonlinearity="relu", source="fresh", run_name=""), "step")
    assert relu == "lstm-viz_step_adding-100_rnn-relu_fresh_seed0"
    assert downloads.file_stem(context(), "vanishing", arch="rnn-gru-lstm").count("rnn-gru-lstm") == 1
    assert downloads.file_stem(None, "activations") == "lstm-viz_activations"
    assert downloads.safe_part("..") == "_" and len(downloads.safe_part("x" * 500)) == downloads.PART_CHARS


def test_html_page_has_a_title():
    fig = go.Figure(go.Scatter(x=[0, 1], y=[2, 3]), layout={"title": {"text": "Gates <of> LSTM"}})
    page = figures.to_html(fig)
    assert "<title>Gates &lt;of&gt; LSTM</title>" in page
    assert "<title>chosen</title>" in figures.to_html(fig.to_plotly_json(), title="chosen")
    assert "<title>lstm-viz</title>" in figures.to_html(go.Figure())
    assert page.index("<title>") < page.index("</head>")


def test_figure_data_are_the_numbers_drawn():
    lines = figures.line_traces({"RNN": np.array([0.5, 0.25]), "LSTM": np.array([1.0, 0.75])}, "loss")
    meta = downloads.describe(context(), "train")
    head, table = read_csv(downloads.figure_csv_text(lines.to_plotly_json(), {**meta, "figure": "Loss"}))
    assert head["figure"] == "Loss" and head["source"] == "pretrained"
    assert table[table.series == "LSTM"].y.tolist() == [1.0, 0.75]
    assert table.x.tolist() == [0, 1, 0, 1] and table.z.isna().all()

    grads = np.array([[1e-3, 1e-1, 0.0], [2.0, 3.0, 4.0]], dtype=np.float32)  # (units, steps)
    heat = figures.heatmap(grads, "hidden_grad").to_plotly_json()
    table = downloads.figure_table(heat)
    assert len(table) == grads.size
    cell = table[(table.x == 1) & (table.y == "0")]
    assert cell.z.item() == pytest.approx(0.1)  # |value| as the hover shows it, not its log10
