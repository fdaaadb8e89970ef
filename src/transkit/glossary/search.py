"""Find concepts by any of their terms: all languages, all statuses, forgiving of case and accents.

Queries and terms are compared under :func:`transkit.lang.normalize.fold_diacritics`
("thu truong" finds "Thứ trưởng"), and again without spaces, since Korean spacing
varies between writers ("커트캠벨" finds "커트 캠벨").
"""

from __future__ import annotations

from dataclasses import dataclass

from ..lang.normalize import fold_diacritics
from .model import Concept, Glossary, Term

__all__ = ["Hit", "search"]


@dataclass(frozen=True)
class Hit:
    """A concept found by :func:`search`, with the term (or None for the id) that matched."""

    concept: Concept
    term: Term | None
    rank: int  # 0 exact, 1 prefix, 2 substring, 3 substring once spaces are ignored


def search(glossary: Glossary, query: str, *, lang: str | None = None) -> list[Hit]:
    """Concepts with a term (or id) containing ``query``, best first; one hit per concept."""
    key = fold_diacritics(query)
    if not key:
        return []
    best: dict[str, Hit] = {}
    for concept in glossary:
        candidates: list[tuple[str, Term | None]] = [
            (t.text, t) for t in concept.terms if lang is None or t.lang == lang
        ]
        candidates.append((concept.id, None))
        for text, term in candidates:
            folded = fold_diacritics(text if term else text.replace("_", " "))
            if key in folded:
                rank = 0 if folded == key else 1 if folded.startswith(key) else 2
            elif key.replace(" ", "") in folded.replace(" ", ""):
                rank = 3
            else:
                continue
            hit = Hit(concept, term, rank)
            old = best.get(concept.id)
            if old is None or rank < old.rank:
                best[concept.id] = hit
    order = {cid: i for i, cid in enumerate(glossary.concepts)}
    return sorted(best.values(), key=lambda h: (h.rank, order[h.concept.id]))
