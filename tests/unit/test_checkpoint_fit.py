"""An imported checkpoint as a run of a task (issue 13: "can be saved as a run"): the recurrent modules a
file holds, whether a model answers a task and why not, and a fitted run that saves, reloads and lists as
imported."""

import io

import pytest
import torch
from torch import nn

from lstm_viz import runs, tasks
from lstm_viz.tasks.losses import task_loss
from lstm_viz.training import TrainConfig, checkpoint_import
from lstm_viz.training.loop import evaluation_batches
from lstm_viz.training.runs import summarise_run

torch.set_num_threads(1)


def saved(state) -> bytes:
    buffer = io.BytesIO()
    torch.save(state, buffer)
    return buffer.getvalue()


def lstm_with_head(inputs=2, hidden=8, outputs=1, seed=0):
    torch.manual_seed(seed)
    lstm, head = nn.LSTM(inputs, hidden, batch_first=True), nn.Linear(hidden, outputs)
    state = {f"rnn.{k}": v for k, v in lstm.state_dict().items()}
    state.update({f"fc.{k}": v for k, v in head.state_dict().items()})
    return lstm, head, saved(state)


def test_the_recurrent_modules_of_a_file_are_listed_to_choose_from():
    torch.manual_seed(0)
    encoder, decoder = nn.GRU(3, 4), nn.RNN(4, 5)
    state = {f"encoder.{k}": v for k, v in encoder.state_dict().items()}
    state.update({f"decoder.{k}": v for k, v in decoder.state_dict().items()})
    assert checkpoint_import.recurrent_prefixes(saved(state)) == ["decoder.", "encoder."]
    assert checkpoint_import.recurrent_prefixes(saved(nn.LSTM(2, 3).state_dict())) == [""]
    with pytest.raises(ValueError, match="found no recurrent module"):
        checkpoint_import.recurrent_prefixes(saved(nn.Linear(2, 3).state_dict()))


def test_a_model_that_answers_the_task_becomes_a_run_of_it_that_saves_and_reloads(tmp_path):
    lstm, head, data = lstm_with_head()
    task = tasks.get("adding", length=20)
    imported = checkpoint_import.import_torch_checkpoint(data, readout="last")
    assert checkpoint_import.unfit_reason(imported.model, task) == ""
    run = checkpoint_import.fit_to_task(imported, task)
    assert run.config["task"] == "adding" and run.config["task_params"] == {"length": 20}
    assert run.config["imported"]["prefix"] == "rnn." and run.model.loss_kind == "mse"
    x = task.sample(16, seed=3).x
    with torch.no_grad():
        expected = head(lstm(x)[0][:, -1])  # (B, 1)
        torch.testing.assert_close(run.model(x), expected, atol=1e-5, rtol=0)
    eval_batch, _ = evaluation_batches(task, TrainConfig())  # the batch every run is evaluated on
    with torch.no_grad():
        loss = task_loss(head(lstm(eval_batch.x)[0][:, -1]), eval_batch.y, eval_batch.loss_mask, "mse")
    assert run.history.eval_steps == [0] and run.history.eval_loss[0] == pytest.approx(float(loss), rel=1e-5)

    folder = runs.save_run(run, tmp_path)
    back = runs.load_run(folder)
    with torch.no_grad():
        torch.testing.assert_close(back.model(x), expected, atol=1e-5, rtol=0)
    summary = summarise_run(folder)
    assert summary.imported and not summary.partial and summary.steps == 0
    assert summary.final_metric == pytest.approx(float(loss), rel=1e-5)


@pytest.mark.parametrize(
    ("options", "task", "reason"),
    [
        ({"readout": "every"}, ("adding", {}), "the model's readout is 'every' but the task 'adding' needs"),
        ({}, ("sine", {}), "the model's input size is 2 but the task 'sine' needs 1"),
        ({"outputs": 3}, ("adding", {}), "the model's output size is 3 but the task 'adding' needs 1"),
        ({"head": False}, ("adding", {}), "no linear layer after its recurrent module"),
    ],
)
def test_a_model_that_does_not_answer_the_task_says_why(options, task, reason):
    lstm, head, data = lstm_with_head(outputs=options.get("outputs", 1))
    if options.get("head") is False:
        data = saved(lstm.state_dict())
    imported = checkpoint_import.import_torch_checkpoint(data, readout=options.get("readout", "last"))
    task = tasks.get(task[0], **task[1])
    assert reason in checkpoint_import.unfit_reason(imported.model, task)
    with pytest.raises(ValueError, match=reason.split(" but")[0].replace("'", ".")):
        checkpoint_import.fit_to_task(imported, task)


def test_a_classification_task_gets_its_own_loss():
    torch.manual_seed(0)
    gru, head = nn.GRU(8, 6, batch_first=True), nn.Linear(6, 4)
    state = {f"gru.{k}": v for k, v in gru.state_dict().items()}
    state.update({f"out.{k}": v for k, v in head.state_dict().items()})
    run = checkpoint_import.fit_to_task(
        checkpoint_import.import_torch_checkpoint(saved(state), readout="last"), tasks.get("remember_first")
    )
    assert run.model.loss_kind == "cross_entropy" and run.history.metric_name == "accuracy"
    assert 0.0 <= run.history.eval_metric[0] <= 1.0


def test_a_run_config_with_an_imported_entry_that_is_not_an_object_is_refused():
    _, _, data = lstm_with_head()
    run = checkpoint_import.fit_to_task(
        checkpoint_import.import_torch_checkpoint(data, readout="last"), tasks.get("adding", length=5)
    )
    with pytest.raises(ValueError, match="imported must be a JSON object"):
        runs.build_model({**run.config, "imported": "yes"})
    with pytest.raises(ValueError, match="unexpected"):
        runs.build_model({**run.config, "extra": 1})
