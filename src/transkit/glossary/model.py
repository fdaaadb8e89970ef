"""The concept-oriented glossary model (as in TBX: a concept has terms per language).

A :class:`Concept` is one thing in the world: a person, a title, an organisation,
a place, a law. It has per language one preferred term, any number of admitted
variants and any number of forbidden variants. Forbidden variants are scoped to
their concept: "Deputy Foreign Minister" is forbidden for the US Deputy
Secretary of State and may be right for another concept.

Titles carry a ``scope`` (the country or organisation they belong to); persons
carry :class:`Role` entries (a title concept, a country, from/to dates), so the
title a person should have on a given day can be looked up.

Names change with the date as roles do: a term may carry ``start``/``end`` dates
and is approved only within them. Viet Nam's "Bộ Kế hoạch và Đầu tư" is a name
until the ministry's merger into the Ministry of Finance (1 March 2025); the US
"Department of War" is a secondary name of the Department of Defense from
5 September 2025. :meth:`Concept.name_on` gives the name to write on a day.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, get_args

__all__ = [
    "CONCEPT_TYPES",
    "TERM_STATUSES",
    "Concept",
    "ConceptType",
    "Glossary",
    "Origin",
    "Role",
    "Term",
    "TermStatus",
]

ConceptType = Literal["person", "title", "org", "place", "law", "other"]
TermStatus = Literal["preferred", "admitted", "forbidden"]
CONCEPT_TYPES: tuple[str, ...] = get_args(ConceptType)
TERM_STATUSES: tuple[str, ...] = get_args(TermStatus)


@dataclass(frozen=True)
class Origin:
    """Where an entry was read from, for error messages and lint."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else self.path


@dataclass(frozen=True)
class Term:
    """One written form of a concept in one language."""

    text: str
    lang: str  # "en" | "ko" | "vi"
    status: TermStatus = "preferred"
    case_sensitive: bool = False  # True for acronyms such as "IRA", "CHIPS"
    reading: str | None = None  # Hangul reading of a Latin/digit-final form: "CHIPS" -> "칩스"
    final_consonant: bool | None = None  # explicit batchim flag when no reading is given
    verified: bool = True  # False while a source marks the form UNVERIFIED
    note: str | None = None
    start: date | None = None  # a dated name: approved from this day (None: since before anything we know)
    end: date | None = None  # ... until this day (None: still in use)

    @property
    def approved(self) -> bool:
        """True unless the term is forbidden."""
        return self.status != "forbidden"

    @property
    def dated(self) -> bool:
        """True when the form is a name of its concept only between two dates."""
        return self.start is not None or self.end is not None

    def active_on(self, day: date) -> bool:
        """True when the form is in use on ``day`` (bounds inclusive; an undated form always is)."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Role:
    """A position a person holds: a title concept, in a country, between two dates."""

    title: str  # id of a concept of type "title"
    country: str | None = None  # ISO 3166 alpha-2 ("US", "KR", "VN") or an org code ("UN")
    start: date | None = None  # None: since before anything we know
    end: date | None = None  # None: still holds it
    note: str | None = None
    # A date known to the month or year ('from: 2024-02') is a period: ``start`` is its first day,
    # ``start_latest`` its last; ``end`` the last day of the 'to' period, ``end_earliest`` its first.
    start_latest: date | None = field(default=None, compare=False)
    end_earliest: date | None = field(default=None, compare=False)

    def active_on(self, day: date) -> bool:
        """True when the person held this role on ``day`` (bounds inclusive)."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    @property
    def surely_from(self) -> date | None:
        """The last day the role may have started: from then on it was surely held."""
        return self.start_latest or self.start

    @property
    def surely_until(self) -> date | None:
        """The first day the role may have ended: until then it was surely held."""
        return self.end_earliest or self.end


@dataclass(frozen=True)
class Concept:
    """One concept and all its terms."""

    id: str
    type: ConceptType
    terms: tuple[Term, ...]
    scope: str | None = None  # country/organisation of a title, org or law ("US", "KR")
    roles: tuple[Role, ...] = ()
    note: str | None = None
    sources: tuple[str, ...] = ()
    origin: Origin | None = field(default=None, compare=False)
    holders: int | None = None  # a title: how many people hold it at once (1: a president, a minister)

    def terms_in(self, lang: str, status: TermStatus | None = None) -> list[Term]:
        """Terms in ``lang``, optionally only those with ``status``, in file order."""
        return [t for t in self.terms if t.lang == lang and (status is None or t.status == status)]

    def preferred(self, lang: str) -> Term | None:
        """The preferred term in ``lang``, or None when the concept has none."""
        found = self.terms_in(lang, "preferred")
        return found[0] if found else None

    def name_on(self, lang: str, day: date) -> Term | None:
        """The term to write in ``lang`` on ``day``: the preferred one if in use then, else the first
        approved term in use then, else (no name fits the day) the preferred one.

        >>> old = Term("Ministry of Planning and Investment", "en", end=date(2025, 2, 28))
        >>> mpi = Concept("O_VN_MPI", "org", (old,))
        >>> mpi.name_on("en", date(2024, 5, 1)).text, mpi.name_on("en", date(2026, 1, 1)).text
        ('Ministry of Planning and Investment', 'Ministry of Planning and Investment')
        >>> new = Term("Ministry of Trade and Industry", "en", start=date(2025, 10, 1))
        >>> was = Term("Ministry of Trade, Industry and Energy", "en", "admitted", end=date(2025, 9, 30))
        >>> motie = Concept("O_ROK_MOTIE", "org", (new, was))
        >>> motie.name_on("en", date(2024, 5, 1)).text, motie.name_on("en", date(2026, 1, 1)).text
        ('Ministry of Trade, Industry and Energy', 'Ministry of Trade and Industry')
        """
        preferred = self.preferred(lang)
        if preferred is not None and preferred.active_on(day):
            return preferred
        current = next((t for t in self.terms_in(lang) if t.approved and t.active_on(day)), None)
        return current or preferred

    def roles_on(self, day: date) -> list[Role]:
        """The roles a person held on ``day``."""
        return [r for r in self.roles if r.active_on(day)]

    @property
    def languages(self) -> set[str]:
        """The languages with at least one approved term."""
        return {t.lang for t in self.terms if t.approved}


@dataclass
class Glossary:
    """An ordered set of concepts, possibly merged from several layers."""

    concepts: dict[str, Concept] = field(default_factory=dict)
    version: str = ""  # content hash, recorded in translation/report signatures
    paths: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts.values())

    def __len__(self) -> int:
        return len(self.concepts)

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self.concepts

    def get(self, concept_id: str) -> Concept | None:
        """The concept with id ``concept_id``, if any."""
        return self.concepts.get(concept_id)
