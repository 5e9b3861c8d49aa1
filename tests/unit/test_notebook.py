"""The README's notebook session, run as written except for the number of training steps.

The README trains for 1500 steps; 1000 keep this file near 20 s on one thread and still pass the point
(near step 800 with these seeds) where the LSTM finds the two marked numbers and the loss drops far below
the baseline of always answering 1.
"""

import torch

torch.set_num_threads(1)

STEPS = 1000


def test_the_notebook_session_runs_and_learns():
    from lstm_viz import models, tasks, training

    task = tasks.get("adding", length=100)
    assert (task.input_size, task.output_size) == (2, 1)
    model = models.for_task("lstm", task, hidden_size=64, seed=0)
    history = training.train(
        model, task, training.TrainConfig(steps=STEPS, lr=0.01, batch_size=64, clip=1.0, seed=0)
    )
    batch = task.sample(8, seed=1)
    out, trace = model.run_with_trace(batch.x, target=batch.y)

    assert history.stopped is None and history.eval_steps[-1] == STEPS
    assert history.eval_loss[-1] < 0.1 * task.baseline_loss
    assert out.shape == (8, 1)
    assert trace["l0.hidden_grad"].shape == trace["l0.cell_grad"].shape == (8, 100, 64)
    assert torch.allclose(out, model(batch.x), atol=1e-5)
