"""The Download expander of a page: the trace (.npz; CSV up to limits.EXPORT_CSV_MAX_ROWS rows), the
numbers of one chosen figure (CSV) and that figure as a standalone web page (HTML).

Every file is built only when its button is clicked (the download's data is a callable), from what the page
already holds, and nothing of it is kept here; Streamlit drops its copy of the file at the end of the next
rerun. A trace's CSV is written one quantity at a time (`Trace.to_csv`), so building it holds little more
than the text itself, and a trace above the row limit is offered as .npz only, with the limit stated.

Every file says what produced its numbers: the .npz meta and the first line of each CSV (a "#" comment, a
JSON object) hold the task and its parameters, the model source and run, and the seed; the file names hold
the page, task, architecture, source, run and seed; the HTML page has the figure's title as its <title>.
"""

from __future__ import annotations

import base64
import dataclasses
import io
import json
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd
import streamlit as st

from lstm_viz import figures, limits
from lstm_viz.engine.trace import Trace

from .context import Context
from .strings import Strings

FIGURE_COLUMNS = ("series", "x", "y", "z")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
PART_CHARS = 60  # the longest piece of a file name taken from a user's value (a run name)


def safe_part(text: str) -> str:
    """A piece of a file name: runs of other characters than ASCII letters, digits, '.', '_' and '-' (path
    separators among them) become '_', leading dots go (no hidden file), and it is cut to PART_CHARS."""
    return _UNSAFE.sub("_", str(text)).lstrip(".")[:PART_CHARS] or "_"


def describe(context: Context | None, page: str) -> dict:
    """What produced a page's numbers, as plain JSON values: page, task and its parameters, model source and
    run, architecture, seed, the sample shown and the user's own input for it (sequence_edit; [] for none)."""
    if context is None:
        return {"app": "lstm-viz", "page": page}
    task = context.task()
    params = {
        field.name: getattr(task, field.name)
        for field in dataclasses.fields(task)
        if isinstance(getattr(task, field.name), (bool, int, float, str))
    }
    return {
        "app": "lstm-viz",
        "page": page,
        "task": context.task_name,
        "task_params": params,
        "source": context.source,
        "run": context.run_name,
        "kind": context.kind,
        "variant": context.variant,
        "nonlinearity": context.nonlinearity,
        "seed": context.seed,
        "sample_shown": context.sample,
        "own_input": list(context.edit),
    }


def file_stem(context: Context | None, page: str, arch: str | None = None) -> str:
    """lstm-viz_<page>_<task>-<length>_<arch>_<source>[-<run>]_seed<seed>, every piece made safe; `arch`
    replaces the context's architecture (a page comparing several passes "rnn-gru-lstm")."""
    if context is None:
        return f"lstm-viz_{safe_part(page)}"
    if arch is None:
        arch = context.kind
        if context.kind == "lstm" and context.variant != "standard":
            arch = f"{arch}-{context.variant}"
        if context.kind == "rnn" and context.nonlinearity != "tanh":
            arch = f"{arch}-{context.nonlinearity}"
    source = context.source if not context.run_name else f"{context.source}-{context.run_name}"
    parts = (page, f"{context.task_name}-{context.length}", arch, source, f"seed{context.seed}")
    return "_".join(["lstm-viz", *(safe_part(part) for part in parts)])


def with_meta(trace: Trace, meta: Mapping) -> Trace:
    """The same arrays (not copied) with `meta` added to the trace's own."""
    return Trace(trace, {**trace.meta, **meta}, trace.input)


def trace_npz_bytes(trace: Trace) -> bytes:
    """A Trace as the bytes of its .npz file."""
    buffer = io.BytesIO()
    trace.save(buffer)
    return buffer.getvalue()


def _comment(meta: Mapping) -> str:
    return f"# {json.dumps(dict(meta), ensure_ascii=False)}\n"


def trace_csv_bytes(trace: Trace) -> bytes:
    """The trace's long table with the input and its gradient, after one '#' line with its meta as JSON, as
    UTF-8 bytes encoded as they are written (a text buffer would hold four bytes per character)."""
    buffer = io.BytesIO()
    text = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    text.write(_comment(trace.meta))
    trace.to_csv(text, inputs=True)
    text.flush()
    text.detach()  # leaves the bytes open to read
    return buffer.getvalue()


def _values(data) -> np.ndarray:
    """An array of a figure dict: a list, or Plotly's binary form {"dtype", "bdata"[, "shape"]}."""
    if isinstance(data, Mapping) and "bdata" in data:
        values = np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"])
        shape = data.get("shape")
        return values.reshape([int(n) for n in str(shape).split(",")]) if shape else values
    return np.asarray(data if data is not None else [])


def _series_name(trace: Mapping, layout: Mapping, index: int) -> str:
    """A trace's legend name, else its colour bar's title, else its y axis title."""
    if trace.get("name"):
        return str(trace["name"])
    colorbar = trace.get("colorbar") or {}
    if (colorbar.get("title") or {}).get("text"):
        return str(colorbar["title"]["text"])
    axis = layout.get("yaxis" + str(trace.get("yaxis", "y"))[1:]) or {}
    return str((axis.get("title") or {}).get("text") or f"{trace.get('type', 'trace')} {index}")


def figure_table(spec: Mapping) -> pd.DataFrame:
    """The numbers a figure (a dict from fig.to_plotly_json()) draws, one row per point or cell.

    Lines: (series, x, y) with z empty. Heatmaps: one row per cell (series, x, y, z), z the value the hover
    shows (a gradient heatmap's |value|, not the log10 it is coloured by; averaged where the figure averages
    blocks of steps). Decorations that show no value on hover (diagram nodes, markers) are left out.
    """
    layout = spec.get("layout") or {}
    frames = []
    for index, trace in enumerate(spec.get("data") or ()):
        if trace.get("hoverinfo") == "skip":
            continue
        name = _series_name(trace, layout, index)
        if trace.get("type") == "heatmap":
            shown = trace.get("customdata") if trace.get("customdata") is not None else trace.get("z")
            z = np.atleast_2d(_values(shown).astype(np.float64))  # (R, C)
            x, y = _values(trace.get("x")), _values(trace.get("y"))
            x = x if x.size == z.shape[1] else np.arange(z.shape[1])
            y = y if y.size == z.shape[0] else np.arange(z.shape[0])
            rows, columns = np.indices(z.shape).reshape(2, -1)
            frames.append(pd.DataFrame({"series": name, "x": x[columns], "y": y[rows], "z": z.reshape(-1)}))
        else:
            x, y = _values(trace.get("x")), _values(trace.get("y"))
            frames.append(pd.DataFrame({"series": name, "x": x, "y": y, "z": np.nan}))
    if not frames:
        return pd.DataFrame(columns=list(FIGURE_COLUMNS))
    return pd.concat(frames, ignore_index=True)[list(FIGURE_COLUMNS)]


def figure_csv_text(spec: Mapping, meta: Mapping) -> str:
    """figure_table as CSV after one '#' line with `meta` as JSON."""
    return _comment(meta) + figure_table(spec).to_csv(index=False, lineterminator="\n")


def exports(
    context: Context | None,
    s: Strings,
    trace: Trace | None,
    figs: Mapping[str, tuple],
    key: str,
    page: str | None = None,
    arch: str | None = None,
) -> None:
    """Download buttons: the trace (.npz, CSV) and the chosen figure's numbers (CSV) and web page (HTML).

    figs maps an ASCII code (used in the file name) to (title, figure or figure dict); page names the page
    in the files ("gates", "vanishing", ...; default: the key without "_export"); arch as for file_stem.
    """
    page = page or key.removesuffix("_export")
    meta = describe(context, page)
    stem = file_stem(context, page, arch)
    with st.expander(s["export_header"], icon=":material/download:"):
        if trace is not None:
            _trace_buttons(s, with_meta(trace, meta), stem, key)
        if figs:
            _figure_buttons(s, figs, meta, stem, key)


def _trace_buttons(s: Strings, trace: Trace, stem: str, key: str) -> None:
    rows = trace.table_rows(inputs=True)
    limit = limits.EXPORT_CSV_MAX_ROWS
    st.caption(s("export_help", limit=f"{limit:,}"))
    npz, csv = st.columns(2)
    npz.download_button(
        s["export_npz"], data=lambda: trace_npz_bytes(trace), file_name=f"{stem}.npz",
        mime="application/octet-stream", on_click="ignore", key=f"{key}_npz", icon=":material/database:",
    )  # fmt: skip
    if rows > limit:
        csv.caption(s("export_csv_too_big", rows=f"{rows:,}", limit=f"{limit:,}"))
        return
    csv.download_button(
        s["export_csv"], data=lambda: trace_csv_bytes(trace), file_name=f"{stem}.csv", mime="text/csv",
        on_click="ignore", key=f"{key}_csv", icon=":material/table:",
    )  # fmt: skip


def _figure_buttons(s: Strings, figs: Mapping[str, tuple], meta: Mapping, stem: str, key: str) -> None:
    st.caption(s["export_help_figures"])
    codes = list(figs)
    chosen = codes[0]
    if len(codes) > 1:
        chosen = st.selectbox(
            s["export_which"], codes, format_func=lambda code: figs[code][0], key=f"{key}_which"
        )
    title, fig = figs[chosen]

    def spec() -> Mapping:  # a figure dict, made only when a button is clicked
        return fig if isinstance(fig, Mapping) else fig.to_plotly_json()

    data, html = st.columns(2)
    data.download_button(
        s["export_data"], data=lambda: figure_csv_text(spec(), {**meta, "figure": title}),
        file_name=f"{stem}_{safe_part(chosen)}.csv", mime="text/csv", on_click="ignore", key=f"{key}_data",
        icon=":material/table:",
    )  # fmt: skip
    html.download_button(
        s["export_html"], data=lambda: figures.to_html(spec(), title=f"{title} · lstm-viz"),
        file_name=f"{stem}_{safe_part(chosen)}.html", mime="text/html", on_click="ignore", key=f"{key}_html",
        icon=":material/code:",
    )  # fmt: skip
