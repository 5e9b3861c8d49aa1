"""Trace: everything a recurrent model computed at every time step, as named float32 arrays.

Keys follow `l{layer}.{quantity}` and `l{layer}.reverse.{quantity}` (e.g. "l0.forget_gate"), each array
shaped (B, T, H) and aligned to input positions (the reverse direction too, like torch's output). With a loss,
the same Trace holds "l{layer}.hidden_grad", "l{layer}.cell_grad" (LSTM) and "input_grad" (B, T, I).
`meta` says what produced it (kind, variant, sizes, ...); `input` is the sequence that went in, (B, T, I).

A Trace saves to a single .npz (no pickle: the meta travels as JSON text) and exports a long table
(sample, t, layer, direction, quantity, unit, value) for CSV, optionally with the input and its gradient.
"""

from __future__ import annotations

import json
import math
import re
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import numpy as np
import pandas as pd

from lstm_viz import limits

_KEY = re.compile(r"^l(?P<layer>\d+)\.(?:(?P<reverse>reverse)\.)?(?P<quantity>\w+)$")
_META_KEY = "__meta__"
_INPUT_KEY = "__input__"
_FOREIGN = "this is not a trace saved by lstm-viz"
# what reading a damaged or foreign file raises (zipfile: RuntimeError for an encrypted member,
# NotImplementedError for an unknown compression; zlib.error for a corrupt stream)
_UNREADABLE = (
    OSError,
    ValueError,
    EOFError,
    zipfile.BadZipFile,
    zlib.error,
    NotImplementedError,
    RuntimeError,
)
_NPY_HEADER_READERS = {
    (1, 0): np.lib.format.read_array_header_1_0,
    (2, 0): np.lib.format.read_array_header_2_0,
}
TABLE_COLUMNS = ("sample", "t", "layer", "direction", "quantity", "unit", "value")
_TABLE_INPUT = "input"  # the input x in a table (not a key of the mapping: it is `Trace.input`)


def trace_key(layer: int, quantity: str, reverse: bool = False) -> str:
    """The canonical key of one recorded quantity: trace_key(0, "cell", True) == "l0.reverse.cell"."""
    return f"l{layer}.{'reverse.' if reverse else ''}{quantity}"


def parse_key(key: str) -> tuple[int, bool, str]:
    """(layer, reverse, quantity) of a per-layer key; ValueError for anything else."""
    match = _KEY.match(key)
    if match is None:
        raise ValueError(f"{key!r} is not a per-layer trace key like 'l0.hidden' or 'l1.reverse.cell'")
    return int(match["layer"]), match["reverse"] is not None, match["quantity"]


class Trace(Mapping):
    """A read-only mapping from key to float32 array, plus `meta` (dict) and `input` (B, T, I)."""

    def __init__(self, arrays: Mapping[str, np.ndarray], meta: Mapping, input: np.ndarray):
        self._arrays = {key: np.asarray(value, dtype=np.float32) for key, value in arrays.items()}
        self.meta = dict(meta)
        self.input = np.asarray(input, dtype=np.float32)  # (B, T, I)

    def __getitem__(self, key: str) -> np.ndarray:
        try:
            return self._arrays[key]
        except KeyError:
            raise KeyError(f"{key!r} is not in this trace; it has {sorted(self._arrays)}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._arrays)

    def __len__(self) -> int:
        return len(self._arrays)

    def __repr__(self) -> str:
        b, t = self.input.shape[:2]
        return f"Trace({self.meta.get('kind')}, batch={b}, time={t}, keys={len(self)})"

    @property
    def batch_size(self) -> int:
        return self.input.shape[0]

    @property
    def length(self) -> int:
        return self.input.shape[1]

    def quantities(self, layer: int = 0, reverse: bool = False) -> list[str]:
        """The quantities recorded for one layer and direction, in recording order."""
        found = []
        for key in self._arrays:
            if _KEY.match(key) and parse_key(key)[:2] == (layer, reverse):
                found.append(parse_key(key)[2])
        return found

    def save(self, file) -> None:
        """Write one .npz (to a path or a binary file object) with every array, the input and the meta."""
        payload = dict(self._arrays)
        payload[_INPUT_KEY] = self.input
        payload[_META_KEY] = np.array(json.dumps(self.meta))
        np.savez_compressed(file, **payload)

    @classmethod
    def load(cls, file) -> Trace:
        """Read what `save` wrote (path or binary file object); ValueError otherwise. Never unpickles.

        Every member's shape and dtype are read from its header and checked against the limits before any
        array is expanded, so a small compressed file cannot unpack into gigabytes.
        """
        with _unreadable():
            data = np.load(file, allow_pickle=False)
        if not isinstance(data, np.lib.npyio.NpzFile):
            raise ValueError("this is not a readable trace file: it holds a single array, not named arrays")
        with data:
            with _unreadable():
                headers = _member_headers(data.zip)
            _check_members(headers)
            with _unreadable():
                contents = {key: data[key] for key in data.files}
        meta = _parse_meta(str(contents.pop(_META_KEY)))
        return cls(contents, meta, contents.pop(_INPUT_KEY))

    def table_keys(self, keys=None, inputs: bool = False) -> list[str]:
        """The keys `to_table` writes: `keys`, or every per-layer key, then with `inputs` "input" (the
        sequence x) and "input_grad" (when recorded)."""
        chosen = list(keys or [k for k in self._arrays if _KEY.match(k)])
        if inputs:
            recorded = [_TABLE_INPUT] + [key for key in ("input_grad",) if key in self._arrays]
            chosen += [key for key in recorded if key not in chosen]
        return chosen

    def table_rows(self, keys=None, inputs: bool = False) -> int:
        """How many rows `to_table(keys, inputs)` has, without building it."""
        return sum(self._table_values(key).size for key in self.table_keys(keys, inputs))

    def _table_values(self, key: str) -> np.ndarray:
        return self.input if key == _TABLE_INPUT else self[key]

    def _key_table(self, key: str) -> pd.DataFrame:
        """The rows of one key. "input" and "input_grad" belong to no layer: layer and direction are empty and
        unit is the input feature."""
        values = self._table_values(key)  # (B, T, H), or (B, T, I) for the input and its gradient
        sample, t, unit = np.indices(values.shape).reshape(3, -1)
        if _KEY.match(key):
            layer, reverse, quantity = parse_key(key)
            layer, direction = np.full(values.size, layer), "reverse" if reverse else "forward"
        else:
            layer, direction, quantity = pd.array([None] * values.size, dtype="Int64"), None, key
        return pd.DataFrame(
            {
                "sample": sample,
                "t": t,
                "layer": layer,
                "direction": direction,
                "quantity": quantity,
                "unit": unit,
                "value": values.reshape(-1),
            }
        )[list(TABLE_COLUMNS)]

    def to_table(self, keys=None, inputs: bool = False) -> pd.DataFrame:
        """Long format, one row per (sample, t, unit) of each per-layer key; `keys` limits which, `inputs`
        adds the input x and its gradient (see `table_keys`)."""
        frames = [self._key_table(key) for key in self.table_keys(keys, inputs)]
        if not frames:
            return pd.DataFrame(columns=list(TABLE_COLUMNS))
        return pd.concat(frames, ignore_index=True)

    def to_csv(self, path=None, keys=None, inputs: bool = False):
        """The long table as CSV text (returned), or written to `path` (a path or a text file object).

        Built one key at a time, so only one key's rows are ever held as a table (a whole trace as one table
        takes several times the memory of the CSV text).
        """
        chunks = self._csv_chunks(keys, inputs)
        if path is None:
            return "".join(chunks)
        if not hasattr(path, "write"):
            with open(path, "w", encoding="utf-8", newline="") as file:
                return self.to_csv(file, keys, inputs)
        for chunk in chunks:
            path.write(chunk)
        return None

    def _csv_chunks(self, keys, inputs: bool) -> Iterator[str]:
        yield ",".join(TABLE_COLUMNS) + "\n"
        for key in self.table_keys(keys, inputs):
            yield self._key_table(key).to_csv(index=False, header=False, lineterminator="\n")


@contextmanager
def _unreadable():
    """Any error from reading the file becomes the ValueError "this is not a readable trace file: ..."."""
    try:
        yield
    except _UNREADABLE as error:
        raise ValueError(f"this is not a readable trace file: {error}") from error


def _member_headers(archive: zipfile.ZipFile) -> dict[str, tuple[tuple[int, ...], np.dtype]]:
    """{key: (shape, dtype)} of every member of an .npz, from its .npy header alone (a few hundred bytes)."""
    headers = {}
    for name in archive.namelist():
        if not name.endswith(".npy"):
            raise ValueError(f"its member {name!r} is not a .npy array")
        with archive.open(name) as member:
            version = np.lib.format.read_magic(member)
            if version not in _NPY_HEADER_READERS:
                raise ValueError(f"its member {name!r} uses .npy format version {version}")
            shape, _, dtype = _NPY_HEADER_READERS[version](member)
        headers[name.removesuffix(".npy")] = (shape, dtype)
    return headers


def _check_members(headers: dict) -> None:
    """ValueError unless the members are what `save` writes, within the limits a recording has.

    A recording holds at most limits.MAX_TRACE_VALUES values in its arrays, and its input as many again.
    """
    headers = dict(headers)
    if _META_KEY not in headers or _INPUT_KEY not in headers:
        raise ValueError(f"{_FOREIGN}: it is an .npz file with no meta or input")
    meta_shape, meta_dtype = headers.pop(_META_KEY)
    meta_chars = meta_dtype.itemsize // np.dtype("U1").itemsize
    if meta_shape != () or meta_dtype.kind != "U" or meta_chars > limits.MAX_TRACE_META_CHARS:
        raise ValueError(
            f"{_FOREIGN}: its meta is {meta_dtype} of shape {meta_shape}, not one "
            f"JSON text of at most {limits.MAX_TRACE_META_CHARS:,} characters (lstm_viz.limits)"
        )
    for key, (_, dtype) in headers.items():
        if dtype != np.float32:
            raise ValueError(f"{_FOREIGN}: {key!r} holds {dtype}, not float32")
    if len(headers[_INPUT_KEY][0]) != 3:
        raise ValueError(
            f"{_FOREIGN}: its input has shape {headers[_INPUT_KEY][0]}, not (batch, time, features)"
        )
    inputs = math.prod(headers.pop(_INPUT_KEY)[0])
    values = sum(math.prod(shape) for shape, _ in headers.values())
    for what, count in (("arrays", values), ("input", inputs)):
        if count > limits.MAX_TRACE_VALUES:
            raise ValueError(
                f"this trace file would expand to {count:,} values ({count * 4 / 2**20:,.0f} MB) in its "
                f"{what}; a trace holds at most {limits.MAX_TRACE_VALUES:,} (lstm_viz.limits)"
            )


def _parse_meta(text: str) -> dict:
    """The meta dict from its JSON text; ValueError for anything else (a deep nesting included)."""
    try:
        meta = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ValueError(f"{_FOREIGN}: its meta is not valid JSON ({error})") from None
    if not isinstance(meta, dict):
        raise ValueError(f"{_FOREIGN}: its meta is a {type(meta).__name__}, not a dict")
    return meta
