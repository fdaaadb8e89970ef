"""The audit trail: who changed what and when.

Every saved edit is appended as one JSON line to a log beside the glossary
(``.transkit-audit.jsonl`` in the glossary folder by default)::

    {"time": "2025-03-01T09:12:03Z", "user": "minji", "action": "edit-terms",
     "concept": "P_KURT_CAMPBELL", "file": "people.yaml", "before": "3f…", "after": "9a…",
     "summary": "en forbidden + Deputy Minister Kurt Campbell", "diff": "@@ -12 +12 @@…"}

When the glossary folder is the top of a git work tree, the changed file is also
committed (only that file), with the editor's user as the author.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .workspace import Change, sha256_text

__all__ = ["AUDIT_FILE", "AuditEntry", "AuditLog"]

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

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False)


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
        self._lock = threading.Lock()

    @classmethod
    def beside(cls, folder: Path, path: Path | None = None) -> AuditLog:
        """The log for glossary ``folder``; commits too when the folder is the top of a git work tree."""
        return cls(path or folder / AUDIT_FILE, git_root=folder if (folder / ".git").exists() else None)

    def record(self, user: str, action: str, concept: str, change: Change, summary: str) -> AuditEntry:
        """Log one saved change (and commit it when the folder is a git repository)."""
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
        )
        with self._lock:
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(entry.to_json() + "\n")
                fh.flush()
                os.fsync(fh.fileno())
            if self.git_root is not None:
                self._commit(entry)
        return entry

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
            subprocess.run(["git", "-C", str(self.git_root), *args], check=True, capture_output=True, env=env)

    def entries(self, limit: int = 100) -> list[AuditEntry]:
        """The newest ``limit`` entries, newest first."""
        return list(reversed(list(self._read())[-limit:]))

    def _read(self) -> Iterator[AuditEntry]:
        if not self.path.exists():
            return
        with self.path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield AuditEntry(**json.loads(line))
