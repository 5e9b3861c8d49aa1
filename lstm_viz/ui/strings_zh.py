# ruff: noqa: E501 - a table of prose: lines are wrapped for reading, not to a column
"""Every visible string of the app in Chinese, written for Chinese learners; see strings.py."""

UI_ZH: dict[str, str] = {
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
    "sb_source_help": "预训练示例包括在“加法”“记住第一个符号”和“太阳黑子”三个任务上训练好的 RNN、GRU 和 LSTM。"
    "随机初始化的模型则展示网络在训练之前是什么样子。自己的模型是你上传的 PyTorch 文件。",
    "source_pretrained_short": "预训练模型 {name}",
    "source_fresh_short": "随机初始化，种子 {seed}",
    "source_saved_short": "已保存的训练结果 {name}",
    "sb_run": "训练结果",
    "sb_run_label": "{arch} · {steps} 步 · {metric} · {name}",
    "sb_run_label_partial": "{arch} · {done}/{planned} 步，未完成 · {metric} · {name}",
    "sb_run_metric_accuracy": "准确率 {value}",
    "sb_run_metric_mse": "均方误差 {value}",
    "sb_no_runs": "在 {folder} 中没有找到已保存的训练结果。",
    "sb_run_pick": "选择一个已保存的训练结果",
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
    "task_sunspots": "太阳黑子数：预测下一年（1700–2008）",
    "task_co2": "莫纳罗亚 CO2 浓度：预测下一周（1958–2001）",
    "task_nile": "尼罗河年流量：预测下一年（1871–1970）",
    "task_elnino": "厄尔尼诺海表温度：预测下一个月（1950–2010）",
    "task_sentiment": "带“not”的情感判断",
    "task_series": "你自己的序列（CSV 文件）",
    "task_chars": "Python 源代码：预测下一个字符",
    "sb_length": "序列长度",
    "sb_lag": "间隔步数（需要跨越的距离）",
    "sb_window": "窗口长度（模型读入的数值个数）",
    "sb_length_help": "每条序列包含的时间步数。序列越长，长距离记忆越难。这里可选 {low} 到 {high}。",
    "sb_lag_help": "模型需要记住的内容与真正用到它的时刻之间隔了多少步。这里可选 {low} 到 {high}。",
    "sb_window_help": "模型在预测下一个值之前，要连续读入序列中的多少个值。这里可选 {low} 到 {high}"
    "（序列的长度必须比窗口多至少一个值）。",
    "sb_hidden": "隐藏层大小（单元数）",
    "sb_hidden_help": "每一层的单元数：这里可选 1 到 {high}。单元越多，能记住的东西越多，记录起来也越慢。",
    "sb_layers": "层数",
    "sb_layers_help": "叠在一起的循环层数：这里可选 1 到 {high}。每一层读入的是下面一层的隐藏状态。",
    "sb_run_failed": "已保存的训练结果“{name}”无法使用：{error}",
    # 上传序列
    "up_label": "你的序列（CSV 文件）",
    "up_help": "每行一个数，第一行可以是列名。每个文件最多 {mb} MB、{rows} 行，每行最多 {columns} 个字段，"
    "每个数值都要在 ±{magnitude} 以内。默认使用第一个数值列，"
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
    "up_error_columns": "这个文件的第 {line} 行有 {columns} 个字段，超过了本应用能读取的 {limit} 个；"
    "请把每个数值单独放在一行。在上传可用的文件之前，各页面显示的是“{task}”任务。",
    "up_error_magnitude": "这个序列里有一个数值是 {value}（位置 {position}，从 0 开始数），超出了本应用能读取的"
    "范围 ±{limit}（大得多的数会让均值和标准差的计算溢出）。请先把整个序列缩小（比如都除以 10 的若干次方）再上传。"
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
    "预训练示例（标准 RNN、GRU 和 LSTM）只有这些任务：{tasks}。",
    "notice_run_failed": "无法加载“{name}”（{error}），改为显示随机初始化的模型。",
    "notice_no_saved_run": "尚未选择已保存的训练结果，因此显示随机初始化的模型。",
    "notice_run_gone": "已保存的训练结果“{name}”已经不在了：它可能被删除或改了名，也可能属于另一个没有共享它的会话。"
    "现在显示的是随机初始化的模型；可以在侧边栏里另选一个训练结果。",
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
    "grad_ratio_label": "{arch}：末步 ÷ 首步",
    "grad_ratio_help": "最后一步的梯度除以第 0 步的梯度：第一步收到的学习信号弱了多少倍（∞ 表示那里的梯度恰好变成了 0）。"
    "拟合出的每往回一步的变化为 ×{factor}；整条曲线的最大值与最小值之比为 {span}。",
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
    "dir_word_forward": "正向",
    "dir_word_reverse": "反向",
    "where_shown": "显示的是：第 {layer} 层{top}，{direction}方向。",
    # inside one step
    "step_diagram": "第 t 步的单元结构",
    "step_diagram_caption_lstm": "最上方那条线是细胞状态 c：遗忘门 f 按比例保留旧记忆，输入门 i 加入候选值 g，"
    "输出门 o 决定 tanh(c) 有多少作为 h 输出。",
    "step_diagram_caption_lstm_no_forget_gate": "最上方那条线是细胞状态 c：没有遗忘门，旧记忆原样传下去（f = 1）；"
    "输入门 i 把候选值 g 加进去，输出门 o 决定 tanh(c) 有多少作为 h 输出。",
    "step_diagram_caption_gru": "更新门 z 把旧的隐藏状态和候选状态 n 混合起来；重置门 r 决定候选状态能利用多少旧状态。",
    "step_diagram_caption_rnn": "普通 RNN 没有门：新状态就是输入与上一步状态加权求和后再经过 tanh。",
    "step_diagram_caption_rnn_relu": "普通 RNN 没有门：新状态就是输入与上一步状态加权求和后再经过 ReLU"
    "（和为正时保留原值，否则为 0）。",
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
    "step_why_rnn_relu": "**为什么会遗忘：** 梯度每往回传一步，都要乘以 U 和 ReLU 的斜率：单元激活时为 1，未激活时为 0。"
    "每个未激活的单元都会切断它那条通路；几十步下来，U 的连乘按几何级数缩小或增大——也就是梯度消失或梯度爆炸。",
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
    "meaning_preactivation": "预激活值：进入激活函数之前的加权和；用 tanh 时 |a| 越大，单元越饱和；"
    "用 ReLU 时 a 为负，单元就处于未激活状态。",
    "meaning_hidden_grad": "损失对 h_t 的梯度：越往左越暗，说明梯度已经消失。",
    "meaning_cell_grad": "损失对细胞状态 c_t 的梯度：记忆线承担的那部分学习信号。",
    "saturation_header": "门的饱和程度",
    "saturation_intro": "对每个门单元统计：在所有（样本，时间步）中，它几乎关闭（< 0.1）和几乎打开（> 0.9）的比例。"
    "落在坐标轴上的单元像开关一样工作；靠近原点 (0, 0) 的单元则一直处在中间状态。",
    "saturation_none": "{arch} 没有门，因此没有饱和程度可以显示。",
    "saturation_fig": "门的饱和程度——{arch}",
    # exports
    "export_header": "下载",
    "export_help": "记录（trace）包含每个样本、每个时间步的所有记录量，以及输入和输入的梯度。.npz 文件可以用 "
    "lstm_viz.engine.trace.Trace.load 读入；CSV 文件（最多提供 {limit} 行）每行对应一个（样本, t, 层, 方向, 量, "
    "单元），第一行以 # 开头，写明产生这些数字的任务、模型和种子：可用 pandas.read_csv(file, comment='#') 读取。",
    "export_csv_too_big": "这份记录不提供 CSV：它会有 {rows} 行，而 CSV 最多提供 {limit} 行（约 40 MB）。"
    "请下载 .npz，或在侧边栏减少单元数、层数或时间步数。",
    "export_help_figures": "所选的图：可以把它的数字下载为 CSV（每个点或每个格子一行，与图中所画一致），"
    "或把图下载为可离线打开的独立网页。",
    "export_npz": "记录（.npz）",
    "export_csv": "记录（CSV）",
    "export_data": "图的数据（CSV）",
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
