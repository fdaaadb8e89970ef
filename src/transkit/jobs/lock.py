"""One run per job at a time: an exclusive lock on ``OUT/.transkit/lock``.

The lock is an ``flock`` on an open file, so the operating system releases it
when the process ends however it ends (``kill -9`` included): there is never
a stale lock to clean up. The file records the holder's pid and start time for
the message the second run gets.
"""

from __future__ import annotations

import fcntl
import os
from datetime import datetime
from pathlib import Path

from ..errors import UsageError

__all__ = ["JobLock", "JobLocked"]


class JobLocked(UsageError):
    """Another run holds the job's lock."""


class JobLock:
    """``with JobLock(folder):`` holds the lock of the job whose state lives in ``folder``."""

    def __init__(self, folder: str | Path) -> None:
        self.path = Path(folder) / "lock"
        self._fd: int | None = None

    def __enter__(self) -> JobLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 200).decode("utf-8", "replace").strip() or "another process"
            os.close(fd)
            raise JobLocked(
                f"another transkit batch is running on this job ({holder})",
                path=self.path,
                hint="wait for it to finish; its translations are kept, so a later run resumes where it stops",
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()}, started {datetime.now().isoformat(timespec='seconds')}".encode())
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
