"""What the uploads of the sidebar share: the size the app accepts, the digest that names a file's content,
and a store of what was read from an upload, kept only while some session holds it.

The pattern of every upload (the user's series, the user's own model): the file's bytes -> their SHA-256
digest (a plain value, so it keys caches; never the file object or a tensor) -> the parsed thing, put in a
`HeldStore` under a key derived from its content. The store holds it weakly: the session that uploaded it
keeps it alive (in its Session State), so the store never outgrows the open sessions' uploads, and a session
reaches only what it uploaded itself (or the same content another session uploaded).
"""

from __future__ import annotations

import hashlib
import threading
import weakref

import streamlit as st


def digest(data: bytes) -> str:
    """The short SHA-256 hex digest (16 characters) that names content in keys and cache arguments."""
    return hashlib.sha256(data).hexdigest()[:16]


def max_upload_mb() -> int:
    """The largest file Streamlit accepts, in MB (server.maxUploadSize): the limit the app states."""
    return int(st.get_option("server.maxUploadSize"))


def size_refusal(size: int, max_bytes: int) -> dict | None:
    """The fields of a "too large" message ({"size": MB found, "mb": MB allowed}), or None when it fits."""
    if size <= max_bytes:
        return None
    return {"size": f"{size / 2**20:.1f}", "mb": f"{max_bytes / 2**20:g}"}


class HeldStore:
    """key -> a read-only object, kept while some session holds a reference to it (see the module)."""

    def __init__(self, what: str):
        self._what = what  # what is stored, for the message when it is gone ("series", "model")
        self._items: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
        self._lock = threading.Lock()

    def hold(self, key: str, value):
        """Store `value` under `key` unless something is stored there already; returns what is stored (the
        caller keeps it in its session, which keeps it here)."""
        with self._lock:
            kept = self._items.get(key)
            if kept is None:
                self._items[key] = kept = value
        return kept

    def get(self, key: str):
        """What is stored under `key`; ValueError when no session holds it any more."""
        with self._lock:
            value = self._items.get(key)
        if value is None:
            raise ValueError(f"the uploaded {self._what} is no longer in memory; upload the file again")
        return value

    def __contains__(self, key: str) -> bool:
        with self._lock:
            return key in self._items
