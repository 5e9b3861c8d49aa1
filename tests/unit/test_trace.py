"""Trace: keys, save/load round trip without pickle, refusal of foreign files, and the long table export."""

import io

import numpy as np
import pytest
import torch

from lstm_viz.engine.trace import TABLE_COLUMNS, Trace, parse_key, trace_key
from lstm_viz.models import Recurrent


@pytest.fixture(scope="module")
def trace():
    core = Recurrent("lstm", 2, 3, bidirectional=True, seed=0)
    return core.run_with_trace(torch.randn(2, 4, 2), loss_fn=lambda out: out.sum())[1]


def test_keys_follow_the_contract(trace):
    assert trace_key(1, "cell", reverse=True) == "l1.reverse.cell"
    assert parse_key("l0.reverse.forget_gate") == (0, True, "forget_gate")
    assert trace.quantities(0) == [
        "input_gate",
        "forget_gate",
        "cell_candidate",
        "output_gate",
        "cell",
        "hidden",
        "hidden_grad",
        "cell_grad",
    ]
    assert "l0.reverse.hidden_grad" in trace and trace["input_grad"].shape == (2, 4, 2)
    with pytest.raises(ValueError, match="not a per-layer trace key"):
        parse_key("input_grad")
    with pytest.raises(KeyError, match="not in this trace"):
        trace["l3.hidden"]


def test_meta_describes_the_model(trace):
    assert trace.meta["kind"] == "lstm" and trace.meta["directions"] == ["forward", "reverse"]
    assert (trace.batch_size, trace.length) == (2, 4)
    assert trace.input.dtype == np.float32


def test_save_and_load_round_trip_is_exact(trace, tmp_path):
    path = tmp_path / "trace.npz"
    trace.save(path)
    loaded = Trace.load(path)
    assert set(loaded) == set(trace) and loaded.meta == trace.meta
    for key in trace:
        assert np.array_equal(loaded[key], trace[key])
    assert np.array_equal(loaded.input, trace.input)
    buffer = io.BytesIO()
    trace.save(buffer)
    assert Trace.load(io.BytesIO(buffer.getvalue())).meta == trace.meta


def test_foreign_and_corrupt_files_are_refused(tmp_path):
    garbage = tmp_path / "garbage.npz"
    garbage.write_bytes(b"this is not a zip file")
    with pytest.raises(ValueError, match="not a readable trace"):
        Trace.load(garbage)
    foreign = tmp_path / "foreign.npz"
    np.savez(foreign, weights=np.zeros(3))
    with pytest.raises(ValueError, match="not a trace saved by lstm-viz"):
        Trace.load(foreign)
    pickled = tmp_path / "pickled.npz"
    np.savez(pickled, __meta__=np.array([{"a": 1}], dtype=object), __input__=np.zeros((1, 1, 1)))
    with pytest.raises(ValueError):
        Trace.load(pickled)


def test_long_table_has_one_row_per_value(trace):
    table = trace.to_table()
    per_layer = [key for key in trace if key != "input_grad"]
    assert list(table.columns) == list(TABLE_COLUMNS)
    assert len(table) == sum(trace[key].size for key in per_layer)
    row = table[
        (table.quantity == "forget_gate")
        & (table.direction == "reverse")
        & (table["sample"] == 1)
        & (table.t == 2)
        & (table.unit == 0)
    ]
    assert row.value.item() == pytest.approx(float(trace["l0.reverse.forget_gate"][1, 2, 0]))
    csv = trace.to_csv(keys=["l0.hidden"])
    assert csv.splitlines()[0] == ",".join(TABLE_COLUMNS)
    assert len(csv.splitlines()) == 1 + trace["l0.hidden"].size


def test_a_single_array_file_is_refused(tmp_path):
    path = tmp_path / "one.npy"
    np.save(path, np.zeros(3))
    with pytest.raises(ValueError, match="single array"):
        Trace.load(path)
