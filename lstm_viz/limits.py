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
MAX_CSV_FIELDS = 1000  # fields on any line of a CSV a series is read from         tasks.series_data
MAX_SERIES_MAGNITUDE = 1e100  # |value| of a series: its variance stays far below float64's 1.8e308
MAX_HIDDEN = 1024  # units per layer                                               engine.core, runs
MAX_INPUT_SIZE = 4096  # features per time step (the widest task has 23)          engine.core
MAX_LAYERS = 4  # stacked layers                                                   engine.core, runs
MAX_TRACE_VALUES = 50_000_000  # floats one recording holds (B*T*H*arrays), 200 MB engine.core
MAX_TRACE_META_CHARS = 2**20  # characters of the JSON meta of one saved trace (about 300)  engine.trace
MAX_SEED = 2**63 - 1  # the largest seed a core, a training config or a saved run takes
MAX_RUN_JSON_BYTES = 64 * 2**20  # one JSON file of a saved run (a 20000-step history stays far below)
MAX_CHECKPOINT_BYTES = 50 * 2**20  # a PyTorch checkpoint to import (its file, and unpacked)  training
MAX_READOUT_OUTPUTS = 4096  # outputs of the linear readout of an imported checkpoint    training

# --- lag sweeps (training.lag_sweep) ------------------------------------------------------------------------
SWEEP_MAX_KINDS = 3  # architectures in one sweep
SWEEP_MAX_LAGS = 5  # lags in one sweep
SWEEP_MAX_LAG = 200  # the longest lag a sweep trains on
SWEEP_MAX_STEPS = 400  # updates per run of a sweep

# --- sweeps on Dask (lstm_viz.sweeps): a spec file, its grid and the database ------------------------------
SWEEPS_MAX_RUNS = 20_000  # runs one sweep spec expands to
SWEEPS_MAX_AXIS = 100  # values on one axis of a sweep spec (lags, seeds, hidden sizes, ...)
SWEEPS_MAX_HIDDEN = 1024  # units of one run's model
SWEEPS_MAX_SPEC_BYTES = 2**20  # a sweep spec file (TOML)
# the Sweeps page (ui.sweeps_*): an uploaded database, what it reads of one, the sweep it may launch
SWEEPS_PAGE_UPLOAD_MAX_BYTES = 8 * 2**20  # an uploaded sweep database (.sqlite); below server.maxUploadSize
SWEEPS_PAGE_MAX_ROWS = 20_000  # runs the page reads from one database
SWEEPS_PAGE_LIVE_MAX_RUNS = 12  # runs of a sweep launched from the page
SWEEPS_PAGE_LIVE_MAX_STEPS = 300  # updates per run of that sweep
SWEEPS_PAGE_LIVE_TIME_LIMIT = 240.0  # seconds it may run before it stops, keeping the runs that finished

# --- memory curves (training.memory_curve) ------------------------------------------------------------------
MEMORY_CURVE_MAX_LAG = 200  # the longest lag k whose input x_{t-k} a memory curve decodes
MEMORY_CURVE_MAX_BATCH = 256  # sequences in each of its two batches (fit and held-out)
MEMORY_CURVE_MAX_LENGTH = 1000  # time steps of its random input sequences
MEMORY_CURVE_MAX_WORK = 10_000_000_000  # multiply-adds of its ridge fits (about 3 s of one core)

# --- ranking units by silencing each alone (training.what_if.harmless_units) --------------------------------
HARMLESS_MAX_VALUES = 1_000_000_000  # floats of its one recording per unit, together (about 10 s)
HARMLESS_MAX_STEPS = 40_000  # steps of one layer and direction its runs compute together (about 10 s)

# --- reading text (lstm_viz.text) --------------------------------------------------------------------------
TEXT_MAX_CHARS = 20_000  # characters one `read_text` traces (128 units, 2 layers: 31M floats, 120 MB)

# --- figures ----------------------------------------------------------------------------------------------
MAX_HEATMAP_NUMBERS = 200_000  # numbers one heatmap ships before its time axis is averaged in blocks
PAGE_HEATMAP_NUMBERS = 250_000  # numbers all heatmaps of one page ship together (about 1.3 MB)

# --- the app (lstm_viz.ui): tighter than the engine's, stated next to each control ------------------------
APP_MAX_HIDDEN = 256  # units per layer of a freshly initialised model
APP_MAX_LAYERS = 3  # stacked layers of a freshly initialised model
APP_MAX_SEED = 2**31 - 1  # the sidebar's seed
APP_MAX_UPLOAD_ROWS = 100_000  # values of an uploaded series (the file size is server.maxUploadSize)
APP_MAX_UPLOAD_COLUMNS = 100  # fields on any line of an uploaded CSV
APP_MAX_TYPED_STEPS = 100  # values of an input sequence typed or pasted on a page (all kept in its link)
APP_MAX_TYPED_MAGNITUDE = 1e6  # |value| of one typed or uploaded input value
APP_MAX_SEQUENCE_STEPS = 1000  # rows (time steps) of an uploaded input sequence (within the task's range)
APP_MAX_SEQUENCE_BYTES = 2**20  # the CSV of an uploaded input sequence (1000 rows of 23 features fit)
APP_TRACE_VALUES = 20_000_000  # floats in one cached trace (80 MB): larger models record fewer samples
APP_BATCH_SHOWN = 8  # sequences recorded at once; the sample selector picks one of them
EXPORT_CSV_MAX_ROWS = 1_000_000  # rows of a trace's CSV download (about 40 MB, 2 s); larger: .npz only
TRAIN_MAX_STEPS = 3000  # updates per architecture on the Train page
TRAIN_MAX_LENGTH = 500  # time steps per training sequence on the Train page
TRAIN_MAX_HIDDEN = 256  # units of a model trained on the Train page
TRAIN_MAX_BATCH = 256  # sequences per update on the Train page
SWEEP_TIME_LIMIT = 240.0  # seconds a live sweep may run before it stops and shows what it has
JOB_WORK_SECONDS = 120.0  # work one training or sweep may ask for: seconds of computing (ui.job_budget)
TRAIN_TIME_LIMIT = 300.0  # seconds a training may run (a backstop to the estimate); then it stops and saves
JOB_ORPHAN_SECONDS = 30.0  # a job (queued or running) whose browser session is gone this long is cancelled
RUNS_MAX_PER_SESSION = 30  # runs one browser session may save from the Train page
RUNS_MAX_TOTAL = 500  # runs the runs folder may hold before the Train page saves no more
WHAT_IF_MAX_BATCH = 256  # sequences the What if page runs with and without the interventions
WHAT_IF_TRACE_VALUES = 10_000_000  # floats of one of its recordings (it makes two and their difference:
#                                    120 MB); a larger model runs fewer sequences
WHAT_IF_MAX_UNITS = 16  # units its memory preset silences
WHAT_IF_CONTROL_DRAWS = 5  # draws of as many random units it silences for comparison (one run each)
WHAT_IF_RANK_BATCH = 64  # sequences on which it silences each unit alone to find the least harmful ones
WHAT_IF_MAX_EDITS = 3  # interventions of your own it combines
WHAT_IF_CURVE_MAX_LAG = 100  # the longest lag of its memory curves (one per architecture)
WHAT_IF_CURVE_BATCH = 64  # sequences in each of the two batches of those curves (fewer for a large model)
APP_TEXT_EXCERPT_CHARS = 2000  # characters of the held-out excerpt the Reading text page reads
APP_TEXT_MAX_CHARS = 2000  # characters of your own text it reads (a longer text is cut there, with a notice)
APP_TEXT_MAX_BYTES = 256 * 1024  # a text file uploaded there (UTF-8)
APP_TEXT_LONG_CHARS = 20_000  # characters of the test split its match view and bracket test read

# --- lessons (ui.lesson_files, the Lessons page) ------------------------------------------------------------
LESSON_MIN_STEPS = 5  # steps of one lesson, at least
LESSON_MAX_STEPS = 8  # steps of one lesson, at most (also the largest `step` a link may name)
LESSON_MAX_FILE_BYTES = 64_000  # one lesson file
LESSON_MAX_CHOICES = 4  # choices of one question (at least 2)
LESSON_MAX_TEXT_CHARS = 600  # characters of one step's text in one language
