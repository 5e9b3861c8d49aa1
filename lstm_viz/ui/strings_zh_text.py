# ruff: noqa: E501 - a table of prose: lines are wrapped for reading, not to a column
"""“读文本”页、它的图（figures/text_labels.py 的中文）以及“单步内部”中符号输入的中文字符串。
键和占位符与 strings_en_text.py 相同。"""

TEXT_ZH: dict[str, str] = {
    "tx.char": "字符",
    "tx.position": "字符位置",
    "tx.line": "行",
    "tx.step": "t = {t}",
    "tx.next": "模型猜测的下一个字符",
    "tx.surprise": "意外程度（比特）",
    "tx.surprise_mean": "平均 {bits:.2f} 比特/字符",
    "tx.gain": "RNN 比特数 − LSTM 比特数",
    "tx.distance": "到对应左括号的距离（字符数）",
    "tx.accuracy": "猜中右括号的比例",
    "tx.count": "右括号个数",
    "tx.layer": "第 {layer} 层",
    "tx.space": "空格",
    "tx.tab": "制表符",
    "tx.newline": "换行",
    "q.bits_gain": "LSTM 省下的比特数",
    "q.tanh_cell": "tanh(c_t)",
    "q.match": "所选单元中的最小值",
    "page_reading_text": "读文本",
    "home_teaches_reading_text": "一个字符级模型阅读 Python 源代码：看单个细胞如何跟踪引号、括号和缩进，"
    "找出在你选中的片段里一直激活的单元，再看 LSTM 在哪些地方胜过 RNN。",
    "rt_intro": "这个模型在 Python 标准库的源文件上训练，任务是预测下一个字符；现在它逐个字符地阅读一段文本。"
    "下面每个字符的颜色是某一个单元在这一步的取值（Karpathy、Johnson 与 Fei-Fei，2015）：有的单元在字符串里"
    "亮起，有的在数括号，有的跟着缩进走，而从来没有人告诉过它们什么是字符串。把鼠标移到字符上，可以看到模型"
    "对下一个字符的猜测。",
    "rt_no_models": "没有安装预训练的字符模型（chars-lstm、chars-gru、chars-rnn），本页无法阅读文本。"
    "请用 scripts/make_pretrained.py 重新生成。",
    "rt_model": "模型",
    "rt_model_lstm": "LSTM",
    "rt_model_lstm2": "LSTM（两层）",
    "rt_model_gru": "GRU",
    "rt_model_rnn": "RNN",
    "rt_quantity": "着色依据",
    "rt_q_cell": "细胞状态 tanh(c_t)",
    "rt_q_hidden": "隐藏状态 h_t",
    "rt_source": "文本",
    "rt_source_excerpt": "留出的测试片段",
    "rt_source_own": "你自己的文本",
    "rt_offset": "在测试文件中的位置",
    "rt_offset_help": "本页从这里（某一行的开头）读取 {chars} 个字符。测试集的这 {total} 个字符来自模型训练时"
    "从未见过的文件。",
    "rt_reading": "正在阅读文本……",
    "rt_width": "每行字符数",
    "rt_width_help": "着色文本每行显示多少个字符，超出的部分换到下一行；在手机上选少一些更合适。",
    "rt_own_title": "你自己的文本",
    "rt_own_limits": "最多读取 {chars} 个字符（UTF-8 编码；文件不超过 {kb} KB）。你的文本只保存在本次浏览器"
    "会话中，不会写进链接。",
    "rt_own_paste": "粘贴一段文本",
    "rt_own_placeholder": "def greet(name):\n    return '你好，' + name",
    "rt_own_upload": "……或上传一个文本文件",
    "rt_own_upload_help": "任何 UTF-8 文本都可以：Python、普通文章、JSON。二进制文件会被拒绝。",
    "rt_own_empty": "请粘贴或上传至少两个字符的文本。",
    "rt_own_cut": "你的文本有 {chars} 个字符，只读取前 {limit} 个。",
    "rt_own_outside": "有 {count} 个字符不在模型的词表里（可打印 ASCII 字符、制表符和换行），它们都被当作 "
    "{symbol} 读入。",
    "rt_error_size": "这个文件有 {size} 字节；本页只读取不超过 {limit} 字节的文本文件。",
    "rt_error_binary": "这个文件含有 NUL 字节，看起来是二进制文件，而不是文本。",
    "rt_error_utf8": "这个文件不是 UTF-8 文本（第一个无法解码的字节在位置 {at}）。",
    "rt_finder": "找单元",
    "rt_finder_intro": "对文本的每一种特征，列出在这段文本上取值与它最接近的单元（相关系数 r，从 −1 到 +1）。"
    "选一个特征和其中一个单元，文本就按这个单元着色。",
    "rt_feature": "特征",
    "rt_unit": "单元",
    "rt_unit_option": "单元 {unit}（r = {r:+.2f}）",
    "rt_col_feature": "特征",
    "rt_col_rank": "第 {rank} 好的单元（r）",
    "rt_f_in_string": "在字符串内",
    "rt_f_bracket_depth": "括号深度",
    "rt_f_indent": "缩进",
    "rt_f_column": "在行中的位置",
    "rt_f_in_comment": "在注释内",
    "rt_where_layer": "（第 {layer} 层）",
    "rt_grid_caption_cell": "每个字符的颜色是模型刚读完它时单元 {unit} 的细胞状态{where}经过 tanh 后的值："
    "红色为正，蓝色为负，白色为 0。在这段文本上，它与“{feature}”的相关系数 r = {r}。空白格在行尾之后；"
    "↵ 表示换行，⇥ 表示制表符。",
    "rt_grid_caption_hidden": "每个字符的颜色是模型刚读完它时单元 {unit} 的隐藏状态{where}：红色为正，蓝色为负，"
    "白色为 0。在这段文本上，它与“{feature}”的相关系数 r = {r}。空白格在行尾之后；↵ 表示换行，⇥ 表示制表符。",
    "rt_surprise_caption": "模型对每个下一个字符的意外程度 −log₂ p，单位是比特：柱子越高，说明这个字符越出乎"
    "它的意料。在这段文本上，它平均每个字符需要 {bits:.2f} 比特。",
    "rt_match": "选取与匹配",
    "rt_match_intro": "选一段文本和一个阈值：本页先找出在整段里隐藏状态一直高于阈值的单元，再在留出文件的前 "
    "{chars} 个字符中搜索这些单元同时激活的其他片段（Strobelt 等人的 LSTMVis，2018）。默认选中文本中的第一个"
    "字符串。",
    "rt_span": "片段（起点，终点）",
    "rt_span_help": "上面文本中的字符位置，不含终点。",
    "rt_threshold": "阈值",
    "rt_threshold_help": "隐藏状态高于这个值时，认为单元处于激活状态。",
    "rt_min_length": "最短匹配长度",
    "rt_span_shown": "片段 {span}（第 {start} 到第 {stop} 个字符）。",
    "rt_no_units": "没有单元在整段里一直高于 {threshold:.2f}。请降低阈值，或选一段更短的文本。",
    "rt_units_on": "有 {count} 个单元在整段里都处于激活状态：{units}。它们在长文本中有 {spans} 个片段同时"
    "激活；下面是最长的几个，颜色是这些单元中的最小值（红色 = 全部激活）。",
    "rt_match_caption": "留出文本的第 {start} 到第 {stop} 个字符（共 {length} 个），连同前后文。",
    "rt_compare": "RNN、GRU 与 LSTM 读同一段文本",
    "rt_bits": "{bits:.2f} 比特/字符",
    "rt_gain_hover": "RNN · LSTM（比特）",
    "rt_gain_caption": "红色处 LSTM 对下一个字符比 RNN 更不意外，蓝色处则是 RNN 更好。在 {better:.0%} 的字符上"
    "LSTM 更好；在这段文本上它平均每个字符省下 {saved:.2f} 比特。",
    "rt_brackets_caption": "Karpathy 的长程测试，使用留出文本的前 {chars} 个字符（共 {total} 个右括号）："
    "每个模型在右括号出现的前一步猜中它（最可能的猜测）的比例，横轴是这个括号在多远之前打开。距离在 "
    "{low}–{high} 之间时（{count} 个括号）：{shares}。",
    "rt_brackets_caption_few": "Karpathy 的长程测试，使用留出文本的前 {chars} 个字符：只有 {total} 个右括号，"
    "没有哪个距离区间里有 10 个以上，比例不值得比较。",
    "rt_share": "{model} {share:.0%}",
    "rt_saturation": "门的饱和",
    "rt_saturation_none": "普通 RNN 没有门，这里没有可显示的内容。请选择 LSTM 或 GRU。",
    "rt_saturation_caption": "在这段文本上，每个门单元一个点：越靠右，越常几乎关闭（低于 0.1）；越靠上，越常"
    "几乎全开（高于 0.9）；靠近 (0, 0) 的单元会随文本切换。",
    "rt_saturation_layer": "第 {layer} 层：{units} 个{gate}单元中，有 {open} 个在一半以上的步中打开，{shut} 个"
    "在一半以上的步中关闭。",
    "step_input_one_hot": "第 t = {t} 步的输入：符号“{symbol}”。x_t 是它的编号 {index} 的独热向量（该位置为 1，"
    "其余 {size} − 1 个位置为 0），所以 W x_t 就是 W 的第 {index} 列。",
    "eq_input_symbol": "输入是一个符号：x_t 只有一个 1，位于该符号的编号处。",
}
