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
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..glossary.index import Candidate, TermIndex, per_index
from ..lang.normalize import normalize
from .lexicon import CONCURRENT, COUNTRY_WORDS, KO_RANK_PREFIXES, RANK_WORDS, VI_HEADS
from .mentions import Mention, abbreviates

__all__ = [
    "Judgement",
    "Resolved",
    "compatible",
    "content_words",
    "describe_roles",
    "judge",
    "link_by_role",
    "loose_form",
    "resolve",
    "role_forms",
    "role_titles",
    "title_parts",
]

_STOP = {
    "en": {"of", "for", "the", "and", "to", "on"},
    "ko": set(),
    "vi": {"và", "về", "của"},
}


_COUNTRY_PARTS = {lang: frozenset(w for c in words for w in c.split()) for lang, words in COUNTRY_WORDS.items()}


@lru_cache(maxsize=8192)
def content_words(title: str, lang: str) -> tuple[str, ...]:
    """The title's words without connectors and country words.

    "Deputy Secretary of State" gives deputy, secretary, state.
    """
    words = [w.strip(",()") for w in normalize(title).split()]
    skip = _STOP[lang] | _COUNTRY_PARTS[lang]
    return tuple(w for w in words if w and w not in skip)


def compatible(short: str, long: str, lang: str) -> bool:
    """True when ``short`` is the same title as ``long`` or an abbreviation of it.

    "Deputy Secretary" of "Deputy Secretary of State", "Foreign Minister" of
    "Minister of Foreign Affairs", "부장관" of "국무부 부장관", "Bộ trưởng" of
    "Bộ trưởng Ngoại giao Hàn Quốc": the shorter one's words all occur in the
    longer one, the head noun is shared, and so is the rank: a shortening that
    drops "Acting", "Deputy", "Phó", "Quyền" or the 부 of 부장관 names another post.

    >>> compatible("President", "Acting President", "en"), compatible("Thủ tướng", "Phó Thủ tướng", "vi")
    (False, False)
    >>> compatible("장관", "국무부 부장관", "ko"), compatible("국방장관", "국방부 장관", "ko")
    (False, True)
    >>> compatible("경제부총리", "부총리", "ko"), compatible("총리", "부총리", "ko")
    (True, False)
    >>> compatible("Bộ trưởng", "Thứ trưởng thứ nhất Bộ Ngoại giao", "vi")
    False
    """
    a, b = content_words(short, lang), content_words(long, lang)
    if len(a) > len(b):
        a, b = b, a
    if not a:
        return True
    if lang == "ko":
        short_ko, long_ko = sorted(("".join(_ko_compact(a)), "".join(_ko_compact(b))), key=len)
        return long_ko.endswith(short_ko) and not long_ko[: len(long_ko) - len(short_ko)].endswith(KO_RANK_PREFIXES)
    if lang == "vi" and _vi_head(short) != _vi_head(long):  # "Bộ trưởng" is not "Thứ trưởng … Bộ Ngoại giao"
        return False
    return all(w in b for w in a) and RANK_WORDS[lang].intersection(b) <= set(a)


def _vi_head(title: str) -> str | None:
    """The head of a Vietnamese title, rank included: "thứ trưởng" of "Thứ trưởng thứ nhất Bộ Ngoại giao"."""
    low = normalize(title)
    return next((h for h in VI_HEADS if low == h or low.startswith(h + " ")), None)


def _ko_compact(words: tuple[str, ...]) -> tuple[str, ...]:
    """Korean title words with a ministry's 부 dropped, so 국방장관 and 국방부 장관 compare alike."""
    return tuple(w[:-1] if w.endswith("부") and len(w) > 2 else w for w in words)


def title_parts(form: str, lang: str) -> tuple[str, ...]:
    """A combined title and its parts: "Deputy Prime Minister and Minister of Foreign Affairs", and each post.

    >>> title_parts("Phó Thủ tướng kiêm Bộ trưởng Ngoại giao", "vi")
    ('Phó Thủ tướng kiêm Bộ trưởng Ngoại giao', 'Phó Thủ tướng', 'Bộ trưởng Ngoại giao')
    >>> title_parts("Minister of Economy and Finance", "en")
    ('Minister of Economy and Finance',)
    """
    parts = tuple(p.strip() for p in CONCURRENT[lang].split(form) if p.strip())
    return (form, *parts) if len(parts) > 1 else (form,)


# Words that qualify a title without changing the post: countries, and vi "Bộ" (ministry of).
_EXTRA_QUALIFIERS = {"en": ("the",), "ko": (), "vi": ("bộ",)}


@lru_cache(maxsize=4096)
def loose_form(text: str, lang: str) -> str:
    """``text`` normalised, without country words and qualifiers: what two forms of one post share.

    >>> loose_form("Thứ trưởng Bộ Ngoại giao Mỹ", "vi") == loose_form("Thứ trưởng Ngoại giao", "vi")
    True
    """
    words = normalize(text).split()
    qualifiers = [q.split() for q in (*COUNTRY_WORDS.get(lang, {}), *_EXTRA_QUALIFIERS.get(lang, ()))]
    qualifiers.sort(key=len, reverse=True)
    kept: list[str] = []
    i = 0
    while i < len(words):
        for q in qualifiers:
            if words[i : i + len(q)] == q:
                i += len(q)
                break
        else:
            kept.append(words[i])
            i += 1
    return " ".join(kept)


@dataclass(frozen=True)
class Resolved:
    """A title resolved to a glossary concept (or not), and the status of the form used."""

    concept: str | None
    status: str | None
    candidates: tuple[Candidate, ...] = ()

    @property
    def approved(self) -> bool:
        """True unless the resolved form is a forbidden one."""
        return self.status in ("preferred", "admitted")


@per_index(8192)
def role_titles(index: TermIndex, person: str | None, day: date | None) -> frozenset[str]:
    """Title concept ids of ``person``'s roles on ``day`` (all roles when ``day`` is None); cached on the index."""
    return frozenset(r.title for r in index.roles(person, day)) if person else frozenset()


_VI_COUNTRY_END = re.compile(r"\s+(?:" + "|".join(COUNTRY_WORDS["vi"]) + r")$")  # "Thủ tướng Việt Nam"


def resolve(index: TermIndex, text: str, lang: str, *, country: str | None, roles: AbstractSet[str]) -> Resolved:
    """Which title concept ``text`` names here: a role of the person first, then the country's, then the only one.

    Cached on the index: the title checks and the near-miss check of one article ask about the same mentions.
    """
    return _resolve(index, text, lang, country, frozenset(roles))


@per_index(16384)
def _resolve(index: TermIndex, text: str, lang: str, country: str | None, roles: frozenset[str]) -> Resolved:
    cands = index.lookup(text, lang, types=("title",))
    if not cands and lang == "vi":
        stripped = _VI_COUNTRY_END.sub("", normalize(text))
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


@dataclass(frozen=True)
class Judgement:
    """Whether a title fits its person's roles on a date (None: the glossary cannot tell), with the evidence."""

    fits: bool | None
    expected: frozenset[str]  # title concept ids of the person's roles on the date
    named: str | None = None  # the title concept the text names, when the glossary knows it


def _same_words(a: str, b: str, lang: str) -> bool:
    """True when two titles have the same content words (country words and connectors aside)."""
    if lang == "ko":
        return "".join(_ko_compact(content_words(a, lang))) == "".join(_ko_compact(content_words(b, lang)))
    return content_words(a, lang) == content_words(b, lang)


def role_forms(index: TermIndex, titles: set[str] | frozenset[str], lang: str) -> list[str]:
    """The approved forms of ``titles`` and the parts of combined ones ("Phó Thủ tướng" of "… kiêm …")."""
    return [part for t in sorted(titles) for term in index.approved(t, lang) for part in title_parts(term.text, lang)]


@per_index(16384)
def judge(index: TermIndex, title: str, lang: str, *, person: str, day: date, country: str | None) -> Judgement:
    """Does ``title`` fit what ``person`` was on ``day``?

    True when it is an approved form of one of the person's roles on the day, or a shortening that keeps
    the rank (a part of a combined title counts); False when it names a glossary title that is not one of
    those roles, or a post the person held only at another time; None when the glossary cannot tell.
    Cached on the index: the checks of one article, and the articles of one batch, ask about the same people and
    titles.
    """
    expected = role_titles(index, person, day)
    forms = role_forms(index, expected, lang)
    if any(_same_words(title, form, lang) for form in forms):
        return Judgement(True, expected)
    every = role_titles(index, person, None)
    res = resolve(index, title, lang, country=country, roles=set(expected) or every)
    if res.concept in expected:  # the right post; a forbidden form of it is non-official-name's to report
        return Judgement(True if res.approved else None, expected, res.concept)
    if res.concept is not None and res.approved and expected:  # the approved form of another post
        return Judgement(False, expected, res.concept)
    if any(compatible(title, form, lang) for form in forms):
        return Judgement(True, expected)
    if res.candidates and expected:
        return Judgement(False, expected, res.concept)
    other = every - expected
    if res.concept in other:
        return Judgement(False, expected, res.concept)
    held = next(
        (t for t in sorted(other) if any(compatible(title, f, lang) for f in role_forms(index, {t}, lang))), None
    )
    if held is not None:
        return Judgement(False, expected, held)
    return Judgement(None, expected, res.concept)


def describe_roles(index: TermIndex, person: str, day: date | None, lang: str) -> str:
    """The person's roles (on ``day``, or all), as evidence.

    For example "Acting President (T_ROK_ACTING_PRESIDENT, 2024-12-14–2024-12-27)".
    """
    roles = index.roles(person, day)
    if not roles:
        return "no role in the glossary" + (f" on {day.isoformat()}" if day else "")
    described = []
    for role in roles:
        name = index.preferred_text(role.title, lang) or role.title
        span = f"{role.start.isoformat() if role.start else '…'}–{role.end.isoformat() if role.end else 'now'}"
        described.append(f"{name} ({role.title}, {span})")
    return "; ".join(described)


def link_by_role(mentions: list[Mention], index: TermIndex, lang: str, day: date) -> list[Mention]:
    """Short mentions ("조 외교장관", "Minister Cho") re-linked to the glossary person whose post on ``day`` the
    title fits, when the nearest full name with that surname held another post ("조태용" the security adviser).
    """
    persons = {m.concept: m.name for m in mentions if m.concept and len(m.name) > 1}
    linked = []
    for m in mentions:
        owner = None
        if m.title is not None and m.concept and not m.title.past and persons.get(m.concept) != m.name:
            fits = judge(index, m.title.text, lang, person=m.concept, day=day, country=m.title.country).fits
            if not fits:
                owner = next(
                    (
                        c
                        for c, name in persons.items()
                        if c != m.concept
                        and abbreviates(m.name, name)
                        and judge(index, m.title.text, lang, person=c, day=day, country=m.title.country).fits
                    ),
                    None,
                )
        linked.append(m if owner is None else Mention(m.start, m.end, m.name, owner, owner, m.title, m.honorific))
    return linked
