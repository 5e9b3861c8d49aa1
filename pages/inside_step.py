"""Inside one step: the cell at step t as a diagram, and its equations with the real numbers of one unit."""

import streamlit as st

from lstm_viz.figures import step_equations
from lstm_viz.figures.cell_diagram import MIN_WIDTH, diagram_height
from lstm_viz.figures.relayout import relayout_changes
from lstm_viz.figures.symbols import hover_char
from lstm_viz.ui import downloads, figure_cache, fit, kit, sequence_editor, state, time_cursor
from lstm_viz.ui.strings import literal

ctx, s = kit.begin(("t", "unit", "layer", "dir"))
st.title(s["page_step"])
st.caption(
    s("step_subtitle", arch=ctx.arch_label(), task=s[f"task_{ctx.task_name}"], source=ctx.source_label())
)
kit.show_notices(s)

with st.spinner(s("computing", what=ctx.arch_label())):
    trace = ctx.trace()
length = trace.length
sequence_editor.draw(ctx, s, trace)

controls = st.columns([1, 1, 2])
state.clamp_int("unit", 0, ctx.hidden - 1)
unit = state.bind(
    "unit",
    controls[0].number_input,
    s["unit_label"],
    min_value=0,
    max_value=ctx.hidden - 1,
    help=s["unit_help"],
)
with controls[1]:
    layer, reverse = kit.layer_and_direction(ctx, s)
kit.show_notices(s)
fit.style("step_diagram_box", MIN_WIDTH, diagram_height(ctx.kind))  # the diagram on a phone
fit.equations_style()
drawn = {}  # the diagram this page run sent; a time-step rerun sends it again unchanged and relayouts it


def step_at(t: int) -> dict:
    """The diagram, the equations and the story of step t; returns the figures by export code."""
    vocab = getattr(ctx.task(), "vocab", None)  # a symbolic input is named by its symbols
    numbers = step_equations.step_numbers(ctx.model().core, trace, ctx.sample, t, unit, layer, reverse, vocab)
    values = numbers.values
    caption_key, why_key = f"step_diagram_caption_{ctx.kind}", f"step_why_{ctx.kind}"  # fitting this cell
    if ctx.kind == "rnn" and numbers.nonlinearity == "relu":
        caption_key, why_key = f"{caption_key}_relu", f"{why_key}_relu"
    if ctx.kind == "lstm" and ctx.variant == "no_forget_gate":
        caption_key = f"{caption_key}_no_forget_gate"

    diagram_col, eq_col = st.container(), st.container()  # the diagram needs the full width to stay legible
    figs = {}
    with diagram_col:
        st.subheader(s["step_diagram"])
        fig = figure_cache.cell_diagram(ctx.kind, ctx.variant, numbers.nonlinearity, values, ctx.lang)
        figs["diagram"] = (s["step_diagram"], fig)
        changes = relayout_changes(drawn["diagram"], fig) if "diagram" in drawn else None
        if changes is None:  # the page's full run, or not the same drawing with other numbers: draw it anew
            drawn["diagram"], changes = fig, {}
        with st.container(key="step_diagram_box"):  # scaled down as a picture where narrower (fit)
            kit.show_figure(drawn["diagram"], key="step_diagram")  # the browser redraws only a changed spec
        st.caption(s[caption_key])
        x_text = ", ".join(step_equations.fmt(v) for v in numbers.inputs[:8])
        more = " …" if numbers.inputs.size > 8 else ""
        if numbers.symbol is not None:
            symbol, index = literal(hover_char(numbers.symbol)), numbers.symbol_index
            st.markdown(s("step_input_one_hot", t=t, symbol=symbol, index=index, size=len(vocab)))
        else:
            st.markdown(s("step_inputs", t=t, x=f"[{x_text}{more}]", layer=layer))

    with eq_col:
        st.subheader(s("step_equations", unit=unit, t=t, sample=ctx.sample))
        for quantity, line in step_equations.latex_lines(numbers):
            st.latex(line)
            st.caption(s["eq_input_symbol" if quantity == "input" else f"eq_{ctx.kind}_{quantity}"])
        if numbers.prev_t is None:
            st.info(s["step_first"], icon=":material/info:")

    st.subheader(s["step_reading"])
    if ctx.kind == "lstm":
        st.markdown(
            s(
                "step_story_lstm",
                f=values["forget_gate"],
                c_prev=values["cell_prev"],
                i=values["input_gate"],
                g=values["cell_candidate"],
                c=values["cell"],
                o=values["output_gate"],
                h=values["hidden"],
                kept=values["forget_gate"] * values["cell_prev"],
                written=values["input_gate"] * values["cell_candidate"],
            )
        )
    elif ctx.kind == "gru":
        st.markdown(
            s(
                "step_story_gru",
                z=values["update_gate"],
                r=values["reset_gate"],
                n=values["candidate"],
                h_prev=values["hidden_prev"],
                h=values["hidden"],
                z_rest=f"{1 - values['update_gate']:.0%}",
            )
        )
    else:
        st.markdown(s("step_story_rnn", a=values["preactivation"], h=values["hidden"]))
    st.markdown(s[why_key])
    if changes:
        time_cursor.relayout("step_diagram", changes)  # the diagram on screen shown at step t
    return figs


figs = kit.at_time_step(s, length, step_at)

downloads.exports(ctx, s, trace, figs, key="step_export", page="inside_step")
