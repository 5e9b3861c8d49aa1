"""Reading text: a character model reads Python source; one unit colours the text (Karpathy et al. 2015), the
unit finder, select and match (LSTMVis), RNN against GRU against LSTM, and gate saturation per layer."""

import streamlit as st

from lstm_viz import limits
from lstm_viz.figures import text_figures
from lstm_viz.ui import fit, kit, reading_figures, reading_input, state
from lstm_viz.ui import reading_data as data

ctx, s = kit.begin(("rt_model", "rt_layer", "rt_quantity", "rt_feature", "rt_unit", "rt_offset"))
st.title(s["page_reading_text"])
st.markdown(s["rt_intro"])
kit.show_notices(s, model=False)

codes = data.available()
if not codes:
    st.error(s["rt_no_models"], icon=":material/error:")
    st.stop()

# --- the model and the text ---------------------------------------------------------------------------------
row = st.columns([2, 1, 2, 2])
code = state.bind(
    "rt_model", row[0].selectbox, s["rt_model"], options=codes, format_func=lambda c: s[f"rt_model_{c}"],
    normalise=lambda v: v if v in codes else codes[0],
)  # fmt: skip
layer, layer_count = 0, data.layers(code)
if layer_count > 1:
    if state.settings()["rt_layer"] == -1:  # the top layer unless the link names another
        state.put("rt_layer", data.layers(code) - 1)
    state.clamp_int("rt_layer", 0, data.layers(code) - 1, default=data.layers(code) - 1)
    layer = state.bind(
        "rt_layer", row[1].selectbox, s["layer_label"], options=list(range(data.layers(code))),
        format_func=lambda v: s("layer_option", layer=v, top=s["layer_top"] if v == layer_count - 1 else ""),
    )  # fmt: skip
quantities = data.quantities(code)
quantity = state.bind(
    "rt_quantity", row[2].radio, s["rt_quantity"], options=quantities, format_func=lambda q: s[f"rt_q_{q}"],
    horizontal=True, normalise=lambda v: v if v in quantities else quantities[0],
)  # fmt: skip
source = row[3].radio(
    s["rt_source"], ("excerpt", "own"), format_func=lambda v: s[f"rt_source_{v}"], key="rt_source",
    horizontal=True,
)  # fmt: skip

if source == "own":
    with st.expander(s["rt_own_title"], expanded=True, icon=":material/edit_note:"):
        own = reading_input.draw(s)
    if not own.text:
        st.info(s["rt_own_empty"], icon=":material/info:")
        st.stop()
    text, start = own.text, 0
else:
    offset = state.clamp_int("rt_offset", 0, data.excerpt_limit())
    offset = state.bind(
        "rt_offset", st.slider, s["rt_offset"], min_value=0, max_value=data.excerpt_limit(), step=100,
        help=s("rt_offset_help", chars=limits.APP_TEXT_EXCERPT_CHARS, total=len(data.test_text())),
    )  # fmt: skip
    text = data.excerpt(offset)
    start = data.test_text().find(text) if offset else 0

width = st.select_slider(
    s["rt_width"], options=(30, 40, 60, 80, 100), value=80, key="rt_width", help=s["rt_width_help"]
)

with st.spinner(s["rt_reading"]):
    reading = data.reading(code, text)

# --- the unit finder ----------------------------------------------------------------------------------------
table = data.unit_table(code, text, quantity, layer)
features = list(table)
best_feature, best_unit = data.best_choice(table)
if state.settings()["rt_feature"] not in features:
    state.put("rt_feature", best_feature)
    state.put("rt_unit", best_unit if state.settings()["rt_unit"] < 0 else state.settings()["rt_unit"])


def _feature_changed() -> None:  # a new feature shows its best unit
    state.put("rt_unit", table[st.session_state[state.widget_key("rt_feature")]][0][0])


st.subheader(s["rt_finder"])
st.markdown(s["rt_finder_intro"])
row = st.columns([1, 1, 2])
feature = state.bind(
    "rt_feature", row[0].selectbox, s["rt_feature"], options=features, format_func=lambda f: s[f"rt_f_{f}"],
    on_change=_feature_changed,
)  # fmt: skip
hidden = reading.trace[f"l{layer}.hidden"].shape[-1]
if not 0 <= state.settings()["rt_unit"] < hidden:
    state.put("rt_unit", table[feature][0][0])
ranked = table[feature]
unit_options = [u for u, _ in ranked]
if state.settings()["rt_unit"] not in unit_options:
    unit_options.append(state.settings()["rt_unit"])
correlations = dict(ranked)
unit = state.bind(
    "rt_unit", row[1].selectbox, s["rt_unit"], options=unit_options,
    format_func=lambda u: s("rt_unit_option", unit=u, r=correlations.get(u, data.correlation(
        code, text, quantity, layer, u, feature))),
)  # fmt: skip
row[2].dataframe(reading_figures.finder_rows(table, s), hide_index=True, height=220, width="stretch")

r = data.correlation(code, text, quantity, layer, unit, feature)
grid = reading_figures.unit_grid(code, text, quantity, layer, unit, start, width, ctx.lang)
caption = reading_figures.grid_caption(s, quantity, unit, feature, r, layer if layer_count > 1 else None)
grid_px = text_figures.grid_width_px(width)  # the text grids keep this width, scaled down on a phone (fit)
fit.show_fitted(grid, "rt_grid", grid_px, caption)
strip = reading_figures.surprise(code, text, start, ctx.lang)
kit.show_figure(strip, s("rt_surprise_caption", bits=reading.bits_per_char), key="rt_surprise")

# --- select and match ---------------------------------------------------------------------------------------
st.subheader(s["rt_match"])
st.markdown(s("rt_match_intro", chars=limits.APP_TEXT_LONG_CHARS))
span_default = reading_figures.first_string(text)
row = st.columns([3, 1, 1])
span = row[0].slider(s["rt_span"], 0, len(text), span_default, key="rt_span_w", help=s["rt_span_help"])
threshold = row[1].slider(
    s["rt_threshold"], 0.0, 0.95, 0.5, 0.05, key="rt_thr_w", help=s["rt_threshold_help"]
)
min_length = row[2].number_input(s["rt_min_length"], 1, 50, 3, key="rt_minlen_w")
span = (int(span[0]), int(max(span[1], span[0] + 1)))
shown_span = reading_figures.quoted(text[span[0] : span[1]])
st.markdown(s("rt_span_shown", span=shown_span, start=span[0], stop=span[1]))
units = tuple(data.selected(code, text, layer, span[0], span[1], float(threshold)))
if not units:
    st.info(s("rt_no_units", threshold=threshold), icon=":material/info:")
else:
    spans = data.matched(code, layer, units, float(threshold), int(min_length))
    st.markdown(s("rt_units_on", count=len(units), units=", ".join(map(str, units[:24])), spans=len(spans)))
    for index, (a, b) in enumerate(spans[: reading_figures.MATCHES_SHOWN]):
        fig = reading_figures.match_grid(code, layer, units, a, b, width, ctx.lang)
        fit.show_fitted(fig, f"rt_m{index}", grid_px, s("rt_match_caption", start=a, stop=b, length=b - a))

# --- RNN, GRU and LSTM on the same text ---------------------------------------------------------------------
compared = tuple(c for c in data.COMPARED if c in codes)
if {"rnn", "lstm"} <= set(compared):
    st.subheader(s["rt_compare"])
    found = data.comparison(text, compared)
    columns = st.columns(len(compared))
    for column, other in zip(columns, compared, strict=True):
        column.metric(s[f"rt_model_{other}"], s("rt_bits", bits=found["bits"][other]))
    saved = found["bits"]["rnn"] - found["bits"]["lstm"]
    fig = reading_figures.gain_grid(text, start, width, ctx.lang)
    fit.show_fitted(fig, "rt_gain", grid_px, s("rt_gain_caption", better=found["better"], saved=saved))
    fig = reading_figures.brackets(compared, ctx.lang)
    kit.show_figure(fig, reading_figures.bracket_caption(s, compared), key="rt_brackets")

# --- gate saturation ----------------------------------------------------------------------------------------
st.subheader(s["rt_saturation"])
fractions, counts = data.gate_saturation(code, text)
if not any(fractions):
    st.info(s["rt_saturation_none"], icon=":material/info:")
else:
    fig = text_figures.saturation_by_layer(fractions, labels=s)
    kit.show_figure(fig, reading_figures.saturation_caption(s, counts), key="rt_saturation")
