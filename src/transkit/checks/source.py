"""Checks that compare a translation with its source, and checks of machine-translation failure modes."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterator
from itertools import cycle
from typing import TYPE_CHECKING

from ..analysis.dates import MONTHS
from ..analysis.lexicon import CAPITALS, COUNTRY_WORDS, KO_HANJA_COUNTRIES
from ..findings import Finding, Severity
from ..glossary.model import Concept
from ..lang.normalize import normalize
from ..lang.sentences import split_sentences
from ..text.document import verbatim_spans
from .checked_text import CheckedText
from .registry import finding, register

if TYPE_CHECKING:
    from ..glossary.matcher import Match

__all__ = ["numbers"]

_SCALE = {
    "en": {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12},
    "ko": {"천": 1e3, "만": 1e4, "억": 1e8, "조": 1e12},
    "vi": {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9, "nghìn tỷ": 1e12},
}
_NUMBER = {
    # en and ko write 1,234.5; vi writes 1.234,5
    "en": r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?",
    "ko": r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?",
    "vi": r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?",
}
_MONTH_NAME = re.compile(r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+\d", re.IGNORECASE)


def numbers(text: str, lang: str) -> list[tuple[int, int, float]]:
    """``(start, end, value)`` of the numbers in ``text``, scale words applied ("1.5 billion", "10억", "2 tỷ").

    English month names count as their number, so "February 29" agrees with "2월 29일".
    """
    scales = "|".join(sorted(map(re.escape, _SCALE[lang]), key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w.,])({_NUMBER[lang]})(?:\s?({scales}))?(?![\d])")
    found = []
    for m in pattern.finditer(text):
        raw = m.group(1)
        raw = raw.replace(".", "").replace(",", ".") if lang == "vi" else raw.replace(",", "")
        value = float(raw) * _SCALE[lang].get(m.group(2) or "", 1)
        found.append((m.start(), m.end(), value))
    if lang == "en":
        found += [(m.start(1), m.end(1), float(MONTHS[m.group(1).lower()])) for m in _MONTH_NAME.finditer(text)]
    return sorted(found)


def sentence_of(doc: CheckedText, source_offset: int) -> tuple[int, int]:
    """The target sentence aligned by position with the source sentence holding ``source_offset``."""
    assert doc.source is not None and doc.source_lang is not None
    src = split_sentences(doc.source, doc.source_lang)
    tgt = split_sentences(doc.text, doc.lang)
    index = next((i for i, (s, e) in enumerate(src) if s <= source_offset < e), None)
    if index is not None and len(src) == len(tgt):
        return tgt[index]
    return (0, 0)


@register("missing-term", Severity.ERROR, needs_source=True)
def missing_term(doc: CheckedText) -> Iterator[Finding]:
    """A glossary term of the source has no approved translation in the output."""
    present: Counter[str] = Counter()
    for m in doc.matches:
        if m.term.approved:
            for cid in (m.concept, *m.alternatives):
                present[cid] += 1
    needed: dict[str, Match] = {}
    for m in doc.source_matches:
        if m.term.approved:  # a forbidden source form asks for nothing ("Deputy Secretary" is no ROK title)
            needed.setdefault(m.concept, m)
    for concept_id, m in needed.items():
        concept = doc.index.concept(concept_id)
        target = concept.preferred(doc.lang) if concept else None
        if (
            target is None
            or present[concept_id]
            or any(present[a] for a in m.alternatives)
        ):
            continue
        if concept is not None and _inside_a_match(doc, concept):
            continue
        if _qualifies_a_present_title(doc, m, present) or _country_named(doc, m.text):
            continue
        start, end = sentence_of(doc, m.start)
        yield finding(
            doc,
            "missing-term",
            start,
            end,
            f"the source has '{m.text}' ({concept_id}) but the translation has no approved form of it; "
            f"expected '{target.text}'",
            concept=concept_id,
            suggestion=target.text,
        )


def _qualifies_a_present_title(doc: CheckedText, m: Match, present: Counter[str]) -> bool:
    """True when the source term is the institution written just before a title the translation has.

    "백악관 국가안전보장회의(NSC) 인도·태평양 조정관": the White House is part of the coordinator's title,
    which English writes "Coordinator for Indo-Pacific Affairs" without it.
    """
    assert doc.source is not None
    return any(
        t.start > m.end
        and not doc.source[m.end : t.start].strip()
        and present[t.concept]
        and (concept := doc.index.concept(t.concept)) is not None
        and concept.type == "title"
        for t in doc.source_matches
    )


def _country_named(doc: CheckedText, source_form: str) -> bool:
    """True when the source names a country the translation names by its adjective or capital
    ("한국 기업" as "Korean companies", "Hàn Quốc và Mỹ" as "Seoul and Washington")."""
    assert doc.source_lang is not None
    code = COUNTRY_WORDS[doc.source_lang].get(normalize(source_form))
    if code is None:
        return False
    words = [w for table in (COUNTRY_WORDS, CAPITALS) for w, c in table[doc.lang].items() if c == code]
    pattern = r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")(?!\w)"
    return re.search(pattern, normalize(doc.text)) is not None


def _inside_a_match(doc: CheckedText, concept: Concept) -> bool:
    """True when an approved form of ``concept`` is written inside a longer term the matcher found.

    "국가안전보장회의(NSC) 인도·태평양 조정관" (the coordinator's title) holds 국가안전보장회의 (the Council).
    """
    forms = [normalize(t.text) for t in concept.terms if t.lang == doc.lang and t.approved]
    return any(form in normalize(m.text) for m in doc.matches if m.concept != concept.id for form in forms)


@register("number-mismatch", Severity.ERROR, needs_source=True)
def number_mismatch(doc: CheckedText) -> Iterator[Finding]:
    """A number, date or amount of the output is not in the source."""
    assert doc.source is not None and doc.source_lang is not None
    source_values = Counter(round(v, 6) for _, _, v in numbers(doc.source, doc.source_lang))
    for start, end, value in numbers(doc.text, doc.lang):
        key = round(value, 6)
        if source_values[key] > 0:
            source_values[key] -= 1
            continue
        yield finding(doc, "number-mismatch", start, end, f"'{doc.text[start:end]}' does not appear in the source")


_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@register("untranslated", Severity.WARNING, needs_source=True)
def untranslated(doc: CheckedText) -> Iterator[Finding]:
    """Three or more consecutive source words copied into the output untranslated."""
    assert doc.source is not None
    if doc.source_lang == doc.lang:
        return
    source_words = [w.casefold() for w in _WORD.findall(doc.source)]
    trigrams = {tuple(source_words[i : i + 3]) for i in range(len(source_words) - 2)}
    covered = [(m.start, m.end) for m in doc.matches] + [(n.start, n.end) for n in doc.names]
    covered += verbatim_spans(doc.text)
    words = list(_WORD.finditer(doc.text))
    i = 0
    while i + 2 < len(words):
        if tuple(w.group().casefold() for w in words[i : i + 3]) not in trigrams:
            i += 1
            continue
        j = i + 3
        while j < len(words) and tuple(w.group().casefold() for w in words[j - 2 : j + 1]) in trigrams:
            j += 1
        start, end = words[i].start(), words[j - 1].end()
        inside = any(s <= start and end <= e for s, e in covered)
        if not inside and not all(w.group()[:1].isupper() for w in words[i:j]):
            yield finding(
                doc, "untranslated", start, end, f"'{doc.text[start:end]}' is copied from the source untranslated"
            )
        i = j


_SCRIPTS = {
    "Hangul": re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]+(?:\s+[\uac00-\ud7a3]+)*"),
    "Han": re.compile(r"[\u4e00-\u9fff]+"),
    "Cyrillic": re.compile(r"[\u0400-\u04ff]+(?:\s+[\u0400-\u04ff]+)*"),
    "Kana": re.compile(r"[\u3040-\u30ff]+"),
}
_ALLOWED = {"en": set(), "vi": set(), "ko": {"Hangul"}}


@register("wrong-script", Severity.ERROR)
def wrong_script(doc: CheckedText) -> Iterator[Finding]:
    """Output in a script the target language does not use (Hangul in English, Cyrillic anywhere)."""
    for script, pattern in _SCRIPTS.items():
        if script in _ALLOWED[doc.lang]:
            continue
        for m in pattern.finditer(doc.text):
            if (
                doc.lang == "ko"
                and script == "Han"
                and (m.end() - m.start() == 1 or set(m.group()) <= KO_HANJA_COUNTRIES)
            ):
                continue  # one-hanja abbreviations are Korean news style: 美, 前, 韓美日
            yield finding(doc, "wrong-script", m.start(), m.end(), f"{script} text in a {doc.lang} text")


_TOKEN = re.compile(r"[^\s.,!?;:\"“”()]+")


_MAX_PHRASE = 6  # words
# at i, the same character at i, i + n and i + 2n (n = 1 ... _MAX_PHRASE)
_PERIODS = [re.compile(rf"(?=(.).{{{n - 1}}}\1.{{{n - 1}}}\1)", re.DOTALL) for n in range(1, _MAX_PHRASE + 1)]


def _repeats(words: list[str]) -> Iterator[tuple[int, int, int]]:
    """(first word, word count of the phrase, times) for phrases of up to six words said 3+ times in a row."""
    # A phrase of n words said three times in a row starts at an i with words[i] == words[i+n] == words[i+2n]:
    # with one character per distinct word, a regular expression finds those i (past 0x10FFFF distinct words, two
    # words may share one: a start found so is checked below like any other).
    codes = dict(zip(dict.fromkeys(words), cycle(range(0x110000))))
    coded = "".join(map(chr, map(codes.__getitem__, words)))
    starts = sorted({m.start() for period in _PERIODS for m in period.finditer(coded)})
    after = 0  # a repeat found ends here: the next one starts at or after it
    for i in starts:
        if i < after:
            continue
        for n in range(1, _MAX_PHRASE + 1):
            times = 1
            while words[i + times * n : i + (times + 1) * n] == words[i : i + n]:
                times += 1
            if times >= 3:
                yield i, n, times
                after = i + n * times
                break


@register("repetition", Severity.ERROR)
def repetition(doc: CheckedText) -> Iterator[Finding]:
    """A word or phrase repeated three or more times in a row (runaway machine translation)."""
    repeats = list(_repeats(list(map(str.casefold, _TOKEN.findall(doc.text)))))
    tokens = list(_TOKEN.finditer(doc.text)) if repeats else []
    for first, n, times in repeats:
        start, end = tokens[first].start(), tokens[first + n * times - 1].end()
        phrase = doc.text[start : tokens[first + n - 1].end()]
        yield finding(
            doc, "repetition", start, end, f"'{phrase}' repeats {times} times", suggestion=phrase, fixable=True
        )


@register("length-ratio", Severity.WARNING, needs_source=True)
def length_ratio(doc: CheckedText) -> Iterator[Finding]:
    """A sentence far longer or shorter than its source, compared with the rest of the document."""
    assert doc.source is not None and doc.source_lang is not None
    src = split_sentences(doc.source, doc.source_lang)
    tgt = split_sentences(doc.text, doc.lang)
    if len(src) != len(tgt) or len(src) < 3:
        return
    ratios = [(e - s) / max(1, se - ss) for (s, e), (ss, se) in zip(tgt, src)]
    median = statistics.median(ratios)
    for (s, e), ratio in zip(tgt, ratios):
        if ratio > 2.5 * median or ratio < median / 2.5:
            yield finding(
                doc,
                "length-ratio",
                s,
                e,
                f"this sentence is {ratio / median:.1f}x the document's usual length ratio to its source",
            )
