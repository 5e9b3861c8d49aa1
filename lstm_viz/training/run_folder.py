"""Writing one run folder atomically, and removing what killed writes left behind.

The files go to a hidden temporary folder `.{name}.{random}.tmp` inside the runs folder, which then replaces
the run folder with `os.replace`. A write that fails or is interrupted leaves the previous folder untouched;
an existing folder is moved aside (to `.{name}.{hex}.old`) only for the instant between two renames. A
process killed inside that window leaves its `.tmp` or `.old` folder behind: `remove_leftovers`, called at
every save and listing, deletes those once they are older than STALE_SECONDS, far longer than any save.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import BinaryIO

# ".{name}.{random}.tmp" (a save being written) and ".{name}.{hex}.old" (a run being replaced)
_LEFTOVER = re.compile(r"\..+\.(?:tmp|old)")
STALE_SECONDS = 600  # a leftover of a save this old is from a save that was killed: no save takes minutes


def write_atomically(runs_dir: Path, name: str, writers: Mapping[str, Callable[[BinaryIO], object]]) -> Path:
    """runs_dir/name holding one file per writer (file name -> writer(binary handle)), all or nothing."""
    remove_leftovers(runs_dir)
    final = runs_dir / name
    temp = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".tmp", dir=runs_dir))
    try:
        for file, write in writers.items():
            with open(temp / file, "wb") as handle:
                write(handle)
                handle.flush()
                os.fsync(handle.fileno())
        _swap_in(temp, final)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return final


def _swap_in(temp: Path, final: Path) -> None:
    """Make the complete folder `temp` the folder `final`, restoring the old one if the rename fails."""
    if not final.exists():
        os.replace(temp, final)
        return
    old = final.with_name(f".{final.name}.{uuid.uuid4().hex}.old")
    os.utime(final)  # the moved-aside folder must look fresh to remove_leftovers from its first instant
    os.replace(final, old)
    try:
        os.replace(temp, final)
    except BaseException:
        os.replace(old, final)
        raise
    shutil.rmtree(old, ignore_errors=True)


def remove_leftovers(runs_dir: Path) -> None:
    """Delete the hidden .tmp and .old folders of killed saves, once older than STALE_SECONDS.

    A save in progress is never touched: its .tmp folder was just made and its .old folder was just touched.
    Links are unlinked, never followed; anything that cannot be removed now is left for a later call.
    """
    cutoff = time.time() - STALE_SECONDS
    try:
        entries = list(os.scandir(runs_dir))
    except OSError:
        return
    for entry in entries:
        if not _LEFTOVER.fullmatch(entry.name):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_mtime > cutoff:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
        except OSError:  # removed meanwhile by another process, or not ours to remove
            continue
