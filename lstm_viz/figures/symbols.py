"""Symbols as figures show them: characters and words of a symbolic input, escaped for Plotly's text.

Whitespace stays visible (a tab is ⇥, a newline ↵, a space an empty cell or ␣ in hover text) and control
characters show as U+FFFD. Plotly reads a few tags and entities in any text it draws, so every symbol goes
through `escape` first (html.escape without quotes, which Plotly would not turn back): "<b>" shows as those
three characters.
"""

from __future__ import annotations

import html

GLYPHS = {" ": " ", "\t": "⇥", "\n": "↵"}  # how whitespace is drawn in a cell
HOVER_GLYPHS = {" ": "␣", "\t": "⇥", "\n": "↵"}  # and named in hover text


def escape(text: str) -> str:
    """Text for Plotly: &, < and > as the entities Plotly turns back into characters (it knows no &quot;)."""
    return html.escape(text, quote=False)


def visible_char(char: str) -> str:
    """A symbol as drawn in a cell: whitespace as a glyph, a control character as U+FFFD; words unchanged."""
    if char in GLYPHS:
        return GLYPHS[char]
    return "".join(c if c.isprintable() else "\ufffd" for c in char)


def hover_char(char: str) -> str:
    """A symbol as named in hover text and captions (a space is ␣)."""
    return HOVER_GLYPHS.get(char, visible_char(char))
