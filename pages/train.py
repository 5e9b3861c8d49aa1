"""Train: one to three architectures side by side on the sidebar's task, with live progress and curves."""

import streamlit as st

from lstm_viz import figures, training
from lstm_viz.engine.kinds import KIND_NAMES
from lstm_viz.ui import job_report, jobs, kit, state, task_names, training_job, url_params

ctx, s = kit.begin(
    ("tr_kinds", "tr_hidden", "tr_batch", "tr_steps", "tr_lr", "tr_opt", "tr_clip", "tr_init", "tr_radius",
     "tr_fbias")
)  # fmt: skip
st.title(s["page_train"])
task_param = task_names.length_param(ctx.task_name)
st.caption(s("tr_subtitle", task=s[f"task_{ctx.task_name}"], what=s[f"sb_{task_param}"], length=ctx.length))
kit.show_notices(s, model=False)
st.markdown(s["tr_intro"])

job = training_job.current()
if job is not None and job.finished and not job.announced:
    job.announced = True
    st.rerun()  # the sidebar lists the new runs under "A saved run"
running = job is not None and not job.finished
names = {kind: s[f"kind_{kind}"] for kind in KIND_NAMES}

row = st.columns([3, 1, 1, 1])
kind_indices = state.bind(
    "tr_kinds",
    row[0].multiselect,
    s["tr_kinds"],
    options=list(range(len(KIND_NAMES))),
    format_func=lambda i: names[KIND_NAMES[i]],
    normalise=lambda v: [i for i in v if 0 <= i < len(KIND_NAMES)],
    disabled=running,
)
state.settings()["tr_kinds"] = tuple(kind_indices)
hidden = state.bind("tr_hidden", row[1].number_input, s["sb_hidden"], min_value=0, step=8, disabled=running)
batch = state.bind("tr_batch", row[2].number_input, s["tr_batch"], min_value=0, step=8, disabled=running)
steps = state.bind("tr_steps", row[3].number_input, s["tr_steps"], min_value=0, step=100, disabled=running)
row = st.columns([1, 1, 2, 2])
lr = state.bind(
    "tr_lr", row[0].number_input, s["tr_lr"], min_value=0.0, step=0.001, format="%.4f", disabled=running
)
optimizer = state.bind(
    "tr_opt",
    row[1].selectbox,
    s["tr_opt"],
    options=training.OPTIMIZERS,
    help=s["tr_opt_help"],
    disabled=running,
)
clip = state.bind(
    "tr_clip",
    row[2].select_slider,
    s["vn_clip"],
    options=url_params.CLIP_OPTIONS,
    format_func=lambda v: s["vn_clip_off"] if v == "off" else v,
    help=s["tr_clip_help"],
    disabled=running,
)
forget = state.bind(
    "tr_fbias",
    row[3].select_slider,
    s["vn_fbias"],
    options=url_params.FBIAS_OPTIONS,
    format_func=lambda v: s["tr_default"] if v == "own" else v,
    help=s["tr_fbias_help"],
    disabled=running,
)
row = st.columns([2, 1, 3])
init = state.bind(
    "tr_init",
    row[0].selectbox,
    s["tr_init"],
    options=training.RECURRENT_INITS,
    format_func=lambda v: s[f"tr_init_{v}"],
    help=s["tr_init_help"],
    disabled=running,
)
radius = state.settings()["tr_radius"]
if init == "spectral":
    radius = state.bind(
        "tr_radius",
        row[1].number_input,
        s["tr_radius"],
        min_value=0.1,
        max_value=3.0,
        step=0.1,
        disabled=running,
    )

settings = training_job.JobSettings(
    task_name=ctx.task_name,
    length=ctx.length,
    kinds=tuple(KIND_NAMES[i] for i in sorted(kind_indices)),
    hidden=int(hidden),
    batch=int(batch),
    steps=int(steps),
    lr=float(lr),
    optimizer=optimizer,
    clip=None if clip == "off" else float(clip),
    recurrent_init=init,
    spectral_radius=float(radius),
    forget_bias=None if forget == "own" else float(forget),
    seed=ctx.seed,
)
shared = st.checkbox(s["tr_share"], key="tr_share", help=s["tr_share_help"], disabled=running)
st.caption(s("tr_quota", **training_job.quota_counts()))
refused = training_job.problems(settings)
budget = dict(refused).get("tr_err_budget")
if budget is not None:  # said before Start, with the numbers: the work asked for and the work allowed
    st.warning(s("tr_err_budget", **budget), icon=":material/timer:")
elif not refused:
    estimate = settings.estimate()
    st.caption(job_report.estimate_text(s, estimate.seconds, estimate.macs))
start_col, stop_col, _ = st.columns([1, 1, 4])
if start_col.button(
    s["tr_start"], key="tr_start", type="primary", icon=":material/play_arrow:",
    disabled=running or budget is not None,
):  # fmt: skip
    refused += training_job.quota_problems(settings)
    for key, kwargs in refused:
        st.error(s(key, **kwargs), icon=":material/block:")
    if not refused:
        training_job.launch(settings, shared=shared)
        st.rerun()
if stop_col.button(s["tr_stop"], key="tr_stop", icon=":material/stop:", disabled=not running):
    job.stop()


@st.fragment(run_every=jobs.POLL_SECONDS if running else None)
def live() -> None:
    """Progress, loss and metric curves of this session's job; redrawn every POLL_SECONDS while it runs."""
    job = training_job.current()
    view = job.view() if job is not None else None
    if view is None:
        curves = training_job.reference_curves(ctx.task_name)
        st.caption(s["tr_nothing_yet"] + (" " + s["tr_reference"] if curves else ""))
    else:
        curves = view.curves
        if view.status == "queued":
            text = job_report.queue_text(s, view.place, view.wait)
        else:
            arch, eta = names.get(view.kind, ""), job_report.seconds_text(view.eta)
            text = s(f"tr_status_{view.status}", arch=arch, eta=eta, elapsed=f"{view.elapsed:.0f}")
        st.progress(min(view.fraction, 1.0), text=text)
    if curves:
        left, right = st.columns(2)
        with left:
            fig = figures.line_traces(
                {names[k]: c.train_loss for k, c in curves.items()}, "loss", log_y=True,
                x_values={names[k]: c.steps for k, c in curves.items()}, x_title_key="training_step",
                labels=s, title=s["tr_loss_title"],
            )  # fmt: skip
            kit.show_figure(fig, s["tr_loss_caption"], key="tr_loss")
        with right:
            metric = view.metric if view is not None else settings.task().metric
            evaluated = {k: c for k, c in curves.items() if len(c.eval_steps)}
            if not evaluated:  # no empty chart while the first evaluation is still running
                st.caption(s["tr_waiting_eval"])
            else:
                fig = figures.line_traces(
                    {names[k]: c.eval_metric for k, c in evaluated.items()}, f"lr_{metric}",
                    log_y=metric == "mse", x_values={names[k]: c.eval_steps for k, c in evaluated.items()},
                    x_title_key="training_step", labels=s, title=s["tr_metric_title"],
                )  # fmt: skip
                kit.show_figure(fig, s(f"tr_metric_caption_{metric}"), key="tr_metric")
    if view is None:
        return
    for note in job_report.training_notes(view, s, names):
        st.warning(note, icon=":material/info:")
    if view.error:
        st.error(s.notice("tr_failed", {"error": view.error}), icon=":material/error:")
    if view.saved:
        st.success(
            s.notice("tr_saved", {"names": ", ".join(view.saved), "folder": str(job.runs_dir)}),
            icon=":material/save:",
        )
    if view.status != "queued" and view.status != "running" and not job.announced:
        st.rerun(scope="app")  # refresh the sidebar's saved runs and enable the controls again


live()
