"""Every size limit of lstm-viz, as literals, in one place; this module imports nothing.

The engine's limits bound one call so that no request takes a server's memory; each is checked where the
value is taken, with a ValueError that names it. The app's limits are tighter and stated beside each
control. A name means one number everywhere.
"""

# --- the engine and the library ---------------------------------------------------------------------------
MAX_LENGTH = 1000  # time steps of a task (length, lag or window)                 tasks
MAX_BATCH = 512  # sequences in one batch                                          tasks, training
MAX_STEPS = 20_000  # updates in one training run                                 training.TrainConfig
MAX_UPLOAD_ROWS = 10**6  # values of a user's own series                           tasks.series_data
MAX_HIDDEN = 1024  # units per layer                                               engine.core, runs
MAX_LAYERS = 4  # stacked layers                                                   engine.core, runs
MAX_TRACE_VALUES = 50_000_000  # floats one recording holds (B*T*H*arrays), 200 MB engine.core
MAX_SEED = 2**63 - 1  # the largest seed a training config or a saved run takes
MAX_RUN_JSON_BYTES = 64 * 2**20  # one JSON file of a saved run (a 20000-step history stays far below)

# --- lag sweeps (training.lag_sweep) ------------------------------------------------------------------------
SWEEP_MAX_KINDS = 3  # architectures in one sweep
SWEEP_MAX_LAGS = 5  # lags in one sweep
SWEEP_MAX_LAG = 200  # the longest lag a sweep trains on
SWEEP_MAX_STEPS = 400  # updates per run of a sweep

# --- figures ----------------------------------------------------------------------------------------------
MAX_HEATMAP_NUMBERS = 200_000  # numbers one heatmap ships before its time axis is averaged in blocks
PAGE_HEATMAP_NUMBERS = 250_000  # numbers all heatmaps of one page ship together (about 1.3 MB)

# --- the app (lstm_viz.ui): tighter than the engine's, stated next to each control ------------------------
APP_MAX_HIDDEN = 256  # units per layer of a freshly initialised model
APP_MAX_LAYERS = 3  # stacked layers of a freshly initialised model
APP_MAX_SEED = 2**31 - 1  # the sidebar's seed
APP_MAX_UPLOAD_ROWS = 100_000  # values of an uploaded series (the file size is server.maxUploadSize)
APP_MAX_UPLOAD_COLUMNS = 100  # fields on the first line of an uploaded CSV
APP_TRACE_VALUES = 20_000_000  # floats in one cached trace (80 MB): larger models record fewer samples
APP_BATCH_SHOWN = 8  # sequences recorded at once; the sample selector picks one of them
TRAIN_MAX_STEPS = 3000  # updates per architecture on the Train page
TRAIN_MAX_LENGTH = 500  # time steps per training sequence on the Train page
TRAIN_MAX_HIDDEN = 256  # units of a model trained on the Train page
TRAIN_MAX_BATCH = 256  # sequences per update on the Train page
SWEEP_TIME_LIMIT = 240.0  # seconds a live sweep may run before it stops and shows what it has
