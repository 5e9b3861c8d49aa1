"""The library's contract (issue 17, items 15 and 16): every bad argument is a TypeError or ValueError that
names it (never another exception, a silent change or a huge allocation), and saved runs keep their folder
clean, refuse what they should, and never show a server path."""

import os
import resource
import time
import warnings
import zipfile

import numpy as np
import pytest
import torch

from lstm_viz import limits, models, runs, tasks, training
from lstm_viz.engine.trace import Trace
from lstm_viz.models import Recurrent
from lstm_viz.training.run_folder import STALE_SECONDS

torch.set_num_threads(1)
TASK = tasks.get("adding", length=6)
DEEP_JSON = "[" * 100_000 + "]" * 100_000  # nests far deeper than Python's recursion limit


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


# --- item 15: run_with_trace and the core's arguments ------------------------------------------------------


@pytest.mark.parametrize("with_loss", [False, True])
def test_an_input_in_the_callers_graph_is_recorded_without_touching_the_graph(with_loss):
    core = Recurrent("lstm", 3, 4, seed=0)
    x = torch.randn(2, 5, 3, requires_grad=True)
    h0 = (torch.zeros(1, 2, 4, requires_grad=True), torch.zeros(1, 2, 4))
    loss_fn = (lambda out: out.sum()) if with_loss else None
    output, trace = core.run_with_trace(x * 1.0, h0=h0, loss_fn=loss_fn)
    reference_output, reference = core.run_with_trace(x.detach(), loss_fn=loss_fn)
    assert torch.equal(output, reference_output) and not output.requires_grad
    assert set(trace) == set(reference) and all(np.array_equal(trace[k], reference[k]) for k in trace)
    assert x.grad is None


@pytest.mark.parametrize("x", [np.zeros((1, 4, 3), complex), torch.zeros(1, 4, 3, dtype=torch.complex64)])
def test_a_complex_input_is_refused_not_cast(x):
    core = Recurrent("gru", 3, 2, seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the old cast only warned that the imaginary part was dropped
        with pytest.raises(TypeError, match=r"x must hold real numbers, got dtype (torch\.)?complex"):
            core.run_with_trace(x)
        with pytest.raises(TypeError, match="x must hold real numbers"):
            core(x)


def test_input_that_is_not_numbers_names_x():
    core = Recurrent("rnn", 1, 2, seed=0)
    with pytest.raises(TypeError, match="x must hold real numbers, got dtype <U1"):
        core.run_with_trace([[["a"]]])
    with pytest.raises(TypeError, match="x must be an array or tensor of numbers"):
        core.run_with_trace([[[1.0], [2.0, 3.0]]])


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"hidden_size": float("inf")}, ValueError, "hidden_size must be a positive integer, got inf"),
        ({"hidden_size": float("nan")}, ValueError, "hidden_size must be a positive integer, got nan"),
        ({"hidden_size": 2.5}, ValueError, "hidden_size must be a positive integer, got 2.5"),
        ({"input_size": True}, TypeError, r"input_size must be an integer, got True \(bool\)"),
        ({"hidden_size": True}, TypeError, r"hidden_size must be an integer, got True \(bool\)"),
        ({"num_layers": True}, TypeError, r"num_layers must be an integer, got True \(bool\)"),
        ({"hidden_size": "8"}, TypeError, r"hidden_size must be an integer, got '8' \(str\)"),
        ({"bidirectional": "no"}, TypeError, r"bidirectional must be True or False, got 'no' \(str\)"),
        ({"bidirectional": 1}, TypeError, r"bidirectional must be True or False, got 1 \(int\)"),
        ({"input_size": 10**12}, ValueError, "input_size is 1000000000000, above the limit of 4096"),
        ({"input_size": 1e12}, ValueError, r"input_size is 1000000000000\.0, above the limit of 4096"),
        (
            {"seed": 2**70},
            ValueError,
            "seed must be between 0 and 9223372036854775807 .*got 1180591620717411303424",
        ),
        ({"seed": -1}, ValueError, "seed must be between 0 and 9223372036854775807"),
        ({"seed": True}, TypeError, r"seed must be None or an integer, got True \(bool\)"),
    ],
)
def test_bad_core_arguments_name_themselves(options, error, message):
    arguments = {"kind": "lstm", "input_size": 2, "hidden_size": 3, **options}
    with pytest.raises(error, match=message):
        Recurrent(**arguments)


def test_the_input_size_limit_is_the_one_in_limits():
    assert limits.MAX_INPUT_SIZE == 4096
    assert Recurrent("rnn", limits.MAX_INPUT_SIZE, 1, seed=0).weight_ih_l0.shape == (1, 4096)
    with pytest.raises(ValueError, match="input_size is 4097, above the limit of 4096"):
        Recurrent("rnn", limits.MAX_INPUT_SIZE + 1, 1, seed=0)


def test_a_seed_too_large_is_named_by_the_model_builders_and_the_training_config():
    message = "seed must be between 0 and 9223372036854775807 .*got 1180591620717411303424"
    with pytest.raises(ValueError, match=message):
        models.for_task("gru", TASK, hidden_size=4, seed=2**70)
    core = Recurrent("gru", TASK.input_size, 4, seed=0)
    with pytest.raises(ValueError, match=message):
        models.SequenceModel(core, 1, seed=2**70)
    with pytest.raises(ValueError, match=message):
        core.reset_parameters(2**70)
    with pytest.raises(
        ValueError,
        match="training config: seed must be an integer between 0 and 9223372036854775807, "
        "got 1180591620717411303424",
    ):
        training.TrainConfig(seed=2**70).validate()
    largest = [models.for_task("gru", TASK, hidden_size=4, seed=limits.MAX_SEED) for _ in range(2)]
    assert torch.equal(largest[0].readout.weight, largest[1].readout.weight)


def test_a_huge_broadcast_view_is_refused_from_its_shape_before_any_copy():
    core = Recurrent("rnn", limits.MAX_INPUT_SIZE, 1, seed=0)
    x = np.broadcast_to(np.float64(0.0), (16, 1000, limits.MAX_INPUT_SIZE))  # 524 MB as float64, 8 bytes real
    before = peak_rss_mb()
    with pytest.raises(ValueError, match=r"x \(the input\) holds 65,536,000 values \(16 x 1000 x 4096\)"):
        core.run_with_trace(x)
    assert peak_rss_mb() - before < 64, "the view was converted (262 MB as float32) before the check"


@pytest.mark.parametrize("with_loss", [False, True], ids=["numpy replay", "autograd replay"])
def test_an_intervention_of_the_wrong_shape_names_its_key(with_loss):
    core = Recurrent("lstm", 2, 3, seed=0)
    x = torch.randn(2, 4, 2)
    loss_fn = (lambda out: out.sum()) if with_loss else None
    with pytest.raises(
        ValueError,
        match=r"intervention on 'l0.cell' returned shape \(1, 3\) at step 0; .* \(2, 3\) \(batch, hidden\)",
    ):
        core.run_with_trace(x, loss_fn=loss_fn, interventions={"l0.cell": lambda t, c: c[:1]})
    with pytest.raises(ValueError, match=r"intervention on 'l0.forget_gate' returned shape \(2, 1\)"):
        core.run_with_trace(x, loss_fn=loss_fn, interventions={"l0.forget_gate": lambda t, f: f[:, :1]})
    with pytest.raises(TypeError, match="intervention on 'l0.hidden' returned a float at step 0"):
        core.run_with_trace(x, loss_fn=loss_fn, interventions={"l0.hidden": lambda t, h: 0.0})


# --- item 15: files -----------------------------------------------------------------------------------------


def write_npz(path, members: dict) -> None:
    """An .npz like np.savez_compressed writes, from {name: (header dict, payload chunks)}; nothing is
    held in memory beyond one chunk."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, (header, chunks) in members.items():
            with archive.open(f"{name}.npy", "w", force_zip64=True) as member:
                np.lib.format.write_array_header_1_0(member, header)
                for chunk in chunks:
                    member.write(chunk)


def small_members(meta="{}"):
    meta_array, input_array = np.array(meta), np.zeros((1, 1, 1), np.float32)
    return {
        "__meta__": (np.lib.format.header_data_from_array_1_0(meta_array), [meta_array.tobytes()]),
        "__input__": (np.lib.format.header_data_from_array_1_0(input_array), [input_array.tobytes()]),
    }


def test_a_small_trace_file_that_expands_to_256_mb_is_refused_from_its_headers(tmp_path):
    path = tmp_path / "bomb.npz"
    shape, chunk = (1, 256, 2**18), bytes(2**24)  # 2**26 float32 zeros: 256 MiB, written 16 MiB at a time
    header = {"descr": "<f4", "fortran_order": False, "shape": shape}
    write_npz(path, {**small_members(), "l0.hidden": (header, [chunk] * 16)})
    assert path.stat().st_size < 2**20  # about 1000 times smaller than what it unpacks to
    before = peak_rss_mb()
    with pytest.raises(
        ValueError,
        match=r"would expand to 67,108,864 values \(256 MB\) in its arrays; a trace holds at most 50,000,000",
    ):
        Trace.load(path)
    assert peak_rss_mb() - before < 64, "the arrays were expanded before the check"


def test_a_trace_file_with_too_large_an_input_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_TRACE_VALUES", 100)
    path = tmp_path / "wide.npz"
    members = small_members()
    members["__input__"] = ({"descr": "<f4", "fortran_order": False, "shape": (1, 101, 1)}, [bytes(404)])
    write_npz(path, members)
    with pytest.raises(ValueError, match=r"would expand to 101 values \(0 MB\) in its input; .* at most 100"):
        Trace.load(path)


@pytest.mark.parametrize(
    ("meta", "message"),
    [(DEEP_JSON, "its meta is not valid JSON"), ("[1, 2]", "its meta is a list, not a dict")],
)
def test_a_trace_meta_that_is_not_a_json_object_is_refused(tmp_path, meta, message):
    path = tmp_path / "meta.npz"
    write_npz(path, small_members(meta))
    with pytest.raises(ValueError, match=message):
        Trace.load(path)


# --- item 16: saved runs ------------------------------------------------------------------------------------


def make_run(name="demo", seed=0) -> runs.Run:
    model = models.for_task("rnn", TASK, hidden_size=4, seed=seed)
    config = runs.run_config(model, TASK, training.TrainConfig(steps=1), seed=seed)
    return runs.Run(name, config, model, training.History())


@pytest.mark.parametrize("file", [runs.CONFIG_FILE, runs.HISTORY_FILE])
def test_deeply_nested_json_in_a_run_is_a_value_error(tmp_path, file):
    folder = runs.save_run(make_run(), tmp_path)
    (folder / file).write_text(DEEP_JSON)
    with pytest.raises(ValueError, match=f"demo/{file} is corrupt or not JSON: maximum recursion depth"):
        runs.load_run(folder)


@pytest.mark.parametrize("name", ["demo\n", "demo\r\n", "demo\n.x"])
def test_a_run_name_with_a_line_break_is_refused(tmp_path, name):
    with pytest.raises(ValueError, match="unsafe run name"):
        runs.save_run(make_run(name), tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_leftovers_of_killed_saves_are_removed_but_a_save_in_progress_is_not(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine")
    runs_dir = tmp_path / "runs"
    runs.save_run(make_run(), runs_dir)
    stale = [runs_dir / ".demo.k2j4_x9.tmp", runs_dir / f".demo.{'a' * 32}.old"]
    for folder in stale:
        folder.mkdir()
        (folder / runs.WEIGHTS_FILE).write_bytes(b"half a save")
    link = runs_dir / f".demo.{'b' * 32}.old"
    link.symlink_to(outside)
    in_progress = runs_dir / ".other.q8w1_a.tmp"
    in_progress.mkdir()
    long_ago = time.time() - STALE_SECONDS - 60
    for path in [*stale, link]:
        os.utime(path, (long_ago, long_ago), follow_symlinks=False)
    assert runs.list_runs(runs_dir) == ["demo"]
    assert sorted(path.name for path in runs_dir.iterdir()) == [".other.q8w1_a.tmp", "demo"]
    assert (outside / "keep.txt").read_text() == "mine", "a link is removed, never followed"

    stale[0].mkdir()
    os.utime(stale[0], (long_ago, long_ago))
    runs.save_run(make_run("second"), runs_dir)
    assert sorted(path.name for path in runs_dir.iterdir()) == [".other.q8w1_a.tmp", "demo", "second"]


def test_saving_over_a_symlinked_run_is_refused_and_leaves_both_sides_alone(tmp_path):
    elsewhere = runs.save_run(make_run(seed=1), tmp_path / "elsewhere")
    runs_dir = tmp_path / "runs"
    runs_dir.mkdir()
    (runs_dir / "demo").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(ValueError, match="'demo' in the runs folder is a symbolic link"):
        runs.save_run(make_run(seed=2), runs_dir)
    assert [path.name for path in runs_dir.iterdir()] == ["demo"] and (runs_dir / "demo").is_symlink()
    assert runs.load_run(elsewhere).config["seed"] == 1


def break_run(folder, file):
    """Damage one thing of a saved run; returns what the message should name."""
    if file == "missing":
        (folder / runs.HISTORY_FILE).unlink()
    elif file == runs.CONFIG_FILE:
        (folder / file).write_text('{"format": "lstm-viz-run", "version": 1, "config": {"kind": "rnn"}}')
    elif file == runs.WEIGHTS_FILE:
        (folder / file).write_bytes(b"PK\x03\x04 not a zip")
    elif file == runs.HISTORY_FILE:
        (folder / file).write_text("{not json")
    return f"demo/{file}" if file != "missing" else "history.json is missing"


@pytest.mark.parametrize("file", ["missing", runs.CONFIG_FILE, runs.WEIGHTS_FILE, runs.HISTORY_FILE])
def test_load_messages_name_the_run_and_file_never_the_server_path(tmp_path, file):
    folder = runs.save_run(make_run(), tmp_path / "runs")
    named = break_run(folder, file)
    with pytest.raises(ValueError) as error:
        runs.load_run(folder.resolve())
    assert named in str(error.value) and str(tmp_path) not in str(error.value)


def test_missing_folders_and_save_refusals_never_show_the_server_path(tmp_path):
    with pytest.raises(ValueError, match="'nothing' is not a run folder") as error:
        runs.load_run(tmp_path.resolve() / "nothing")
    assert str(tmp_path) not in str(error.value)
    (tmp_path / "demo").mkdir()
    with pytest.raises(ValueError, match="'demo' in the runs folder exists and is not a saved run") as error:
        runs.save_run(make_run(), tmp_path.resolve())
    assert str(tmp_path) not in str(error.value)
