"""The baseline bench_app.py measures the app against: a bare Streamlit page with one slider and one 64x100
Plotly heatmap whose step marker follows the slider (the heatmap is sent again on every move).

`streamlit run benchmarks/bare_page.py`
"""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

t = st.slider("Time step t", min_value=0, max_value=99, value=50)
values = np.random.default_rng(0).standard_normal((64, 100))  # (units, time)
fig = go.Figure(go.Heatmap(z=values, colorscale="RdBu", zmid=0))
fig.add_vline(x=t, line_color="black")
st.plotly_chart(fig, theme=None)
