"""Reading a PyTorch checkpoint that someone uploads: its bytes, bounded, into a dict of names -> tensors.

Nothing but tensors and plain containers is unpickled: `torch.load(..., weights_only=True)` refuses any
other object, so a crafted file cannot run code. Before torch sees the bytes, the file and (for
the zip format torch.save writes) the total size of its unpacked members are held to MAX_CHECKPOINT_BYTES,
so a small file cannot unpack into a large one. Every problem is a ValueError that says what was found and
what was expected, phrased for the person who supplied the file; none carries a path on the server or torch's
advice to load the file unsafely. `checkpoint_import` infers the model from what this returns.
"""

from __future__ import annotations

import io
import os
import pickle
import re
import warnings
import zipfile
from collections.abc import Mapping
from pathlib import Path

import torch

from lstm_viz.limits import MAX_CHECKPOINT_BYTES

EXPECTED = "a state_dict saved with torch.save(model.state_dict(), file)"
WRAPPER_KEYS = ("state_dict", "model_state_dict", "model")  # where training scripts often nest one


def _too_big(what: str, size: int | None) -> ValueError:
    """`what` is "the checkpoint is" or "the checkpoint unpacks to"; `size` None: known only to be too big."""
    limit = f"{MAX_CHECKPOINT_BYTES / 2**20:,.0f} MB"
    found = f"{size / 2**20:,.1f} MB" if size is not None else f"more than {limit}"
    return ValueError(f"{what} {found}; the limit is {limit} (lstm_viz.limits.MAX_CHECKPOINT_BYTES)")


def checkpoint_bytes(source) -> tuple[bytes, str | None]:
    """(the bytes of a path, bytes or file object, the file's name or None), at most MAX_CHECKPOINT_BYTES."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        name, size = None, memoryview(source).nbytes
        data = bytes(source) if size <= MAX_CHECKPOINT_BYTES else b""
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        name = path.name
        try:
            size = path.stat().st_size
            data = path.read_bytes() if size <= MAX_CHECKPOINT_BYTES else b""
        except OSError as error:
            raise ValueError(f"cannot read the checkpoint {name!r}: {error.strerror}") from None
    elif hasattr(source, "read"):
        name = getattr(source, "name", None)
        name = Path(name).name if isinstance(name, str) else None
        data = source.read(MAX_CHECKPOINT_BYTES + 1)  # never more than one byte beyond the limit
        if not isinstance(data, bytes):
            raise TypeError("the checkpoint's file object must be opened in binary mode ('rb'), not as text")
        size = len(data) if len(data) <= MAX_CHECKPOINT_BYTES else None
    else:
        raise TypeError(f"expected a path, bytes or a binary file object, got {type(source).__name__}")
    if size is None or size > MAX_CHECKPOINT_BYTES:
        raise _too_big("the checkpoint is", size)
    if not data:
        raise ValueError(f"the checkpoint is empty (0 bytes); expected {EXPECTED}")
    return data, name


def _check_unpacked_size(data: bytes) -> None:
    """A zip checkpoint (torch.save's format) whose members unpack to more than the limit is refused."""
    try:  # wherever the archive starts: torch, like zipfile, finds it from the end of the file
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):  # not a zip, or broken: torch says which in its words
        return
    if unpacked > MAX_CHECKPOINT_BYTES:
        raise _too_big("the checkpoint unpacks to", unpacked)


def _load_failure(error: Exception) -> ValueError:
    """What a failed torch.load found, without torch's advice on how to load the file unsafely."""
    text = str(error)
    refused = re.search(r"Unsupported global: GLOBAL (\S+)", text)
    if refused:
        return ValueError(
            f"the checkpoint holds a pickled Python object ({refused[1]}), not only tensors; it was refused "
            f"and nothing in it was run. Expected {EXPECTED}, not torch.save(model)"
        )
    if "TorchScript" in text:
        return ValueError(f"the checkpoint is a TorchScript archive (torch.jit.save); expected {EXPECTED}")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if isinstance(error, pickle.UnpicklingError) or not lines:
        detail = type(error).__name__
    else:
        detail = f"{type(error).__name__}: {lines[0].split('. ')[0]}"
    return ValueError(
        f"the file is not a readable PyTorch checkpoint: it may be corrupt or truncated, or not written by "
        f"torch.save ({detail}); expected {EXPECTED}"
    )


def _is_tensor_entry(key, value) -> bool:
    return isinstance(key, str) and isinstance(value, torch.Tensor)


def _is_state_dict(value) -> bool:
    return isinstance(value, Mapping) and all(_is_tensor_entry(key, tensor) for key, tensor in value.items())


def _describe(value) -> str:
    if isinstance(value, torch.Tensor):
        return f"a tensor of shape {tuple(value.shape)}"
    return type(value).__name__


def state_dict_of(loaded) -> dict[str, torch.Tensor]:
    """The state dict in what torch.load returned: the dict itself, or one nested under WRAPPER_KEYS."""
    if not isinstance(loaded, Mapping):
        raise ValueError(f"the checkpoint holds {_describe(loaded)}; expected {EXPECTED}")
    if not loaded:
        raise ValueError(f"the checkpoint holds an empty dict; expected {EXPECTED}")
    if _is_state_dict(loaded):
        return dict(loaded)
    for key in WRAPPER_KEYS:
        if _is_state_dict(loaded.get(key)) and loaded[key]:
            return dict(loaded[key])
    others = [
        f"{key!r}: {_describe(value)}" for key, value in loaded.items() if not _is_tensor_entry(key, value)
    ]
    raise ValueError(
        f"the checkpoint holds a dict whose entries are not all tensors ({', '.join(others[:5])}); expected "
        f"{EXPECTED}, or a dict with one under {' or '.join(repr(key) for key in WRAPPER_KEYS)}"
    )


def read_checkpoint(source) -> tuple[dict[str, torch.Tensor], str | None]:
    """(names -> tensors, the file's name or None) of a checkpoint: a path, bytes or a binary file object."""
    data, name = checkpoint_bytes(source)
    _check_unpacked_size(data)
    try:
        with warnings.catch_warnings():  # torch warns of pickle protocols and TorchScript; we say it better
            warnings.simplefilter("ignore")
            loaded = torch.load(io.BytesIO(data), map_location="cpu", weights_only=True)
    # torch raises many types for a truncated, foreign or malicious file (UnpicklingError, RuntimeError,
    # EOFError, ...); weights_only has refused to build any object, so each means "not a state dict".
    except Exception as error:
        raise _load_failure(error) from None
    return state_dict_of(loaded), name
