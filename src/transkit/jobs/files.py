"""Crash-safe output files: a reader never sees a half-written file, and unchanged files are left alone."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_atomic", "write_if_changed"]


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename it over ``path``."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_if_changed(path: str | Path, data: bytes) -> bool:
    """:func:`write_atomic` unless ``path`` already holds exactly ``data``; returns whether it wrote.

    A file is only ever replaced whole, so one that holds ``data`` is complete:
    leaving it saves the write, the fsync and the rename of an unchanged output.
    """
    target = Path(path)
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return False
    except OSError:
        pass  # missing or unreadable: write it
    write_atomic(target, data)
    return True
