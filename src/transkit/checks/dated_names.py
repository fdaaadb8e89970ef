"""Dated names: an institution's name used outside the dates it was in use.

A term with ``from``/``to`` dates is a name of its concept only between them
(:class:`transkit.glossary.model.Term`). On an article dated 2026, "Bộ Kế hoạch
và Đầu tư" names a ministry merged into the Ministry of Finance on 1 March 2025;
on an article dated 2024, "산업통상부" is a name the ministry did not have yet.

A form marked as past ("the former Ministry of ...", "옛 산업통상자원부",
"Bộ Kế hoạch và Đầu tư (cũ)"), a sentence that tells of the merger or rename
itself ("merged into", "통합", "sáp nhập") and a sentence dated to a year the old
name was still in use ("In 2023, the Ministry of Planning and Investment ...")
name the old institution rightly and are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..analysis.lexicon import PAST_BEFORE
from ..findings import Finding, Severity
from ..glossary.matcher import Match
from ..glossary.model import Term
from .checked_text import CheckedText
from .registry import finding, register

__all__ = ["dated_name"]

# Words before an institution's name that mark it as a former one.
_FORMER_BEFORE: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"(?:\bformerly(?: the| known as(?: the)?)?|\bdefunct|\bnow-defunct)\s*$", re.IGNORECASE),
    "ko": re.compile(r"(?:^|\s)(?:옛|구|舊)\s*$"),
    "vi": re.compile(r"(?:\btrước là|\btrước kia là)\s*$", re.IGNORECASE),
}
# ... and after it ("Bộ Kế hoạch và Đầu tư (cũ)").
_FORMER_AFTER: dict[str, re.Pattern[str]] = {
    "en": re.compile(r"^\s*\((?:former|now [^)]*|until \d{4})\)", re.IGNORECASE),
    "ko": re.compile(r"^\s*\((?:구|옛|현 [^)]*)\)"),
    "vi": re.compile(r"^\s*(?:\(cũ\)|cũ\b|\(nay là [^)]*\)|trước đây)", re.IGNORECASE),
}
# A sentence with one of these tells of the change of name itself.
_CHANGE_WORDS: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"\b(?:merg(?:e|ed|er|ing)|renam(?:e|ed|ing)|rebrand(?:ed|ing)?|reorgani[sz]\w*|split)\b", re.IGNORECASE
    ),
    "ko": re.compile(r"통합|통폐합|개편|개칭|명칭\s*변경|이름을\s*바꾼|분리|신설"),
    "vi": re.compile(r"sáp nhập|hợp nhất|đổi tên|tái cơ cấu|sắp xếp|tinh gọn", re.IGNORECASE),
}
_SENTENCE_BREAK = re.compile(r"[.!?。]\s|\n")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


@register("dated-name", Severity.WARNING)
def dated_name(doc: CheckedText) -> Iterator[Finding]:
    """A name of an institution used outside the dates it was in use (renamed or merged)."""
    for match in doc.matches:
        term = match.term
        if not term.approved or not term.dated or term.active_on(doc.day):
            continue
        if _named_rightly_elsewhere(doc, match) or _marked_past(doc, match):
            continue
        sentence = _sentence(doc.text, match.start, match.end)
        if _tells_of_change(sentence, doc.lang) or _dated_in_use(sentence, term):
            continue
        concept = doc.index.concept(match.concept)
        if concept is None:
            continue
        current = concept.name_on(doc.lang, doc.day)
        if current is None or current.text == term.text:
            current = None
        if term.start is not None and doc.day < term.start:
            span = f"only from {term.start}"
        else:
            span = f"only until {term.end}"
        when = doc.day.isoformat() + ("" if doc.dated else " (today: the article states no date)")
        yield finding(
            doc,
            "dated-name",
            match.start,
            match.end,
            f"'{match.text}' is a name of {concept.id} {span}; on {when} "
            + (f"write '{current.text}'" if current else "it has no name in use (see the glossary note)"),
            concept=concept.id,
            suggestion=current.text if current else None,
            fixable=current is not None and doc.dated,
            severity=None if doc.dated else Severity.INFO,
        )


def _named_rightly_elsewhere(doc: CheckedText, match: Match) -> bool:
    """True when another concept has this form as a name in use on the article's date."""
    for concept_id in match.alternatives:
        term = doc.index.term(concept_id, doc.lang, match.text)
        if term is not None and term.approved and term.active_on(doc.day):
            return True
    return False


def _marked_past(doc: CheckedText, match: Match) -> bool:
    """True when words next to the name mark the institution as a former one."""
    before, after = doc.text[: match.start], doc.text[match.end :]
    if match.particle:
        after = after[len(match.particle) :]
    if any(p is not None and p.search(before) for p in (PAST_BEFORE.get(doc.lang), _FORMER_BEFORE.get(doc.lang))):
        return True
    pattern = _FORMER_AFTER.get(doc.lang)
    return bool(pattern and pattern.search(after))


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence (or line) around ``text[start:end]``."""
    starts = [m.end() for m in _SENTENCE_BREAK.finditer(text, 0, start)]
    stop = _SENTENCE_BREAK.search(text, end)
    return text[starts[-1] if starts else 0 : stop.start() if stop else len(text)]


def _tells_of_change(sentence: str, lang: str) -> bool:
    """True when the sentence tells of a merger or a change of name."""
    pattern = _CHANGE_WORDS.get(lang)
    return bool(pattern and pattern.search(sentence))


def _dated_in_use(sentence: str, term: Term) -> bool:
    """True when the sentence names a year in which the (old) name was in use: "In 2023, the Ministry ..."."""
    if term.end is None:
        return False
    return any(int(year) <= term.end.year for year in _YEAR.findall(sentence))
