"""Bring your own model (issue 13): a PyTorch state_dict of an nn.LSTM, nn.GRU or nn.RNN (with an optional
nn.Linear after it) imports as a Run whose model gives the original modules' outputs to 1e-5, and anything
else is refused with a message that says what was found and what was expected."""

import io
import itertools
import zipfile

import pytest
import torch
from torch import nn

from lstm_viz import limits, runs
from lstm_viz.engine.core import Recurrent
from lstm_viz.runs import import_torch_checkpoint
from lstm_viz.training.model import IdentityReadout, SequenceModel

torch.set_num_threads(1)

TORCH_CLASSES = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}
PREFIXES = ["", "rnn.", "encoder.lstm."]
EXPECTED = "expected a state_dict saved with torch.save(model.state_dict(), file)"


def saved(state) -> bytes:
    buffer = io.BytesIO()
    torch.save(state, buffer)
    return buffer.getvalue()


def recurrent(kind="lstm", input_size=3, hidden=5, layers=1, bidirectional=False, seed=0, **options):
    torch.manual_seed(seed)
    return TORCH_CLASSES[kind](
        input_size, hidden, layers, batch_first=True, bidirectional=bidirectional, **options
    ).eval()


def with_prefix(module: nn.Module, prefix: str) -> dict:
    return {prefix + name: tensor for name, tensor in module.state_dict().items()}


def close(actual, expected):
    torch.testing.assert_close(actual, expected, atol=1e-5, rtol=0)


CASES = list(itertools.product(["lstm", "gru", "rnn-tanh", "rnn-relu"], [1, 2], [False, True], [False, True]))


@pytest.mark.parametrize(("kind", "layers", "bidirectional", "has_readout"), CASES)
def test_an_imported_model_gives_the_original_outputs(kind, layers, bidirectional, has_readout):
    prefix = PREFIXES[CASES.index((kind, layers, bidirectional, has_readout)) % len(PREFIXES)]
    kind, _, nonlinearity = kind.partition("-")
    options = {"nonlinearity": nonlinearity} if nonlinearity else {}
    module = recurrent(kind, layers=layers, bidirectional=bidirectional, **options)
    features = 5 * (2 if bidirectional else 1)
    state = with_prefix(module, prefix)
    readout = nn.Linear(features, 2)
    if has_readout:
        state.update(with_prefix(readout, "head."))
    run = import_torch_checkpoint(saved(state), nonlinearity=nonlinearity or "tanh")

    x = torch.randn(4, 9, 3, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        hidden, _ = module(x)  # (B, T, D*H)
        expected = readout(hidden) if has_readout else hidden
        close(run.model(x), expected)
        traced, _ = run.model.run_with_trace(x)  # the step-by-step replay gives the same numbers
    close(traced, expected)
    core = run.model.core
    assert (core.kind, core.num_layers, core.bidirectional) == (kind, layers, bidirectional)
    assert core.input_size == 3 and core.nonlinearity == (nonlinearity or "tanh")
    assert run.model.readout.out_features == (2 if has_readout else features)
    assert run.config["kind"] == kind and run.config["task"] is None and run.history.steps == []
    assert run.config["imported"]["prefix"] == prefix
    assert run.config["imported"]["readout_prefix"] == ("head." if has_readout else None)


def test_the_readout_can_read_the_last_step_only():
    module, readout = recurrent("gru", bidirectional=True), nn.Linear(10, 3)
    state = {**with_prefix(module, "gru."), **with_prefix(readout, "fc.")}
    run = import_torch_checkpoint(saved(state), readout="last")
    x = torch.randn(2, 6, 3)
    with torch.no_grad():
        close(run.model(x), readout(module(x)[0][:, -1]))  # (B, O)


def test_modules_without_biases_and_other_float_types_import():
    module = recurrent("lstm", layers=2, bias=False).double()
    readout = nn.Linear(5, 1, bias=False).double()
    run = import_torch_checkpoint(saved({**with_prefix(module, "rnn."), **with_prefix(readout, "out.")}))
    assert run.config["imported"]["bias"] is False
    x = torch.randn(3, 8, 3, dtype=torch.float64)
    with torch.no_grad():
        close(run.model(x.float()), readout(module(x)[0]).float())
    assert all(parameter.dtype == torch.float32 for parameter in run.model.parameters())


def test_a_state_dict_nested_by_a_training_script_is_found():
    module = recurrent("rnn")
    run = import_torch_checkpoint(saved({"epoch": 3, "state_dict": with_prefix(module, "rnn.")}))
    x = torch.randn(2, 4, 3)
    with torch.no_grad():
        close(run.model(x), module(x)[0])


def test_a_path_or_a_file_object_names_the_run(tmp_path):
    path = tmp_path / "my model (v2).pt"
    path.write_bytes(saved(with_prefix(recurrent("gru"), "")))
    assert import_torch_checkpoint(path).name == "my-model-v2-"
    assert import_torch_checkpoint(str(path)).config["imported"]["file"] == "my model (v2).pt"
    with open(path, "rb") as handle:
        assert import_torch_checkpoint(handle).name == "my-model-v2-"
    assert import_torch_checkpoint(memoryview(path.read_bytes())).name == "imported"
    hidden = tmp_path / "...pt"
    hidden.write_bytes(path.read_bytes())
    assert import_torch_checkpoint(hidden).name == "imported"


def test_a_prefix_chooses_among_two_recurrent_modules():
    encoder, decoder = recurrent("lstm", seed=1), recurrent("gru", input_size=5, seed=2)
    state = {**with_prefix(encoder, "encoder."), **with_prefix(decoder, "decoder.")}
    with pytest.raises(ValueError) as refused:
        import_torch_checkpoint(saved(state))
    assert str(refused.value) == (
        "found 2 recurrent modules, under the prefixes ['decoder.', 'encoder.']; expected one, or a prefix "
        "to choose it: import_torch_checkpoint(..., prefix='decoder.')"
    )
    run = import_torch_checkpoint(saved(state), prefix="decoder")
    x = torch.randn(2, 5, 5)
    with torch.no_grad():
        close(run.model(x), decoder(x)[0])
    assert run.model.core.kind == "gru"
    with pytest.raises(ValueError, match=r"no recurrent module under the prefix 'rnn\.'; found one under"):
        import_torch_checkpoint(saved(state), prefix="rnn.")


def test_a_model_without_readout_outputs_its_core_output():
    core = Recurrent("lstm", 2, 3, bidirectional=True, seed=0)
    model = SequenceModel(core, None, readout="every", seed=0)
    assert isinstance(model.readout, IdentityReadout) and model.readout.out_features == 6
    assert all(name.startswith("core.") for name in model.state_dict())
    x = torch.randn(2, 4, 2)
    with torch.no_grad():
        assert torch.equal(model(x), core(x)[0])


def test_the_facade_exports_the_importer():
    assert "import_torch_checkpoint" in runs.__all__


# --- refusals: each names what was found and what was expected ---------------------------------------------


def refusal(source, **options) -> str:
    with pytest.raises(ValueError) as refused:
        import_torch_checkpoint(source, **options)
    message = str(refused.value)
    assert "weights_only=False" not in message and "trusted source" not in message  # torch's unsafe advice
    return message


def test_a_pickled_module_is_refused_and_not_run():
    message = refusal(saved(recurrent("lstm")))
    assert message == (
        "the checkpoint holds a pickled Python object (torch.nn.modules.rnn.LSTM), not only tensors; it was "
        "refused and nothing in it was run. Expected a state_dict saved with torch.save(model.state_dict(), "
        "file), not torch.save(model)"
    )


@pytest.mark.filterwarnings("ignore:`torch.jit:DeprecationWarning")
def test_a_torchscript_archive_is_refused():
    buffer = io.BytesIO()
    torch.jit.save(torch.jit.script(nn.Linear(2, 2)), buffer)
    assert refusal(buffer.getvalue()).startswith("the checkpoint is a TorchScript archive (torch.jit.save)")


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (saved(with_prefix(recurrent("gru"), "rnn."))[:300], "RuntimeError: PytorchStreamReader failed"),
        (b"not a checkpoint at all", "(UnpicklingError)"),
        (b"PK\x03\x04 broken zip", "RuntimeError"),
    ],
)
def test_corrupt_bytes_are_refused(data, found):
    message = refusal(data)
    assert message.startswith("the file is not a readable PyTorch checkpoint: it may be corrupt or truncated")
    assert found in message and message.endswith(EXPECTED)


def test_an_empty_file_is_refused(tmp_path):
    assert refusal(b"") == f"the checkpoint is empty (0 bytes); {EXPECTED}"
    missing = refusal(tmp_path / "missing.pt")
    assert missing == "cannot read the checkpoint 'missing.pt': No such file or directory"


def test_a_checkpoint_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    assert limits.MAX_CHECKPOINT_BYTES == 50 * 2**20
    big = tmp_path / "big.pt"
    with open(big, "wb") as handle:
        handle.truncate(60 * 2**20)  # a sparse file: 60 MB that take no time to write
    limit = "the limit is 50 MB (lstm_viz.limits.MAX_CHECKPOINT_BYTES)"
    assert refusal(big) == f"the checkpoint is 60.0 MB; {limit}"
    with open(big, "rb") as handle:
        assert refusal(handle) == f"the checkpoint is more than 50 MB; {limit}"
        assert handle.tell() == limits.MAX_CHECKPOINT_BYTES + 1  # read no further than one byte past it
    assert refusal(bytes(limits.MAX_CHECKPOINT_BYTES + 1)) == f"the checkpoint is 50.0 MB; {limit}"


@pytest.mark.parametrize("junk", [b"", b"junk before the archive"])
def test_a_small_file_that_unpacks_beyond_the_limit_is_refused(junk):
    buffer = io.BytesIO(junk)
    buffer.seek(len(junk))
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("archive/data/0", bytes(51 * 2**20))  # 51 MB of zeros pack into about 50 kB
    assert len(buffer.getvalue()) < 2**20 and buffer.getvalue().startswith(junk)
    assert refusal(buffer.getvalue()) == (
        "the checkpoint unpacks to 51.0 MB; the limit is 50 MB (lstm_viz.limits.MAX_CHECKPOINT_BYTES)"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (torch.zeros(3), "the checkpoint holds a tensor of shape (3,); expected a state_dict saved with"),
        ([1, 2], "the checkpoint holds list; expected a state_dict"),
        ({}, "the checkpoint holds an empty dict; expected a state_dict"),
        (
            {"weight_ih_l0": torch.zeros(4, 3), "epoch": 7, "optimizer": {"lr": 0.1}},
            "the checkpoint holds a dict whose entries are not all tensors ('epoch': int, 'optimizer': "
            f"dict); {EXPECTED}, or a dict with one under 'state_dict' or 'model_state_dict' or 'model'",
        ),
    ],
)
def test_what_is_not_a_state_dict_is_refused(content, message):
    assert refusal(saved(content)).startswith(message)


def test_a_checkpoint_without_a_recurrent_module_is_refused():
    message = refusal(saved(with_prefix(nn.Linear(3, 2), "fc.")))
    assert message.startswith("found no recurrent module: expected tensors named like an nn.LSTM, nn.GRU or")
    assert message.endswith("the checkpoint holds fc.weight (2, 3), fc.bias (2,)")


def lstm_state(**changes) -> dict:
    state = with_prefix(recurrent("lstm", layers=2, bidirectional=True), "rnn.")
    state.update(with_prefix(nn.Linear(10, 2), "fc."))
    state.update(changes)
    return {name: tensor for name, tensor in state.items() if tensor is not None}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"rnn.weight_ih_l1": torch.zeros(20, 5)},
            "rnn.weight_ih_l1 has shape (20, 5); a bidirectional 2-layer LSTM with 5 units per direction "
            "needs (20, 10)",
        ),
        (
            {"rnn.weight_hh_l0": torch.zeros(10, 5)},
            "rnn.weight_hh_l0 has shape (10, 5); expected (G*H, H) with G = 4 gate blocks (LSTM), 3 (GRU) "
            "or 1 (RNN) of H rows each",
        ),
        (
            {"rnn.bias_hh_l1_reverse": None},
            "the tensors under 'rnn.' do not make up a bidirectional 2-layer LSTM with 5 units per "
            "direction: missing ['rnn.bias_hh_l1_reverse'], unexpected []",
        ),
        (
            {"rnn.weight_ih_l3": torch.zeros(20, 10)},
            "found layers [0, 1, 3] under 'rnn.'; expected layers numbered 0, 1, 2, ... in turn",
        ),
        (
            {"fc.weight": torch.zeros(2, 5)},
            "fc.weight has shape (2, 5); a readout of a bidirectional 2-layer LSTM with 5 units per "
            "direction reads its 10 outputs per step, so it needs shape (O, 10)",
        ),
        ({"fc.bias": torch.zeros(3)}, "fc.bias has shape (3,); the readout fc.weight needs (2,)"),
        (
            {"head.weight": torch.zeros(1, 10), "head.bias": torch.zeros(1)},
            "found 2 linear layers, under the prefixes ['fc.', 'head.']; expected at most one readout after "
            "the recurrent module",
        ),
        (
            {"bn.running_mean": torch.zeros(10), "bn.num_batches_tracked": torch.tensor(3)},
            "found tensors that are neither the recurrent module nor a linear readout: bn.running_mean "
            "(10,), bn.num_batches_tracked (); expected one nn.LSTM, nn.GRU or nn.RNN and at most one "
            "nn.Linear after it",
        ),
        (
            {"rnn.weight_hh_l0": torch.zeros(20, 5, dtype=torch.int64)},
            "rnn.weight_hh_l0 is a torch.int64 tensor; expected dense floating-point weights (float16, "
            "bfloat16, float32 or float64)",
        ),
        (
            {"rnn.bias_ih_l0": torch.zeros(20, dtype=torch.complex64)},
            "rnn.bias_ih_l0 is a torch.complex64 tensor; expected dense floating-point weights",
        ),
        (
            {"rnn.weight_hh_l0": torch.zeros(20, 5).to_sparse()},
            "rnn.weight_hh_l0 is a torch.sparse_coo torch.float32 tensor; expected dense floating-point",
        ),
        (
            {"fc.weight": torch.full((2, 10), float("nan"))},
            "fc.weight holds NaN or infinite values; expected finite weights",
        ),
    ],
)
def test_shapes_and_tensors_that_do_not_fit_are_refused(changes, message):
    assert refusal(saved(lstm_state(**changes))).startswith(message)


def test_an_lstm_with_projections_is_refused():
    module = recurrent("lstm", proj_size=2)
    assert refusal(saved(with_prefix(module, "rnn."))) == (
        "found rnn.weight_hr_l0: an LSTM with proj_size, which lstm-viz does not model; expected an LSTM "
        "without projections"
    )


@pytest.mark.parametrize(
    ("state", "message"),
    [
        (
            {f"weight_ih_l{k}": torch.zeros(1, 1) for k in range(limits.MAX_LAYERS + 1)},
            "the number of layers is 5 (from layers 0 to weight_ih_l4); the limit is 4 (lstm_viz.limits)",
        ),
        (
            {"weight_ih_l0": torch.zeros(1, 1), "weight_hh_l0": torch.zeros(1025, 1025)},
            "the hidden size is 1,025 (from weight_hh_l0); the limit is 1,024 (lstm_viz.limits)",
        ),
        (
            {"weight_ih_l0": torch.zeros(1, 4097), "weight_hh_l0": torch.zeros(1, 1)},
            "the input size is 4,097 (from weight_ih_l0); the limit is 4,096 (lstm_viz.limits)",
        ),
        (
            {"weight_ih_l0": torch.zeros(0, 2), "weight_hh_l0": torch.zeros(0, 0)},
            "the hidden size is 0 (from weight_hh_l0); expected at least 1",
        ),
        (
            {**with_prefix(recurrent("rnn", hidden=2), ""), "fc.weight": torch.zeros(4097, 2)},
            "the readout's output size is 4,097 (from fc.weight); the limit is 4,096 (lstm_viz.limits)",
        ),
    ],
)
def test_sizes_beyond_the_engine_limits_are_refused(state, message):
    assert refusal(saved(state)) == message


def test_bad_arguments_are_refused():
    data = saved(with_prefix(recurrent("rnn"), ""))
    wrong = refusal(data, nonlinearity="sigmoid")
    assert wrong == "nonlinearity must be one of ['tanh', 'relu'], got 'sigmoid'"
    assert refusal(data, readout="first") == "readout must be one of ['every', 'last'], got 'first'"
    with pytest.raises(TypeError, match="prefix must be a string such as 'rnn.', got int"):
        import_torch_checkpoint(data, prefix=3)
    with pytest.raises(TypeError, match="expected a path, bytes or a binary file object, got int"):
        import_torch_checkpoint(3)
    with pytest.raises(TypeError, match="opened in binary mode"):
        import_torch_checkpoint(io.StringIO("text"))
