# ruff: noqa: E501 - a table of prose: lines are wrapped for reading, not to a column
"""The app's own strings in English (the figures' English is lstm_viz.figures.LABELS); see strings.py."""

UI_EN: dict[str, str] = {
    # pages
    "page_home": "Home",
    "page_step": "Inside one step",
    "page_gates": "Gates and states",
    "page_activations": "Activation functions",
    # sidebar
    "sb_model": "Model",
    "sb_source": "Model source",
    "source_pretrained": "Pretrained demo",
    "source_fresh": "Freshly initialised",
    "source_saved": "A saved run",
    "sb_source_help": "Pretrained demos exist for RNN, GRU and LSTM on the adding, remember-first and sunspots "
    "tasks. A freshly initialised model shows what the network does before any training. Your own model is a "
    "PyTorch file you upload.",
    "source_pretrained_short": "pretrained model {name}",
    "source_fresh_short": "freshly initialised, seed {seed}",
    "source_saved_short": "saved run {name}",
    "sb_run": "Saved run",
    "sb_run_label": "{arch} · {steps} steps · {metric} · {name}",
    "sb_run_label_partial": "{arch} · {done}/{planned} steps, partial · {metric} · {name}",
    "sb_run_metric_accuracy": "accuracy {value}",
    "sb_run_metric_mse": "MSE {value}",
    "sb_no_runs": "No saved runs found in {folder}.",
    "sb_run_pick": "Choose a saved run",
    "sb_kind": "Architecture",
    "kind_rnn": "RNN",
    "kind_gru": "GRU",
    "kind_lstm": "LSTM",
    "sb_variant": "LSTM variant",
    "variant_standard": "standard",
    "variant_peephole": "peephole",
    "variant_no_forget_gate": "no forget gate (1997)",
    "variant_coupled": "coupled input and forget gates",
    "sb_variant_help": "Peephole: the gates also look at the cell state. No forget gate: the original 1997 "
    "LSTM, f = 1. Coupled: f = 1 - i, so writing new content always forgets the same amount.",
    "sb_act": "RNN nonlinearity",
    "sb_task": "Task",
    "task_adding": "Adding (sum two marked numbers)",
    "task_copy": "Copy (repeat symbols after a gap)",
    "task_remember_first": "Remember the first symbol",
    "task_parity": "Parity of a bit stream",
    "task_sine": "Next value of a sine wave",
    "task_sunspots": "Sunspots: the next year (1700-2008)",
    "task_co2": "Mauna Loa CO2: the next week (1958-2001)",
    "task_nile": "The Nile's flow: the next year (1871-1970)",
    "task_elnino": "El Niño sea temperature: the next month (1950-2010)",
    "task_sentiment": "Sentiment with a 'not'",
    "task_series": "Your own series (CSV)",
    "task_chars": "Python source: the next character",
    "sb_length": "Sequence length",
    "sb_lag": "Lag (steps to remember across)",
    "sb_window": "Window (values the model reads)",
    "sb_length_help": "Number of time steps in each sequence. Longer sequences make long-range memory harder. "
    "Allowed here: {low} to {high}.",
    "sb_lag_help": "How many steps lie between what the model must remember and the moment it needs it. "
    "Allowed here: {low} to {high}.",
    "sb_window_help": "How many consecutive values of the series the model reads before it predicts the next "
    "one. Allowed here: {low} to {high} (the series must have one more value than the window).",
    "sb_hidden": "Hidden size (units)",
    "sb_hidden_help": "Units in each layer: 1 to {high} here. More units can remember more, and take longer "
    "to record.",
    "sb_layers": "Layers",
    "sb_layers_help": "Recurrent layers stacked on top of each other: 1 to {high} here. Each layer reads the "
    "hidden states of the layer below.",
    "sb_run_failed": "The saved run “{name}” cannot be used: {error}",
    # uploading a series
    "up_label": "Your series (a CSV file)",
    "up_help": "One number per row; a header line is optional. At most {mb} MB and {rows} rows per file, "
    "{columns} fields per line, every value within ±{magnitude}. The first numeric column is used unless you "
    "name another one below.",
    "up_prompt": "Upload a CSV file (at most {mb} MB and {rows} rows) to look inside the networks on your own "
    "series. Until then the pages show the task “{task}”.",
    "up_column": "Column (optional)",
    "up_column_help": "A header name, or a column number counting from 0. Leave it empty to use the first "
    "numeric column.",
    "up_loaded": "{rows} values loaded. The model reads a window of them and predicts the value that comes "
    "next.",
    "up_error": "This file cannot be used: {reason}. Until a usable file is uploaded, the pages show the task "
    "“{task}”.",
    "up_error_size": "This file is {size} MB, more than the {mb} MB this app accepts. Until a usable file is "
    "uploaded, the pages show the task “{task}”.",
    "up_error_rows": "This series has {rows} values, more than the {limit} this app accepts; keep the last part "
    "of it, for example. Until a usable file is uploaded, the pages show the task “{task}”.",
    "up_error_columns": "Line {line} of this file has {columns} fields, more than the {limit} this app reads; "
    "put each value on a line of its own. Until a usable file is uploaded, the pages show the task “{task}”.",
    "up_error_magnitude": "This series holds {value} (position {position}, counting from 0), beyond ±{limit}, "
    "the largest magnitude this app reads (much larger numbers make the mean and spread overflow). Rescale the "
    "series (divide it by a power of ten, for example) and upload it again. Until a usable file is uploaded, "
    "the pages show the task “{task}”.",
    "sb_bidir": "Bidirectional",
    "sb_bidir_help": "A second copy of each layer reads the sequence backwards; the page lets you choose which "
    "direction to look at.",
    "sb_fixed_sizes": "{hidden} units · {layers} layer(s) · {directions} — fixed by the model.",
    "sb_one_direction": "one direction",
    "sb_two_directions": "both directions",
    "sb_seed": "Random seed",
    "sb_seed_help": "Sets the sequences drawn from the task and, for a fresh model, its initial weights. "
    "The same seed always gives the same numbers.",
    "sb_sample": "Sample",
    "sb_sample_help": "Which of the {batch} recorded sequences to show.",
    "sb_copy_link": "Every setting is in the address bar: copy the link to reopen exactly this view.",
    # notices
    "notice_unknown_param": "The link has an unknown setting “{name}”; it was ignored.",
    "notice_bad_param": "The link sets {name}={value}, which is not allowed; using {default} instead.",
    "notice_out_of_range": "{name}={value} is outside {low}–{high} here; using {default} instead.",
    "notice_no_pretrained": "There is no pretrained {kind} for the task “{task}”, so a freshly initialised one "
    "(seed {seed}) is shown. Pretrained demos (standard RNN, GRU and LSTM) exist for: {tasks}.",
    "notice_run_failed": "Could not load “{name}” ({error}); a freshly initialised model is shown instead.",
    "notice_no_saved_run": "No saved run is selected; a freshly initialised model is shown.",
    "notice_run_gone": "The saved run “{name}” is gone: it was deleted or renamed, or it belongs to another "
    "session that has not shared it. A freshly initialised model is shown instead; choose another run in the "
    "sidebar.",
    "notice_series_fallback": "No usable series has been uploaded yet (see the sidebar), so this page shows "
    "the task “{task}”.",
    "notice_sample_range": "Sample {sample} does not exist here (only {batch} sequences are recorded); "
    "showing sample 0.",
    "computing": "Recording every step of the {what}…",
    # home
    "home_title": "lstm-viz: look inside recurrent networks",
    "home_intro": "An LSTM, a GRU and a plain RNN read the same sequence one step at a time. Every gate, the "
    "cell state, the hidden state and the gradient are recorded at every step, so you can *see* why a plain "
    "RNN forgets and how an LSTM holds on to what it needs. Pick a model and a task in the sidebar; every page "
    "uses them.",
    "home_headline": "How far back can the loss reach?",
    "home_fig_title": "Gradient reaching each step ({length} steps)",
    "home_fig_caption": "The loss is measured at the end of the sequence. Each line shows how large its "
    "gradient still is when it arrives at an earlier step t (log scale). A line that drops steeply to the "
    "left means the early steps hardly receive any learning signal: the gradient vanishes.",
    "grad_ratio_label": "{arch}: last ÷ first",
    "grad_ratio_help": "Gradient at the last step divided by the gradient at step 0: how many times weaker the "
    "learning signal is at the first step (∞: it fell to exactly 0 there). The fitted change per step back is "
    "×{factor}; the whole curve spans a factor of {span} (largest ÷ smallest).",
    "home_fresh_note": "No pretrained models were available for these settings, so the lines come from freshly "
    "initialised networks. Untrained, the LSTM's forget gates sit near 0.5 and its gradient fades too; a "
    "trained LSTM learns to keep them near 1.",
    "home_reading": "**Why the difference?** In a plain RNN the gradient passes back through every step by a "
    "multiplication with the recurrent weights and the slope of tanh, which is at most 1 and usually much "
    "smaller, so it shrinks geometrically. In an LSTM it can also travel along the cell state, where each step "
    "only multiplies it by the forget gate f_t; when f_t stays close to 1 the signal survives for many steps.",
    "home_pages": "Explore",
    "home_teaches_step": "The cell at one time step as a diagram, and every equation written out with the real "
    "numbers of one unit. Step forwards and backwards to watch the memory change.",
    "home_teaches_gates": "Heatmaps of every gate and state over time and units, which units are always open "
    "or shut, and two architectures side by side on the same scale.",
    "home_teaches_activations": "Sigmoid, tanh, ReLU and their slopes, and why multiplying many slopes makes a "
    "gradient vanish.",
    "home_howto": "Tip for the classroom: the address bar holds every setting, so a copied link reopens the "
    "same view; switch the language at the top of the sidebar.",
    # time step, units, layers
    "step_subtitle": "{arch} · {task} · {source}",
    "t_label": "Time step t",
    "t_help": "The marked step in every picture. Use the buttons to move one step at a time.",
    "t_single": "The sequence has a single step (t = {t}).",
    "prev_step": "◀ Previous",
    "next_step": "Next ▶",
    "unit_label": "Unit",
    "unit_help": "Which hidden unit the equations follow. Every unit has its own gates and its own cell.",
    "layer_label": "Layer",
    "layer_option": "layer {layer}{top}",
    "layer_top": " (top)",
    "dir_label": "Direction",
    "dir_forward": "forward (reads t = 0, 1, …)",
    "dir_reverse": "reverse (reads from the end)",
    "dir_help": "A bidirectional layer has two independent cells; the reverse one's previous step is t + 1.",
    "dir_word_forward": "forward",
    "dir_word_reverse": "reverse",
    "where_shown": "Shown: layer {layer}{top}, {direction} direction.",
    # inside one step
    "step_diagram": "The cell at step t",
    "step_diagram_caption_lstm": "The top line is the cell state c: the forget gate f scales the old memory, "
    "the input gate i adds the candidate g, and the output gate o decides how much of tanh(c) leaves as h.",
    "step_diagram_caption_lstm_no_forget_gate": "The top line is the cell state c: without a forget gate the old "
    "memory passes on unscaled (f = 1), the input gate i adds the candidate g, and the output gate o decides how "
    "much of tanh(c) leaves as h.",
    "step_diagram_caption_gru": "The update gate z mixes the old hidden state with the candidate n; the reset "
    "gate r decides how much of the old state the candidate may use.",
    "step_diagram_caption_rnn": "A plain RNN has no gates: the new state is tanh of a weighted sum of the input "
    "and the previous state.",
    "step_diagram_caption_rnn_relu": "A plain RNN has no gates: the new state is ReLU of a weighted sum of the "
    "input and the previous state (the sum itself where it is positive, 0 elsewhere).",
    "step_inputs": "Input at t = {t} (what layer {layer} reads): x_t = {x}",
    "step_equations": "Equations of unit {unit} at step t = {t} (sample {sample})",
    "eq_lstm_input_gate": "Input gate: how much of the new candidate gets written into memory (0 = nothing, "
    "1 = all).",
    "eq_lstm_forget_gate": "Forget gate: how much of the old memory c is kept (1 = keep everything).",
    "eq_lstm_cell_candidate": "Candidate: the new content proposed for the memory, between -1 and 1.",
    "eq_lstm_cell": "New memory: the kept part of the old memory plus the written part of the candidate. "
    "No squashing function on this path — that is why it carries gradients well.",
    "eq_lstm_output_gate": "Output gate: how much of the memory is shown to the outside as h.",
    "eq_lstm_hidden": "Hidden state: what the next step and the next layer (and the readout) see.",
    "eq_gru_reset_gate": "Reset gate: how much of the previous state the candidate may look at.",
    "eq_gru_update_gate": "Update gate: how much of the previous state is kept (1 = keep it unchanged).",
    "eq_gru_candidate": "Candidate: the new content, built from the input and the reset-scaled previous state.",
    "eq_gru_hidden": "New state: a mix of the old state and the candidate, weighted by the update gate.",
    "eq_rnn_preactivation": "Pre-activation: weighted input plus weighted previous state plus bias.",
    "eq_rnn_hidden": "New state: the pre-activation squashed by the nonlinearity.",
    "step_first": "This is the first step of this direction: the previous hidden (and cell) state is zero.",
    "step_reading": "In words",
    "step_story_lstm": "This unit keeps **{f:.0%}** of its old memory ({c_prev:.3f} → {kept:.3f}) and writes "
    "**{i:.0%}** of the candidate {g:.3f} (adding {written:.3f}), so its memory becomes **c_t = {c:.3f}**. The "
    "output gate lets **{o:.0%}** of tanh(c_t) out: h_t = {h:.3f}.",
    "step_story_gru": "The update gate keeps **{z:.0%}** of the previous state ({h_prev:.3f}) and takes "
    "**1 − z = {z_rest}** from the candidate {n:.3f}; the reset gate let {r:.0%} of the old state into that "
    "candidate. Result: **h_t = {h:.3f}**.",
    "step_story_rnn": "The weighted sum is a_t = {a:.3f}; after the squashing function the new state is "
    "**h_t = {h:.3f}**. Everything the network remembers must pass through this one squashing step, every step.",
    "step_why_lstm": "**Why this helps memory:** the gradient of c_t with respect to c_(t-1) along the memory "
    "line is just f_t. Over many steps these factors multiply; if the forget gate stays near 1, the product "
    "stays large and the gradient does not vanish (the “constant error carousel”).",
    "step_why_gru": "**Why this helps memory:** when z_t is close to 1 the state is copied almost unchanged, "
    "and the gradient along that copy is multiplied by z_t, not by a small tanh slope.",
    "step_why_rnn": "**Why it forgets:** going one step back multiplies the gradient by U and by the tanh slope "
    "(at most 1, usually smaller). Over tens of steps this product shrinks geometrically — the vanishing "
    "gradient.",
    "step_why_rnn_relu": "**Why it forgets:** going one step back multiplies the gradient by U and by the ReLU "
    "slope, 1 where the unit is active and 0 where it is not. Every inactive unit cuts its path, and over tens "
    "of steps the product of U with itself shrinks or grows geometrically — vanishing or exploding gradients.",
    # gates and states
    "gates_intro": "Each heatmap shows one recorded quantity: a row per hidden unit, a column per time step, "
    "the input sequence in a strip on top. The dashed line marks the chosen step t.",
    "sort_label": "Order units by",
    "sort_index": "index",
    "sort_variance": "variance (most active first)",
    "sort_peak": "time of peak",
    "sort_help": "Sorting uses the hidden state of the shown sample and applies to every heatmap.",
    "units_label": "Units to show",
    "units_all": "all units",
    "units_help": "Pick a few units to follow; leave empty to show them all.",
    "compare_label": "Compare with",
    "compare_none": "nothing",
    "compare_help": "Show the same task and sample for a second architecture, side by side, on shared colour "
    "scales.",
    "gates_fig_title": "{quantity} — {arch}",
    "meaning_input_gate": "Input gate: bright where the unit writes new content.",
    "meaning_forget_gate": "Forget gate: bright (near 1) where the unit keeps its memory, dark where it clears "
    "it.",
    "meaning_cell_candidate": "Candidate: the content the unit would write.",
    "meaning_output_gate": "Output gate: where the memory is shown to the outside.",
    "meaning_cell": "Cell state: the memory itself; long horizontal bands are values held over many steps.",
    "meaning_hidden": "Hidden state: the output of the unit at each step.",
    "meaning_reset_gate": "Reset gate: dark where the candidate ignores the previous state.",
    "meaning_update_gate": "Update gate: bright where the state is carried over unchanged.",
    "meaning_candidate": "Candidate: the new content the GRU may move towards.",
    "meaning_preactivation": "Pre-activation: the weighted sum before the nonlinearity; with tanh a large |a| "
    "means a saturated unit, with ReLU a negative a means an inactive one.",
    "meaning_hidden_grad": "Gradient of the loss with respect to h_t: dark to the left means it vanished.",
    "meaning_cell_grad": "Gradient with respect to the cell state c_t: the memory line's share of learning.",
    "saturation_header": "Gate saturation",
    "saturation_intro": "For every gate unit: the share of (sample, step) pairs where it is almost closed "
    "(< 0.1) and almost open (> 0.9). Units on the axes act like switches; units near the corner (0, 0) "
    "stay in between.",
    "saturation_none": "The {arch} has no gates, so there is no saturation to show.",
    "saturation_fig": "Gate saturation — {arch}",
    # exports
    "export_header": "Download",
    "export_help": "The trace holds every recorded quantity of every sample and step, the input and its "
    "gradient. The .npz file loads with lstm_viz.engine.trace.Trace.load; the CSV (offered up to {limit} rows) "
    "is one row per (sample, t, layer, direction, quantity, unit), and its first line, after #, says which task, "
    "model and seed produced it: read it with pandas.read_csv(file, comment='#').",
    "export_csv_too_big": "No CSV for this trace: it would have {rows} rows, and the CSV is offered up to {limit} "
    "rows (about 40 MB). Download the .npz, or choose fewer units, layers or steps in the sidebar.",
    "export_help_figures": "For the chosen figure: its numbers as CSV (one row per point or cell, as drawn), or "
    "the figure as a standalone web page that works offline.",
    "export_npz": "Trace (.npz)",
    "export_csv": "Trace (CSV)",
    "export_data": "Figure data (CSV)",
    "export_html": "Figure (HTML)",
    "export_which": "Figure",
    # activation functions
    "act_intro": "Backpropagation through time multiplies, step after step, by the slope of the activation "
    "function. How large that slope can be decides whether a long product of them survives.",
    "act_slope": "Leaky ReLU slope for a < 0",
    "act_slope_help": "0 gives the plain ReLU; 1 gives a straight line.",
    "act_kmax": "Number of factors k",
    "act_kmax_help": "How many slopes are multiplied: the number of steps the gradient travels back.",
    "act_curves": "Functions and their slopes",
    "act_products": "Product of k slopes",
    "act_bounds": "The bounds, with numbers",
    "act_bounds_table": "| function | largest slope | largest product of k = {k} slopes |\n"
    "|---|---|---|\n"
    "| sigmoid σ | σ′(0) = 1/4 | (1/4)^{k} = {sigmoid} |\n"
    "| tanh | tanh′(0) = 1 | {tanh} (only if every a = 0 exactly) |\n"
    "| ReLU | 1 where a > 0, 0 elsewhere | {relu}: one inactive step cuts the path |\n"
    "| leaky ReLU | 1 where a > 0, {slope} elsewhere | {leaky} if every step is on the negative side |",
    "act_why": "**Why products vanish:** the sigmoid's slope σ′(a) = σ(a)(1 − σ(a)) is never above 1/4, so "
    "twenty sigmoid slopes in a row are at most 4^-20 ≈ 10^-12. The slope of tanh, 1 − tanh²(a), reaches 1 "
    "only at a = 0 and falls quickly as |a| grows. In an RNN these slopes multiply with the recurrent weights "
    "at every step back, so unless the weights are large exactly where the slopes are small, the gradient "
    "shrinks geometrically with distance.",
    "act_lstm": "**How the LSTM escapes:** along its cell state, one step back multiplies the gradient by the "
    "forget gate f_t alone — no activation slope in between. The gate is itself a sigmoid output, but the "
    "product it contributes is f_t, not σ′, and a trained network can push f_t close to 1.",
}
