"""Public: the models of lstm-viz in one import (`from lstm_viz.models import Recurrent`).

A re-export for notebooks and scripts; the code lives in `lstm_viz.engine.core` (the recurrent core) and
`lstm_viz.training.model` (core + readout). Nothing inside the package imports this module.
"""

from lstm_viz.engine.core import KINDS, NONLINEARITIES, Recurrent, validate_input
from lstm_viz.training.model import SequenceModel, for_task

__all__ = ["KINDS", "NONLINEARITIES", "Recurrent", "SequenceModel", "for_task", "validate_input"]
