"""Nouns and the particles after them in running Korean text, found with MeCab (python-mecab-ko, mecab-ko-dic).

The analyser is loaded once, lazily, on the first call. MeCab was chosen over Kiwi (kiwipiepy) by measurement
(``python benchmarks/startup.py``): it loads in about 0.1 s where Kiwi takes 1.1-1.7 s of CPU to load and
build its analyser, and it tags a particle that disagrees with its noun as a particle (캠벨/NNP 는/JX,
장관/NNG 가/JKC) where Kiwi reads it as anything (캠벨는 as 캠벨/NNP 늘/VV ᆫ/ETM, 장관가 as 장관/NNG 가/VV).

MeCab splits a noun it does not know into known pieces (블링컨 as 블/NNG 링컨/NNG), so a word is taken from
the start of its eojeol to the end of the nominal token, and the particle from the text itself (up to the end
of the word, :func:`~transkit.lang.korean.particles.split_particle`), starting where a token starts; a particle
counts only where the text there is one. A disagreeing particle that MeCab reads as the end of a longer noun
when another particle follows (우크라이나에: one noun) is part of that noun.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from .particles import agrees, split_particle

if TYPE_CHECKING:
    from mecab import MeCab

__all__ = ["NounParticle", "analyser", "noun_particles"]

# Tags that end a nominal (mecab-ko-dic's tag set): nouns, bound nouns and counters, numerals, pronouns,
# foreign words, numbers, Chinese characters, noun suffixes (들), closing brackets, other symbols (%, 》, ”).
_NOMINAL = {"NNG", "NNP", "NNB", "NNBC", "NR", "NP", "SL", "SN", "SH", "XSN", "SSC", "SY"}


@dataclass(frozen=True)
class NounParticle:
    """A word (from the start of its eojeol to the end of the noun) and the particle right after it."""

    start: int
    end: int  # where the particle starts
    word: str
    particle: str


@lru_cache(maxsize=1)
def analyser() -> MeCab:
    """The shared MeCab analyser with mecab-ko-dic, loaded on first use."""
    from mecab import MeCab

    return MeCab()


def _eojeol_start(text: str, position: int) -> int:
    while position > 0 and not text[position - 1].isspace():
        position -= 1
    return position


@lru_cache(maxsize=4096)
def _one_noun(word: str) -> bool:
    """Whether MeCab reads ``word`` as one noun when a particle follows it.

    mecab-ko-dic knows 우크라 as a noun, so 우크라이나 before a space comes out as 우크라/NNP 이나/JC; before 에
    it comes out whole (우크라이나/NNP), which shows that 이나 is part of the name.
    """
    first = analyser().parse(word + "에")[0]
    return first.span.end == len(word) and first.feature.pos in ("NNG", "NNP")


def noun_particles(text: str) -> list[NounParticle]:
    """Each noun in ``text`` directly followed by a particle, with offsets into ``text``.

    >>> [(p.word, p.particle) for p in noun_particles("캠벨는 Blinken은 서울로 갔다.")]
    [('캠벨', '는'), ('Blinken', '은'), ('서울', '로')]
    """
    morphemes = analyser().parse(text)
    found: list[NounParticle] = []
    for morpheme, after in pairwise(morphemes):
        tag = morpheme.feature.pos.split("+")[-1]  # an entry of several morphemes (NNG+NNG): its last
        end = morpheme.span.end
        if tag not in _NOMINAL or after.span.start != end:
            continue
        particle = split_particle(text[end : end + 8])
        if particle is None:
            continue
        start = _eojeol_start(text, morpheme.span.start)
        if agrees(text[start:end], particle) is False and _one_noun(text[start : end + len(particle)]):
            continue  # a name that ends like a particle (우크라이나), not a wrong one
        found.append(NounParticle(start, end, text[start:end], particle))
    return found
