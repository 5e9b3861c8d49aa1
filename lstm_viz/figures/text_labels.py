"""The English text of the text figures (text_figures.py): axis titles, hover labels, colour-bar names.

Kept beside LABELS (labels.py) rather than in it, so the text figures own their strings; the app's Chinese
table for the same keys is lstm_viz/ui/strings_zh_text.py. Every value is a str.format template.
"""

TEXT_LABELS: dict[str, str] = {
    "tx.char": "character",
    "tx.position": "character position",
    "tx.line": "line",
    "tx.step": "t = {t}",
    "tx.next": "next character, predicted",
    "tx.surprise": "surprise (bits)",
    "tx.surprise_mean": "mean {bits:.2f} bits/char",
    "tx.gain": "RNN bits − LSTM bits",
    "tx.distance": "distance back to the opening bracket (characters)",
    "tx.accuracy": "closing bracket predicted (share)",
    "tx.count": "closing brackets",
    "tx.layer": "layer {layer}",
    "tx.space": "space",
    "tx.tab": "tab",
    "tx.newline": "newline",
    "q.bits_gain": "bits saved by the LSTM",
    "q.tanh_cell": "tanh(c_t)",
    "q.match": "lowest of the chosen units",
}
