"""The audit trail: who changed what and when.

Every saved edit is appended as one JSON line to a log beside the glossary
(``.transkit-audit.jsonl`` in the glossary folder by default)::

    {"time": "2025-03-01T09:12:03Z", "user": "minji", "action": "edit-terms",
     "concept": "P_KURT_CAMPBELL", "file": "people.yaml", "before": "3f…", "after": "9a…",
     "summary": "en forbidden + Deputy Minister Kurt Campbell", "diff": "@@ -12 +12 @@…"}

Entries written by this version also carry the concept's data before and after
the change (``before_concept``/``after_concept``), so any change can be shown per
concept and reverted.

When the glossary folder is the top of a git work tree, the changed file is also
committed (only that file), with the editor's user as the author; the audit log is
listed in ``.git/info/exclude`` so it never sits untracked. A commit that fails
(a stale ``index.lock``) raises :class:`CommitFailed` before anything is logged:
the caller puts the file back, so no later commit sweeps the change in under
another author.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import subprocess
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .workspace import FileChange, sha256_text

__all__ = ["AUDIT_FILE", "AuditEntry", "AuditLog", "CommitFailed"]

AUDIT_FILE = ".transkit-audit.jsonl"


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log."""

    time: str
    user: str
    action: str
    concept: str
    file: str
    before: str
    after: str
    summary: str
    diff: str
    before_concept: dict[str, Any] | None = None
    after_concept: dict[str, Any] | None = None
    comment: str = ""
    seq: int = field(default=0, compare=False)  # the entry's line number in the log (1-based), set when read

    def to_json(self) -> str:
        """The entry as one JSON line of the audit log (its sequence number is the line's position)."""
        return json.dumps({k: v for k, v in self.__dict__.items() if k != "seq"}, ensure_ascii=False)

    def concepts(self) -> set[str]:
        """The ids this entry touched (two for a rename)."""
        return {self.concept} | {d["id"] for d in (self.before_concept, self.after_concept) if d}


class CommitFailed(Exception):
    """git refused the commit of an edit (the message says why and what to do)."""


def unified_diff(before: str, after: str, name: str) -> str:
    """The change as a unified diff without context lines (what a reviewer needs)."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{name}", f"b/{name}", n=0
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


class AuditLog:
    """Appends edits to a JSON-lines file and, in a git work tree, commits them."""

    def __init__(self, path: Path, *, git_root: Path | None = None) -> None:
        self.path = path
        self.git_root = git_root
        self._lock = threading.RLock()
        self._offset = 0  # bytes of the log already parsed into _cache
        self._lines = 0
        self._cache: list[AuditEntry] = []

    @classmethod
    def beside(cls, folder: Path, path: Path | None = None) -> AuditLog:
        """The log for glossary ``folder``; commits too when the folder is the top of a git work tree."""
        log = cls(path or folder / AUDIT_FILE, git_root=folder if (folder / ".git").is_dir() else None)
        log._exclude_from_git()
        return log

    def _exclude_from_git(self) -> None:
        """List the log in the repository's ``info/exclude`` (local, never committed) when it lies inside it."""
        if self.git_root is None or self.path.parent.resolve() != self.git_root.resolve():
            return
        exclude = self.git_root / ".git" / "info" / "exclude"
        lines = exclude.read_text(encoding="utf-8").splitlines() if exclude.exists() else []
        if "/" + self.path.name not in lines:
            exclude.parent.mkdir(parents=True, exist_ok=True)
            exclude.write_text("\n".join([*lines, "/" + self.path.name]) + "\n", encoding="utf-8")

    def record(
        self,
        user: str,
        action: str,
        concept: str,
        change: FileChange,
        summary: str,
        *,
        concepts: tuple[dict[str, Any] | None, dict[str, Any] | None] = (None, None),
        comment: str = "",
    ) -> AuditEntry:
        """Log one saved change (committing it first when the folder is a git repository).

        ``concepts`` is the concept's data before and after; raises :class:`CommitFailed`
        when git refuses the commit (nothing is logged then).
        """
        entry = AuditEntry(
            time=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            user=user,
            action=action,
            concept=concept,
            file=change.name,
            before=sha256_text(change.before)[:12],
            after=sha256_text(change.after)[:12],
            summary=summary,
            diff=unified_diff(change.before, change.after, change.name),
            before_concept=concepts[0],
            after_concept=concepts[1],
            comment=comment,
        )
        with self._lock:
            if self.git_root is not None:
                self._commit(entry)
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(entry.to_json() + "\n")
                fh.flush()
                os.fsync(fh.fileno())
        return next(e for e in reversed(self._read()) if e == entry)

    def _commit(self, entry: AuditEntry) -> None:
        env = {
            **os.environ,
            "GIT_COMMITTER_NAME": "transkit editor",
            "GIT_COMMITTER_EMAIL": "editor@transkit.invalid",
        }
        message = f"{entry.concept}: {entry.summary}\n\n{entry.action} by {entry.user} in the transkit editor\n"
        mailbox = re.sub(r"[^A-Za-z0-9_.-]+", "-", entry.user).strip("-") or "editor"
        author = f"{entry.user} <{mailbox}@transkit.invalid>"
        for args in (
            ["add", "--", entry.file],
            ["commit", "--quiet", "--no-verify", f"--author={author}", "-m", message, "--", entry.file],
        ):
            done = subprocess.run(
                ["git", "-C", str(self.git_root), *args], check=False, capture_output=True, env=env, text=True
            )
            if done.returncode != 0:
                why = (done.stderr or done.stdout).strip().splitlines()
                lock = (
                    " A stale .git/index.lock (left by a crashed git) must be removed first."
                    if "index.lock" in done.stderr
                    else ""
                )
                raise CommitFailed(f"git could not commit the change: {why[0] if why else 'unknown error'}.{lock}")

    def entries(self, limit: int = 100, *, concept: str | None = None) -> list[AuditEntry]:
        """The newest ``limit`` entries (those that touched ``concept`` when given), newest first."""
        found = [e for e in self._read() if concept is None or concept in e.concepts()]
        return list(reversed(found[-limit:]))

    def entry(self, seq: int) -> AuditEntry | None:
        """The entry on line ``seq`` of the log, or None."""
        return next((e for e in self._read() if e.seq == seq), None)

    def _read(self) -> list[AuditEntry]:
        """Every entry, oldest first; only lines appended since the last call are parsed."""
        with self._lock:
            if not self.path.exists():
                return []
            with self.path.open("rb") as fh:
                if fh.seek(0, os.SEEK_END) < self._offset:  # the log was replaced: read it again
                    self._offset, self._lines, self._cache = 0, 0, []
                fh.seek(self._offset)
                for raw in fh:
                    if not raw.endswith(b"\n"):  # a line still being written
                        break
                    self._offset += len(raw)
                    self._lines += 1
                    if raw.strip():
                        self._cache.append(AuditEntry(**json.loads(raw), seq=self._lines))
            return list(self._cache)
