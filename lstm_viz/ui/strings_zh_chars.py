# ruff: noqa: E501 - a table of prose: lines are wrapped for reading, not to a column
"""`chars` 任务在其他页面上的中文字符串（page_tasks），以及课程“LSTM 读代码”的中文字符串。"""

CHARS_ZH = {
    "notice_task_every_step_loss": "本页不提供任务“{task}”：这个任务在每一步都计算损失，所以到达某一步的梯度是其后每一步损失之和，而本页追踪的是在序列末尾计算的一个损失。本页改为显示“{tasks}”；要看字符模型的内部，请打开“读文本”页面。",
    # 课程“LSTM 读代码”（lesson_reading）：说明文字里不写出问题要问的数字
    "lr_rt_grid_cell": "每个字符的颜色是 {model} 刚读完它时单元 {unit} 的细胞状态经过 tanh 后的值：红色为正，蓝色为负，白色为 0。这个单元是在这段摘录上与“{feature}”最一致的单元。↵ 表示换行，⇥ 表示制表符；把鼠标移到字符上，可以看到模型对下一个字符的最可能猜测。",
    "lr_rt_grid_hidden": "每个字符的颜色是 {model} 刚读完它时单元 {unit} 的隐藏状态：红色为正，蓝色为负，白色为 0。这个单元是在这段摘录上与“{feature}”最一致的单元。↵ 表示换行，⇥ 表示制表符；把鼠标移到字符上，可以看到模型对下一个字符的最可能猜测。",
    "lr_rt_bits_metric": "每字符比特数",
    "lr_rt_gain_caption": "红色处 LSTM 对下一个字符比 RNN 更不意外，蓝色处则是 RNN 更好，白色处两者一样；把鼠标移到字符上可以看到两个模型各自的比特数。",
    "lr_rt_brackets_caption": "Karpathy 的长程测试，使用留出文件的前 {chars} 个字符：每个模型猜中右括号（在它出现的前一步给出的最可能猜测）的比例，横轴是这个括号在多少个字符之前打开。",
    "lr_rt_unit_strength": "在 {model} 中，单元 {unit} 在这段摘录上与“{feature}”最一致：r = {r}（第二名是单元 {next_unit}，r = {next_r}）。相关系数为 ±1 表示完美的检测器，为 0 表示毫无关系。",
    "lr_rt_fewest_bits": "在这 {chars} 个字符上的每字符比特数：RNN {rnn}，GRU {gru}，LSTM {lstm}。{best} 最不意外。",
    "lr_rt_far_brackets": "在留出文本的前 {chars} 个字符中，有 {count} 个右括号距离它的左括号至少 {far} 个字符：RNN 猜中了 {rnn}，GRU 猜中了 {gru}，LSTM 猜中了 {lstm}。猜中最多的是 {best}。",
    "notice_task_no_lag": "本页不提供任务“{task}”：它没有可以设置的间隔，也没有需要记住的标记输入（它的长程依赖是文本中的引号和括号，由“读文本”页面分析）。本页改为显示“{tasks}”。",
}
