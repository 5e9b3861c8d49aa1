"""Resizing a finished figure dict (fig.to_plotly_json()) for a compact page: one picture large, the others
as small multiples (Tufte) beside and below it, so the first picture fits a 1280x720 projector.

Pure dict transforms, no rebuilding: a cached heatmap is resized per view without touching its data. The
relative heights of subplots (the input strip above a heatmap) are domains, so they scale with the height.
"""

from __future__ import annotations

from collections.abc import Mapping

from .style import BASE_FONT_SIZE

SMALL_FONT = BASE_FONT_SIZE - 4  # still readable on a projector, small enough for a picture 400 px wide


def sized(spec: Mapping, height: int, small: bool = False) -> dict:
    """The figure dict `spec` at `height` pixels; `small` also shrinks its fonts, margins and colour bars
    (a small multiple). The input is not changed."""
    if height < 120:
        raise ValueError(f"height must be at least 120 pixels, not {height}")
    layout = {**spec.get("layout", {}), "height": int(height)}
    data = list(spec.get("data", ()))
    if small:
        title = layout.get("title") or {}
        layout["title"] = {**title, "font": {"size": SMALL_FONT + 2}, "y": 0.98, "yanchor": "top"}
        layout["font"] = {**layout.get("font", {}), "size": SMALL_FONT}
        layout["margin"] = {"l": 60, "r": 20, "t": 36, "b": 48}
        data = [
            {**trace, "colorbar": {**trace["colorbar"], "thickness": 12}} if "colorbar" in trace else trace
            for trace in data
        ]
    return {**spec, "data": data, "layout": layout}
