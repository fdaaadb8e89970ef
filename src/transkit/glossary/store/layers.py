"""Glossary layers: which files a path stands for, and loading layers into one :class:`~transkit.glossary.Glossary`.

:func:`load` takes files and folders; a folder stands for all its
``*.yaml``/``*.yml`` files, sorted. A later path overrides an earlier one for
the same concept id (the whole concept is replaced). The same id twice within
one path is an error.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from ...errors import GlossaryError
from ...text.io import decode
from ..model import Concept, Glossary
from .entries import read_file
from .write import concept_to_data

__all__ = ["ENV_VAR", "SUFFIXES", "default_paths", "glossary_version", "layer_files", "load"]

ENV_VAR = "TRANSKIT_GLOSSARY"
SUFFIXES = (".yaml", ".yml")


def default_paths() -> list[str]:
    """``$TRANSKIT_GLOSSARY`` split on ``os.pathsep``; else ``["glossaries"]`` if that folder exists."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return [p for p in env.split(os.pathsep) if p]
    return ["glossaries"] if Path("glossaries").is_dir() else []


def layer_files(path: str | Path, *, allow_empty: bool = False) -> list[Path]:
    """The glossary files one layer stands for: the file itself, or a folder's YAML files, sorted.

    A folder without any is an error unless ``allow_empty``: a glossary that is silently empty
    lets every name through.
    """
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.iterdir() if f.suffix in SUFFIXES and f.is_file())
        if not files and not allow_empty:
            raise GlossaryError(
                "no glossary files (*.yaml, *.yml) in this folder",
                path=p,
                hint="name the folder that holds the glossary files, or add one (see glossaries/README.md)",
            )
        return files
    if p.is_file():
        return [p]
    raise GlossaryError(
        "glossary not found",
        path=p,
        hint=f"pass a glossary file or folder with --glossary, or set ${ENV_VAR}",
    )


def _file_concepts(path: Path) -> list[Concept]:
    """The concepts of one glossary file, through the parse cache (:mod:`transkit.glossary.cache`)."""
    from ..cache import cached_concepts

    try:
        data = path.read_bytes()
    except OSError as err:
        raise GlossaryError(f"cannot read file: {err.strerror}", path=path) from err
    return cached_concepts(path, data, lambda: [e.concept for e in read_file(path, text=decode(data, path=path))])


def load(paths: Sequence[str | Path]) -> Glossary:
    """Load glossary layers (files or folders); later layers override earlier ones per concept id."""
    concepts: dict[str, Concept] = {}
    files: list[str] = []
    for layer in paths:
        seen: dict[str, Concept] = {}
        for path in layer_files(layer):
            files.append(str(path))
            for c in _file_concepts(path):
                if c.id in seen:
                    raise GlossaryError(
                        f"duplicate id {c.id} (first defined at {seen[c.id].origin})",
                        path=path,
                        line=c.origin.line if c.origin else None,
                        hint="give one of the two entries another id, or merge them",
                    )
                seen[c.id] = c
        for cid, concept in seen.items():
            concepts.pop(cid, None)  # an override moves to the overriding layer's position
            concepts[cid] = concept
    return Glossary(concepts=concepts, version=glossary_version(concepts.values()), paths=tuple(files))


def glossary_version(concepts: Iterable[Concept]) -> str:
    """A short sha256 of the canonical content (ids sorted; origins excluded)."""
    data = sorted((concept_to_data(c) for c in concepts), key=lambda d: d["id"])
    blob = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12]
