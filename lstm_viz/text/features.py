"""What a reader of Python source knows at each character: the features a model's units may track.

Karpathy, Johnson & Fei-Fei (2015) found cells of a character LSTM that switch on inside quotes, count the
depth of brackets, follow the indentation or the position in the line. `character_features(text)` computes
those facts exactly, with a small Python-aware scanner, so that units can be ranked by how well they follow
each (units.py). Every feature is an int64 array (T,), one value per character, and describes the state
*after reading* that character, as a recurrent state does:

- `in_string`: 1 inside a string literal. The opening quote (all three of a triple quote) is 1, the closing
  quote 0 (the last of a closing triple quote; the two before it are still inside). A backslash escapes the
  next character, so `"a\\"b"` is one string; an unescaped newline ends a one-line string.
- `in_comment`: 1 from a `#` outside any string up to the end of its line; the newline that ends it is 0.
- `bracket_depth`: how many (, [ and { outside strings and comments are open; an opening bracket already
  counts, a closing bracket no longer does; a closing bracket with nothing open leaves it at 0.
- `indent`: the indentation of the line the character is on, in columns (a tab advances to the next multiple
  of 8, as Python's tokenizer does); a line's newline belongs to it.
- `column`: the character's position in its line, from 0 (its newline's column is the line's length).
"""

from __future__ import annotations

import numpy as np

FEATURES = ("in_string", "in_comment", "bracket_depth", "indent", "column")
OPENING, CLOSING = "([{", ")]}"
TAB = 8


def _string_and_comment(text: str) -> tuple[np.ndarray, np.ndarray]:
    """(in_string (T,), in_comment (T,)) int64: a scan of the quotes, escapes and comments."""
    size = len(text)
    in_string = np.zeros(size, dtype=np.int64)
    in_comment = np.zeros(size, dtype=np.int64)
    t = 0
    while t < size:
        char = text[t]
        if char == "#":
            end = text.find("\n", t)
            end = size if end < 0 else end
            in_comment[t:end] = 1
            t = end
        elif char in "'\"":
            delimiter = char * 3 if text.startswith(char * 3, t) else char
            t = _string_end(text, t, delimiter, in_string)
        else:
            t += 1
    return in_string, in_comment


def _string_end(text: str, start: int, delimiter: str, in_string: np.ndarray) -> int:
    """Mark the string that opens at `start` with `delimiter` in `in_string`; return the index after it."""
    size, t = len(text), start + len(delimiter)
    while t < size:
        if text[t] == "\\":
            t += 2
        elif text.startswith(delimiter, t):
            in_string[start : t + len(delimiter) - 1] = 1  # the closing quote's last character is outside
            return t + len(delimiter)
        elif text[t] == "\n" and len(delimiter) == 1:  # an unterminated one-line string ends with its line
            in_string[start:t] = 1
            return t
        else:
            t += 1
    in_string[start:size] = 1  # still open at the end of the text
    return size


def _bracket_depth(text: str, code: np.ndarray) -> np.ndarray:
    """(T,) int64: open brackets after each character, counting only characters where `code` is True."""
    depth, level = np.zeros(len(text), dtype=np.int64), 0
    for t, char in enumerate(text):
        if code[t] and char in OPENING:
            level += 1
        elif code[t] and char in CLOSING:
            level = max(level - 1, 0)
        depth[t] = level
    return depth


def _lines(text: str) -> tuple[np.ndarray, np.ndarray]:
    """(indent (T,), column (T,)) int64."""
    indent = np.zeros(len(text), dtype=np.int64)
    column = np.zeros(len(text), dtype=np.int64)
    start = 0
    for body in text.split("\n"):  # only "\n" ends a line here (str.splitlines also splits at "\r", "\f")
        width = 0
        for char in body[: len(body) - len(body.lstrip(" \t"))]:
            width = (width // TAB + 1) * TAB if char == "\t" else width + 1
        stop = min(start + len(body) + 1, len(text))  # the line and its newline
        indent[start:stop] = width
        column[start:stop] = np.arange(stop - start)
        start = stop
    return indent, column


def _code(in_string: np.ndarray, in_comment: np.ndarray) -> np.ndarray:
    closing = np.zeros(in_string.shape, dtype=bool)  # a closing quote is 0 in in_string but is not code
    closing[1:] = (in_string[:-1] == 1) & (in_string[1:] == 0)
    return (in_string == 0) & (in_comment == 0) & ~closing


def code_mask(text: str) -> np.ndarray:
    """(T,) bool: True where a character is code, neither in a string (its quotes included) nor a comment."""
    return _code(*_string_and_comment(text))


def character_features(text: str) -> dict[str, np.ndarray]:
    """{feature: (T,) int64} for every name in FEATURES; see the module docstring for each definition."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    in_string, in_comment = _string_and_comment(text)
    indent, column = _lines(text)
    return {
        "in_string": in_string,
        "in_comment": in_comment,
        "bracket_depth": _bracket_depth(text, _code(in_string, in_comment)),
        "indent": indent,
        "column": column,
    }
