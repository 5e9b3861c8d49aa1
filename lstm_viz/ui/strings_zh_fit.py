# ruff: noqa: E501 - a table of prose: lines are wrapped for reading, not to a column
"""播放按钮与紧凑布局（单步内部、门与状态）的中文字符串；见 strings.py。"""

FIT_ZH: dict[str, str] = {
    "play_start": "▶ 播放",
    "play_stop": "■ 停止",
    "play_start_help": "时间步自动前进，每秒 {rate} 步，直到最后一步或按下停止。",
    "play_stop_help": "停在当前显示的时间步。",
    "layout_label": "布局",
    "layout_compact": "一大图，其余小图",
    "layout_full": "全部大图",
    "layout_help": "一大图：所选的量以大图显示在标题下方，其余的量以小图排在下面，这样第一张图在投影仪上不用滚动就能看到。全部大图：每个量都按完整大小依次排列。",
    "big_label": "大图显示",
    "big_help": "哪一个记录下来的量画成大图；其余的量是下面的小图。",
    "gates_compact_intro": "每张热力图显示一个记录下来的量：每行是一个隐藏单元，每列是一个时间步，顶部的条带是输入序列。虚线标出所选的时间步 t。大图显示的量在“大图显示”中选择；小图使用相同的坐标轴和颜色。",
}
