"""The figures of the Vanishing gradients page, built once per view and cached as figure dicts.

Nothing on the page depends on the time step, so all its figures are a function of plain values: the three
Contexts (one per architecture), the rho / forget-bias / clip choices, the sample, and the layer and direction
shown. A rerun that changes
none of them (another student's identical view, a language-independent widget) only sends the cached dicts.
"""

from __future__ import annotations

import streamlit as st

from lstm_viz import figures

from . import kit
from . import vanishing_data as data
from .context import Context

HEATMAPS = 8  # up to 3 gradient heatmaps, the LSTM cell's two, 3 over training: they share the page budget
STACKED_HEIGHT = 520  # px: the three gradient heatmaps are drawn one above the other, each at full width


@st.cache_data(max_entries=24, show_spinner=False)
def page_figures(
    contexts: tuple[Context, ...], rho: str, fbias: str, clip: str, sample: int, layer: int, reverse: bool
) -> dict[str, tuple[str, dict]]:
    """code -> (title, figure dict) for the page; "clipped" only with clipping on, "training-<kind>" only for
    an architecture whose run kept gradient-flow snapshots. contexts are compare.three's, rnn/gru/lstm; the
    Pascanu bound only where it holds (the top layer's forward direction, see ModelView.loss_enters_here)."""
    options = (data.option_value(rho), data.option_value(fbias), data.option_value(clip))
    views = [data.model_view(c, *options, layer, reverse) for c in contexts]
    s = contexts[0].strings
    rnn, lstm = views[0], views[-1]
    label = {view.context.kind: view.context.arch_label() for view in views}
    share = kit.numbers_per_heatmap(HEATMAPS)
    built = {}

    title = s("vn_lines_title", length=rnn.norms.size)
    bound = data.pascanu_line(rnn) if data.has_bound(rnn) else None
    fig = figures.grad_norm_lines(
        {label[v.context.kind]: v.norms for v in views},
        fits={label[v.context.kind]: v.fit for v in views},
        bound=bound,
        labels=s,
    )
    chart_range = data.log_range([v.norms for v in views], bound)
    fig.update_yaxes(range=chart_range)
    summary = data.bound_summary(rnn, chart_range[1]) if bound is not None else None
    if summary is not None and summary.leaves_at is not None:  # say where the bound goes once it is off
        fig.add_annotation(
            x=summary.leaves_at, y=chart_range[1], yref="y", xanchor="right", yanchor="top", showarrow=False,
            text=s("vn_bound_mark", start=f"{summary.at_start:.1e}"), font={"color": figures.BOUND_COLOUR},
        )  # fmt: skip
    fig.update_layout(legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"})
    built["norms"] = (title, fig)

    if clip != "off":
        threshold = data.option_value(clip)
        fig = figures.grad_norm_lines({label[v.context.kind]: v.clipped for v in views}, labels=s)
        fig.add_hline(y=threshold, line={"color": "grey", "dash": "dot", "width": 2})
        fig.update_yaxes(range=data.log_range([v.clipped for v in views] + [[threshold]]))
        built["clipped"] = (s["vn_clip_title"], fig)

    zrange = figures.shared_zrange([v.trace[v.key("hidden_grad")][sample] for v in views], "hidden_grad")
    vocab = getattr(contexts[0].task(), "vocab", None)  # a symbolic input's strip shows its symbols
    for view in views:
        title = s("gates_fig_title", quantity=s["q.hidden_grad"], arch=label[view.context.kind])
        fig = figures.gates_heatmap(
            view.trace, view.key("hidden_grad"), sample=sample, zrange=zrange, labels=s, title=title,
            max_numbers=share, vocab=vocab,
        )  # fmt: skip
        fig.update_layout(height=min(fig.layout.height, STACKED_HEIGHT))
        built[f"heat-{view.context.kind}"] = (title, fig)

    title = s("gates_fig_title", quantity=s["q.cell_grad"], arch=label["lstm"])
    fig = figures.gates_heatmap(
        lstm.trace, lstm.key("cell_grad"), sample=sample, labels=s, title=title, max_numbers=share,
        vocab=vocab,
    )  # fmt: skip
    built["cell-grad"] = (title, fig)
    title = s("gates_fig_title", quantity=s["q.carousel_grad"], arch=label["lstm"])
    carousel = data.carousel(lstm, sample)  # (H, T)
    fig = figures.heatmap(carousel, "carousel_grad", labels=s, title=title, max_numbers=share)
    built["carousel"] = (title, fig)

    shown = {view.context.kind: data.snapshots(view.context) for view in views}
    snaps = [snap for snap in shown.values() if snap is not None]
    zrange = figures.shared_zrange([norms for _, norms in snaps], "hidden_grad") if snaps else None
    for kind, snap in shown.items():
        if snap is not None:
            steps, norms = snap
            title = s("vn_training_fig", arch=label[kind])
            fig = figures.heatmap(
                norms, "hidden_grad", y_title_key="training_step", zrange=zrange, labels=s, title=title,
                y_values=[str(step) for step in steps], max_numbers=share,
            )  # fmt: skip
            built[f"training-{kind}"] = (title, fig)
    return {code: (title, fig.to_plotly_json()) for code, (title, fig) in built.items()}
