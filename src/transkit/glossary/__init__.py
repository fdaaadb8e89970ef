"""Glossaries of official names and titles: the concept model, editor files, lint, search and matching.

>>> from transkit.glossary import Glossary, load, lint, search
"""

from __future__ import annotations

from typing import Any

from .lint import lint
from .model import CONCEPT_TYPES, TERM_STATUSES, Concept, ConceptType, Glossary, Origin, Role, Term, TermStatus
from .search import Hit, search
from .store import GlossaryFile, default_paths, dump, load

__all__ = [
    "CONCEPT_TYPES",
    "TERM_STATUSES",
    "Concept",
    "ConceptType",
    "Glossary",
    "GlossaryFile",
    "Hit",
    "Match",
    "Matcher",
    "Origin",
    "Role",
    "Term",
    "TermStatus",
    "default_paths",
    "dump",
    "lint",
    "load",
    "search",
]

_LAZY = {"Matcher": "matcher", "Match": "matcher"}


def __getattr__(name: str) -> Any:
    """Import the matcher (pyahocorasick) only when it is used."""
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
