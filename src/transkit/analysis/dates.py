"""Dates stated in article text, in English, Korean and Vietnamese.

Only complete dates count (day, month and year): "February 29" alone does not
say which year an article is about.

>>> first_date("On February 29, 2024, the ministers met.", "en")
datetime.date(2024, 2, 29)
>>> first_date("2024년 2월 29일 조태열 장관은", "ko")
datetime.date(2024, 2, 29)
>>> first_date("Ngày 29/2/2024, ông Campbell", "vi")
datetime.date(2024, 2, 29)
>>> first_date("On February 29, the ministers met.", "en") is None
True
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

__all__ = ["MONTHS", "DateMention", "find_dates", "find_years", "first_date"]

MONTHS = {  # English month names and abbreviations to their numbers
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
# the month names, after a look at the first letter: without it the names are tried at every word (3x slower)
_MONTH_RE = f"(?=[{''.join(sorted({m[0] for m in MONTHS}))}])(?:{'|'.join(sorted(MONTHS, key=len, reverse=True))})"

_PATTERNS: dict[str, list[tuple[re.Pattern[str], tuple[str, str, str]]]] = {
    "en": [
        (
            re.compile(rf"\b(?P<m>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I),
            ("y", "m", "d"),
        ),
        (re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH_RE})\.?,?\s+(?P<y>\d{{4}})\b", re.I), ("y", "m", "d")),
        (re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"), ("y", "m", "d")),
    ],
    "ko": [
        (re.compile(r"(?P<y>\d{4})\s*년\s*(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일"), ("y", "m", "d")),
        (re.compile(r"\b(?P<y>\d{4})[.-]\s?(?P<m>\d{1,2})[.-]\s?(?P<d>\d{1,2})\b"), ("y", "m", "d")),
    ],
    "vi": [
        (re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\b"), ("y", "m", "d")),
        (re.compile(r"\b(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2}),?\s+năm\s+(?P<y>\d{4})\b", re.I), ("y", "m", "d")),
        (re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"), ("y", "m", "d")),
    ],
}
_YEAR = {
    "en": re.compile(r"\b(?:in|since|until|from)\s+(?P<y>(?:19|20)\d{2})\b", re.I),
    "ko": re.compile(r"(?P<y>(?:19|20)\d{2})\s*년"),
    "vi": re.compile(r"\bnăm\s+(?P<y>(?:19|20)\d{2})\b", re.I),
}


@dataclass(frozen=True)
class DateMention:
    """A complete date written in the text."""

    start: int
    end: int
    value: date


def _number(value: str) -> int:
    return MONTHS[value.lower().rstrip(".")] if value[0].isalpha() else int(value)


def _valid(pattern: re.Pattern[str], text: str) -> Iterator[DateMention]:
    """The valid dates ``pattern`` finds in ``text``, in text order."""
    for m in pattern.finditer(text):
        try:
            value = date(_number(m["y"]), _number(m["m"]), _number(m["d"]))
        except ValueError:
            continue
        yield DateMention(m.start(), m.end(), value)


def find_dates(text: str, lang: str) -> list[DateMention]:
    """Every complete, valid date in ``text``, in text order."""
    found: dict[int, DateMention] = {}
    for pattern, _ in _PATTERNS.get(lang, _PATTERNS["en"]):
        for mention in _valid(pattern, text):
            found.setdefault(mention.start, mention)
    return [found[k] for k in sorted(found)]


def find_years(text: str, lang: str) -> Iterator[tuple[int, int]]:
    """``(offset, year)`` for years stated on their own ("in 2023", "2023년", "năm 2023")."""
    for m in _YEAR.get(lang, _YEAR["en"]).finditer(text):
        yield m.start(), int(m["y"])


def first_date(text: str, lang: str) -> date | None:
    """The first complete date stated in ``text``, or None."""
    # the first valid date of each pattern; at one offset the earlier pattern wins, as in find_dates
    firsts = [
        (first.start, order, first.value)
        for order, (pattern, _) in enumerate(_PATTERNS.get(lang, _PATTERNS["en"]))
        for first in itertools.islice(_valid(pattern, text), 1)
    ]
    return min(firsts)[2] if firsts else None
