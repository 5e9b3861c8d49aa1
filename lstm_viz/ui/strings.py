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

try:
    from lstm_viz.figures import LABELS as FIGURE_LABELS
except ImportError:  # pragma: no cover - figures.py is written alongside; the app says so on each page
    FIGURE_LABELS = {}

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
    "sb_length": "Sequence length",
    "sb_lag": "Lag (steps to remember across)",
    "sb_length_help": "Number of time steps in each sequence. Longer sequences make long-range memory harder.",
    "sb_lag_help": "How many steps lie between what the model must remember and the moment it needs it.",
    "sb_hidden": "Hidden size (units)",
    "sb_layers": "Layers",
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
    "notice_runs_missing": "Pretrained models are not available in this installation, so a freshly initialised "
    "model is shown.",
    "notice_no_pretrained": "There is no pretrained {kind} for the task “{task}”, so a freshly initialised one "
    "(seed {seed}) is shown. Pretrained demos: standard RNN, GRU and LSTM on Adding and Remember-first.",
    "notice_run_failed": "Could not load “{name}” ({error}); a freshly initialised model is shown instead.",
    "notice_no_saved_run": "No saved run is selected; a freshly initialised model is shown.",
    "notice_sample_range": "Sample {sample} does not exist here (only {batch} sequences are recorded); "
    "showing sample 0.",
    "figures_missing": "The figure module (lstm_viz.figures) could not be imported, so pictures are missing.",
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
    "sb_length": "序列长度",
    "sb_lag": "间隔步数（需要跨越的距离）",
    "sb_length_help": "每条序列包含的时间步数。序列越长，长距离记忆越难。",
    "sb_lag_help": "模型需要记住的内容与真正用到它的时刻之间隔了多少步。",
    "sb_hidden": "隐藏层大小（单元数）",
    "sb_layers": "层数",
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
    "notice_runs_missing": "当前安装中没有预训练模型，因此显示的是随机初始化的模型。",
    "notice_no_pretrained": "没有在“{task}”任务上预训练的 {kind}，因此显示随机初始化的模型（种子 {seed}）。"
    "预训练示例只有：加法和“记住第一个符号”任务上的标准 RNN、GRU 和 LSTM。",
    "notice_run_failed": "无法加载“{name}”（{error}），改为显示随机初始化的模型。",
    "notice_no_saved_run": "尚未选择已保存的训练结果，因此显示随机初始化的模型。",
    "notice_sample_range": "这里没有第 {sample} 号样本（只记录了 {batch} 条序列），改为显示第 0 号样本。",
    "figures_missing": "无法导入绘图模块（lstm_viz.figures），因此图形无法显示。",
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
}

TABLE: dict[str, dict[str, str]] = {"en": {**UI_EN, **FIGURE_LABELS}, "zh": ZH}


class Strings(Mapping):
    """The strings of one language; a key missing in it falls back to English, then to the key itself.

    s["key"] is the raw template; s("key", **fields) formats it. Also usable as `labels` for lstm_viz.figures.
    """

    def __init__(self, lang: str):
        self.lang = lang if lang in TABLE else "en"
        self._table = TABLE[self.lang]
        self._english = TABLE["en"]

    def __getitem__(self, key: str) -> str:
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
