"""Sweeps: hundreds of small training runs (task x lag x architecture x seed) on Dask, kept in SQLite.

    spec = sweeps.SweepSpec.from_toml("spec.toml")     # the grid; sweeps.expand(spec) -> runs with stable ids
    outcome = sweeps.run_sweep(spec, "sweep.sqlite")   # a LocalCluster, or scheduler="tcp://host:8786"
    rows = sweeps.open_read_only("sweep.sqlite").rows(task="adding")
    print(sweeps.format_table(sweeps.summarise(rows)))

`spec` (the grid), `train_one` (one run with `training.train`, on a worker), `store` (the SQLite file,
written only by the client), `runner` (Dask or inline), `summary`, `cli` (`lstm-viz sweep`). Dask is
imported only when a sweep runs on it, so reading a database stays light. `SHIPPED_DB` is the lag-sweep
database shipped with the package (assets/sweeps/ in a checkout). Imports limits, engine, tasks and training.
"""

from pathlib import Path

from .runner import SweepOutcome, run_sweep
from .spec import RunSpec, SweepSpec, expand
from .store import COLUMNS, SweepStore, open_read_only
from .summary import format_table, summarise
from .train_one import train_one

_PACKAGE = Path(__file__).resolve().parent.parent
_CHECKOUT_ASSETS = _PACKAGE.parent / "assets" / "sweeps"
_INSTALLED_ASSETS = _PACKAGE / "sweeps_data_files"
SHIPPED_DIR = _CHECKOUT_ASSETS if _CHECKOUT_ASSETS.is_dir() else _INSTALLED_ASSETS
SHIPPED_DB = SHIPPED_DIR / "lag_sweeps.sqlite"  # built from SHIPPED_DIR / "lag_sweeps.toml"

__all__ = [
    "COLUMNS",
    "SHIPPED_DB",
    "RunSpec",
    "SweepOutcome",
    "SweepSpec",
    "SweepStore",
    "expand",
    "format_table",
    "open_read_only",
    "run_sweep",
    "summarise",
    "train_one",
]
