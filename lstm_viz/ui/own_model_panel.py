"""The sidebar's controls for your own model (`own_model`): the upload, the choices that matter for the file,
what was loaded, and "Save as a run".

`draw` shows the uploader with its limits, reads the file once per content and choice (cached), and returns
the key of the model, held by this session, or "" with the reason shown: no file yet, or the library's
message for a file it refuses (as literal text, in the page's language). The session keeps its last model
when the uploader is empty again (choosing another source in between clears it). The choices appear only
when they matter: the recurrent module when the file holds several, the nonlinearity of a vanilla RNN, and
the step(s) its linear layer reads. `draw_save` saves a model that answers the task as a run of this
session.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from lstm_viz import limits
from lstm_viz.engine.kinds import NONLINEARITIES
from lstm_viz.training import checkpoint_import, runs

from . import engine_cache as cache
from . import own_model, saved_runs, sessions, task_names
from .context import Context
from .held_uploads import digest
from .strings import Strings

FILE_KEY = "own_file"
PREFIX_KEY = "own_prefix"
NONLINEARITY_KEY = "own_nonlinearity"
READOUT_KEY = "own_readout"
SAVE_KEY = "own_save"
FILE_TYPES = ("pt", "pth", "bin", "ckpt")
_HELD = "lv_own_model"  # (key, Run) of this session's model: holding it keeps it in own_model.STORE


def draw(bar, s: Strings, task_name: str) -> str:
    """The upload and its choices; returns the key of this session's model, or "" (the reason is shown)."""
    mb = f"{own_model.max_bytes() / 2**20:g}"
    help_text = s("own_help", mb=mb, hidden=limits.APP_MAX_HIDDEN, layers=limits.APP_MAX_LAYERS)
    file = bar.file_uploader(s["own_label"], type=FILE_TYPES, key=FILE_KEY, help=help_text)
    if file is None:
        held = st.session_state.get(_HELD)
        if held is not None:
            key, run = held
            bar.caption(s.notice("own_kept", {"file": run.config["imported"]["file"] or run.name}))
            return key
        bar.info(s("own_prompt", mb=mb), icon=":material/upload:")
        return ""
    data = file.getvalue()
    task_readout = task_names.make_task(task_name, task_names.length_range(task_name)[0]).readout
    chosen = st.session_state
    result = own_model.imported(
        digest(data), file.name, chosen.get(PREFIX_KEY), chosen.get(NONLINEARITY_KEY, NONLINEARITIES[0]),
        chosen.get(READOUT_KEY, task_readout), own_model.max_bytes(), data,
    )  # fmt: skip
    if result.error is not None:
        key, fields = result.error
        bar.error(s.notice(key, fields), icon=":material/error:")
        return ""
    st.session_state[_HELD] = result.key, own_model.STORE.hold(result.key, result.run)
    _draw_choices(bar, s, result, task_readout)
    config = result.run.config
    words = {
        "file": file.name,
        "arch": s[f"kind_{config['kind']}"],
        "inputs": config["imported"]["input_size"],
        "outputs": config["imported"]["output_size"],
        "where": s[f"own_where_{config['imported']['readout']}"],
    }
    loaded = s.notice("own_loaded", words)
    if config["imported"]["readout_prefix"] is None:
        loaded += " " + s["own_no_linear"]
    bar.caption(loaded)
    return result.key


def _draw_choices(bar, s: Strings, result: own_model.Imported, task_readout: str) -> None:
    """The choices this file needs: its recurrent module, an RNN's nonlinearity, its readout's step(s)."""
    chosen = st.session_state
    if len(result.prefixes) > 1:
        if chosen.get(PREFIX_KEY) not in result.prefixes:
            chosen[PREFIX_KEY] = result.prefixes[0]
        bar.selectbox(
            s["own_prefix"], options=list(result.prefixes), key=PREFIX_KEY, help=s["own_prefix_help"],
            format_func=lambda prefix: prefix or s["own_prefix_top"],
        )  # fmt: skip
    if result.run.config["kind"] == "rnn":
        bar.radio(
            s["own_nonlinearity"], options=NONLINEARITIES, key=NONLINEARITY_KEY, horizontal=True,
            help=s["own_nonlinearity_help"],
        )  # fmt: skip
    if result.run.config["imported"]["readout_prefix"] is not None:
        chosen.setdefault(READOUT_KEY, task_readout)
        bar.radio(
            s["own_readout"], options=checkpoint_import.READOUTS[::-1], key=READOUT_KEY,
            format_func=lambda readout: s[f"own_readout_{readout}"], help=s["own_readout_help"],
        )  # fmt: skip


def draw_save(bar, s: Strings, context: Context) -> None:
    """The button that saves an uploaded model answering the task as a run (else disabled, saying why)."""
    if context.source != "own":
        return
    reason = own_model.why_not_answering(context.run_name, context.task_name)
    help_text = (
        s.notice("own_save_cannot", {"reason": reason})
        if reason
        else s.notice("own_save_help", {"task": context.task_name})
    )
    if bar.button(s["own_save"], key=SAVE_KEY, disabled=bool(reason), help=help_text, icon=":material/save:"):
        _save(bar, s, context)


def _save(bar, s: Strings, context: Context) -> None:
    token = sessions.token()
    listing = cache.listing()
    problems = saved_runs.quota_problems(listing, token, 1)
    for key, fields in problems:
        bar.error(s.notice(key, fields), icon=":material/block:")
    if problems:
        return
    run = own_model.fitted(context.run_name, context.task_name, context.length)
    name = f"{run.name[:60]}-{task_names.task_base(context.task_name)}-{context.run_name[:8]}"
    if name in listing and listing[name].owner != token:  # another session's run of the same file
        name = f"{name}-{(token or 'server')[:6]}"
    try:
        folder = runs.save_run(replace(run, name=name), runs.default_runs_dir())
        saved_runs.write_sharing(folder, token or "", False)
    except (OSError, ValueError) as error:
        bar.error(s.notice("own_save_failed", {"reason": str(error)[:300]}), icon=":material/error:")
        return
    finally:
        cache.runs_changed()
    bar.success(s.notice("own_saved", {"name": name}), icon=":material/check:")
