"""The configuration a page shows (`Context`) and how it is resolved from the sidebar's request.

`resolve(...)` returns the Context actually shown, after falling back from a pretrained model that does not
exist to a freshly initialised one, or from a saved run or an uploaded model ("own", `own_model`) that is gone
or does not fit its task, with a notice for every fallback taken (a gone run shows the fresh model, never
another run). It also settles the user's own input for the shown sample (`sequence_edit`), dropped with a
notice when it does not fit the task. Every field of a Context is a plain value, so it keys the caches
(`ctx.result()`).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import engine_cache as cache
from . import own_model, sequence_edit, sequence_file, task_names, url_params
from .strings import Strings, strings_for


@dataclass(frozen=True)
class Context:
    """What the pages show: every field a plain value, so it can key caches."""

    lang: str
    source: str  # the source in effect: "pretrained" | "fresh" | "saved" | "own"
    run_name: str  # pretrained name, saved run name or an uploaded model's key; "" for fresh
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
    edit: tuple = ()  # the user's own input for the shown sample (sequence_edit), or () for the sample's own

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
    def edited(self) -> tuple:
        """(sample, what, value) when the shown sample's input is the user's own, else (): unedited traces are
        shared by every sample."""
        return (self.sample, *self.edit) if self.edit else ()

    @property
    def trace_args(self) -> tuple:
        return (self.model_key, self.task_name, self.length, self.batch, self.seed, self.edited)

    def model(self):
        return cache.model_for(*self.model_key)

    def result(self) -> dict:
        """{"trace", "predictions", "targets"} for this configuration (cached)."""
        return cache.trace_for(*self.trace_args)

    def trace(self):
        return self.result()["trace"]

    def task(self):
        return task_names.make_task(self.task_name, self.length)

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
        name = own_model.display_name(self.run_name) if self.source == "own" else self.run_name
        return s.notice(f"source_{self.source}_short", {"name": name})

    def with_kind(self, kind: str) -> tuple[Context, list]:
        """The same view for another architecture (standard variant), and the notices that came with it; an
        uploaded model stays itself for its own architecture."""
        if self.source == "own" and kind == self.kind:
            return self, []
        return resolve(
            lang=self.lang,
            source=self.source if self.source not in ("saved", "own") else "fresh",
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
            edits=sequence_edit.as_request(self.edit),
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
    return task if task in url_params.UI_TASKS and task != "series" else fallback


def _fits(model, task_name: str, length: int) -> bool:
    task = task_names.make_task(task_name, length)
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
    edits: tuple = ((), -1, (), ""),
) -> tuple[Context, list]:
    """The Context in effect for the requested settings, with notices for every fallback taken.

    `edits`: the settings (marks, first, values, file) that ask for the user's own input (sequence_edit).
    """
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
            shipped = cache.pretrained_names()
            demos = tuple(t for t in url_params.UI_TASKS if pretrained_name(t, kind) in shipped)
            notices.append(
                ("notice_no_pretrained", {"kind": kind, "task": task, "seed": seed, "tasks": demos})
            )
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
        elif run not in cache.saved_run_names():  # a link to a run deleted or renamed since
            notices.append(("notice_run_gone", {"name": run}))
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
    elif source == "own":
        source, run_name = _own_model(run, task, length, fields, notices)
    edit, length = _edit(task_name, length, edits, notices)
    task_obj = task_names.make_task(task_name, length)
    batch = cache.batch_size(
        fields["kind"], task_obj.length, fields["hidden"], fields["layers"], fields["bidirectional"]
    )
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
        edit=edit,
        **fields,
    )
    return context, notices


def _own_model(key: str, task: str, length: int, fields: dict, notices: list) -> tuple[str, str]:
    """(source, run name) in effect for an uploaded model `key` on `task`: ("own", key) when its input fits
    the task, else ("fresh", "") with a notice; `fields` takes the model's shape."""
    if not key:
        notices.append(("notice_no_checkpoint", {}))
        return "fresh", ""
    try:
        model = own_model.run_of(key).model
    except ValueError:
        notices.append(("notice_own_gone", {}))
        return "fresh", ""
    needs = task_names.make_task(task, _clip_length(task, length)).input_size
    if model.core.input_size != needs:
        inputs = model.core.input_size
        fitting = tuple(name for name in url_params.UI_TASKS if task_names.input_size(name) == inputs)
        key = "notice_own_input" if fitting else "notice_own_input_none"
        notices.append((key, {"inputs": inputs, "needs": needs, "task": task, "tasks": fitting}))
        return "fresh", ""
    fields.update(_model_shape(model))
    reason = own_model.why_not_answering(key, task)
    if reason:
        notices.append(("notice_own_stand_in", {"task": task, "reason": reason}))
    return "own", key


def _edit(task_name: str, length: int, edits: tuple, notices: list) -> tuple[tuple, int]:
    """(the user's own input that fits the task, or (); the length in effect): typed values set the length
    when their count is within the task's range, an uploaded sequence by its rows; an edit that does not fit
    is dropped with a notice."""
    length = _clip_length(task_name, length)
    edit = sequence_edit.requested(sequence_edit.kind_of(task_names.make_task(task_name, length)), *edits)
    if edit and edit[0] == sequence_edit.VALUES:
        low, high = task_names.length_range(task_name)
        count = len(edit[1])
        if not low <= count <= high:
            notices.append(("notice_edit_count", {"count": count, "low": low, "high": high}))
            return (), length
        length = count
    if edit and edit[0] == sequence_edit.FILE:
        fitted, notice = sequence_file.check(task_name, edit[1])
        if notice is not None:
            notices.append(notice)
            return (), length
        length = fitted
    problem = sequence_edit.problem(task_names.make_task(task_name, length), edit)
    if problem is not None:
        notices.append(problem)
        return (), length
    return edit, length


def _clip_length(task_name: str, length: int) -> int:
    low, high = task_names.length_range(task_name)
    return int(min(max(length, low), high))
