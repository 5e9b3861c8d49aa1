"""Public: saved runs and the pretrained demos (`from lstm_viz import runs`).

A re-export for notebooks and scripts; the code lives in `lstm_viz.training.runs`. Nothing inside the package
imports this module.
"""

from lstm_viz.training.checkpoint_import import import_torch_checkpoint
from lstm_viz.training.runs import (
    CONFIG_FILE,
    HISTORY_FILE,
    PRETRAINED_DIR,
    RUN_FILES,
    WEIGHTS_FILE,
    Run,
    build_model,
    default_runs_dir,
    list_runs,
    load_pretrained,
    load_run,
    pretrained_names,
    run_config,
    save_run,
)

__all__ = [
    "CONFIG_FILE",
    "HISTORY_FILE",
    "PRETRAINED_DIR",
    "RUN_FILES",
    "WEIGHTS_FILE",
    "Run",
    "build_model",
    "default_runs_dir",
    "import_torch_checkpoint",
    "list_runs",
    "load_pretrained",
    "load_run",
    "pretrained_names",
    "run_config",
    "save_run",
]
