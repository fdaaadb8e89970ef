"""Korean particles that disagree with the word before them (캠벨는, 장관를, CHIPS은)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from .. import korean
from .document import Document
from .findings import Finding, Severity
from .lexicon import KO_HEADS
from .registry import finding, register

__all__: list[str] = []

_LOOKAHEAD = max(len(p) for p in korean.PARTICLES) + 1  # what split_particle needs to decide
# The text after a word repeats a lot (은 + space, 에서 + space ...): remember the answers.
_split_particle = lru_cache(maxsize=8192)(korean.split_particle)
_LATIN_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*|[0-9]+(?![0-9])")
_HEAD_WORD = re.compile(r"(?<![가-힣])[가-힣]*(?:" + "|".join(KO_HEADS) + r")(?=[가-힣])")


def _words(doc: Document) -> Iterator[tuple[int, int, str | None, bool | None, str | None]]:
    """(start, end, reading, final-consonant flag, concept) of nouns whose particle can be judged."""
    for m in doc.matches:
        yield m.start, m.end, m.term.reading, m.term.final_consonant, m.concept
    names = {t for n in doc.names for t in n.text.split()} | {m.name for m in doc.mentions}
    for name in sorted(n for n in names if n and all(korean.is_hangul(c) for c in n)):
        for m in re.finditer(rf"(?<![가-힣]){re.escape(name)}(?=[가-힣])", doc.text):
            yield m.start(), m.end(), None, None, None
    for m in _HEAD_WORD.finditer(doc.text):
        yield m.start(), m.end(), None, None, None
    for m in _LATIN_WORD.finditer(doc.text):
        if m.end() < len(doc.text) and korean.is_hangul(doc.text[m.end()]):
            yield m.start(), m.end(), None, None, None


@register("korean-particle", Severity.ERROR)
def korean_particle(doc: Document) -> Iterator[Finding]:
    """A Korean particle disagrees with the word before it."""
    if doc.lang != "ko":
        return
    seen: set[int] = set()
    for start, end, reading, flag, concept in _words(doc):
        if end in seen:
            continue
        seen.add(end)
        particle = _split_particle(doc.text[end : end + _LOOKAHEAD])
        if particle is None:
            continue
        word = doc.text[start:end]
        if korean.agrees(word, particle, reading, flag) is not False:
            continue
        final = korean.final_consonant(word, reading, flag)
        right = korean.agree(particle, bool(final), korean.final_is_rieul(word, reading))
        yield finding(
            doc,
            "korean-particle",
            end,
            end + len(particle),
            f"'{particle}' does not agree with '{word}'; use '{right}'",
            concept=concept,
            suggestion=right,
            fixable=True,
        )
