"""The presenter view: a classroom projector (1280x720) shows the page itself, large, and a clicker steps it.

A switch in the sidebar (the URL setting `present`, so a link keeps it) hides the sidebar and Streamlit's
header and toolbar, sets the body text to 24 px, and runs a small script in the page (as time_cursor does,
through st.html) that
- scales every chart taller than the window down to the window's height (a CSS transform, which Plotly's
  hover takes into account), and
- makes ArrowRight / PageDown (a presentation clicker's keys) press the page's Next button, ArrowLeft /
  PageUp its Previous button: a lesson's step (keys `lesson_next`, `lesson_prev`), else the time step of the
  pages that have one (kit.time_step's `t_next`, `t_prev`); Escape leaves the presenter view. Keys typed into
  a field or a focused slider are left alone.
The script is installed once per browser tab and reads a flag each run sets, so switching the view off
stops it; it holds no value from outside.
"""

from __future__ import annotations

import streamlit as st

from . import state
from .strings import Strings

BODY_PX = 24  # body text in the presenter view
CAPTION_PX = 20
WINDOW_MARGIN_PX = 16  # room kept above and below a chart scaled to the window
_SHOWN = "lv_presented"  # session: the presenter view was on in this session (its script is in the tab)

_CSS = f"""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] {{
  display: none !important; }}
[data-testid="stMainBlockContainer"] {{
  padding: 0.75rem 2rem 1rem 2rem !important; max-width: 100% !important; }}
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stWidgetLabel"] p, .stButton button p, [data-testid="stMetricLabel"] p {{
  font-size: {BODY_PX}px !important; line-height: 1.35 !important; }}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {{
  font-size: {CAPTION_PX}px !important; }}
h1 {{ font-size: 2.1rem !important; padding-top: 0 !important; }}
.st-key-present_exit {{ position: fixed; top: 6px; right: 10px; z-index: 1000; width: auto !important; }}
.st-key-present_exit button {{ opacity: 0.55; min-height: 0; padding: 0 0.6rem; }}
.st-key-present_exit button p {{ font-size: 14px !important; }}
</style>"""

_SCRIPT = """<script>(() => {
  window.__lvPresent = %s;
  if (window.__lvPresenter) { window.__lvPresenter(); return; }
  const press = (keys) => {
    for (const key of keys) {
      const button = document.querySelector(`.st-key-${key} button`);
      if (button && !button.disabled) { button.click(); return true; }
    }
    return false;
  };
  const KEYS = {ArrowRight: ['lesson_next', 't_next'], PageDown: ['lesson_next', 't_next'],
                ArrowLeft: ['lesson_prev', 't_prev'], PageUp: ['lesson_prev', 't_prev'],
                Escape: ['present_exit']};
  document.addEventListener('keydown', (event) => {
    if (!window.__lvPresent || event.altKey || event.ctrlKey || event.metaKey || !(event.key in KEYS)) return;
    const typing = 'input, textarea, select, [contenteditable="true"], [role="slider"], [role="combobox"]';
    if (event.target && event.target.closest && event.target.closest(typing)) return;
    if (press(KEYS[event.key])) event.preventDefault();
  });
  const fit = () => {
    const room = window.innerHeight - 2 * %d;
    for (const box of document.querySelectorAll('[data-testid="stMain"] [data-testid="stPlotlyChart"]')) {
      const plot = box.querySelector('.js-plotly-plot');
      if (!plot) continue;
      const height = plot.offsetHeight;
      const scale = window.__lvPresent && height > room ? room / height : 1;
      const wanted = scale < 1 ? `scale(${scale.toFixed(4)})` : '';
      if (plot.style.transform === wanted) continue;
      plot.style.transformOrigin = 'top left';
      plot.style.transform = wanted;
      box.style.height = scale < 1 ? `${Math.floor(height * scale)}px` : '';
      box.style.overflow = scale < 1 ? 'hidden' : '';
    }
  };
  window.__lvPresenter = fit;
  setInterval(fit, 400);
  fit();
})();</script>"""


def switch(s: Strings) -> bool:
    """The presenter view's switch in the sidebar; returns whether it is on."""
    return state.bind("present", st.sidebar.toggle, s["present_label"], help=s["present_help"])


def _leave() -> None:
    state.put("present", False)


def apply(s: Strings) -> None:
    """Dress the page for the presenter view when it is on (and undo the script's work when it was on)."""
    on = bool(state.settings()["present"])
    if on:
        st.html(_CSS)
        st.button(s["present_exit"], key="present_exit", on_click=_leave, help=s["present_exit_help"])
        st.session_state[_SHOWN] = True
    if on or st.session_state.get(_SHOWN):
        st.html("<style>.st-key-lv_presenter_script { display: none; }</style>")
        with st.container(key="lv_presenter_script"):
            st.html(_SCRIPT % ("true" if on else "false", WINDOW_MARGIN_PX), unsafe_allow_javascript=True)


def is_on() -> bool:
    return bool(state.settings().get("present"))
