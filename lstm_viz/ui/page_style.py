"""The app's own CSS, added by the frame (ui/main.py) and by a fresh server's saved first Home
(ui/first_home.py), so that both look the same. Imports nothing."""

CSS = """
<style>
/* Readable on a classroom projector: larger body text and formulas. */
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.08rem; }
.katex { font-size: 1.18em; }
/* A phone: a chart's title in one line of its width (Plotly does not wrap titles). */
@media (max-width: 640px) { .js-plotly-plot .gtitle { font-size: 14px !important; } }
</style>
"""
