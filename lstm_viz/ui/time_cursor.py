"""Moving what shows the time step on screen, in the browser, without sending the figures again.

Step markers: a heatmap page draws its figures with the marker at step t (shapes named
figures.TIME_MARKER). When only the time step changes, the page's fragment (kit.time_step_markers) reruns
alone and sends this small script instead of every heatmap (about 45 KB each): it sets the markers' x0 =
x1 = t in each chart's layout, so Plotly keeps them there on any later redraw (resize, zoom), and moves the
drawn lines to the new step's pixel. The script holds nothing but the integer t.

Relayout: Inside one step sends its cell diagram unchanged when only the time step changes (the browser
does not draw again a figure whose spec has not changed), then every label's text and every box's colour of
step t (figures.relayout_changes: about 2 KB against an 8 KB figure drawn anew), applied by Plotly's own
`relayout`, which redraws only labels and boxes. The values are absolute, so the chart ends at step t
whichever step it showed before.
"""

from __future__ import annotations

import json

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


_RELAYOUT = """<script>(() => {
  const changes = %(changes)s;
  const mine = (window.lvRelayout = (window.lvRelayout || 0) + 1);  // a later step's script wins
  const started = Date.now();
  const apply = () => {
    if (window.lvRelayout !== mine) return;
    const gd = document.querySelector('.st-key-%(key)s .js-plotly-plot');
    if (!gd || !gd._fullLayout || !window.Plotly) {
      if (Date.now() - started < 10000) setTimeout(apply, 40);  // the chart is still being drawn
      return;
    }
    window.Plotly.relayout(gd, changes);
  };
  apply();
})();</script>"""


def relayout(key: str, changes: dict) -> None:
    """Send the script that applies `changes` (figures.relayout_changes) to the chart drawn with `key`."""
    # "<" escaped: st.html's sanitiser (DOMPurify) drops a script whose text holds a tag such as "<b>"
    text = json.dumps(changes, ensure_ascii=True, allow_nan=False).replace("<", "\\u003c")
    st.html(_RELAYOUT % {"changes": text, "key": key}, unsafe_allow_javascript=True)
