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
    "lstm_viz.engine.trace.Trace.load; the CSV is one row per (sample, t, layer, direction, quantity, unit).",
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
