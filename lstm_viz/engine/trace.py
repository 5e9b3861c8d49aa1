"""Trace: everything a recurrent model computed at every time step, as named float32 arrays.

Keys follow `l{layer}.{quantity}` and `l{layer}.reverse.{quantity}` (e.g. "l0.forget_gate"), each array
shaped (B, T, H) and aligned to input positions (the reverse direction too, like torch's output). With a loss,
the same Trace holds "l{layer}.hidden_grad", "l{layer}.cell_grad" (LSTM) and "input_grad" (B, T, I).
`meta` says what produced it (kind, variant, sizes, ...); `input` is the sequence that went in, (B, T, I).

A Trace saves to a single .npz (no pickle: the meta travels as JSON text) and exports a long table
(sample, t, layer, direction, quantity, unit, value) for CSV.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterator, Mapping

import numpy as np
import pandas as pd

_KEY = re.compile(r"^l(?P<layer>\d+)\.(?:(?P<reverse>reverse)\.)?(?P<quantity>\w+)$")
_META_KEY = "__meta__"
_INPUT_KEY = "__input__"
TABLE_COLUMNS = ("sample", "t", "layer", "direction", "quantity", "unit", "value")


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
        """Read what `save` wrote (path or binary file object); ValueError otherwise. Never unpickles."""
        try:
            data = np.load(file, allow_pickle=False)
            if not isinstance(data, np.lib.npyio.NpzFile):
                raise ValueError("it holds a single array, not a set of named arrays")
            with data:
                contents = {key: data[key] for key in data.files}
        except (OSError, ValueError, EOFError, zipfile.BadZipFile) as error:
            raise ValueError(f"this is not a readable trace file: {error}") from error
        if _META_KEY not in contents or _INPUT_KEY not in contents:
            raise ValueError("this is an .npz file but not a trace saved by lstm-viz (no meta or input)")
        meta = json.loads(str(contents.pop(_META_KEY)))
        return cls(contents, meta, contents.pop(_INPUT_KEY))

    def to_table(self, keys=None) -> pd.DataFrame:
        """Long format, one row per (sample, t, unit) of each per-layer key; `keys` limits which."""
        frames = []
        for key in keys or [k for k in self._arrays if _KEY.match(k)]:
            layer, reverse, quantity = parse_key(key)
            values = self._arrays[key]  # (B, T, H)
            sample, t, unit = np.indices(values.shape).reshape(3, -1)
            frames.append(
                pd.DataFrame(
                    {
                        "sample": sample,
                        "t": t,
                        "layer": layer,
                        "direction": "reverse" if reverse else "forward",
                        "quantity": quantity,
                        "unit": unit,
                        "value": values.reshape(-1),
                    }
                )
            )
        if not frames:
            return pd.DataFrame(columns=list(TABLE_COLUMNS))
        return pd.concat(frames, ignore_index=True)[list(TABLE_COLUMNS)]

    def to_csv(self, path=None, keys=None):
        """The long table as CSV text (returned) or written to `path`."""
        return self.to_table(keys).to_csv(path, index=False)
