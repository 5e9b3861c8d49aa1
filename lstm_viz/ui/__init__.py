"""The app: the only Streamlit code of the package; may import every layer below it (figures, training, ...).

- `main`: the frame every page runs in; `navigation`: the one page list; `launcher`: the `lstm-viz` command.
- `url_params`: every setting <-> URL text, with validation and defaults; `state`: a session's settings.
- `context` + `sidebar`: the configuration in effect (`Context`) and the shared sidebar that sets it.
- `engine_cache`, `probe_cache`, `figure_cache`, `sweep_store`, `task_names`: cached by plain values.
- `strings`: the one strings table (English and Chinese), also the `labels` of lstm_viz.figures.
- `kit`: small pieces the pages share (time-step control, figures, downloads); the pages are in `pages/`.
"""
