"""The "Your own sequence" panel of the pages that show one sequence (Gates and states, Inside one step): the
model's answer for the shown sample, and controls that set its input (`sequence_edit`).

- adding: the two marked steps (two number boxes);
- remember_first: the symbol at step 0;
- one-feature tasks (sine, your series, the real series): a table of the numbers the model reads (for up to
  APP_MAX_TYPED_STEPS steps), and a box to paste numbers, whose count becomes the window;
- every one of these tasks: a CSV of the whole input, one row per step and one column per feature
  (`sequence_file`); while it is in use, the controls above give way to it.

A change is written into the settings (the URL parameters `marks`, `first`, `values`; an uploaded file's
digest, which no link carries), so the sidebar resolves the next run's Context with it and every page
follows: the panel's widgets always show the input of the trace on screen. A refusal (two markers on one
step, text that is not numbers, a file that cannot be the input) is said in the panel and changes nothing.
With an edit in use, the answer before the change is shown beside the new one (the unedited trace, which the
page showed before, is cached).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import streamlit as st

from lstm_viz import limits
from lstm_viz.training.model import mismatches

from . import engine_cache as cache
from . import sequence_edit, sequence_file, state, task_names
from .context import Context
from .held_uploads import digest
from .strings import Strings

MARK_KEYS = ("seq_mark_first", "seq_mark_second")
FIRST_KEY = "seq_first"
PASTE_KEY = "seq_paste"
RESET_KEY = "seq_reset"
_REFUSAL = "lv_seq_refusal"  # a refusal from a callback, said in the next run's panel


def draw(ctx: Context, s: Strings, trace) -> None:
    """The panel, for a task whose input can be set here (else nothing)."""
    task = ctx.task()
    what = sequence_edit.kind_of(task)
    if what is None:
        return
    title = s["seq_title_edited"] if ctx.edit else s["seq_title"]
    with st.expander(title, expanded=bool(ctx.edit), icon=":material/edit:"):
        st.markdown(answer_text(ctx, s))
        inputs = trace.input[ctx.sample]  # (T, I)
        from_file = ctx.edit[:1] == (sequence_edit.FILE,)
        if from_file:
            st.markdown(s("seq_intro_file", sample=ctx.sample))
        elif what == sequence_edit.MARKS:
            _marks(ctx, s, inputs)
        elif what == sequence_edit.FIRST:
            _first(s, inputs, task)
        else:
            _values(ctx, s, inputs)
        sequence_file.draw(ctx, s)
        refusal = st.session_state.pop(_REFUSAL, None)
        if refusal is not None:
            st.error(s.notice(*refusal), icon=":material/error:")
        if ctx.edit:
            st.button(s["seq_reset"], key=RESET_KEY, on_click=_reset, icon=":material/undo:")
            if not from_file:
                st.caption(s["seq_in_link"])


def answer_text(ctx: Context, s: Strings) -> str:
    """The model's answer for the shown sample (and, with an edit in use, its answer before the change)."""
    task = ctx.task()
    result = ctx.result()
    if mismatches(ctx.model(), task):  # an uploaded model that does not answer the task
        outputs = np.asarray(result["predictions"][ctx.sample], dtype=np.float64)
        outputs = outputs[-1] if outputs.ndim == 2 else outputs  # (O,) at the last step
        shown = ", ".join(f"{v:.4g}" for v in outputs[:6]) + (" …" if outputs.size > 6 else "")
        return s("seq_answer_outputs", outputs=shown)
    key = "seq_answer_class" if task.loss == "cross_entropy" else "seq_answer_mse"
    text = s(key, **_answer_words(task, result, ctx.sample))
    if ctx.edit:
        before = cache.trace_for(*replace(ctx, edit=()).trace_args)
        answer, target = _answer(s, task, before, ctx.sample)
        text += " " + s("seq_before", answer=answer, target=target)
    return text


def _answer_words(task, result: dict, sample: int) -> dict:
    """The fields of seq_answer_mse / seq_answer_class for one sample of a result."""
    prediction = np.asarray(result["predictions"][sample], dtype=np.float64)  # (O,)
    target = result["targets"][sample]
    if task.loss == "cross_entropy":
        probabilities = np.exp(prediction - prediction.max())
        probabilities /= probabilities.sum()
        best = int(probabilities.argmax())
        return {"answer": best, "p": f"{probabilities[best]:.0%}", "target": int(target)}
    return {"answer": f"{prediction[0]:.4f}", "target": f"{float(np.ravel(target)[0]):.4f}"}


def _answer(s: Strings, task, result: dict, sample: int) -> tuple[str, str]:
    """(answer, target) of one sample as a sentence names them: a number, or "symbol k (p%)"."""
    words = _answer_words(task, result, sample)
    if task.loss == "cross_entropy":
        answer = f"{s('seq_symbol', symbol=words['answer'])} ({words['p']})"
        return answer, s("seq_symbol", symbol=words["target"])
    return words["answer"], words["target"]


def _marks(ctx: Context, s: Strings, inputs: np.ndarray) -> None:
    length = inputs.shape[0]
    st.markdown(s("seq_intro_marks", sample=ctx.sample))
    marked = np.flatnonzero(inputs[:, 1] > 0.5)  # the two marked steps on screen
    for key, step in zip(MARK_KEYS, marked, strict=True):
        st.session_state[key] = int(step)
    for column, key in zip(st.columns(2), MARK_KEYS, strict=True):
        column.number_input(
            s[key], min_value=0, max_value=length - 1, step=1, key=key, on_change=_set_marks,
            help=s("seq_mark_help", last=length - 1),
        )  # fmt: skip


def _set_marks() -> None:
    first, second = (int(st.session_state[key]) for key in MARK_KEYS)
    if first == second:
        st.session_state[_REFUSAL] = ("seq_error_same", {"step": first})
        return
    state.settings()["marks"] = (min(first, second), max(first, second))


def _first(s: Strings, inputs: np.ndarray, task) -> None:
    st.markdown(s("seq_intro_first", lag=task.lag))
    st.session_state[FIRST_KEY] = int(np.argmax(inputs[0, : task.classes]))
    st.selectbox(
        s["seq_first"], options=list(range(task.classes)), key=FIRST_KEY, on_change=_set_first,
        format_func=lambda symbol: s("seq_symbol", symbol=symbol),
    )  # fmt: skip


def _set_first() -> None:
    state.settings()["first"] = int(st.session_state[FIRST_KEY])


def _values(ctx: Context, s: Strings, inputs: np.ndarray) -> None:
    st.markdown(s("seq_intro_values", sample=ctx.sample))
    shown = sequence_edit.rounded(inputs[:, 0])
    limit = limits.APP_MAX_TYPED_STEPS
    if len(shown) <= limit:
        column = s["seq_value"]
        edited = st.data_editor(
            pd.DataFrame({column: shown}),
            key=f"seq_table_{digest(repr(shown).encode())}",  # a new table for new numbers
            num_rows="fixed",
            column_config={column: st.column_config.NumberColumn(format="%.6g", required=True)},
            height=min(35 * len(shown) + 38, 320),
        )
        typed = edited[column].to_numpy(dtype=np.float64)
        if not np.isfinite(typed).all():
            st.error(s["seq_error_blank"], icon=":material/error:")
        elif sequence_edit.rounded(typed) != shown:
            _use(sequence_edit.rounded(typed))
            st.rerun()
    else:
        st.info(s("seq_too_long", length=len(shown), limit=limit), icon=":material/info:")
    low, high = task_names.length_range(ctx.task_name)
    magnitude = f"{limits.APP_MAX_TYPED_MAGNITUDE:g}"
    st.text_area(
        s["seq_paste"], key=PASTE_KEY, max_chars=sequence_edit.MAX_TEXT, height=80,
        help=s("seq_paste_help", low=low, high=min(high, limit), magnitude=magnitude),
    )  # fmt: skip
    st.button(s["seq_paste_apply"], key="seq_paste_apply", on_click=_use_paste, args=(ctx.task_name,))


def _use_paste(task_name: str) -> None:
    low, high = task_names.length_range(task_name)
    try:
        values = sequence_edit.parse_numbers(st.session_state.get(PASTE_KEY, ""), low, high)
    except sequence_edit.EditError as refusal:
        st.session_state[_REFUSAL] = (refusal.key, refusal.fields)
        return
    _use(values)


def _use(values: tuple[float, ...]) -> None:
    """Typed values become the input; the sidebar makes their count the length (window) in the next run."""
    state.settings()["values"] = values


def _reset() -> None:
    sequence_edit.forget(state.settings())
