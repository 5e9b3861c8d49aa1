# ruff: noqa: E501 - a table of prose: lines are wrapped for reading, not to a column
"""The English strings of the play button and the compact layout (Inside one step, Gates); see strings.py."""

FIT_EN: dict[str, str] = {
    "play_start": "▶ Play",
    "play_stop": "■ Stop",
    "play_start_help": "Move the time step on by itself, {rate} steps a second, until the last step or Stop.",
    "play_stop_help": "Stop at the step shown.",
    "layout_label": "Layout",
    "layout_compact": "One large, others small",
    "layout_full": "All large",
    "layout_help": "One large: the chosen quantity large, under the title, and the others as small pictures below it, so the first picture fits on a projector. All large: every quantity at full size, one under the other.",
    "big_label": "Shown large",
    "big_help": "Which recorded quantity is drawn large; the others are the small pictures below.",
    "gates_compact_intro": "Each heatmap shows one recorded quantity: a row per hidden unit, a column per time step, the input sequence in a strip on top. The dashed line marks the chosen step t. The large one is chosen under “Shown large”; the small ones use the same axes and colours.",
}
