"""Sweeps: a sweep database (shipped, your own file, this session's live sweep) as figures per task and a
table to filter; and a small sweep run live on the server's job queue."""

import streamlit as st

from lstm_viz import limits, tasks
from lstm_viz.engine.kinds import KIND_NAMES
from lstm_viz.ui import kit, state, sweeps_folders, sweeps_live_panel, sweeps_view
from lstm_viz.ui import sweeps_data as data

SOURCES = ("shipped", "upload", "live")
SOURCE_KEY = "swp_source"  # not a URL setting: an upload cannot travel in a link

ctx, s = kit.begin(("swp_task", "swp_kinds", "swp_show"))
st.title(s["page_sweeps"])
st.markdown(s["swp_intro"])
kit.show_notices(s, model=False)
sweeps_live_panel.show_finished_sweep(SOURCE_KEY)

# --- which database ---------------------------------------------------------------------------------------
source = st.radio(
    s["swp_source_label"], SOURCES, key=SOURCE_KEY, horizontal=True, help=s["swp_source_help"],
    format_func=lambda v: s[f"swp_source_{v}"],
)  # fmt: skip
loaded = None
if source == "shipped":
    loaded = data.shipped()
    if loaded is None:
        st.info(s["swp_no_shipped"], icon=":material/info:")
elif source == "upload":
    mb = f"{data.upload_limit() / 2**20:g}"
    file = st.file_uploader(
        s["swp_upload_label"], type=["sqlite", "db", "sqlite3"], key="swp_upload",
        help=s("swp_upload_help", mb=mb, rows=f"{limits.SWEEPS_PAGE_MAX_ROWS:,}"),
    )  # fmt: skip
    if file is None:
        st.info(s("swp_upload_prompt", mb=mb), icon=":material/upload:")
    else:
        loaded = data.uploaded(file.getvalue())
else:
    loaded = data.live(sweeps_folders.session_database())
    if loaded is None:
        st.info(s["swp_no_live"], icon=":material/info:")

rows = ()
if loaded is not None and loaded.error is not None:
    key, fields = loaded.error
    st.error(s.notice(key, fields), icon=":material/error:")
elif loaded is not None:
    rows = loaded.rows
    if loaded.dropped:
        st.warning(s("swp_bad_rows", count=loaded.dropped), icon=":material/warning:")
    if not rows:
        st.info(s["swp_empty"], icon=":material/info:")
    else:
        st.caption(sweeps_view.described(s, rows))

# --- figures per task -------------------------------------------------------------------------------------
if rows:
    failed = sum(1 for row in rows if row.get("error") is not None)
    db_tasks = sorted({row["task"] for row in rows})
    options = ["all", *(name for name in db_tasks if name in tasks.names())]
    left, middle, right = st.columns([2, 2, 2])
    wanted = state.settings()["swp_task"]
    if wanted not in options:
        st.info(s["swp_task_missing"], icon=":material/info:")
    task_choice = state.bind(
        "swp_task", left.selectbox, s["swp_filter_task"], options=options,
        format_func=lambda v: s["swp_all_tasks"] if v == "all" else sweeps_view.task_label(s, v),
        normalise=lambda v: v if v in options else "all",
    )  # fmt: skip
    kind_indices = state.bind(
        "swp_kinds", middle.multiselect, s["swp_filter_kinds"], options=list(range(len(KIND_NAMES))),
        format_func=lambda i: s[f"kind_{KIND_NAMES[i]}"],
        normalise=lambda v: [i for i in v if 0 <= i < len(KIND_NAMES)],
    )  # fmt: skip
    state.settings()["swp_kinds"] = tuple(kind_indices)
    show = state.bind(
        "swp_show", right.radio, s["swp_show"], options=["metric", "loss"], horizontal=True,
        format_func=lambda v: s[f"swp_show_{v}"], help=s["swp_show_help"],
    )  # fmt: skip
    kinds = tuple(KIND_NAMES[i] for i in sorted(kind_indices))
    kinds += tuple(sorted({row["architecture"] for row in rows} - set(KIND_NAMES)))  # a file's own names
    shown_tasks = db_tasks if task_choice == "all" else [task_choice]
    if failed:
        st.warning(s("swp_failed", count=failed), icon=":material/warning:")
    if not kind_indices:
        st.info(s["swp_no_kinds"], icon=":material/info:")
    else:
        for task_name in shown_tasks:
            view = sweeps_view.task_view(loaded.key, task_name, kinds, show, ctx.lang, rows)
            st.subheader(sweeps_view.task_label(s, task_name))
            if view is None:
                st.info(s["swp_task_empty"], icon=":material/info:")
                continue
            metric_col, steps_col = st.columns(2, gap="large")
            with metric_col:
                st.markdown(f"**{s['swp_metric_heading']}**")
                kit.show_figure(view["metric"], view["metric_caption"], key=f"swp_metric_{task_name}")
            with steps_col:
                st.markdown(f"**{s['swp_steps_heading']}**")
                kit.show_figure(view["steps"], view["steps_caption"], key=f"swp_steps_{task_name}")

    # --- the table ----------------------------------------------------------------------------------------
    st.subheader(s["swp_table_heading"])
    chosen = [row for row in rows if row["task"] in shown_tasks and row["architecture"] in kinds]
    sweeps_view.draw_table(s, chosen, len(rows))

sweeps_live_panel.draw(s)
