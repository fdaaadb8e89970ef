"""Roles by date: which title concept a title names for a person, and when two titles are one.

The glossary dates each person's roles; a title next to a person is resolved against the roles the person
held on the article's date, then against its country, then against the only approved reading.

>>> content_words("Deputy Secretary of State", "en")
('deputy', 'secretary', 'state')
>>> compatible("Deputy Secretary", "US Deputy Secretary of State", "en")
True
>>> compatible("부장관", "국무부 부장관", "ko")
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..glossary.index import Candidate, TermIndex
from ..lang.normalize import normalize
from .lexicon import COUNTRY_WORDS

__all__ = ["Resolved", "compatible", "content_words", "resolve", "role_titles"]

_STOP = {
    "en": {"of", "for", "the", "and", "to", "on"},
    "ko": set(),
    "vi": {"và", "về", "của"},
}


_COUNTRY_PARTS = {
    lang: frozenset(w for c in words for w in c.split())
    for lang, words in COUNTRY_WORDS.items()
}


@lru_cache(maxsize=8192)
def content_words(title: str, lang: str) -> tuple[str, ...]:
    """The title's words without connectors and country words ("Deputy Secretary of State" -> deputy secretary state)."""
    words = [w.strip(",()") for w in normalize(title).split()]
    skip = _STOP[lang] | _COUNTRY_PARTS[lang]
    return tuple(w for w in words if w and w not in skip)


def compatible(short: str, long: str, lang: str) -> bool:
    """True when ``short`` is the same title as ``long`` or an abbreviation of it.

    "Deputy Secretary" of "Deputy Secretary of State", "Foreign Minister" of
    "Minister of Foreign Affairs", "부장관" of "국무부 부장관", "Bộ trưởng" of
    "Bộ trưởng Ngoại giao Hàn Quốc": the shorter one's words all occur in the
    longer one, and the head noun is shared.
    """
    a, b = content_words(short, lang), content_words(long, lang)
    if len(a) > len(b):
        a, b = b, a
    if not a:
        return True
    if lang == "ko":
        return all(w in b for w in a) and b[-1].endswith(a[-1])
    return all(w in b for w in a)


@dataclass(frozen=True)
class Resolved:
    """A title resolved to a glossary concept (or not), and the status of the form used."""

    concept: str | None
    status: str | None
    candidates: tuple[Candidate, ...] = ()

    @property
    def approved(self) -> bool:
        return self.status in ("preferred", "admitted")


def role_titles(index: TermIndex, person: str | None, day: date | None) -> set[str]:
    """Title concept ids of ``person``'s roles on ``day`` (all roles when ``day`` is None)."""
    return {r.title for r in index.roles(person, day)} if person else set()


def resolve(
    index: TermIndex, text: str, lang: str, *, country: str | None, roles: set[str]
) -> Resolved:
    """Which title concept ``text`` names here: a role of the person first, then the country's, then the only one."""
    cands = index.lookup(text, lang, types=("title",))
    if not cands and lang == "vi":
        stripped = re.sub(
            r"\s+(?:" + "|".join(COUNTRY_WORDS["vi"]) + r")$", "", normalize(text)
        )
        cands = index.lookup(stripped, lang, types=("title",))
    if not cands:
        return Resolved(None, None)
    pick = next((c for c in cands if c.concept.id in roles), None)
    if pick is None and country:
        scoped = [c for c in cands if c.concept.scope == country]
        pick = next((c for c in scoped if c.approved), scoped[0] if scoped else None)
    if pick is None:
        approved = {c.concept.id for c in cands if c.approved}
        if len(approved) == 1:
            pick = next(c for c in cands if c.approved)
    if pick is None:
        return Resolved(None, None, tuple(cands))
    return Resolved(pick.concept.id, pick.term.status, tuple(cands))
