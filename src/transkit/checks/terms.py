"""Exact look-ups of glossary terms by their written form, for the checks.

The matcher finds terms in running text; the checks also need the reverse: given
a title phrase cut out of a sentence, which concepts use that form, and with
which status ("Deputy Foreign Minister": admitted for the Vietnamese deputy
minister, forbidden for the US Deputy Secretary of State).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..glossary.model import Concept, Glossary, Role, Term

__all__ = ["Candidate", "TermIndex", "norm"]

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """The form terms are compared in: NFC, case-folded, single spaces, "·" and "-" kept."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


@dataclass(frozen=True)
class Candidate:
    """A concept that uses a written form, and the status of that form there."""

    concept: Concept
    term: Term

    @property
    def approved(self) -> bool:
        return self.term.approved


class TermIndex:
    """All terms of a glossary by normalised text and language."""

    def __init__(self, glossary: Glossary | None) -> None:
        self.glossary = glossary or Glossary()
        self._by_text: dict[tuple[str, str], list[Candidate]] = {}
        self._words: dict[tuple[str, str], frozenset[str]] = {}
        for concept in self.glossary:
            for term in concept.terms:
                self._by_text.setdefault((term.lang, norm(term.text)), []).append(Candidate(concept, term))

    def lookup(self, text: str, lang: str, *, types: tuple[str, ...] | None = None) -> list[Candidate]:
        """Concepts with a term written ``text`` in ``lang`` (optionally only of ``types``)."""
        found = self._by_text.get((lang, norm(text)), [])
        return [c for c in found if types is None or c.concept.type in types]

    def words(self, lang: str, type_: str) -> frozenset[str]:
        """Lower-case words of the approved terms of concepts of ``type_`` in ``lang`` (computed once)."""
        key = (lang, type_)
        if key not in self._words:
            self._words[key] = frozenset(
                w
                for (term_lang, text), cands in self._by_text.items()
                if term_lang == lang and any(c.concept.type == type_ and c.approved for c in cands)
                for w in text.replace(",", " ").split()
            )
        return self._words[key]

    def approved_forms(self, lang: str, type_: str) -> frozenset[str]:
        """Normalised approved terms of concepts of ``type_`` in ``lang``."""
        key = (lang, "=" + type_)
        if key not in self._words:
            self._words[key] = frozenset(
                text
                for (term_lang, text), cands in self._by_text.items()
                if term_lang == lang and any(c.concept.type == type_ and c.approved for c in cands)
            )
        return self._words[key]

    def concept(self, concept_id: str) -> Concept | None:
        return self.glossary.get(concept_id)

    def preferred_text(self, concept_id: str, lang: str) -> str | None:
        concept = self.glossary.get(concept_id)
        term = concept.preferred(lang) if concept else None
        return term.text if term else None

    def roles(self, person: str, day: date | None) -> list[Role]:
        """The person's roles on ``day`` (all of them when ``day`` is None)."""
        concept = self.glossary.get(person)
        if concept is None:
            return []
        return list(concept.roles) if day is None else concept.roles_on(day)
