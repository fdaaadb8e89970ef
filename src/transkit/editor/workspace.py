"""The glossary folder the editor serves: safe file access, cached loading and lint, guarded writes.

Every file the editor reads or writes is named relative to one folder and
resolved by :meth:`Workspace.resolve`, which refuses anything that would land
outside it (``../``, absolute paths, symbolic links that point elsewhere).

Writes go through :class:`~transkit.glossary.store.GlossaryFile` (same
validation, layout and atomic write as the CLI; the document saved last is kept
for the next edit of its file, as long as the file still holds exactly what it
saved, so a busy desk does not re-parse the file on every save) and are guarded by the version
of the concept the page was built from: if that concept changed since, nothing
is written and :class:`EditConflict` says so (other concepts of the same file
may change meanwhile).
"""

from __future__ import annotations

import bisect
import hashlib
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..errors import GlossaryError, UsageError
from ..findings import Finding
from ..glossary.lint import lint
from ..glossary.model import Concept, Glossary
from ..glossary.store import Entry, GlossaryFile, glossary_version, layer_files
from ..text.io import write_text
from .changes import concept_in, concept_version, parsed

__all__ = ["EditConflict", "FileChange", "PathRefused", "Workspace", "sha256_text"]

_FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.ya?ml$")
_MAX_NAME = 120  # bytes: room for the temporary name of an atomic write within the usual 255


class PathRefused(UsageError):
    """A file name that is not a glossary file inside the served folder."""


class EditConflict(Exception):
    """The concept changed on disk since the page the edit came from was loaded."""

    def __init__(self, name: str, expected: str, actual: str) -> None:
        super().__init__(f"{name} changed since the page was loaded")
        self.name = name
        self.expected = expected
        self.actual = actual


@dataclass(frozen=True)
class FileChange:
    """One saved edit: the file (relative name) and its text before and after."""

    name: str
    before: str
    after: str

    @property
    def version(self) -> str:
        """The version of the file after the change."""
        return sha256_text(self.after)


def sha256_text(text: str) -> str:
    """The version of a file's content as the forms carry it ("" for a missing file)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest() if text else ""


class Workspace:
    """One glossary folder (or a single file in it) opened for browsing and editing."""

    def __init__(self, path: str | Path) -> None:
        given = Path(path)
        if given.is_file():
            self.root = given.resolve().parent
            self.single: str | None = given.name
        elif given.is_dir():
            self.root = given.resolve()
            self.single = None
        else:
            raise GlossaryError(
                "glossary not found", path=given, hint="pass a glossary folder or YAML file with --glossary"
            )
        self._lock = threading.Lock()
        self._cache: _Snapshot | None = None
        self._parsed: dict[str, tuple[str, list[Entry]]] = {}
        self._open: dict[str, tuple[str, GlossaryFile]] = {}  # per file: its text and the document saved as it

    # ---- files
    def names(self) -> list[str]:
        """The glossary files served, as names relative to the folder, in layer order (see :meth:`refused`)."""
        if self.single is not None:
            return [self.single]
        return [p.name for p in layer_files(self.root, allow_empty=True) if self._refusal(p) is None]

    def refused(self) -> list[str]:
        """Why each YAML file in the folder that is not served is left out (a link leaving the folder, a bad name)."""
        if self.single is not None:
            return []
        return [why for p in layer_files(self.root, allow_empty=True) if (why := self._refusal(p)) is not None]

    def _refusal(self, path: Path) -> str | None:
        if not _FILE_NAME.match(path.name) or len(path.name.encode("utf-8")) > _MAX_NAME:
            return (
                f"{path.name[:60]}…: not served: "
                f"name it with letters, digits, '_', '.', '-' (at most {_MAX_NAME} bytes)"
            )
        if path.resolve().parent != self.root:
            return f"{path.name}: not served: it links to {path.resolve()}, outside the glossary folder"
        return None

    def resolve(self, name: str) -> Path:
        """The path of glossary file ``name`` in the folder; refuses names that leave it."""
        hint = "name a .yaml file directly in the glossary folder, such as people.yaml"
        if not _FILE_NAME.match(name or "") or len(name.encode("utf-8")) > _MAX_NAME:
            raise PathRefused(f"not a glossary file name: {name!r}", hint=hint)
        if self.single is not None and name != self.single:
            raise PathRefused(f"{name} is not the glossary file being edited", hint=f"use {self.single}")
        path = self.root / name
        if path.resolve().parent != self.root:
            raise PathRefused(f"{name} points outside the glossary folder", path=self.root, hint=hint)
        return path

    def read(self, name: str) -> str:
        """The text of glossary file ``name`` ("" when it does not exist yet)."""
        path = self.resolve(name)
        return path.read_text(encoding="utf-8") if path.exists() else ""

    def version(self, name: str) -> str:
        """The version of file ``name`` as the forms carry it."""
        return sha256_text(self.read(name))

    def fingerprint(self) -> str:
        """One hash over every served file's name and content: changes whenever any file does."""
        digest = hashlib.sha256()
        for name in self.names():
            digest.update(f"{name}\0{self.version(name)}\n".encode())
        return digest.hexdigest()

    def name_of(self, concept: Concept) -> str:
        """The file (relative name) that defines ``concept``."""
        if concept.origin is None:
            raise GlossaryError(f"{concept.id} has no file", hint="edit the glossary file by hand")
        return Path(concept.origin.path).name

    # ---- loading
    def _entries(self, name: str) -> list[Entry]:
        """The parsed entries of one file, parsed again only when its content changed."""
        text = self.read(name)
        version = sha256_text(text)
        cached = self._parsed.get(name)
        if cached is None or cached[0] != version:
            cached = self._parsed[name] = (version, list(parsed(text, str(self.resolve(name)))))
        return cached[1]

    def _load(self) -> Glossary:
        """The served files as one layer, as :func:`~transkit.glossary.store.load` reads a folder."""
        concepts: dict[str, Concept] = {}
        for name in self.names():
            for entry in self._entries(name):
                concept = entry.concept
                if concept.id in concepts:
                    raise GlossaryError(
                        f"duplicate id {concept.id} (first defined at {concepts[concept.id].origin})",
                        path=self.resolve(name),
                        line=concept.origin.line if concept.origin else None,
                        hint="give one of the two entries another id, or merge them",
                    )
                concepts[concept.id] = concept
        paths = tuple(str(self.resolve(n)) for n in self.names())
        return Glossary(concepts=concepts, version=glossary_version(concepts.values()), paths=paths)

    def _state(self) -> _Snapshot:
        fingerprint = self.fingerprint()
        cached = self._cache
        if cached is None or cached.fingerprint != fingerprint:
            try:
                glossary = self._load()
                cached = _Snapshot(fingerprint, glossary, None, tuple(lint(glossary)))
            except GlossaryError as err:  # a broken file: browse nothing, lint says what to fix
                cached = _Snapshot(fingerprint, None, err, tuple(lint([self.resolve(n) for n in self.names()])))
            self._cache = cached
        return cached

    def glossary(self) -> Glossary:
        """The glossary as it is on disk now (reloaded when a file changed); raises if it cannot be loaded."""
        state = self._state()
        if state.glossary is None:
            raise state.error or GlossaryError("glossary cannot be loaded", path=self.root)
        return state.glossary

    def problems(self) -> list[Finding]:
        """Lint problems of the served files, as ``transkit glossary lint`` reports them."""
        return list(self._state().problems)

    # ---- writing
    def edit(
        self,
        name: str,
        concept_id: str,
        expected: str,
        change: Callable[[GlossaryFile], object],
        *,
        create: bool = False,
    ) -> FileChange:
        """Apply ``change`` to file ``name`` and save it, if concept ``concept_id`` is still at version ``expected``.

        ``expected`` is the :func:`~transkit.editor.changes.concept_version` the page
        was built from ("" for a concept that must not exist yet, in any file).
        Edits of other concepts in the same file in the meantime are no conflict.
        Raises :class:`EditConflict` when the concept changed, :class:`GlossaryError`
        when the result would not be a valid glossary (nothing is written then).
        """
        path = self.resolve(name)
        with self._lock:
            before = self.read(name)
            current = concept_in(before, concept_id, path)
            if current is None and not expected and concept_id in self.glossary():
                current = self.glossary().get(concept_id)
            actual = concept_version(current)
            if actual != expected:
                raise EditConflict(concept_id, expected, actual)
            kept = self._open.pop(name, None)  # the document this editor saved last, if the file is still that
            doc = kept[1] if kept is not None and kept[0] == before else GlossaryFile(path, create=create)
            change(doc)  # on an error the half-changed document is dropped with the exception
            doc.save()
            after = self.read(name)
            if after == doc.text():
                self._open[name] = (after, doc)
        return FileChange(name, before, after)

    def restore(self, change: FileChange) -> None:
        """Put a file back as it was before ``change`` (when nothing else changed it since)."""
        path = self.resolve(change.name)
        with self._lock:
            if self.read(change.name) != change.after:
                return
            if change.before:
                write_text(path, change.before)
            else:
                path.unlink()

    # ---- lint by concept
    def owner_of(self, problem: Finding) -> str | None:
        """The id of the concept a lint problem is about (the entry its line falls in), if any."""
        if problem.file is None or problem.line is None:
            return None
        starts = self._state().starts.get(Path(problem.file).name, [])
        index = bisect.bisect_right(starts, (problem.line, "\uffff")) - 1
        return starts[index][1] if index >= 0 else None

    def problems_of(self, concept_id: str) -> list[Finding]:
        """The lint problems shown beside one concept."""
        return [p for p in self.problems() if self.owner_of(p) == concept_id]


@dataclass(frozen=True)
class _Snapshot:
    """The served files as loaded for one fingerprint."""

    fingerprint: str
    glossary: Glossary | None
    error: GlossaryError | None
    problems: tuple[Finding, ...]

    @cached_property
    def starts(self) -> dict[str, list[tuple[int, str]]]:
        """Per file, the first line of each concept, sorted."""
        starts: dict[str, list[tuple[int, str]]] = {}
        for concept in self.glossary or ():
            if concept.origin is not None and concept.origin.line is not None:
                starts.setdefault(Path(concept.origin.path).name, []).append((concept.origin.line, concept.id))
        return {name: sorted(lines) for name, lines in starts.items()}
