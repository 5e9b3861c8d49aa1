"""Training: the sequence model (core + readout), config, history, the loop, saved runs, probes, lag sweeps.

    model = training.for_task("lstm", task, hidden_size=64, seed=0)
    history = training.train(model, task, training.TrainConfig(steps=1500, lr=0.01))

Imports the engine, the tasks and the limits; never figures, the UI or Streamlit.
"""

from lstm_viz.limits import MAX_STEPS

from .config import OPTIMIZERS, RECURRENT_INITS, TrainConfig
from .history import History
from .initialisation import apply_init
from .loop import Progress, evaluation_batches, train
from .model import SequenceModel, for_task

__all__ = [
    "MAX_STEPS",
    "OPTIMIZERS",
    "RECURRENT_INITS",
    "History",
    "Progress",
    "SequenceModel",
    "TrainConfig",
    "apply_init",
    "evaluation_batches",
    "for_task",
    "train",
]
