"""The Streamlit app of lstm-viz: the only code in the package that imports streamlit.

- `strings`: the one strings table (English and Chinese), also the `labels` of lstm_viz.figures.
- `state`: every setting <-> st.query_params, with validation, defaults and notices.
- `sidebar`: the shared sidebar and the `Context` (the configuration in effect) the pages read.
- `engine_cache`: the engine calls, cached by plain values.
- `equations`: one unit's step equations with the real numbers of a Trace.
- `kit`: small pieces the pages share (time-step control, figures, downloads).
- `app_main` + `pages/`: the entry script and the pages; `launcher`: the `lstm-viz` command.
"""
