"""A figure drawn for a minimum width, scaled down as a whole on a narrower screen (a phone).

Plotly writes text in pixels, so a diagram laid out for 760 px makes its labels collide on a 358 px phone
column. Drawn inside `st.container(key=key)` after `style(key, ...)`, the figure keeps its design width
(Plotly measures that, so its layout never changes) and CSS scales it down as a picture, text included, by
steps of 5%, through a container query on the block's own width; a negative bottom margin gives back the
height the scaling frees. A wider block leaves the figure untouched. Only a small style sheet travels, once
per page run.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from . import kit

SCALES = tuple(percent / 100 for percent in range(95, 25, -5))  # 0.95 .. 0.30


def _css(key: str, width: int, height: int) -> str:
    box = f".st-key-{key}"
    rules = [f"{box} {{ container-type: inline-size; overflow: hidden; }}"]
    for scale in SCALES:  # narrower first wins: each later rule matches a narrower block
        below = round(width * (scale + 0.05))
        rules.append(
            f"@container (max-width: {below - 0.02}px) {{ {box} > div {{ width: {width}px !important;"
            f" max-width: none !important; margin-bottom: {-round(height * (1 - scale))}px; }}"
            f" {box} .js-plotly-plot {{ transform: scale({scale}); transform-origin: 0 0; }} }}"
        )
    return "<style>\n" + "\n".join(rules) + "\n</style>"


def style(key: str, width: int, height: int) -> None:
    """Send the style sheet that fits the block `st.container(key=key)` (drawn now or later in the page's
    run, e.g. in a fragment): its content, a figure `height` px tall, is drawn `width` px wide and scaled
    down when the block is narrower."""
    st.html(_css(key, width, height))


def show_fitted(fig: Mapping, key: str, width: int, caption: str | None = None) -> None:
    """Draw the figure dict `fig` (from fig.to_plotly_json(), with a layout height) `width` px wide in its own
    block, scaled down as a picture where the block is narrower, and its caption under it at full size."""
    style(f"{key}_box", width, int(fig["layout"]["height"]))
    with st.container(key=f"{key}_box"):
        kit.show_figure(fig, key=key)
    if caption:
        st.caption(caption)


# Equations (st.latex) on a phone: a little smaller than the projector's size set by the frame, and never
# wider than the page (a line that still does not fit scrolls by itself instead of widening the page).
EQUATIONS_CSS = """<style>
@media (max-width: 640px) { .katex-display > .katex { font-size: 1.0em; } }
.katex-display { overflow-x: auto; overflow-y: hidden; }
</style>"""


def equations_style() -> None:
    """Send EQUATIONS_CSS (once per page run)."""
    st.html(EQUATIONS_CSS)
