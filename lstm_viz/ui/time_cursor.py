"""Moving the step markers of the heatmaps already on screen, in the browser, without sending them again.

A heatmap page draws its figures with the marker at step t (shapes named figures.TIME_MARKER). When only
the time step changes, the page's fragment (kit.time_step_markers) reruns alone and sends this small script
instead of every heatmap (about 45 KB each): it sets the markers' x0 = x1 = t in each chart's layout, so
Plotly keeps them there on any later redraw (resize, zoom), and moves the drawn lines to the new step's
pixel. The script holds nothing but the integer t.
"""

from __future__ import annotations

import streamlit as st

from lstm_viz.figures.heatmaps import TIME_MARKER

_SCRIPT = """<script>(() => {
  const t = %d;
  for (const gd of document.querySelectorAll('[data-testid="stMain"] .js-plotly-plot')) {
    const full = gd._fullLayout;
    const shapes = (gd.layout && gd.layout.shapes) || [];
    if (!full || !full.shapes) continue;
    shapes.forEach((shape, i) => {
      if (shape.name !== '%s' || shape.x0 === t) return;
      shape.x0 = shape.x1 = t;
      const drawn = full.shapes[i];
      if (!drawn) return;
      drawn.x0 = drawn.x1 = t;
      const axis = full[(drawn.xref || 'x').replace('x', 'xaxis')];
      if (!axis || !axis.l2p) return;
      const px = (axis._offset + axis.l2p(t)).toFixed(2);
      for (const path of gd.querySelectorAll(`.shapelayer path[data-index="${i}"]`)) {
        path.setAttribute('d', path.getAttribute('d').replace(/M[^,]+,([^L]+)L[^,]+,/, `M${px},$1L${px},`));
      }
    });
  }
})();</script>"""


def move_markers(t: int) -> int:
    """Send the script that moves every heatmap's step marker on screen to step t; returns t."""
    st.html(_SCRIPT % (int(t), TIME_MARKER), unsafe_allow_javascript=True)
    return t
