"""Home: what lstm-viz shows, a live headline picture, and where each page leads (ui/home_view draws it)."""

import streamlit as st

from lstm_viz.ui import home_values, home_view, kit, state

ctx, s = kit.begin(())
st.title(s["home_title"])
kit.show_notices(s)
home_view.draw_body(home_values.compute(ctx, s), state.pages())
