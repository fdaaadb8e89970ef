"""How much of its beat a glossary covers: people by country, roles by year, terms per language, unverified share.

>>> from datetime import date
>>> from transkit.glossary.model import Concept, Glossary, Role, Term
>>> cho = Concept("P_CHO", "person", (Term("Cho Hyun", "en"), Term("조현", "ko", verified=False)),
...               roles=(Role("T_ROK_FM", "KR", date(2025, 7, 21)),))
>>> cover = coverage(Glossary({"P_CHO": cho}), until=date(2026, 6, 1))
>>> cover.people_by_country, cover.roles_by_year, cover.unverified_share["ko"]
({'KR': 1}, {2025: 1, 2026: 1}, 1.0)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from ..languages import LANGUAGES
from .model import Glossary, Term

__all__ = ["Coverage", "coverage"]

NO_COUNTRY = "-"


@dataclass(frozen=True)
class Coverage:
    """Coverage figures of one glossary (see :func:`coverage`)."""

    people_by_country: dict[str, int]  # a person counts once under each country of their roles
    roles_by_year: dict[int, int]  # roles held at some time in each year
    concepts_per_language: dict[str, int]  # concepts with an approved term in the language
    unverified_share: dict[str, float]  # share of unverified terms per language, and "all"
    dated_names: int  # terms in use only between two dates
    unsourced: int  # concepts without a source

    def as_dict(self) -> dict[str, Any]:
        """The figures as plain data."""
        return asdict(self)


def coverage(glossary: Glossary, *, until: date | None = None) -> Coverage:
    """Coverage of ``glossary``; roles without an end count up to ``until`` (default: today)."""
    last_year = (until or date.today()).year
    people: Counter[str] = Counter()
    years: Counter[int] = Counter()
    for concept in glossary:
        if concept.type == "person":
            countries = {r.country for r in concept.roles if r.country} or {concept.scope or NO_COUNTRY}
            people.update(countries)
        for role in concept.roles:
            if role.start is not None:
                years.update(range(role.start.year, (role.end.year if role.end else last_year) + 1))
    terms = [t for c in glossary for t in c.terms]
    unverified = {lang: _share([t for t in terms if t.lang == lang]) for lang in LANGUAGES}
    return Coverage(
        people_by_country=dict(people.most_common()),
        roles_by_year=dict(sorted(years.items())),
        concepts_per_language={
            lang: sum(any(t.lang == lang and t.approved for t in c.terms) for c in glossary) for lang in LANGUAGES
        },
        unverified_share={**unverified, "all": _share(terms)},
        dated_names=sum(t.dated for t in terms),
        unsourced=sum(not c.sources for c in glossary),
    )


def _share(terms: list[Term]) -> float:
    return sum(not t.verified for t in terms) / len(terms) if terms else 0.0
