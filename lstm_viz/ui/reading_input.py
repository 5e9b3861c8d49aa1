"""Your own text on the Reading text page: pasted or uploaded, checked, and kept in the session only.

`check_text` and `decode_upload` need no running app: they return the text to read, or the reason it cannot
be read as a strings key with its arguments. A text longer than limits.APP_TEXT_MAX_CHARS is cut there (the
page says so); an upload above limits.APP_TEXT_MAX_BYTES, one that is not UTF-8, or one holding NUL bytes (a
binary file) is refused. The text is never put in the URL: a link opens the held-out excerpt.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from lstm_viz import limits
from lstm_viz.tasks import chars

from .strings import Strings

TEXT_KEY = "rt_own_text"  # the text area's widget key (Session State: this browser session only)
FILE_KEY = "rt_own_file"


@dataclass(frozen=True)
class OwnText:
    """The text to read ("" when there is none yet) and notices about it: (strings key, fields)."""

    text: str = ""
    notices: tuple = ()
    error: tuple | None = None


def check_text(text: str) -> OwnText:
    """Cut the text at APP_TEXT_MAX_CHARS and count the characters outside the models' vocabulary."""
    notices = []
    if len(text) > limits.APP_TEXT_MAX_CHARS:
        notices.append(("rt_own_cut", {"chars": len(text), "limit": limits.APP_TEXT_MAX_CHARS}))
        text = text[: limits.APP_TEXT_MAX_CHARS]
    if len(text) < 2:
        return OwnText("", tuple(notices))
    outside = int((chars.encode(text) == chars.OTHER_INDEX).sum())
    if outside:
        notices.append(("rt_own_outside", {"count": outside, "symbol": chars.OTHER}))
    return OwnText(text, tuple(notices))


def decode_upload(data: bytes) -> OwnText:
    """The text of an uploaded file: UTF-8 (a BOM is dropped), no NUL bytes, at most APP_TEXT_MAX_BYTES."""
    if len(data) > limits.APP_TEXT_MAX_BYTES:
        return OwnText(error=("rt_error_size", {"size": len(data), "limit": limits.APP_TEXT_MAX_BYTES}))
    if b"\0" in data:
        return OwnText(error=("rt_error_binary", {}))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return OwnText(error=("rt_error_utf8", {"at": error.start}))
    return check_text(text)


def draw(s: Strings) -> OwnText:
    """The paste box and the upload button; returns the text to read (the upload wins over the box)."""
    st.caption(s("rt_own_limits", chars=limits.APP_TEXT_MAX_CHARS, kb=limits.APP_TEXT_MAX_BYTES // 1024))
    pasted = st.text_area(s["rt_own_paste"], key=TEXT_KEY, height=160, placeholder=s["rt_own_placeholder"])
    upload = st.file_uploader(s["rt_own_upload"], key=FILE_KEY, help=s["rt_own_upload_help"])
    own = decode_upload(upload.getvalue()) if upload is not None else check_text(pasted or "")
    if own.error is not None:
        st.error(s.notice(*own.error), icon=":material/error:")
    for key, fields in own.notices:
        st.warning(s.notice(key, fields), icon=":material/info:")
    return own
