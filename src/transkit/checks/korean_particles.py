"""Korean particles that disagree with the word before them (캠벨는, 장관를, CHIPS은, 10km을).

The words judged are glossary terms (their glossary reading or final-consonant
flag decides), the people's names the document mentions, and every noun MeCab
finds followed by a particle (:func:`transkit.lang.korean.morph.noun_particles`).
A particle is flagged only when the word's reading is known.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..findings import Finding, Severity
from ..lang import korean
from ..lang.korean.hangul import final_jamo
from ..lang.korean.morph import noun_particles
from .checked_text import CheckedText
from .registry import finding, register

__all__: list[str] = []

_LOOKAHEAD = max(len(p) for p in korean.PARTICLES) + 1  # what split_particle needs to decide


def _words(doc: CheckedText) -> Iterator[tuple[int, int, str | None, bool | None, str | None]]:
    """(start, end, reading, final-consonant flag, concept) of words followed by a particle, glossary terms first."""
    known: list[tuple[int, int, str | None, bool | None, str | None]] = [
        (m.start, m.end, m.term.reading, m.term.final_consonant, m.concept) for m in doc.matches
    ]
    # surname-only and title-only mentions too: "블링컨는", "조 장관를"
    known += [(m.start, m.end, None, None, None) for m in doc.mentions if all(korean.is_hangul(c) for c in m.name)]
    # the words of the glossary names found, and the names mentioned; a one-syllable surname of a mention is
    # too often a syllable of another word (한 of 한다), the last word of a foreign glossary name is not
    # (썬 of 부이 타잉 썬)
    names = {t for n in doc.names for t in n.text.split()} | {m.name for m in doc.mentions if len(m.name) > 1}
    known += [(at, end, None, None, None) for at, end in _run_openers(doc.text, names)]
    # a Latin-script word or a number and the Hangul after it ("CHIPS은", "10km을"): the word ends where the script
    # changes, as MeCab reads it too
    known += [(m.start(), m.end(), None, None, None) for m in _LATIN_BEFORE_HANGUL.finditer(doc.text)]
    yield from known
    # the first word ending somewhere is the one judged there, and no particle starts inside a glossary term or a
    # name (in 바이든 MeCab need not say whether 이든 is one)
    judged = {at for start, end, *_ in known for at in range(start + 1, end + 1)}
    for start, end in _suspect_windows(doc.text, judged):  # MeCab reads only around a possible wrong particle
        for found in noun_particles(doc.text[start:end]):
            if start + found.end not in judged:
                yield start + found.start, start + found.end, None, None, None


def _run_openers(text: str, names: set[str]) -> list[tuple[int, int]]:
    """(start, end) of each Hangul name of ``names`` (in sorted order, each in text order) that opens a run of Hangul
    syllables longer than itself: no syllable before it, one after it (a plain search: a pattern per name would be
    compiled for the names of every document)."""
    found = []
    for name in sorted(n for n in names if all(korean.is_hangul(c) for c in n)):
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if end < len(text) and korean.is_hangul(text[end]) and not (at and korean.is_hangul(text[at - 1])):
                found.append((at, end))
                at = text.find(name, end)
            else:
                at = text.find(name, at + 1)
    return found


_EOJEOL = re.compile(r"\S+")
_LATIN_BEFORE_HANGUL = re.compile(r"(?<!\S)\S*?[A-Za-z0-9](?=[가-힣])")
_CONTEXT = 2  # words read on each side of a suspect word
_SENTENCE = re.compile(r"[^\n.!?]+[.!?]*")


@lru_cache(maxsize=65536)
def _disagreeing_cuts(word: str) -> tuple[int, ...]:
    """Where ``word`` could split into a noun and a particle that noun would not take ("캠벨는": 2).

    A stem whose last syllable ends in ㅆ is left out: no noun ends so (neither a Korean one nor a loanword,
    which is spelt with seven finals), so there 다, 고, 는 are verb endings (했다, 있고, 있는), never particles.
    """
    cuts = []
    for cut in range(max(1, len(word) - _LOOKAHEAD), len(word)):
        if korean.is_hangul(word[cut - 1]) and final_jamo(word[cut - 1]) == "ㅆ":
            continue
        particle = korean.split_particle(word[cut:])
        if particle is None:
            continue
        ending = korean.ending(word[:cut])
        if ending is not None:
            right = korean.agree(particle, ending)
            if right != particle and not right.startswith("ㄹ"):
                cuts.append(cut)
    return tuple(cuts)


def _suspect_windows(text: str, judged: set[int]) -> list[tuple[int, int]]:
    """Where MeCab must read: each word that could end in a disagreeing particle ("캠벨는", "있는") where no word
    already judged ends or runs on (``judged``: offsets in ``text``), with the two words either side of it in its
    sentence (overlapping windows merged). Only there can MeCab's nouns lead to a finding, since a particle that agrees
    with every reading of its stem is no error, and where a glossary term or a name ends the particle is judged
    after it. MeCab tags a word by its neighbours, so it reads a few of them; the whole text, read instead,
    gives the same findings on tests/corpus but takes several times longer (MeCab's Python objects per morpheme)."""
    windows = []
    for sentence in _SENTENCE.finditer(text):
        at = sentence.start()
        matches = list(_EOJEOL.finditer(sentence.group()))
        words = list(map(re.Match.span, matches))
        spans: list[list[int]] = []
        for i, cuts in enumerate(map(_disagreeing_cuts, map(re.Match.group, matches))):
            if not cuts or all(at + words[i][0] + cut in judged for cut in cuts):
                continue
            first, last = max(0, i - _CONTEXT), min(len(words) - 1, i + _CONTEXT)
            if spans and first <= spans[-1][1] + 1:
                spans[-1][1] = last
            else:
                spans.append([first, last])
        windows += [(at + words[first][0], at + words[last][1]) for first, last in spans]
    return windows


@register("korean-particle", Severity.ERROR)
def korean_particle(doc: CheckedText) -> Iterator[Finding]:
    """A Korean particle disagrees with the word before it."""
    if doc.lang != "ko":
        return
    seen: set[int] = set()
    for start, end, reading, flag, concept in _words(doc):
        if end in seen:
            continue
        seen.add(end)
        particle = korean.split_particle(doc.text[end : end + _LOOKAHEAD])
        if particle is None:
            continue
        word = doc.text[start:end]
        ending = korean.ending(word, reading, flag)
        if ending is None:
            continue  # the reading is unknown: no judgement
        right = korean.agree(particle, ending)
        if right == particle or right.startswith("ㄹ"):
            continue
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
