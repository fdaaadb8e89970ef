"""Context-dependent titles: whose title it is decides how it is translated.

Vietnamese writes "Thứ trưởng Ngoại giao" for the US Deputy Secretary of State
and for a Vietnamese deputy minister of foreign affairs alike. Next to a person
the glossary knows, the title is resolved from that person's role on the
article's date: "Thứ trưởng Ngoại giao Mỹ Kurt Campbell" (2024) is the Deputy
Secretary of State, "Thứ trưởng Ngoại giao Hà Kim Ngọc" the deputy minister.

A title next to a person is re-read as the person's role title when the two
agree once country words (Mỹ, US, 미국 …) and the Vietnamese "Bộ" (ministry) are
left out (in Korean, its last words are enough: 캠벨 부장관), so a source that gives a person a different post ("Ngoại trưởng
Kurt Campbell") is not silently changed. A title marked as past ("nguyên",
"former", "전") is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..analysis.lexicon import COUNTRY_WORDS, HONORIFICS, PAST_BEFORE
from ..glossary.index import TermIndex
from ..glossary.matcher import Match
from ..lang.korean import PARTICLES
from ..lang.normalize import normalize

__all__ = ["TitleSite", "loose_form", "title_sites"]

_MAX_WORDS = 10
# Words that qualify a title without changing the post: countries, and vi "Bộ" (ministry of).
_EXTRA_QUALIFIERS = {"en": ("the",), "ko": (), "vi": ("bộ",)}
_WORD = re.compile(r"[^\s,;:()\"“”]+")
_SENTENCE_END = re.compile(r"[.!?。]\s")


@dataclass(frozen=True)
class TitleSite:
    """A span of the source that is the title of the person next to it."""

    start: int
    end: int
    text: str
    concept: str  # the title concept (the person's role on the date)
    person: str  # the person concept


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


def title_sites(text: str, lang: str, matches: list[Match], index: TermIndex, day: date) -> list[TitleSite]:
    """Titles next to known persons, resolved to the title each person held on ``day``."""
    sites: list[TitleSite] = []
    for m in matches:
        concept = index.glossary.get(m.concept)
        if concept is None or concept.type != "person" or m.status == "forbidden":
            continue
        keys: dict[str, str] = {}
        for role in concept.roles_on(day):
            if role.title in index.glossary:
                for term in index.approved(role.title, lang):
                    keys.setdefault(loose_form(term.text, lang), role.title)
        if lang == "ko":  # Korean shortens a title to its last words next to the name: 캠벨 부장관
            for key, title in list(keys.items()):
                words = key.split()
                for i in range(1, len(words)):
                    keys.setdefault(" ".join(words[i:]), title)
        keys.pop("", None)
        if not keys:
            continue
        site = _before(text, m.start, lang, keys, m.concept)
        if site is None and lang == "ko":
            site = _after(text, m.end, keys, m.concept)
        if site is not None:
            sites.append(site)
    return sites


def _before(text: str, start: int, lang: str, keys: dict[str, str], person: str) -> TitleSite | None:
    """The longest run of words ending right before ``start`` (an honorific and a comma allowed) that is a key."""
    head = text[:start].rstrip()
    for honorific in HONORIFICS.get(lang, ()):
        if head.endswith(honorific) and (len(head) == len(honorific) or not head[-len(honorific) - 1].isalnum()):
            head = head[: -len(honorific)].rstrip()
            break
    head = head.rstrip(",").rstrip()
    ends = [m.end() for m in _SENTENCE_END.finditer(head)]
    floor = ends[-1] if ends else 0
    words = [m for m in _WORD.finditer(head, floor)][-_MAX_WORDS:]
    for n in range(len(words), 0, -1):
        a, b = words[-n].start(), words[-1].end()
        if b != len(head):
            return None
        concept = keys.get(loose_form(text[a:b], lang))
        if concept is not None and not _past(text[:a], lang):
            return TitleSite(a, b, text[a:b], concept, person)
    return None


def _after(text: str, end: int, keys: dict[str, str], person: str) -> TitleSite | None:
    """Korean name-then-title ("커트 캠벨 국무부 부장관은"): the longest run of words after ``end``."""
    if end < len(text) and not text[end].isspace():
        return None
    sentence = _SENTENCE_END.search(text, end)
    words = list(_WORD.finditer(text, end, sentence.start() + 1 if sentence else len(text)))[:_MAX_WORDS]
    for n in range(len(words), 0, -1):
        a = words[0].start()
        last = words[n - 1]
        for b in (last.end(), last.end() - _particle_length(last.group())):
            concept = keys.get(loose_form(text[a:b], "ko")) if b > a else None
            if concept is not None:
                return TitleSite(a, b, text[a:b], concept, person)
    return None


def _particle_length(word: str) -> int:
    """Characters of a Korean particle (and punctuation after it) at the end of ``word``."""
    core = word.rstrip(".,!?")
    for size in range(min(4, len(core) - 1), 0, -1):
        if core[-size:] in PARTICLES:
            return size + len(word) - len(core)
    return len(word) - len(core)


def _past(before: str, lang: str) -> bool:
    pattern = PAST_BEFORE.get(lang)
    return bool(pattern and pattern.search(before))
