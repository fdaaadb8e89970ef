"""Context-dependent titles: whose title it is decides how it is translated.

Vietnamese writes "Thứ trưởng Ngoại giao" for the US Deputy Secretary of State
and for a Vietnamese deputy minister of foreign affairs alike. Next to a person
the glossary knows, the title is resolved from that person's role on the
article's date: "Thứ trưởng Ngoại giao Mỹ Kurt Campbell" (2024) is the Deputy
Secretary of State, "Thứ trưởng Ngoại giao Hà Kim Ngọc" the deputy minister.

Which title belongs to which person is the checker's decision too: both read the
mentions of :mod:`transkit.analysis.mentions` (title before or after the name, in
apposition, in lists, past titles marked). A title is re-read as the person's role
title when the two agree once country words (Mỹ, US, 미국 …) and the Vietnamese
"Bộ" (ministry) are left out (:func:`transkit.analysis.roles.loose_form`; in Korean,
its last words are enough: 캠벨 부장관), so a source that gives a person a different
post ("Ngoại trưởng Kurt Campbell") is not silently changed. A past title
("nguyên", "former", "전") is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..analysis.mentions import find_mentions, person_names
from ..analysis.roles import loose_form
from ..glossary.index import TermIndex
from ..glossary.matcher import Match

__all__ = ["TitleSite", "title_sites"]


@dataclass(frozen=True)
class TitleSite:
    """A span of the source that is the title of the person next to it."""

    start: int
    end: int
    text: str
    concept: str  # the title concept (the person's role on the date)
    person: str  # the person concept


def _role_keys(index: TermIndex, person: str, lang: str, day: date) -> dict[str, str]:
    """Loose forms of the person's role titles on ``day`` (and, in Korean, their last words) -> title concept."""
    keys: dict[str, str] = {}
    for role in index.roles(person, day):
        if role.title in index.glossary:
            for term in index.approved(role.title, lang):
                keys.setdefault(loose_form(term.text, lang), role.title)
    if lang == "ko":  # Korean shortens a title to its last words next to the name: 캠벨 부장관
        for key, title in list(keys.items()):
            words = key.split()
            for i in range(1, len(words)):
                keys.setdefault(" ".join(words[i:]), title)
    keys.pop("", None)
    return keys


def title_sites(text: str, lang: str, matches: list[Match], index: TermIndex, day: date) -> list[TitleSite]:
    """Titles of known persons in ``text`` that name the person's post on ``day``, resolved to that post."""
    names = person_names([m for m in matches if m.status != "forbidden"], index, text, lang)
    sites: list[TitleSite] = []
    for mention in find_mentions(text, lang, names=names, index=index):
        title = mention.title
        if mention.concept is None or title is None or title.past:
            continue
        concept = _role_keys(index, mention.concept, lang, day).get(loose_form(title.text, lang))
        if concept is not None:
            sites.append(TitleSite(title.start, title.end, title.text, concept, mention.concept))
    return sites
