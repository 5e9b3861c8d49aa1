"""The shared sidebar: language, model source, architecture, task, sizes, seed and sample.

`draw()` returns a `Context`: the configuration that is actually shown (after falling back from a pretrained
model that does not exist to a freshly initialised one, or from a series that was not uploaded to the default
task, say) plus the strings of the current language. Pages read it with `state.context()` and ask it for
cached results (`ctx.result()`). Every size control states its limit (`lstm_viz.ui.state`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import streamlit as st

from lstm_viz import cells, models, tasks

from . import engine_cache as cache
from . import state, upload
from .strings import Strings, strings_for


@dataclass(frozen=True)
class Context:
    """What the pages show: every field a plain value, so it can key caches."""

    lang: str
    source: str  # the source in effect: "pretrained" | "fresh" | "saved"
    run_name: str  # pretrained name or saved run name; "" for fresh
    task_name: str  # a task name; the user's series is "series-<digest of its values>"
    length: int  # the task's length, or its lag or window for tasks that have one
    kind: str
    variant: str
    nonlinearity: str
    hidden: int
    layers: int
    bidirectional: bool
    seed: int
    sample: int
    batch: int

    @property
    def strings(self) -> Strings:
        return strings_for(self.lang)

    @property
    def model_key(self) -> tuple:
        return (
            self.source,
            self.run_name,
            self.task_name,
            self.kind,
            self.variant,
            self.nonlinearity,
            self.hidden,
            self.layers,
            self.bidirectional,
            self.seed,
        )

    @property
    def trace_args(self) -> tuple:
        return (self.model_key, self.task_name, self.length, self.batch, self.seed)

    def model(self):
        return cache.model_for(*self.model_key)

    def result(self) -> dict:
        """{"trace", "predictions", "targets"} for this configuration (cached)."""
        return cache.trace_for(*self.trace_args)

    def trace(self):
        return self.result()["trace"]

    def task(self):
        return cache.make_task(self.task_name, self.length)

    def arch_label(self) -> str:
        s = self.strings
        label = s[f"kind_{self.kind}"]
        if self.kind == "lstm" and self.variant != "standard":
            label = f"{label} ({s[f'variant_{self.variant}']})"
        if self.kind == "rnn" and self.nonlinearity != "tanh":
            label = f"{label} ({self.nonlinearity})"
        return label

    def source_label(self) -> str:
        s = self.strings
        if self.source == "fresh":
            return s("source_fresh_short", seed=self.seed)
        return s(f"source_{self.source}_short", name=self.run_name)

    def with_kind(self, kind: str) -> tuple[Context, list]:
        """The same view for another architecture (standard variant), and the notices that came with it."""
        return resolve(
            lang=self.lang,
            source=self.source if self.source != "saved" else "fresh",
            run="",
            kind=kind,
            variant="standard",
            act="tanh",
            task=self.task_name,
            length=self.length,
            hidden=self.hidden,
            layers=self.layers,
            bidir=self.bidirectional,
            seed=self.seed,
            sample=self.sample,
        )


def pretrained_name(task_name: str, kind: str) -> str:
    return f"{task_name}-{kind}"


def _model_shape(model) -> dict:
    core = model.core
    return {
        "kind": core.kind,
        "variant": core.variant,
        "nonlinearity": core.nonlinearity,
        "hidden": core.hidden_size,
        "layers": core.num_layers,
        "bidirectional": core.bidirectional,
    }


def _task_of_run(run, fallback: str) -> str:
    """The task a saved run was trained on, read from its config; `fallback` when it does not say, or when
    it is a series (the run is then shown on the series in the sidebar, if its model fits it)."""
    config = getattr(run, "config", None) or {}
    task = config.get("task") if isinstance(config, dict) else None
    if isinstance(task, dict):
        task = task.get("name")
    return task if task in state.UI_TASKS and task != "series" else fallback


def _fits(model, task_name: str, length: int) -> bool:
    task = cache.make_task(task_name, length)
    return model.core.input_size == task.input_size and model.readout.out_features == task.output_size


def resolve(
    *,
    lang,
    source,
    run,
    kind,
    variant,
    act,
    task,
    length,
    hidden,
    layers,
    bidir,
    seed,
    sample,
) -> tuple[Context, list]:
    """The Context in effect for the requested settings, with notices for every fallback taken."""
    notices = []
    fields = {
        "kind": kind,
        "variant": variant if kind == "lstm" else "standard",
        "nonlinearity": act if kind == "rnn" else "tanh",
        "hidden": hidden,
        "layers": layers,
        "bidirectional": bidir,
    }
    run_name, task_name = "", task
    if source == "pretrained":
        name = pretrained_name(task, kind)
        standard = fields["variant"] == "standard" and fields["nonlinearity"] == "tanh"
        if not standard or name not in cache.pretrained_names():
            notices.append(("notice_no_pretrained", {"kind": kind, "task": task, "seed": seed}))
            source = "fresh"
        else:
            try:
                fields.update(_model_shape(cache.pretrained_run(name).model))
                run_name = name
            except Exception as error:  # noqa: BLE001 - show the reason, keep the app alive
                notices.append(("notice_run_failed", {"name": name, "error": str(error)[:200]}))
                source = "fresh"
    elif source == "saved":
        if not run:
            notices.append(("notice_no_saved_run", {}))
            source = "fresh"
        else:
            try:
                loaded = cache.saved_run(run)
                task_name = _task_of_run(loaded, task)
                if not _fits(loaded.model, task_name, _clip_length(task_name, length)):
                    raise ValueError(f"the model does not take the inputs of the {task_name} task")
                fields.update(_model_shape(loaded.model))
                run_name = run
            except Exception as error:  # noqa: BLE001
                notices.append(("notice_run_failed", {"name": run, "error": str(error)[:200]}))
                source, task_name = "fresh", task
    length = _clip_length(task_name, length)
    batch = cache.batch_size(
        fields["kind"], cache.make_task(task_name, length).length,
        fields["hidden"], fields["layers"], fields["bidirectional"],
    )  # fmt: skip
    if sample >= batch:
        notices.append(("notice_sample_range", {"sample": sample, "batch": batch}))
        sample = 0
    context = Context(
        lang=lang,
        source=source,
        run_name=run_name,
        task_name=task_name,
        length=length,
        seed=seed,
        sample=sample,
        batch=batch,
        **fields,
    )
    return context, notices


def _clip_length(task_name: str, length: int) -> int:
    low, high = cache.length_range(task_name)
    return int(min(max(length, low), high))


# --- drawing ------------------------------------------------------------------------------------------------


def draw_language() -> Strings:
    """The language switch, first in the sidebar; returns the strings of the chosen language."""
    lang = state.bind(
        "lang",
        st.sidebar.segmented_control,
        "Language / 语言",
        options=state.LANGS,
        format_func=lambda code: {"en": "English", "zh": "中文"}[code],
        selection_mode="single",
        normalise=lambda v: v if v in state.LANGS else "en",
    )
    if lang is None:  # a segmented control can be deselected: fall back to English (the widget follows)
        lang = "en"
        state.settings()["lang"] = lang
    return strings_for(lang)


def _on_task_change() -> None:
    task = st.session_state[state.widget_key("task")]
    state.put("length", tasks.spec(task)[cache.length_param(task)][0])


def draw(s: Strings) -> Context:
    """Draw the model settings and return the Context in effect (notices go to state.notify)."""
    bar = st.sidebar
    settings = state.settings()
    bar.subheader(s["sb_model"])
    source = state.bind(
        "source",
        bar.radio,
        s["sb_source"],
        options=state.SOURCES,
        format_func=lambda v: s[f"source_{v}"],
        help=s["sb_source_help"],
    )
    run = ""
    if source == "saved":
        names = cache.saved_run_names()
        if names:
            run = state.bind(
                "run",
                bar.selectbox,
                s["sb_run"],
                options=names,
                normalise=lambda v: v if v in names else names[0],
            )
        else:
            bar.caption(s("sb_no_runs", folder=_runs_folder()))
    if source != "saved":
        kind = state.bind(
            "kind", bar.selectbox, s["sb_kind"], options=models.KINDS, format_func=lambda v: s[f"kind_{v}"]
        )
        if kind == "lstm":
            state.bind(
                "variant",
                bar.selectbox,
                s["sb_variant"],
                options=cells.LSTM_VARIANTS,
                format_func=lambda v: s[f"variant_{v}"],
                help=s["sb_variant_help"],
            )
        if kind == "rnn":
            state.bind("act", bar.selectbox, s["sb_act"], options=models.NONLINEARITIES)
    task = state.bind(
        "task",
        bar.selectbox,
        s["sb_task"],
        options=state.UI_TASKS,
        format_func=lambda v: s[f"task_{v}"],
        on_change=_on_task_change,
    )
    fallback = state.PARAMS["task"].default if task == "series" else None
    if fallback is not None:  # the user's own series: "series-<digest>", or None without a usable file
        task = upload.draw(bar, s, fallback) or fallback
    if task == fallback:  # no usable series yet: the default task at its default length
        length = tasks.spec(fallback)[cache.length_param(fallback)][0]
    else:
        length = _draw_length(bar, s, task)
    first, _ = resolve(**_request(settings, source, run, task, length))  # which source is in effect
    if first.source == "fresh":
        state.bind(
            "hidden", bar.number_input, s["sb_hidden"], min_value=1, max_value=state.MAX_HIDDEN, step=8,
            help=s("sb_hidden_help", high=state.MAX_HIDDEN),
        )  # fmt: skip
        state.bind(
            "layers", bar.number_input, s["sb_layers"], min_value=1, max_value=state.MAX_LAYERS,
            help=s("sb_layers_help", high=state.MAX_LAYERS),
        )  # fmt: skip
        state.bind("bidir", bar.checkbox, s["sb_bidir"], help=s["sb_bidir_help"])
    else:
        bar.caption(s("sb_fixed_sizes", **_size_words(first, s)))
    state.bind(
        "seed", bar.number_input, s["sb_seed"], min_value=0, max_value=state.MAX_SEED, help=s["sb_seed_help"]
    )
    context, notices = resolve(**_request(settings, source, run, task, length))
    if context.task_name == fallback:
        notices.insert(0, ("notice_series_fallback", {"task": fallback}))
    for key, kwargs in notices:
        if key == "notice_run_failed" and source == "saved" and kwargs["name"] == run:
            bar.error(s("sb_run_failed", **kwargs), icon=":material/error:")
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
    bar.caption(s["sb_copy_link"])
    return context


def _draw_length(bar, s: Strings, task_name: str) -> int:
    """The length (lag, window) control of a task, kept inside the task's range and stating it."""
    low, high = cache.length_range(task_name)
    param = cache.length_param(task_name)
    state.clamp_int("length", low, high, default=tasks.spec(cache.task_base(task_name))[param][0])
    return state.bind(
        "length", bar.number_input, s[f"sb_{param}"], min_value=low, max_value=high, step=10,
        help=s(f"sb_{param}_help", low=low, high=high),
    )  # fmt: skip


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
    }


def _size_words(context: Context, s: Strings) -> dict:
    return {
        "hidden": context.hidden,
        "layers": context.layers,
        "directions": s["sb_two_directions"] if context.bidirectional else s["sb_one_direction"],
    }


def _runs_folder() -> str:
    try:
        from lstm_viz import runs

        return str(Path(runs.default_runs_dir()))
    except Exception:  # noqa: BLE001
        return "runs/"
