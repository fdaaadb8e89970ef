"""What machine translation leaves behind: source abbreviations, word-for-word titles, names left in Latin script.

These need no source text: the glossary and the lexicon of source-language shorthand say what the
target language writes instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..analysis.lexicon import SOURCE_ABBREVIATIONS
from ..findings import Finding, Severity
from ..glossary.index import TermIndex, per_index
from ..lang.normalize import normalize
from .checked_text import CheckedText
from .registry import finding, register

__all__: list[str] = []

_ABBREVIATION = {
    # Latin letters bound them, not Hangul: a Korean particle may follow ("ROK은")
    lang: re.compile(
        r"(?<![A-Za-zÀ-ỹĐđ0-9#-])("
        + "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
        + r")(?![A-Za-zÀ-ỹĐđ0-9#-])"
    )
    for lang, words in SOURCE_ABBREVIATIONS.items()
}
# "Secretary" translated as a clerk: "thư ký Nhà nước", "thư ký Quốc phòng" (not "Tổng Thư ký", Secretary-General).
_VI_CLERK_TITLE = re.compile(r"(?<!Tổng )(?<![\w])[Tt]hư ký (?:[A-ZĐ]\w*)(?: [a-zđ]\w*)?")
_LATIN_WORD = r"[A-ZÀ-ÝĐ\u1ea0-\u1ef8][a-zà-ÿđ\u1ea1-\u1ef9'’-]+"  # Latin, Vietnamese letters included
_LATIN_RUN = re.compile(rf"{_LATIN_WORD}(?: {_LATIN_WORD})*")


@per_index()
def _english_titles(index: TermIndex, lang: str) -> dict[str, tuple[str, str]]:
    """Multi-word English approved title forms whose ``lang`` form differs: form -> (concept id, ``lang`` form)."""
    found: dict[str, tuple[str, str]] = {}
    for concept in index.glossary:
        if concept.type != "title":
            continue
        target = concept.preferred(lang)
        for term in concept.terms_in("en"):
            if term.approved and " " in term.text and target is not None and target.text != term.text:
                found.setdefault(term.text, (concept.id, target.text))
    return found


@per_index()
def _english_title_pattern(index: TermIndex, lang: str) -> re.Pattern[str] | None:
    forms = sorted(_english_titles(index, lang), key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, forms)) + r")(?!\w)") if forms else None


@register("mt-artefact", Severity.WARNING)
def mt_artefact(doc: CheckedText) -> Iterator[Finding]:
    """Source-language abbreviations, English titles or word-for-word titles left by machine translation."""
    meanings = SOURCE_ABBREVIATIONS.get(doc.lang, {})
    pattern = _ABBREVIATION.get(doc.lang)
    for m in pattern.finditer(doc.text) if pattern else ():
        meaning = meanings[m.group(1)]
        yield finding(doc, "mt-artefact", m.start(), m.end(), f"'{m.group(1)}' is left from the source: {meaning}")
    if doc.lang == "en":
        return
    titles = _english_title_pattern(doc.index, doc.lang)
    for m in titles.finditer(doc.text) if titles else ():
        concept_id, target = _english_titles(doc.index, doc.lang)[m.group(1)]
        yield finding(
            doc,
            "mt-artefact",
            m.start(),
            m.end(),
            f"English title '{m.group(1)}' left in {doc.lang} text; the glossary has '{target}' ({concept_id})",
            concept=concept_id,
            suggestion=target,
        )
    if doc.lang == "vi":
        for m in _VI_CLERK_TITLE.finditer(doc.text):
            yield finding(
                doc,
                "mt-artefact",
                m.start(),
                m.end(),
                f"'{m.group()}' translates the English 'Secretary' (a minister's title) as a clerk",
            )


@per_index()
def _hangul_names(index: TermIndex) -> dict[str, tuple[str, str]]:
    """Latin spellings of glossary persons (and their unique surnames) with a Hangul name: key -> (concept, Hangul)."""
    full: dict[str, tuple[str, str]] = {}
    surnames: dict[str, set[tuple[str, str]]] = {}
    for concept in index.glossary:
        hangul = concept.preferred("ko")
        if concept.type != "person" or hangul is None:
            continue
        for lang in ("en", "vi"):
            for term in concept.terms_in(lang):
                if term.approved:
                    full.setdefault(normalize(term.text), (concept.id, hangul.text))
                    if " " in term.text:
                        surname = normalize(term.text.split()[-1])
                        surnames.setdefault(surname, set()).add((concept.id, hangul.text.split()[-1]))
    for surname, owners in surnames.items():
        if len({c for c, _ in owners}) == 1 and len(surname) > 3:
            full.setdefault(surname, next(iter(owners)))
    return full


@register("untranslated-name", Severity.ERROR)
def untranslated_name(doc: CheckedText) -> Iterator[Finding]:
    """A Latin-script name left in Korean text where the glossary has a Hangul form."""
    if doc.lang != "ko":
        return
    names = _hangul_names(doc.index)
    for m in _LATIN_RUN.finditer(doc.text):
        known = names.get(normalize(m.group()))
        if known is None:
            continue
        concept_id, hangul = known
        yield finding(
            doc,
            "untranslated-name",
            m.start(),
            m.end(),
            f"'{m.group()}' is left in Latin script; the glossary writes {concept_id} as '{hangul}'",
            concept=concept_id,
            suggestion=hangul,
        )
