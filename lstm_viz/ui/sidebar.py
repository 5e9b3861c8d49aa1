"""The shared sidebar: language, model source, architecture, task, sizes, seed and sample.

`draw()` returns the `Context` in effect (see `context.resolve`) plus the strings of the current language.
Pages read it with `state.context()` and ask it for cached results (`ctx.result()`). Every size control states
its limit (`lstm_viz.limits`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import streamlit as st

from lstm_viz import limits
from lstm_viz.engine import kinds
from lstm_viz.training import runs

from . import engine_cache as cache
from . import (
    own_model_panel,
    page_tasks,
    saved_runs,
    sequence_edit,
    sequence_file,
    state,
    task_names,
    upload,
    url_params,
)
from .context import Context, resolve
from .strings import Strings, strings_for


def draw_language() -> Strings:
    """The language switch, first in the sidebar; returns the strings of the chosen language."""
    lang = state.bind(
        "lang",
        st.sidebar.segmented_control,
        "Language / 语言",
        options=url_params.LANGS,
        format_func=lambda code: {"en": "English", "zh": "中文"}[code],
        selection_mode="single",
        normalise=lambda v: v if v in url_params.LANGS else "en",
    )
    if lang is None:  # a segmented control can be deselected: fall back to English (the widget follows)
        lang = "en"
        state.settings()["lang"] = lang
    return strings_for(lang)


def _on_task_change() -> None:
    task = st.session_state[state.widget_key("task")]
    state.put("length", url_params.task_length(task))
    sequence_edit.forget(state.settings())  # another task: its samples' own input


def _keep_task_offered(page: str) -> tuple[str, ...]:
    """The tasks page `page` offers (page_tasks); a task it leaves out becomes its first one, with a notice
    giving the reason, before the task box is drawn."""
    offered = page_tasks.offered(page)
    wanted = st.session_state.get(state.widget_key("task"), state.settings()["task"])
    why = page_tasks.reason(page, wanted)
    if why is not None:
        state.notify(why, task=wanted, tasks=(offered[0],))
        state.put("task", offered[0])
        state.put("length", url_params.task_length(offered[0]))
        sequence_edit.forget(state.settings())
    return offered


def draw(s: Strings, page: str = "home") -> Context:
    """Draw the model settings for page `page` (its navigation URL) and return the Context in effect
    (notices go to state.notify)."""
    bar = st.sidebar
    settings = state.settings()
    # The sample box is drawn last (its range depends on the model), but the model is chosen with the value
    # the user just entered in it, not the one of the previous run.
    settings["sample"] = st.session_state.get(state.widget_key("sample"), settings["sample"])
    bar.subheader(s["sb_model"])
    source = state.bind(
        "source",
        bar.radio,
        s["sb_source"],
        options=url_params.SOURCES,
        format_func=lambda v: s[f"source_{v}"],
        help=s["sb_source_help"],
    )
    own_slot = bar.container()  # the upload of your own model, drawn once the task is known
    run = ""
    if source == "saved":
        shown = cache.saved_runs_shown()  # name -> Listed: this session's runs, the shared and the server's
        names = list(shown)
        run = settings["run"]  # a run the link names may be gone: then none is picked and the page says so
        if names:
            picked = state.bind(
                "run",
                bar.selectbox,
                s["sb_run"],
                options=names,
                format_func=lambda name: saved_runs.label(name, shown.get(name), s),
                placeholder=s["sb_run_pick"],
                normalise=lambda v: v if v in names else names[0] if v == "" else None,
            )
            run = settings["run"] = run if picked is None else picked
        else:
            bar.caption(s.notice("sb_no_runs", {"folder": _runs_folder()}))
    if source not in ("saved", "own"):  # a saved run or an uploaded model has its own architecture
        kind = state.bind(
            "kind", bar.selectbox, s["sb_kind"], options=kinds.KIND_NAMES,
            format_func=lambda v: s[f"kind_{v}"],
        )  # fmt: skip
        if kind == "lstm":
            state.bind(
                "variant",
                bar.selectbox,
                s["sb_variant"],
                options=kinds.LSTM_VARIANTS,
                format_func=lambda v: s[f"variant_{v}"],
                help=s["sb_variant_help"],
            )
        if kind == "rnn":
            state.bind("act", bar.selectbox, s["sb_act"], options=kinds.NONLINEARITIES)
    task = state.bind(
        "task",
        bar.selectbox,
        s["sb_task"],
        options=_keep_task_offered(page),
        format_func=lambda v: s[f"task_{v}"],
        on_change=_on_task_change,
    )
    fallback = url_params.PARAMS["task"].default if task == "series" else None
    if fallback is not None:  # the user's own series: "series-<digest>", or None without a usable file
        task = upload.draw(bar, s, fallback) or fallback
    if task == fallback:  # no usable series yet: the default task at its default length
        length = url_params.task_length(fallback)
    else:
        length = _draw_length(bar, s, task)
    if source == "own":
        run = own_model_panel.draw(own_slot, s, task)
    first, _ = resolve(**_request(settings, source, run, task, length))  # which source is in effect
    if first.source == "fresh":
        state.bind(
            "hidden", bar.number_input, s["sb_hidden"], min_value=1, max_value=limits.APP_MAX_HIDDEN, step=8,
            help=s("sb_hidden_help", high=limits.APP_MAX_HIDDEN),
        )  # fmt: skip
        state.bind(
            "layers", bar.number_input, s["sb_layers"], min_value=1, max_value=limits.APP_MAX_LAYERS,
            help=s("sb_layers_help", high=limits.APP_MAX_LAYERS),
        )  # fmt: skip
        state.bind("bidir", bar.checkbox, s["sb_bidir"], help=s["sb_bidir_help"])
    else:
        bar.caption(s("sb_fixed_sizes", **_size_words(first, s)))
    state.bind(
        "seed", bar.number_input, s["sb_seed"], min_value=0, max_value=limits.APP_MAX_SEED,
        help=s["sb_seed_help"],
    )  # fmt: skip
    context, notices = resolve(**_request(settings, source, run, task, length))
    if context.task_name == fallback:
        notices.insert(0, ("notice_series_fallback", {"task": fallback}))
    for key, kwargs in notices:
        if key == "notice_run_failed" and source == "saved" and kwargs["name"] == run:
            bar.error(s.notice("sb_run_failed", kwargs), icon=":material/error:")
    if context.sample != settings["sample"]:  # out of range for this model: back to 0, with a notice
        state.put("sample", context.sample)
    sample = state.bind(
        "sample",
        bar.number_input,
        s["sb_sample"],
        min_value=0,
        max_value=context.batch - 1,
        help=s("sb_sample_help", batch=context.batch),
    )
    context = replace(context, sample=sample)
    for key, kwargs in notices:
        state.notify(key, **kwargs)
    own_model_panel.draw_save(bar, s, context)
    bar.caption(s["sb_copy_link"])
    return context


def _draw_length(bar, s: Strings, task_name: str) -> int:
    """The length (lag, window) control of a task, kept inside the task's range and stating it."""
    low, high = task_names.length_range(task_name)
    param = task_names.length_param(task_name)
    default = url_params.task_length(task_names.task_base(task_name))
    typed = state.settings()["values"]
    if typed and low <= len(typed) <= high and _takes_values(task_name):  # typed values set the length
        state.put("length", len(typed))
    uploaded = sequence_file.length_in_use(task_name)
    if uploaded is not None:  # so do the rows of an uploaded sequence
        state.put("length", uploaded)
    state.clamp_int("length", low, high, default=default)
    return state.bind(
        "length", bar.number_input, s[f"sb_{param}"], min_value=low, max_value=high, step=10,
        help=s(f"sb_{param}_help", low=low, high=high), on_change=_forget_values,
    )  # fmt: skip


def _forget_values() -> None:
    """Another length: typed values or an uploaded sequence (which set it) no longer apply."""
    state.settings()["values"] = url_params.PARAMS["values"].default
    state.settings().pop(sequence_edit.FILE_SETTING, None)


def _takes_values(task_name: str) -> bool:
    task = task_names.make_task(task_name, task_names.length_range(task_name)[0])
    return sequence_edit.kind_of(task) == sequence_edit.VALUES


def _request(settings, source, run, task, length) -> dict:
    return {
        "lang": settings["lang"],
        "source": source,
        "run": run,
        "kind": settings["kind"],
        "variant": settings["variant"],
        "act": settings["act"],
        "task": task,
        "length": length,
        "hidden": settings["hidden"],
        "layers": settings["layers"],
        "bidir": settings["bidir"],
        "seed": settings["seed"],
        "sample": settings["sample"],
        "edits": (
            settings["marks"],
            settings["first"],
            settings["values"],
            settings.get(sequence_edit.FILE_SETTING, ""),
        ),
    }


def _size_words(context: Context, s: Strings) -> dict:
    return {
        "hidden": context.hidden,
        "layers": context.layers,
        "directions": s["sb_two_directions"] if context.bidirectional else s["sb_one_direction"],
    }


def _runs_folder() -> str:
    return str(Path(runs.default_runs_dir()))
