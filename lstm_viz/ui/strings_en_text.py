# ruff: noqa: E501 - a table of prose: lines are wrapped for reading, not to a column
"""English strings of the Reading text page, of its figures (figures/text_labels.py) and of symbolic inputs on
Inside one step. Same keys and placeholders as strings_zh_text.py."""

from lstm_viz.figures.text_labels import TEXT_LABELS

TEXT_EN: dict[str, str] = {
    **TEXT_LABELS,
    "page_reading_text": "Reading text",
    "home_teaches_reading_text": "A character model reads Python source code: watch single cells follow quotes, "
    "brackets and indentation, find the units that are on in a span you choose, and see where the LSTM beats "
    "the RNN.",
    "rt_intro": "A model that predicts the next character of Python source code, trained on files of the "
    "standard library, reads a text one character at a time. Each character below is coloured by the value "
    "of one unit at that step (Karpathy, Johnson & Fei-Fei, 2015): some units switch on inside a string, "
    "count brackets or follow the indentation, although nobody told them what a string is. Hover over a "
    "character for the model's guesses about the next one.",
    "rt_no_models": "The pretrained character models (chars-lstm, chars-gru, chars-rnn) are not installed, so "
    "this page has nothing to read with. Rebuild them with scripts/make_pretrained.py.",
    "rt_model": "Model",
    "rt_model_lstm": "LSTM",
    "rt_model_lstm2": "LSTM, 2 layers",
    "rt_model_gru": "GRU",
    "rt_model_rnn": "RNN",
    "rt_quantity": "Colour by",
    "rt_q_cell": "cell tanh(c_t)",
    "rt_q_hidden": "hidden h_t",
    "rt_source": "Text",
    "rt_source_excerpt": "held-out excerpt",
    "rt_source_own": "your own",
    "rt_offset": "Where in the held-out files",
    "rt_offset_help": "The page reads {chars} characters from here (starting at a line). These {total} "
    "characters of the test split come from files the models never saw in training.",
    "rt_reading": "Reading the text…",
    "rt_width": "Characters per row",
    "rt_width_help": "How many characters the coloured text shows on one row before it wraps; fewer fit a "
    "phone.",
    "rt_own_title": "Your own text",
    "rt_own_limits": "Up to {chars} characters are read (UTF-8; a file up to {kb} KB). Your text stays in "
    "this browser session: it is never put in the link.",
    "rt_own_paste": "Paste a text",
    "rt_own_placeholder": "def greet(name):\n    return 'Hello, ' + name",
    "rt_own_upload": "…or upload a text file",
    "rt_own_upload_help": "Any UTF-8 text: Python, prose, JSON. Binary files are refused.",
    "rt_own_empty": "Paste or upload a text of at least two characters to read it.",
    "rt_own_cut": "Your text has {chars} characters; the first {limit} are read.",
    "rt_own_outside": "{count} characters are outside the models' vocabulary (printable ASCII, tab and "
    "newline) and are read as {symbol}.",
    "rt_error_size": "This file has {size} bytes; the page reads text files up to {limit} bytes.",
    "rt_error_binary": "This file holds NUL bytes: it looks like a binary file, not text.",
    "rt_error_utf8": "This file is not UTF-8 text (the first bad byte is at position {at}).",
    "rt_finder": "The unit finder",
    "rt_finder_intro": "For each feature of the text, the units whose values follow it most closely over this "
    "text (correlation r, from −1 to +1). Choose a feature and one of its units to colour the text by it.",
    "rt_feature": "Feature",
    "rt_unit": "Unit",
    "rt_unit_option": "unit {unit} (r = {r:+.2f})",
    "rt_col_feature": "feature",
    "rt_col_rank": "best unit {rank} (r)",
    "rt_f_in_string": "inside a string",
    "rt_f_bracket_depth": "bracket depth",
    "rt_f_indent": "indentation",
    "rt_f_column": "position in the line",
    "rt_f_in_comment": "inside a comment",
    "rt_where_layer": " (layer {layer})",
    "rt_grid_caption_cell": "Each character is coloured by tanh of unit {unit}'s cell state{where} right after "
    "the model read it: red = positive, blue = negative, white = 0. Over this text it correlates r = {r} with "
    "“{feature}”. Empty cells lie past the end of a line; ↵ is a newline, ⇥ a tab.",
    "rt_grid_caption_hidden": "Each character is coloured by unit {unit}'s hidden state{where} right after the "
    "model read it: red = positive, blue = negative, white = 0. Over this text it correlates r = {r} with "
    "“{feature}”. Empty cells lie past the end of a line; ↵ is a newline, ⇥ a tab.",
    "rt_surprise_caption": "How surprised the model was by each next character, −log₂ p, in bits: a tall bar "
    "is a character it did not expect. On this text it needs {bits:.2f} bits per character on average.",
    "rt_match": "Select and match",
    "rt_match_intro": "Choose a span of the text and a threshold: the page finds the units whose hidden "
    "state stays above the threshold throughout the span, then searches the first {chars} characters of the "
    "held-out files for other spans where all those units are on together (Strobelt et al., LSTMVis, 2018). "
    "It opens on the first string of the text.",
    "rt_span": "Span (from, to)",
    "rt_span_help": "Character positions in the text shown above, the end not included.",
    "rt_threshold": "Threshold",
    "rt_threshold_help": "A unit counts as on when its hidden state is above this value.",
    "rt_min_length": "Shortest match",
    "rt_span_shown": "The span {span} (characters {start} to {stop}).",
    "rt_no_units": "No unit stays above {threshold:.2f} throughout this span. Lower the threshold or choose a "
    "shorter span.",
    "rt_units_on": "{count} units are on throughout the span: {units}. Together they are on in {spans} spans "
    "of the long text; the longest are below, coloured by the lowest of those units (red = all on).",
    "rt_match_caption": "Characters {start} to {stop} ({length} characters) of the held-out text, with their "
    "context.",
    "rt_compare": "RNN, GRU and LSTM on the same text",
    "rt_bits": "{bits:.2f} bits/char",
    "rt_gain_hover": "RNN · LSTM (bits)",
    "rt_gain_caption": "Red where the LSTM was less surprised by the next character than the RNN, blue where "
    "the RNN was. The LSTM did better at {better:.0%} of the characters and saves {saved:.2f} bits per "
    "character on this text.",
    "rt_brackets_caption": "Karpathy's long-range test on the first {chars} held-out characters ({total} "
    "closing brackets): the share of closing brackets each model predicted (its top guess) at the step "
    "before, against how far back the bracket was opened. At distances {low}–{high} ({count} brackets): "
    "{shares}.",
    "rt_brackets_caption_few": "Karpathy's long-range test on the first {chars} held-out characters: with "
    "{total} closing brackets no distance bin holds 10 of them, so the shares are not worth comparing.",
    "rt_share": "{model} {share:.0%}",
    "rt_saturation": "Gate saturation",
    "rt_saturation_none": "A plain RNN has no gates: nothing to show here. Choose the LSTM or the GRU.",
    "rt_saturation_caption": "One dot per gate unit on this text: right = often nearly shut (below 0.1), up = "
    "often nearly open (above 0.9), near the corner (0, 0) = it switches with the text.",
    "rt_saturation_layer": "Layer {layer}: {open} of {units} {gate} units are open more than half of the "
    "steps, {shut} are shut more than half of them.",
    "step_input_one_hot": "Input at t = {t}: the symbol “{symbol}”, x_t is the one-hot vector of its index "
    "{index} (a 1 there, 0 in the other {size} − 1 places), so W x_t is column {index} of W.",
    "eq_input_symbol": "The input is a symbol: x_t has a single 1, at the symbol's index.",
}
