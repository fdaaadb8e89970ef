"""Crash-safe output files: a reader never sees a half-written file, and unchanged files are left alone."""

from __future__ import annotations

from pathlib import Path

from ..text.io import write_bytes

__all__ = ["write_if_changed"]


def write_if_changed(path: str | Path, data: bytes) -> bool:
    """:func:`~transkit.text.io.write_bytes` unless ``path`` already holds exactly ``data``; returns whether it wrote.

    A file is only ever replaced whole, so one that holds ``data`` is complete:
    leaving it saves the write, the fsync and the rename of an unchanged output.
    """
    target = Path(path)
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return False
    except OSError:
        pass  # missing or unreadable: write it
    write_bytes(target, data)
    return True
