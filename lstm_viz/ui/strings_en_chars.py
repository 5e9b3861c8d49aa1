# ruff: noqa: E501 - a table of prose: lines are wrapped for reading, not to a column
"""English strings of the `chars` task on the other pages (page_tasks) and of the lesson "An LSTM reading code"."""

CHARS_EN = {
    "notice_task_every_step_loss": "This page does not offer the task “{task}”: that task is scored at every step, so the gradient reaching a step is the sum of every later step's loss, and this page follows one loss taken at the end of the sequence. It shows “{tasks}” instead; the Reading text page looks inside the character models.",
    # the lesson "An LSTM reading code" (lesson_reading): captions without the numbers a question asks for
    "lr_rt_grid_cell": "Each character is coloured by tanh of unit {unit}'s cell state in the {model} right after the model read it: red = positive, blue = negative, white = 0. The unit is the one whose values follow “{feature}” most closely over this excerpt. ↵ is a newline, ⇥ a tab; hover a character for the model's top guesses for the next one.",
    "lr_rt_grid_hidden": "Each character is coloured by unit {unit}'s hidden state in the {model} right after the model read it: red = positive, blue = negative, white = 0. The unit is the one whose values follow “{feature}” most closely over this excerpt. ↵ is a newline, ⇥ a tab; hover a character for the model's top guesses for the next one.",
    "lr_rt_bits_metric": "Bits per character",
    "lr_rt_gain_caption": "Red where the LSTM was less surprised by the next character than the RNN, blue where the RNN was, white where they were equally surprised; hover a character for both models' bits.",
    "lr_rt_brackets_caption": "Karpathy's long-range test on the first {chars} characters of the held-out files: the share of closing brackets each model predicted (its top guess at the step before), against how many characters back the bracket was opened.",
    "lr_rt_unit_strength": "In the {model}, unit {unit} follows “{feature}” best on this excerpt: r = {r} (the runner-up, unit {next_unit}, has r = {next_r}). A correlation of ±1 would be a perfect detector; 0, none at all.",
    "lr_rt_fewest_bits": "Bits per character on these {chars} characters: RNN {rnn}, GRU {gru}, LSTM {lstm}. The {best} was the least surprised.",
    "lr_rt_far_brackets": "Of the {count} closing brackets at least {far} characters from their opening bracket in the first {chars} held-out characters, the RNN predicted {rnn}, the GRU {gru} and the LSTM {lstm}. The {best} predicted the most.",
    "notice_task_no_lag": "This page does not offer the task “{task}”: it has no lag to set and no marked input to remember (its long-range dependencies are the quotes and brackets of the text, which the Reading text page analyses). It shows “{tasks}” instead.",
}
