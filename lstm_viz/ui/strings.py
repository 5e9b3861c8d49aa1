# ruff: noqa: E501 - a table of prose: lines are wrapped for reading, not to a column
"""Every visible string of the app, in English and Chinese: the one strings table.

`TABLE = {"en": {...}, "zh": {...}}`, both with the same keys. The English of the figures is
`lstm_viz.figures.LABELS` itself (not copied here); its Chinese is written below, next to the app's own strings.
Values are `str.format` templates where a call passes arguments (`s("notice_bad_param", name=...)`), so
literal braces in those are doubled. `strings_for(lang)` gives a `Strings` mapping, which is also what the
figure builders take as `labels`.

The Chinese is written for Chinese learners: the usual textbook terms (遗忘门, 细胞状态, 梯度消失), English
symbols kept in formulas.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from lstm_viz.figures import LABELS as FIGURE_LABELS

# --- the app's own strings, English ---------------------------------------------------------------------------

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
    "sb_source_help": "Pretrained demos exist for RNN, GRU and LSTM on the adding and remember-first tasks. "
    "A freshly initialised model shows what the network does before any training.",
    "source_pretrained_short": "pretrained model {name}",
    "source_fresh_short": "freshly initialised, seed {seed}",
    "source_saved_short": "saved run {name}",
    "sb_run": "Saved run",
    "sb_no_runs": "No saved runs found in {folder}.",
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
    "task_sentiment": "Sentiment with a 'not'",
    "task_series": "Your own series (CSV)",
    "sb_length": "Sequence length",
    "sb_lag": "Lag (steps to remember across)",
    "sb_window": "Window (values the model reads)",
    "sb_length_help": "Number of time steps in each sequence. Longer sequences make long-range memory harder. "
    "Allowed here: {low} to {high}.",
    "sb_lag_help": "How many steps lie between what the model must remember and the moment it needs it. "
    "Allowed here: {low} to {high}.",
    "sb_window_help": "How many consecutive values of your series the model reads before it predicts the next "
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
    "up_help": "One number per row; a header line is optional. At most {mb} MB and {rows} rows per file. The "
    "first numeric column is used unless you name another one below.",
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
    "up_error_columns": "The first line of this file has {columns} columns, more than the {limit} this app reads; "
    "put each value on a line of its own. Until a usable file is uploaded, the pages show the task “{task}”.",
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
    "(seed {seed}) is shown. Pretrained demos: standard RNN, GRU and LSTM on Adding and Remember-first.",
    "notice_run_failed": "Could not load “{name}” ({error}); a freshly initialised model is shown instead.",
    "notice_no_saved_run": "No saved run is selected; a freshly initialised model is shown.",
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
    "home_metric_label": "{arch}: first ÷ last",
    "home_metric_help": "Gradient at the first step divided by the gradient at the last step. On average it "
    "shrinks by a factor of {factor} per step back.",
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
    # inside one step
    "step_diagram": "The cell at step t",
    "step_diagram_caption_lstm": "The top line is the cell state c: the forget gate f scales the old memory, "
    "the input gate i adds the candidate g, and the output gate o decides how much of tanh(c) leaves as h.",
    "step_diagram_caption_gru": "The update gate z mixes the old hidden state with the candidate n; the reset "
    "gate r decides how much of the old state the candidate may use.",
    "step_diagram_caption_rnn": "A plain RNN has no gates: the new state is tanh of a weighted sum of the input "
    "and the previous state.",
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
    "meaning_preactivation": "Pre-activation: the weighted sum before tanh; large |a| means a saturated unit.",
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
    "export_help": "The trace holds every recorded quantity of every sample and step. The .npz file loads with "
    "lstm_viz.trace.Trace.load; the CSV is one row per (sample, t, layer, direction, quantity, unit).",
    "export_help_figures": "Download a figure as a standalone web page that works offline.",
    "export_npz": "Trace (.npz)",
    "export_csv": "Trace (CSV)",
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
    # vanishing gradients, long-range dependencies, train (pages added with the training engine)
    "page_vanishing": "Vanishing gradients",
    "page_long_range": "Long-range dependencies",
    "page_train": "Train",
    "notice_no_sibling": "No {kind} was trained beside the saved run “{run}”, so a freshly initialised {kind} is shown.",
    "home_teaches_vanishing": "The gradients of an RNN, a GRU and an LSTM side by side over time, with the knobs that make them vanish or explode: recurrent scale, forget-gate bias, clipping.",
    "home_teaches_long_range": "Accuracy against lag, which inputs each model is sensitive to, and the LSTM units that latch on to what must be remembered.",
    "home_teaches_train": "Train up to three architectures side by side with live loss curves; the results become model sources on every page.",
    "vn_subtitle": "RNN · GRU · LSTM · {task} · {source}",
    "vn_intro": "The loss is measured once, at the end of each sequence. Going backwards, its gradient ‖∂L/∂h_t‖ tells how strongly each earlier step t can still learn from it. The RNN, the GRU and the LSTM read the same sequences; the sidebar sets the task, the sequence length (up to 1000), the seed, and whether the models are trained (pretrained or a saved run) or freshly initialised.",
    "vn_rho": "RNN recurrent scale ρ (spectral radius of W_hh)",
    "vn_rho_help": "Rescales a copy of the RNN's recurrent matrix W_hh so that its spectral radius (largest |eigenvalue|) is ρ. Below 1 the gradient shrinks at every step back (vanishing); above 1 it can grow (exploding) as long as tanh is not saturated. “model's own” keeps the weights unchanged.",
    "vn_own": "model's own",
    "vn_fbias": "LSTM forget-gate bias",
    "vn_fbias_help": "Sets the forget-gate bias of a copy of the LSTM (input-side bias = the value, recurrent-side bias = 0). A forget gate that sees nothing else is then σ(bias): 0.05 at -3, 0.73 at +1, 0.99 at +5. “model's own” keeps the weights unchanged.",
    "vn_clip": "Gradient clipping threshold",
    "vn_clip_help": "Clipping by global norm, as in training: when the norm of the whole gradient is above the threshold, the gradient is scaled down to it. Here the gradient is all the ∂L/∂h_t of the batch stacked into one vector.",
    "vn_clip_off": "off",
    "vn_lines_title": "Gradient reaching each step ({length} steps)",
    "vn_bound_caption": "The dashed line is the bound of Pascanu et al. (2013) for the RNN: σ_max(W_hh)^(T-1-t) times its gradient at the last step; the RNN's line can never rise above it. The legend gives each model's fitted factor per step.",
    "vn_metric_label": "{arch}: last ÷ first",
    "vn_metric_help": "Gradient at the last step divided by the gradient at the first step: how many times weaker the learning signal is at step 0. The whole curve spans a factor of {span} (largest ÷ smallest).",
    "vn_reading": "What you are seeing",
    "vn_lstm_open": "**The LSTM keeps a path open.** Its most persistent unit has forget gates averaging **f = {f}** (all units together: {f_all}). One step back along the cell state multiplies the gradient by f_t alone, so of that unit's cell state at the first step, a share of **{carry}** (the product of its forget gates) still reaches the last step. One such unit is enough to carry the gradient: the LSTM's whole curve spans only a factor of {span}. These gates near 1 were *learned*: set the model source in the sidebar to *Freshly initialised* and the same architecture, with every forget gate near 0.5, vanishes like the RNN.",
    "vn_lstm_closed": "**This LSTM loses the gradient too.** Even its most persistent unit has forget gates averaging only **f = {f}** (all units together: {f_all}). One step back along the cell state multiplies the gradient by f_t, so of that unit's cell state at the first step only a share of **{carry}** reaches the last step, and the curve spans a factor of {span}. A freshly initialised LSTM has forget gates near 0.5. What keeps the path open is forget gates near 1: a trained LSTM learns them (choose *Pretrained demo* as the model source), or set the forget-gate bias above to +5 and watch the LSTM's line flatten.",
    "vn_rnn_text": "**The RNN** has no such path: every step back multiplies the gradient by W_hh and by the slope of tanh (at most 1). Its W_hh has largest singular value σ_max = {sigma} (spectral radius {radius}); its gradient changes by about ×{factor} per step back. {saturated} of its unit-steps are saturated (|h| > 0.99), where the slope of tanh is below 0.02 and almost no gradient passes, however large W_hh is. A gradient that reaches exactly 0 (below the smallest float32) is left off the log plot.",
    "vn_try": "**Try:** ρ = 0.5 makes the RNN vanish faster; ρ = 1.5 lets a freshly initialised RNN's gradient grow towards the early steps (exploding), while a trained RNN whose units are saturated hardly grows; a forget-gate bias of -3 closes the LSTM's path and +5 opens it; a small clipping threshold caps the norms.",
    "vn_clip_title": "Norms after clipping",
    "vn_clip_is_off": "Clipping is off. Choose a threshold above to compare the norms before and after clipping.",
    "vn_clip_caption": "The same lines after clipping at {threshold} (dotted line): a gradient longer than the threshold is scaled down to it, so no step can exceed it. The slope of each line stays the same: clipping tames exploding gradients but cannot bring vanished ones back.",
    "vn_clip_metric": "{arch}: global norm",
    "vn_clip_metric_help": "Norm of all ∂L/∂h_t of the batch together, before → after clipping (scale factor {factor}).",
    "vn_heat_title": "Where the gradient lives: |∂L/∂h_t| per unit",
    "vn_heat_intro": "Sample {sample}: one row per hidden unit, one column per time step, colour = size of the gradient on a log scale shared by the three models. Black on the left means the early steps receive (almost) nothing.",
    "vn_cell_title": "The LSTM's direct path: the cell state",
    "vn_cell_intro": "Left: |∂L/∂c_t|, the gradient with respect to the cell state. Right: for each unit, the product of the forget gates after step t, f_(t+1)·…·f_(T-1): exactly the share of c_t that reaches the last step along the cell line (the “constant error carousel”). Where that product stays near 1, the gradient does not vanish.",
    "q.carousel_grad": "∏ f_k (forget gates after t)",
    "vn_carousel_caption": "Forget-gate products on a log scale: bright = near 1, memory and gradient pass; black = near 0, the path is cut.",
    "vn_training_title": "Over training",
    "vn_training_none": "A freshly initialised model has no training history. Choose *Pretrained demo* or *A saved run* in the sidebar to see how the gradient flow changed while the models learned.",
    "vn_training_intro": "Each row is a snapshot taken during training (top = start), each column a time step of the training sequences: watch whether the gradient learns to reach the early steps.",
    "vn_training_missing": "No training snapshots for the {arch}.",
    "vn_training_fig": "‖∂L/∂h_t‖ during training — {arch}",
    "lr_intro": "Can a network use an input that lies far back? Below: how performance falls as the lag grows, which inputs the loss is sensitive to, and the LSTM units that hold on to the input that must be remembered.",
    "lr_sweep_title": "Performance against lag — {task}",
    "lr_sweep_other_task": "Sweeps exist for the Adding and Remember-the-first tasks; the sidebar's task is neither, so Adding is shown.",
    "lr_accuracy": "accuracy (held-out)",
    "lr_mse": "mean squared error (held-out)",
    "lr_baseline": "a model that learned nothing",
    "lr_sweep_shipped": "Performance against lag (shipped results)",
    "lr_sweep_caption_accuracy": "Accuracy on held-out sequences (higher is better); the dotted line is chance, one in K.",
    "lr_sweep_caption_mse": "Mean squared error on held-out sequences (lower is better); the dotted line is the error of always answering the average sum, 1.",
    "tr_metric_caption_accuracy": "Accuracy on a fixed batch of held-out sequences, measured every few steps (higher is better).",
    "tr_metric_caption_mse": "Mean squared error on a fixed batch of held-out sequences, measured every few steps (lower is better).",
    "lr_no_shipped": "No sweep results were shipped with this installation; run one below.",
    "lr_live_header": "Run the sweep yourself",
    "lr_live_intro": "Trains a fresh model of each chosen architecture ({hidden} units) at each lag, all on the same batches, and evaluates it on held-out sequences. It stops by itself after at most {seconds} s; a finished sweep is kept, so the same settings show it again at once.",
    "lr_live_models": "Architectures",
    "lr_live_lags": "Lags (at most 5)",
    "lr_live_steps": "Training steps per model",
    "lr_live_run": "Run the sweep",
    "lr_live_empty": "Choose at least one architecture and one lag.",
    "lr_live_starting": "Starting…",
    "lr_live_progress": "{percent}% done · about {eta} s left",
    "lr_live_stopped": "The sweep reached its time limit of {seconds} s and stopped; the lines show what had finished.",
    "lr_saliency_title": "Which inputs matter: saliency ‖∂L/∂x_t‖",
    "lr_saliency_intro": "For each recorded sequence (row) and step (column): how much the loss would change if the input at that step changed. Circles mark the inputs the answer depends on. A model that remembers puts its weight on the circles however far back they are; one that forgets only sees the last few steps.",
    "lr_marked": "inputs the answer depends on",
    "lr_share": "{arch}: share on marked inputs",
    "lr_saliency_caption": "The three models share one log colour scale.",
    "lr_memory_title": "Memory units: the LSTM's latch",
    "lr_memory_other_task": "Memory units are found for the Adding and Remember-the-first tasks; choose one of them in the sidebar.",
    "lr_unit": "unit {unit} (|r| = {r})",
    "lr_memory_caption": "Cell state c_t of the four LSTM units whose final value correlates most (|r|) with the input to remember, measured over {batch} sequences; shown: sequence {sample}. Dotted lines: the marked steps.",
    "lr_memory_text_adding": "**Reading it:** a unit that stores the first marked number jumps when the marker arrives and then stays flat until the end, like a latch, because in between its forget gate stays near 1 and its input gate near 0. Model: {arch}, {source}. A freshly initialised LSTM shows no such plateau.",
    "lr_memory_text_remember_first": "**Reading it:** the symbol arrives at step 0. A unit that stores it takes a value that depends on the symbol and keeps it through all the distractors, like a latch, because its forget gate stays near 1. Model: {arch}, {source}. A freshly initialised LSTM lets the value fade.",
    "tr_subtitle": "{task} · {what}: {length} (task, length and seed are set in the sidebar)",
    "tr_intro": "Train one to three architectures side by side, on the same batches with the same settings. The page stays usable while training runs; when it ends, each model is saved and can be chosen as *A saved run* in the sidebar of every page.",
    "tr_kinds": "Architectures",
    "tr_batch": "Batch size",
    "tr_steps": "Training steps",
    "tr_lr": "Learning rate",
    "tr_opt": "Optimizer",
    "tr_opt_help": "Adam adapts the step size of every weight; SGD uses the learning rate as it is.",
    "tr_clip_help": "Clip the gradient of all weights by its global norm before each update (Pascanu et al. 2013); “off” trains without clipping.",
    "tr_default": "default",
    "tr_fbias_help": "Initial forget-gate bias of the LSTM (the RNN and GRU have no forget gate). +1 or more makes it remember by default from the start (Gers et al. 2000; Jozefowicz et al. 2015).",
    "tr_init": "Recurrent weights at the start",
    "tr_init_default": "default (uniform)",
    "tr_init_orthogonal": "orthogonal",
    "tr_init_spectral": "random, scaled to a spectral radius",
    "tr_init_help": "How W_hh starts: torch's uniform default, an orthogonal matrix per gate (keeps vector lengths), or a Gaussian matrix rescaled to the spectral radius you choose.",
    "tr_radius": "Spectral radius",
    "tr_start": "Start",
    "tr_stop": "Stop",
    "tr_nothing_yet": "Nothing has been trained in this session yet; the curves appear here as soon as you press Start.",
    "tr_waiting_eval": "The held-out evaluation appears after its first measurement on the fixed test batch.",
    "tr_reference": "Until then, the curves below are those of the pretrained models of this task, for comparison.",
    "tr_status_queued": "Waiting for another training on this server to finish…",
    "tr_status_running": "Training the {arch} · {elapsed} s so far · about {eta} s left",
    "tr_status_done": "Finished in {elapsed} s.",
    "tr_status_stopped": "Stopped after {elapsed} s.",
    "tr_status_failed": "Training failed.",
    "tr_loss_title": "Training loss",
    "tr_loss_caption": "Loss of each training batch (log scale); every architecture sees the same batches.",
    "tr_metric_title": "Held-out evaluation",
    "tr_ended_early": "A run ended early: {note}.",
    "tr_failed": "Training failed: {error}",
    "tr_saved": "Saved: {names} (in {folder}). Choose *A saved run* as the model source in the sidebar to look inside them.",
    "tr_err_kinds": "Choose at least one architecture to train.",
    "tr_err_hidden": "The hidden size must be between 1 and {high}; it is {value}.",
    "tr_err_batch": "The batch size must be between 1 and {high}; it is {value}.",
    "tr_err_steps": "The number of training steps must be between 1 and {high} on this page; it is {value}.",
    "tr_err_lr": "The learning rate must be a number above 0; it is {value}.",
    "tr_err_length": "Sequences of {value} steps are too long to train on this page (at most {high}); shorten the length in the sidebar.",
    "tr_err_config": "These settings cannot train: {error}",
}

# --- Chinese: the figures' labels and the app's own strings -------------------------------------------------

ZH: dict[str, str] = {
    # figures.LABELS
    "time_step": "时间步 t",
    "unit": "隐藏单元",
    "input": "输入 x_t",
    "feature": "输入特征",
    "sample": "样本",
    "training_step": "训练步数",
    "lag": "滞后（距序列末尾的步数）",
    "value": "数值",
    "loss": "损失",
    "pre_activation": "预激活值 a",
    "activation_value": "激活值 φ(a)",
    "derivative_value": "斜率 φ′(a)",
    "factors": "连乘的因子个数 k",
    "product": "k 个斜率的乘积（对数坐标）",
    "grad_norm": "‖∂L/∂h_t‖（对数坐标）",
    "jacobian_norm": "‖∂h_T/∂h_t‖（对数坐标）",
    "left_saturated": "低于 0.1 的步数占比（左饱和）",
    "right_saturated": "高于 0.9 的步数占比（右饱和）",
    "blocks": "{axis}（每列是 {stride} 个时间步的平均）",
    "abs_value": "|{quantity}|",
    "log_abs_value": "|{quantity}|（对数坐标）",
    "key_title": "{quantity}，第 {layer} 层",
    "key_title_reverse": "{quantity}，第 {layer} 层，反向",
    "q.input_gate": "输入门 i_t",
    "q.forget_gate": "遗忘门 f_t",
    "q.cell_candidate": "候选值 g_t",
    "q.output_gate": "输出门 o_t",
    "q.cell": "细胞状态 c_t",
    "q.hidden": "隐藏状态 h_t",
    "q.reset_gate": "重置门 r_t",
    "q.update_gate": "更新门 z_t",
    "q.candidate": "候选状态 n_t",
    "q.preactivation": "预激活值 a_t",
    "q.hidden_grad": "∂L/∂h_t",
    "q.cell_grad": "∂L/∂c_t",
    "q.input_grad": "∂L/∂x_t",
    "q.saliency": "显著性 ‖∂L/∂x_t‖",
    "q.cell_prev": "上一步细胞状态 c_{{t-1}}",
    "q.hidden_prev": "上一步隐藏状态 h_{{t-1}}",
    "act.sigmoid": "sigmoid σ",
    "act.tanh": "tanh",
    "act.relu": "ReLU",
    "act.leaky_relu": "Leaky ReLU（负半轴斜率 {slope}）",
    "prod.sigmoid_bound": "σ′ 取最大值时：(1/4)^k",
    "prod.sigmoid_median": "σ′，a 随机取自 N(0, 1)，中位数",
    "prod.tanh_bound": "tanh′ 取最大值时（或 ReLU 始终激活）：1",
    "prod.tanh_median": "tanh′，a 随机取自 N(0, 1)，中位数",
    "prod.relu_mean": "ReLU：没有任何一个因子为 0 的概率 (1/2)^k",
    "prod.leaky_median": "Leaky ReLU，a 随机取自 N(0, 1)，中位数",
    "pascanu_bound": "Pascanu 上界 (γ·σ_max)^(T-1-t)",
    "decay_per_step": "每步 ×{factor}",
    "eq.lstm_cell": "c_t = f_t·c_{{t-1}} + i_t·g_t = {f}·{c_prev} + {i}·{g} = {c}",
    "eq.lstm_hidden": "h_t = o_t·tanh(c_t) = {o}·{tanh_c} = {h}",
    "eq.gru_hidden": "h_t = (1 - z_t)·n_t + z_t·h_{{t-1}} = {one_minus_z}·{n} + {z}·{h_prev} = {h}",
    "eq.rnn_hidden": "h_t = {phi}(a_t) = {phi}({a}) = {h}",
    "diagram.peephole": "虚线是窥视孔连接：门也能看到细胞状态",
    "diagram.no_forget_gate": "没有遗忘门：f_t 恒为 1",
    "diagram.coupled": "输入门与遗忘门耦合：f_t = 1 - i_t",
    "caption.gates_heatmap": "每一行是一个单元，每一列是一个时间步；顶部的灰色条是同一时间步的输入。"
    "鼠标悬停可看到精确数值。",
    "caption.heatmap": "每一行对应纵轴上的一项，每一列是一个时间步；鼠标悬停可看到精确数值。",
    "caption.saturation_scatter": "每个点是一个门单元：越靠右，越常处于关闭（< 0.1）；越靠上，越常处于打开"
    "（> 0.9）；靠近原点 (0, 0) 的单元真正在开合之间切换。任何点都不会越过对角线。",
    "caption.activation_curves": "左图是函数本身，右图是它们的斜率：σ′ 最大只有 1/4，tanh′ 最大为 1；"
    "当 |a| 很大时两者都趋于 0（饱和）。",
    "caption.derivative_products": "沿时间反向传播 k 步，就要把 k 个斜率相乘：在这张对数坐标图上，"
    "一条直线下降意味着梯度按指数速度消失。",
    "caption.grad_norm_lines": "损失对第 t 步的影响有多大（对数坐标）：曲线越往左掉得越低，前面的时间步就越难学到东西。",
    "caption.cell_diagram": "这是某一个单元在某一步的样子：框里的数字是它的取值，框的颜色与热力图用同一套色标，"
    "最上方那条线把记忆从一步传到下一步。",
    "caption.line_traces": "每条线是一组数据；鼠标悬停可看到精确数值。",
    "caption.scale_gate": "门：深紫色 = 关闭（0），黄色 = 打开（1）。",
    "caption.scale_state": "红色为正、蓝色为负、白色为零，色标关于 0 对称。",
    "caption.scale_grad": "颜色表示梯度大小，采用对数色标（每个刻度是前一个的十倍，黑色表示极小）；空白格表示恰好为零。",
    # pages
    "page_home": "首页",
    "page_step": "单步拆解",
    "page_gates": "门与状态",
    "page_activations": "激活函数",
    # sidebar
    "sb_model": "模型",
    "sb_source": "模型来源",
    "source_pretrained": "预训练示例",
    "source_fresh": "随机初始化",
    "source_saved": "已保存的训练结果",
    "sb_source_help": "预训练示例包括在“加法”和“记住第一个符号”两个任务上训练好的 RNN、GRU 和 LSTM。"
    "随机初始化的模型则展示网络在训练之前是什么样子。",
    "source_pretrained_short": "预训练模型 {name}",
    "source_fresh_short": "随机初始化，种子 {seed}",
    "source_saved_short": "已保存的训练结果 {name}",
    "sb_run": "训练结果",
    "sb_no_runs": "在 {folder} 中没有找到已保存的训练结果。",
    "sb_kind": "网络结构",
    "kind_rnn": "RNN",
    "kind_gru": "GRU",
    "kind_lstm": "LSTM",
    "sb_variant": "LSTM 变体",
    "variant_standard": "标准",
    "variant_peephole": "窥视孔（peephole）",
    "variant_no_forget_gate": "无遗忘门（1997 年原版）",
    "variant_coupled": "输入门与遗忘门耦合",
    "sb_variant_help": "窥视孔：各个门还能直接看到细胞状态。无遗忘门：1997 年最初的 LSTM，f 恒为 1。"
    "耦合：f = 1 - i，写入多少新内容，就忘掉多少旧内容。",
    "sb_act": "RNN 的激活函数",
    "sb_task": "任务",
    "task_adding": "加法（两个被标记的数相加）",
    "task_copy": "复制（间隔一段后复述符号）",
    "task_remember_first": "记住第一个符号",
    "task_parity": "比特流的奇偶性",
    "task_sine": "预测正弦波的下一个值",
    "task_sentiment": "带“not”的情感判断",
    "task_series": "你自己的序列（CSV 文件）",
    "sb_length": "序列长度",
    "sb_lag": "间隔步数（需要跨越的距离）",
    "sb_window": "窗口长度（模型读入的数值个数）",
    "sb_length_help": "每条序列包含的时间步数。序列越长，长距离记忆越难。这里可选 {low} 到 {high}。",
    "sb_lag_help": "模型需要记住的内容与真正用到它的时刻之间隔了多少步。这里可选 {low} 到 {high}。",
    "sb_window_help": "模型在预测下一个值之前，要连续读入你的序列中的多少个值。这里可选 {low} 到 {high}"
    "（序列的长度必须比窗口多至少一个值）。",
    "sb_hidden": "隐藏层大小（单元数）",
    "sb_hidden_help": "每一层的单元数：这里可选 1 到 {high}。单元越多，能记住的东西越多，记录起来也越慢。",
    "sb_layers": "层数",
    "sb_layers_help": "叠在一起的循环层数：这里可选 1 到 {high}。每一层读入的是下面一层的隐藏状态。",
    "sb_run_failed": "已保存的训练结果“{name}”无法使用：{error}",
    # 上传序列
    "up_label": "你的序列（CSV 文件）",
    "up_help": "每行一个数，第一行可以是列名。每个文件最多 {mb} MB、{rows} 行。默认使用第一个数值列，"
    "也可以在下面指定别的列。",
    "up_prompt": "上传一个 CSV 文件（最多 {mb} MB、{rows} 行），就能看网络在你自己的序列上是怎样工作的。"
    "在此之前，各页面显示的是“{task}”任务。",
    "up_column": "列（可选）",
    "up_column_help": "填写列名，或者从 0 开始数的列号。留空则使用第一个数值列。",
    "up_loaded": "已读入 {rows} 个数值。模型每次读入其中的一段（一个窗口），预测紧接着的下一个值。",
    "up_error": "这个文件无法使用：{reason}。在上传可用的文件之前，各页面显示的是“{task}”任务。",
    "up_error_size": "这个文件有 {size} MB，超过了本应用接受的 {mb} MB。在上传可用的文件之前，"
    "各页面显示的是“{task}”任务。",
    "up_error_rows": "这个序列有 {rows} 个数值，超过了本应用接受的 {limit} 个；比如可以只保留最后一部分。"
    "在上传可用的文件之前，各页面显示的是“{task}”任务。",
    "up_error_columns": "这个文件的第一行有 {columns} 列，超过了本应用能读取的 {limit} 列；请把每个数值单独放在一行。"
    "在上传可用的文件之前，各页面显示的是“{task}”任务。",
    "sb_bidir": "双向",
    "sb_bidir_help": "每一层再加一份反向读取序列的副本；页面上可以选择查看哪个方向。",
    "sb_fixed_sizes": "{hidden} 个单元 · {layers} 层 · {directions}——由模型决定，不可更改。",
    "sb_one_direction": "单向",
    "sb_two_directions": "双向",
    "sb_seed": "随机种子",
    "sb_seed_help": "决定从任务中抽取哪些序列；对随机初始化的模型，还决定它的初始权重。同一个种子总是得到同样的数字。",
    "sb_sample": "样本",
    "sb_sample_help": "显示记录下来的 {batch} 条序列中的哪一条。",
    "sb_copy_link": "所有设置都保存在地址栏里：复制链接，就能在别处打开一模一样的画面。",
    # notices
    "notice_unknown_param": "链接里有一个无法识别的设置“{name}”，已忽略。",
    "notice_bad_param": "链接中的 {name}={value} 不是有效取值，已改用 {default}。",
    "notice_out_of_range": "{name}={value} 超出了当前允许的范围 {low}–{high}，已改用 {default}。",
    "notice_no_pretrained": "没有在“{task}”任务上预训练的 {kind}，因此显示随机初始化的模型（种子 {seed}）。"
    "预训练示例只有：加法和“记住第一个符号”任务上的标准 RNN、GRU 和 LSTM。",
    "notice_run_failed": "无法加载“{name}”（{error}），改为显示随机初始化的模型。",
    "notice_no_saved_run": "尚未选择已保存的训练结果，因此显示随机初始化的模型。",
    "notice_series_fallback": "还没有上传可用的序列（见侧边栏），因此本页显示的是“{task}”任务。",
    "notice_sample_range": "这里没有第 {sample} 号样本（只记录了 {batch} 条序列），改为显示第 0 号样本。",
    "computing": "正在逐步记录 {what} 的每一个时间步……",
    # home
    "home_title": "lstm-viz：看清循环神经网络的内部",
    "home_intro": "让 LSTM、GRU 和普通 RNN 一步一步读同一条序列。每个门、细胞状态、隐藏状态以及梯度在每个时间步的"
    "取值都被记录下来，你可以亲眼*看到*：普通 RNN 为什么会遗忘，LSTM 又是怎样把需要的信息保留下来的。"
    "在左侧栏选择模型和任务，所有页面都会使用这些设置。",
    "home_headline": "损失的影响能向前传多远？",
    "home_fig_title": "到达每个时间步的梯度（共 {length} 步）",
    "home_fig_caption": "损失在序列末尾计算。每条曲线表示这个梯度传回到更早的第 t 步时还剩多大（对数坐标）。"
    "曲线越往左下降得越陡，前面的时间步得到的学习信号就越弱——这就是梯度消失。",
    "home_metric_label": "{arch}：首步 ÷ 末步",
    "home_metric_help": "第一步的梯度除以最后一步的梯度。平均而言，每往前一步，梯度乘以 {factor}。",
    "home_fresh_note": "当前设置下没有可用的预训练模型，所以这些曲线来自随机初始化的网络。未经训练时，"
    "LSTM 的遗忘门大约在 0.5 附近，梯度同样会衰减；训练之后，LSTM 会学会让遗忘门接近 1。",
    "home_reading": "**差别从哪里来？** 在普通 RNN 中，梯度每往回传一步，都要乘以循环权重和 tanh 的斜率，"
    "而这个斜率最多为 1、通常小得多，于是梯度按几何级数缩小。LSTM 的梯度还可以沿着细胞状态往回走，"
    "每一步只乘以遗忘门 f_t；只要 f_t 保持在 1 附近，信号就能跨越很多步保留下来。",
    "home_pages": "开始探索",
    "home_teaches_step": "把某一时间步的单元画成结构图，并用某个单元的真实数值写出每一个公式。"
    "可以前后逐步移动，观察记忆如何变化。",
    "home_teaches_gates": "用热力图展示每个门和状态随时间、随单元的变化，找出总是打开或总是关闭的单元，"
    "并在同一色标下并排比较两种网络结构。",
    "home_teaches_activations": "sigmoid、tanh、ReLU 及其斜率，以及为什么许多斜率连乘会让梯度消失。",
    "home_howto": "课堂小贴士：所有设置都在地址栏里，复制链接即可重新打开同一画面；侧栏顶部可以切换语言。",
    # time step, units, layers
    "step_subtitle": "{arch} · {task} · {source}",
    "t_label": "时间步 t",
    "t_help": "所有图中标出的时间步。用按钮可以一步一步地移动。",
    "t_single": "这条序列只有一个时间步（t = {t}）。",
    "prev_step": "◀ 上一步",
    "next_step": "下一步 ▶",
    "unit_label": "单元",
    "unit_help": "公式跟踪的是哪一个隐藏单元。每个单元都有自己的门和自己的细胞状态。",
    "layer_label": "层",
    "layer_option": "第 {layer} 层{top}",
    "layer_top": "（最上层）",
    "dir_label": "方向",
    "dir_forward": "正向（按 t = 0, 1, … 读取）",
    "dir_reverse": "反向（从末尾往前读）",
    "dir_help": "双向层有两个相互独立的单元；反向单元的“上一步”是 t + 1。",
    # inside one step
    "step_diagram": "第 t 步的单元结构",
    "step_diagram_caption_lstm": "最上方那条线是细胞状态 c：遗忘门 f 按比例保留旧记忆，输入门 i 加入候选值 g，"
    "输出门 o 决定 tanh(c) 有多少作为 h 输出。",
    "step_diagram_caption_gru": "更新门 z 把旧的隐藏状态和候选状态 n 混合起来；重置门 r 决定候选状态能利用多少旧状态。",
    "step_diagram_caption_rnn": "普通 RNN 没有门：新状态就是输入与上一步状态加权求和后再经过 tanh。",
    "step_inputs": "第 t = {t} 步的输入（第 {layer} 层读到的内容）：x_t = {x}",
    "step_equations": "单元 {unit} 在第 t = {t} 步的公式（样本 {sample}）",
    "eq_lstm_input_gate": "输入门：新的候选内容有多少被写入记忆（0 表示不写，1 表示全部写入）。",
    "eq_lstm_forget_gate": "遗忘门：旧记忆 c 保留多少（1 表示全部保留）。",
    "eq_lstm_cell_candidate": "候选值：准备写入记忆的新内容，取值在 -1 到 1 之间。",
    "eq_lstm_cell": "新记忆 = 保留下来的旧记忆 + 写入的候选内容。这条路径上没有任何压缩函数，"
    "这正是它能很好地传递梯度的原因。",
    "eq_lstm_output_gate": "输出门：记忆中有多少以 h 的形式对外输出。",
    "eq_lstm_hidden": "隐藏状态：下一时间步、上一层（以及输出层）看到的就是它。",
    "eq_gru_reset_gate": "重置门：候选状态可以参考多少上一步的状态。",
    "eq_gru_update_gate": "更新门：上一步的状态保留多少（1 表示原样保留）。",
    "eq_gru_candidate": "候选状态：由输入和经过重置门缩放的上一步状态共同构成的新内容。",
    "eq_gru_hidden": "新状态：旧状态与候选状态的加权混合，权重由更新门决定。",
    "eq_rnn_preactivation": "预激活值：加权的输入 + 加权的上一步状态 + 偏置。",
    "eq_rnn_hidden": "新状态：预激活值经过激活函数压缩后的结果。",
    "step_first": "这是该方向的第一步：上一步的隐藏状态（和细胞状态）都是零。",
    "step_reading": "用大白话说",
    "step_story_lstm": "这个单元保留了旧记忆的 **{f:.0%}**（{c_prev:.3f} → {kept:.3f}），并写入了候选值 {g:.3f} "
    "的 **{i:.0%}**（增加 {written:.3f}），于是记忆变成 **c_t = {c:.3f}**。输出门让 tanh(c_t) 的 "
    "**{o:.0%}** 通过：h_t = {h:.3f}。",
    "step_story_gru": "更新门保留了上一步状态（{h_prev:.3f}）的 **{z:.0%}**，另外 **1 − z = {z_rest}** 来自候选状态 "
    "{n:.3f}；而在构造候选状态时，重置门只让 {r:.0%} 的旧状态参与。结果：**h_t = {h:.3f}**。",
    "step_story_rnn": "加权求和得到 a_t = {a:.3f}；经过激活函数后，新状态为 **h_t = {h:.3f}**。"
    "网络记住的一切，每一步都必须穿过这一次压缩。",
    "step_why_lstm": "**为什么这样有助于记忆：** 沿着记忆线，c_t 对 c_(t-1) 的梯度就是 f_t。跨越许多步时，"
    "这些因子相乘；只要遗忘门保持在 1 附近，乘积就不会变小，梯度也就不会消失（即“常数误差传送带”）。",
    "step_why_gru": "**为什么这样有助于记忆：** 当 z_t 接近 1 时，状态几乎被原样复制，沿这条复制路径的梯度"
    "乘的是 z_t，而不是一个很小的 tanh 斜率。",
    "step_why_rnn": "**为什么会遗忘：** 梯度每往回传一步，都要乘以 U 和 tanh 的斜率（最大为 1，通常更小）。"
    "几十步下来，这个乘积按几何级数缩小——这就是梯度消失。",
    # gates and states
    "gates_intro": "每张热力图展示一个被记录的量：每一行是一个隐藏单元，每一列是一个时间步，顶部的条带是输入序列。"
    "虚线标出当前选中的时间步 t。",
    "sort_label": "单元排序方式",
    "sort_index": "按编号",
    "sort_variance": "按方差（最活跃的在前）",
    "sort_peak": "按峰值出现的时间",
    "sort_help": "排序依据是当前样本的隐藏状态，并应用到所有热力图上。",
    "units_label": "显示哪些单元",
    "units_all": "全部单元",
    "units_help": "挑几个单元重点观察；留空则显示全部。",
    "compare_label": "对比",
    "compare_none": "不对比",
    "compare_help": "用同一个任务和样本，并排显示另一种网络结构，两边使用相同的色标。",
    "gates_fig_title": "{quantity}——{arch}",
    "meaning_input_gate": "输入门：亮的地方表示单元正在写入新内容。",
    "meaning_forget_gate": "遗忘门：亮（接近 1）表示保留记忆，暗表示清空记忆。",
    "meaning_cell_candidate": "候选值：单元准备写入的内容。",
    "meaning_output_gate": "输出门：记忆在哪些时间步被对外输出。",
    "meaning_cell": "细胞状态：记忆本身；横向的长条带表示某个值被保持了很多步。",
    "meaning_hidden": "隐藏状态：单元在每一步的输出。",
    "meaning_reset_gate": "重置门：暗的地方表示候选状态忽略了上一步的状态。",
    "meaning_update_gate": "更新门：亮的地方表示状态被原样带到下一步。",
    "meaning_candidate": "候选状态：GRU 可能要转向的新内容。",
    "meaning_preactivation": "预激活值：进入 tanh 之前的加权和；|a| 越大，单元越饱和。",
    "meaning_hidden_grad": "损失对 h_t 的梯度：越往左越暗，说明梯度已经消失。",
    "meaning_cell_grad": "损失对细胞状态 c_t 的梯度：记忆线承担的那部分学习信号。",
    "saturation_header": "门的饱和程度",
    "saturation_intro": "对每个门单元统计：在所有（样本，时间步）中，它几乎关闭（< 0.1）和几乎打开（> 0.9）的比例。"
    "落在坐标轴上的单元像开关一样工作；靠近原点 (0, 0) 的单元则一直处在中间状态。",
    "saturation_none": "{arch} 没有门，因此没有饱和程度可以显示。",
    "saturation_fig": "门的饱和程度——{arch}",
    # exports
    "export_header": "下载",
    "export_help": "记录（trace）包含每个样本、每个时间步的所有记录量。.npz 文件可以用 "
    "lstm_viz.trace.Trace.load 读入；CSV 文件每行对应一个（样本, t, 层, 方向, 量, 单元）。",
    "export_help_figures": "把图下载为可离线打开的独立网页。",
    "export_npz": "记录（.npz）",
    "export_csv": "记录（CSV）",
    "export_html": "图（HTML）",
    "export_which": "选择图",
    # activation functions
    "act_intro": "沿时间反向传播时，每往回一步都要乘以一次激活函数的斜率。斜率最大能有多大，"
    "决定了一长串这样的乘积能不能保留下来。",
    "act_slope": "Leaky ReLU 在 a < 0 时的斜率",
    "act_slope_help": "取 0 就是普通的 ReLU；取 1 就是一条直线。",
    "act_kmax": "因子个数 k",
    "act_kmax_help": "相乘的斜率个数，也就是梯度往回传的步数。",
    "act_curves": "函数及其斜率",
    "act_products": "k 个斜率的乘积",
    "act_bounds": "上界，用数字说话",
    "act_bounds_table": "| 函数 | 最大斜率 | k = {k} 个斜率乘积的最大值 |\n"
    "|---|---|---|\n"
    "| sigmoid σ | σ′(0) = 1/4 | (1/4)^{k} = {sigmoid} |\n"
    "| tanh | tanh′(0) = 1 | {tanh}（仅当每个 a 都恰好为 0） |\n"
    "| ReLU | a > 0 时为 1，否则为 0 | {relu}：只要有一步未激活，这条路径就断了 |\n"
    "| Leaky ReLU | a > 0 时为 1，否则为 {slope} | 若每一步都在负半轴：{leaky} |",
    "act_why": "**为什么乘积会消失：** sigmoid 的斜率 σ′(a) = σ(a)(1 − σ(a)) 永远不超过 1/4，"
    "连续 20 个 sigmoid 斜率相乘最多只有 4^-20 ≈ 10^-12。tanh 的斜率 1 − tanh²(a) 只有在 a = 0 时才等于 1，"
    "|a| 一变大就迅速下降。在 RNN 中，这些斜率每往回一步都要和循环权重相乘；除非权重恰好在斜率小的地方足够大，"
    "否则梯度会随距离按几何级数缩小。",
    "act_lstm": "**LSTM 是怎么躲开的：** 沿着细胞状态，往回一步只让梯度乘以遗忘门 f_t，中间没有激活函数的斜率。"
    "遗忘门本身是 sigmoid 的输出，但它贡献的因子是 f_t 而不是 σ′，训练好的网络可以把 f_t 推到接近 1。",
    # vanishing gradients, long-range dependencies, train
    "page_vanishing": "梯度消失",
    "page_long_range": "长距离依赖",
    "page_train": "训练",
    "notice_no_sibling": "没有与已保存的训练结果“{run}”一起训练的 {kind}，因此显示随机初始化的 {kind}。",
    "home_teaches_vanishing": "把 RNN、GRU 和 LSTM 的梯度随时间的变化并排比较，并用几个旋钮让梯度消失或爆炸：循环权重的尺度、遗忘门偏置、梯度裁剪。",
    "home_teaches_long_range": "准确率随间隔步数的变化，每个模型对哪些输入敏感，以及 LSTM 中“锁存”住待记内容的单元。",
    "home_teaches_train": "最多同时训练三种网络结构，实时查看损失曲线；训练结果可以在每个页面中作为模型来源使用。",
    "vn_subtitle": "RNN · GRU · LSTM · {task} · {source}",
    "vn_intro": "损失只在每条序列的末尾计算一次。沿时间往回看，梯度 ‖∂L/∂h_t‖ 表示更早的第 t 步还能从这个损失中学到多少。RNN、GRU 和 LSTM 读的是同样的序列；在左侧栏可以设置任务、序列长度（最长 1000）、随机种子，以及使用训练好的模型（预训练示例或已保存的训练结果）还是随机初始化的模型。",
    "vn_rho": "RNN 循环权重尺度 ρ（W_hh 的谱半径）",
    "vn_rho_help": "把 RNN 循环矩阵 W_hh 的一个副本按比例缩放，使它的谱半径（特征值绝对值的最大值）等于 ρ。ρ 小于 1 时，梯度每往回一步就缩小一次（梯度消失）；大于 1 时，只要 tanh 没有饱和，梯度就可能增大（梯度爆炸）。“模型原值”表示不改动权重。",
    "vn_own": "模型原值",
    "vn_fbias": "LSTM 遗忘门偏置",
    "vn_fbias_help": "修改 LSTM 副本的遗忘门偏置（输入侧偏置取该值，循环侧偏置取 0）。这样，一个不受其他输入影响的遗忘门等于 σ(偏置)：-3 时为 0.05，+1 时为 0.73，+5 时为 0.99。“模型原值”表示不改动权重。",
    "vn_clip": "梯度裁剪阈值",
    "vn_clip_help": "按全局范数裁剪，和训练时的做法一样：整个梯度的范数超过阈值时，就把梯度按比例缩小到阈值。这里的“梯度”是把这一批序列所有的 ∂L/∂h_t 拼成的一个向量。",
    "vn_clip_off": "不裁剪",
    "vn_lines_title": "到达每个时间步的梯度（共 {length} 步）",
    "vn_bound_caption": "虚线是 Pascanu 等人（2013）给出的 RNN 上界：σ_max(W_hh)^(T-1-t) 乘以最后一步的梯度；RNN 的曲线永远不会超过它。图例中给出了每个模型拟合出的“每步乘以多少”。",
    "vn_metric_label": "{arch}：末步 ÷ 首步",
    "vn_metric_help": "最后一步的梯度除以第一步的梯度：第 0 步收到的学习信号弱了多少倍。整条曲线的最大值与最小值之比为 {span}。",
    "vn_reading": "图里发生了什么",
    "vn_lstm_open": "**LSTM 保留了一条畅通的通路。** 它最“长记性”的单元，遗忘门平均为 **f = {f}**（所有单元合起来平均为 {f_all}）。沿细胞状态往回一步，梯度只乘以 f_t；这个单元在第一步的细胞状态中，有 **{carry}**（也就是它所有遗忘门的乘积）能一直传到最后一步。有一个这样的单元就足以把梯度传回去：LSTM 整条曲线的最大值与最小值之比只有 {span}。这些接近 1 的遗忘门是*学出来的*：把左侧栏的模型来源改成*随机初始化*，同样结构的网络所有遗忘门都在 0.5 附近，梯度就会像 RNN 一样消失。",
    "vn_lstm_closed": "**这个 LSTM 的梯度也消失了。** 即使是它最“长记性”的单元，遗忘门平均也只有 **f = {f}**（所有单元合起来平均为 {f_all}）。沿细胞状态每往回一步，梯度就乘以 f_t，所以这个单元在第一步的细胞状态只有 **{carry}** 能传到最后一步，整条曲线的最大值与最小值之比为 {span}。随机初始化的 LSTM 遗忘门在 0.5 附近。让通路畅通的，是接近 1 的遗忘门：训练好的 LSTM 会学到这一点（把模型来源选为*预训练示例*），也可以把上面的遗忘门偏置调到 +5，看 LSTM 的曲线变平。",
    "vn_rnn_text": "**RNN** 没有这样的通路：每往回一步，梯度都要乘以 W_hh 和 tanh 的斜率（最大为 1）。它的 W_hh 最大奇异值 σ_max = {sigma}（谱半径 {radius}）；梯度每往回一步大约乘以 {factor}。它有 {saturated} 的（单元, 时间步）处于饱和状态（|h| > 0.99），那里 tanh 的斜率小于 0.02，无论 W_hh 多大，梯度都几乎传不过去。恰好变成 0 的梯度（小于 float32 能表示的最小数）不会画在对数坐标图上。",
    "vn_try": "**试一试：** ρ = 0.5 让 RNN 的梯度消失得更快；ρ = 1.5 会让随机初始化的 RNN 的梯度朝前面的时间步增大（梯度爆炸），而单元已经饱和的训练好的 RNN 几乎不会增大；遗忘门偏置取 -3 会切断 LSTM 的通路，取 +5 则打开它；较小的裁剪阈值会给梯度范数封顶。",
    "vn_clip_title": "裁剪之后的范数",
    "vn_clip_is_off": "目前没有裁剪。在上面选择一个阈值，就可以比较裁剪前后的范数。",
    "vn_clip_caption": "同样的曲线，按阈值 {threshold} 裁剪之后（点线）：比阈值长的梯度被按比例缩小到阈值，所以任何一步都不会超过它。每条曲线的斜率不变：裁剪能驯服爆炸的梯度，却无法找回已经消失的梯度。",
    "vn_clip_metric": "{arch}：全局范数",
    "vn_clip_metric_help": "这一批序列所有 ∂L/∂h_t 合在一起的范数，裁剪前 → 裁剪后（缩放系数 {factor}）。",
    "vn_heat_title": "梯度落在哪里：每个单元的 |∂L/∂h_t|",
    "vn_heat_intro": "样本 {sample}：每一行是一个隐藏单元，每一列是一个时间步，颜色表示梯度大小，采用三个模型共用的对数色标。左边一片黑，说明前面的时间步（几乎）收不到梯度。",
    "vn_cell_title": "LSTM 的直连通路：细胞状态",
    "vn_cell_intro": "左图：|∂L/∂c_t|，损失对细胞状态的梯度。右图：每个单元在第 t 步之后所有遗忘门的乘积 f_(t+1)·…·f_(T-1)，它恰好就是 c_t 沿细胞状态这条线能传到最后一步的比例（即“常数误差传送带”）。乘积保持在 1 附近的地方，梯度就不会消失。",
    "q.carousel_grad": "∏ f_k（第 t 步之后的遗忘门）",
    "vn_carousel_caption": "遗忘门乘积，采用对数色标：亮色表示接近 1，记忆和梯度都能通过；黑色表示接近 0，通路被切断。",
    "vn_training_title": "训练过程中的变化",
    "vn_training_none": "随机初始化的模型还没有经过训练，所以没有训练记录。在左侧栏选择*预训练示例*或*已保存的训练结果*，就能看到模型学习过程中梯度流动是怎样变化的。",
    "vn_training_intro": "每一行是训练过程中的一次快照（最上面是开始），每一列是训练序列中的一个时间步：看梯度是否逐渐学会传到前面的时间步。",
    "vn_training_missing": "{arch} 没有训练快照。",
    "vn_training_fig": "训练过程中的 ‖∂L/∂h_t‖——{arch}",
    "lr_intro": "网络能不能用上很久以前的输入？下面依次展示：随着间隔步数变大，模型表现如何下降；损失对哪些输入敏感；以及 LSTM 中牢牢记住待记输入的那些单元。",
    "lr_sweep_title": "表现随间隔步数的变化——{task}",
    "lr_sweep_other_task": "只有“加法”和“记住第一个符号”两个任务有扫描结果；左侧栏选的任务不是这两个，因此这里显示“加法”。",
    "lr_accuracy": "准确率（留出数据）",
    "lr_mse": "均方误差（留出数据）",
    "lr_baseline": "什么都没学到的模型",
    "lr_sweep_shipped": "表现随间隔步数的变化（随程序附带的结果）",
    "lr_sweep_caption_accuracy": "在留出序列上的准确率（越高越好）；点线是随机猜测的水平，即 K 分之一。",
    "lr_sweep_caption_mse": "在留出序列上的均方误差（越低越好）；点线是始终回答平均和 1 时的误差。",
    "tr_metric_caption_accuracy": "每隔若干步在一批固定的留出序列上测一次准确率（越高越好）。",
    "tr_metric_caption_mse": "每隔若干步在一批固定的留出序列上测一次均方误差（越低越好）。",
    "lr_no_shipped": "当前安装没有附带扫描结果；可以在下面自己运行一次。",
    "lr_live_header": "自己运行扫描",
    "lr_live_intro": "对每个选中的网络结构（{hidden} 个单元）、每个间隔步数，都从头训练一个新模型，所有模型使用相同的批次，然后在留出序列上评估。最多运行 {seconds} 秒就会自动停止；跑完的扫描会被保存，同样的设置再次打开时立即显示。",
    "lr_live_models": "网络结构",
    "lr_live_lags": "间隔步数（最多 5 个）",
    "lr_live_steps": "每个模型的训练步数",
    "lr_live_run": "运行扫描",
    "lr_live_empty": "请至少选择一种网络结构和一个间隔步数。",
    "lr_live_starting": "正在启动……",
    "lr_live_progress": "已完成 {percent}% · 大约还需 {eta} 秒",
    "lr_live_stopped": "扫描达到 {seconds} 秒的时间上限，已停止；曲线显示的是已经完成的部分。",
    "lr_saliency_title": "哪些输入重要：显著性 ‖∂L/∂x_t‖",
    "lr_saliency_intro": "对每条记录下来的序列（行）和每个时间步（列）：如果这一步的输入变一点，损失会变多少。圆圈标出答案所依赖的输入。能记住的模型，不管圆圈离末尾多远，都把注意力放在圆圈上；会遗忘的模型只看得到最后几步。",
    "lr_marked": "答案所依赖的输入",
    "lr_share": "{arch}：落在标记输入上的比例",
    "lr_saliency_caption": "三个模型共用一个对数色标。",
    "lr_memory_title": "记忆单元：LSTM 的“锁存器”",
    "lr_memory_other_task": "只在“加法”和“记住第一个符号”两个任务上寻找记忆单元；请在左侧栏选择其中一个任务。",
    "lr_unit": "单元 {unit}（|r| = {r}）",
    "lr_memory_caption": "在 {batch} 条序列上，最终细胞状态与待记输入相关性（|r|）最强的四个 LSTM 单元的 c_t；图中显示的是第 {sample} 条序列。点线标出被标记的时间步。",
    "lr_memory_text_adding": "**怎么看：** 负责存储第一个被标记数字的单元，在标记出现时跳变，之后一直保持平稳直到结束，就像一个锁存器；因为在这期间它的遗忘门保持在 1 附近，输入门保持在 0 附近。模型：{arch}，{source}。随机初始化的 LSTM 看不到这样的平台。",
    "lr_memory_text_remember_first": "**怎么看：** 符号在第 0 步出现。负责存储它的单元会取一个由符号决定的值，并在所有干扰步中一直保持，就像一个锁存器，因为它的遗忘门保持在 1 附近。模型：{arch}，{source}。随机初始化的 LSTM 会让这个值逐渐消失。",
    "tr_subtitle": "{task} · {what}：{length}（任务、长度和随机种子在左侧栏设置）",
    "tr_intro": "同时训练一到三种网络结构，它们使用相同的批次和相同的设置。训练进行时页面仍然可以操作；训练结束后，每个模型都会被保存，并可以在每个页面左侧栏的“已保存的训练结果”中选择。",
    "tr_kinds": "网络结构",
    "tr_batch": "批大小",
    "tr_steps": "训练步数",
    "tr_lr": "学习率",
    "tr_opt": "优化器",
    "tr_opt_help": "Adam 会为每个权重自动调整步长；SGD 直接使用给定的学习率。",
    "tr_clip_help": "每次更新前，把所有权重的梯度按全局范数裁剪（Pascanu 等，2013）；“不裁剪”表示训练时不做裁剪。",
    "tr_default": "默认",
    "tr_fbias_help": "LSTM 遗忘门偏置的初始值（RNN 和 GRU 没有遗忘门）。取 +1 或更大，模型从一开始就默认“记住”（Gers 等，2000；Jozefowicz 等，2015）。",
    "tr_init": "循环权重的初始化",
    "tr_init_default": "默认（均匀分布）",
    "tr_init_orthogonal": "正交矩阵",
    "tr_init_spectral": "随机矩阵，缩放到指定谱半径",
    "tr_init_help": "W_hh 的初始值：torch 默认的均匀分布；每个门一个正交矩阵（保持向量长度不变）；或者一个缩放到你所选谱半径的高斯随机矩阵。",
    "tr_radius": "谱半径",
    "tr_start": "开始",
    "tr_stop": "停止",
    "tr_nothing_yet": "本次会话还没有训练过模型；按下“开始”后，曲线就会出现在这里。",
    "tr_waiting_eval": "模型在固定测试批次上完成第一次评估后，这里就会出现评估曲线。",
    "tr_reference": "在此之前，下面显示的是这个任务上预训练模型的训练曲线，供对照。",
    "tr_status_queued": "正在等待服务器上的另一个训练结束……",
    "tr_status_running": "正在训练 {arch} · 已用 {elapsed} 秒 · 大约还需 {eta} 秒",
    "tr_status_done": "训练完成，用时 {elapsed} 秒。",
    "tr_status_stopped": "已在 {elapsed} 秒后停止。",
    "tr_status_failed": "训练失败。",
    "tr_loss_title": "训练损失",
    "tr_loss_caption": "每个训练批次的损失（对数坐标）；所有网络结构看到的是同样的批次。",
    "tr_metric_title": "留出数据上的评估",
    "tr_ended_early": "有一次训练提前结束：{note}。",
    "tr_failed": "训练失败：{error}",
    "tr_saved": "已保存：{names}（位于 {folder}）。在左侧栏把模型来源选为“已保存的训练结果”，就可以查看它们的内部。",
    "tr_err_kinds": "请至少选择一种要训练的网络结构。",
    "tr_err_hidden": "隐藏层大小必须在 1 到 {high} 之间；当前为 {value}。",
    "tr_err_batch": "批大小必须在 1 到 {high} 之间；当前为 {value}。",
    "tr_err_steps": "在本页面，训练步数必须在 1 到 {high} 之间；当前为 {value}。",
    "tr_err_lr": "学习率必须是大于 0 的数；当前为 {value}。",
    "tr_err_length": "{value} 步的序列太长，无法在本页面训练（最多 {high} 步）；请在左侧栏缩短长度。",
    "tr_err_config": "这些设置无法用于训练：{error}",
}

TABLE: dict[str, dict[str, str]] = {"en": {**UI_EN, **FIGURE_LABELS}, "zh": ZH}


class Strings(Mapping):
    """The strings of one language; a key missing in it falls back to English, then to the key itself.

    s["key"] is the raw template; s("key", **fields) formats it. Also usable as `labels` for lstm_viz.figures.
    A task whose name carries the digest of its data ("series-<digest>") has its task's label ("task_series").
    """

    def __init__(self, lang: str):
        self.lang = lang if lang in TABLE else "en"
        self._table = TABLE[self.lang]
        self._english = TABLE["en"]

    def __getitem__(self, key: str) -> str:
        if key.startswith("task_"):  # the user's series "series-<digest>" has the label of its task
            key = key.partition("-")[0]
        if key in self._table:
            return self._table[key]
        return self._english.get(key, key)

    def get(self, key, default=None):
        return self[key] if key in self._table or key in self._english else default

    def __iter__(self) -> Iterator[str]:
        return iter({**self._english, **self._table})

    def __len__(self) -> int:
        return len({**self._english, **self._table})

    def __contains__(self, key) -> bool:
        return key in self._table or key in self._english

    def __call__(self, key: str, **fields) -> str:
        template = self[key]
        if not fields:
            return template
        try:
            return template.format(**fields)
        except (KeyError, IndexError, ValueError):  # a template that does not fit must not crash a page
            return template

    def notice(self, key: str, fields: dict) -> str:
        """A notice with codes (architecture, task) turned into their display names."""
        fields = dict(fields)
        if "kind" in fields:
            fields["kind"] = self[f"kind_{fields['kind']}"]
        if "task" in fields:
            fields["task"] = self[f"task_{fields['task']}"]
        return self(key, **fields)


_CACHE: dict[str, Strings] = {}


def strings_for(lang: str) -> Strings:
    if lang not in _CACHE:
        _CACHE[lang] = Strings(lang)
    return _CACHE[lang]
