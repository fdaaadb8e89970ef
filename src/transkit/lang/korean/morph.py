"""Nouns and the particles after them in running Korean text, found with Kiwi (kiwipiepy).

Kiwi is loaded once, lazily, on the first call, single-threaded and without its
dictionaries (default, typo and multi-word): its language model finds the nouns and
particles of the test texts as well without them, and with them loading and the first
analysis take about 4-6 s of CPU instead of about 1.8 s (on the project's 2-core machine).

That load is most of a Korean ``transkit check`` (``python benchmarks/startup.py``). Two ways to cut it do not work
with kiwipiepy 0.24: kiwipiepy-model 0.24 ships only the CoNg model (``model_type`` 'none' loads CoNg too,
'largest' its global variant; 'knlm' and 'sbg' find no model file), and Kiwi holds the GIL while it loads and on
its first analysis, so loading it in a background thread overlaps nothing.

The particle is taken from the text itself, not from Kiwi's tag, because Kiwi reads
a wrong particle as anything: 캠벨는 comes out as 캠벨/NNP 늘/VV ᆫ/ETM, 캠벨를 as
캠벨/NNP 르/NNG ᆯ/JKO, 루비오은 as 루비오/NNP 은/EC, 장관가 as 장관/NNG 가/VV. So Kiwi
only says where a noun ends; what follows counts as a particle when the text there
is one up to the end of the word (:func:`~transkit.lang.korean.particles.split_particle`),
starting where a token starts. Kiwi also swallows a wrong particle into a noun it
does not know (마이크로소프트은/NNG, oov): such a noun is split when the rest is a noun
Kiwi knows on its own (마이크로소프트), and left whole otherwise (블링컨가, 하메네이).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .particles import PARTICLES, split_particle

if TYPE_CHECKING:
    from kiwipiepy import Kiwi

__all__ = ["NounParticle", "kiwi", "noun_particles"]

# Tags that end a nominal: nouns, pronouns, numerals, foreign words, numbers, Chinese
# characters, noun suffixes (들), closing brackets and quotes, other symbols (%).
_NOMINAL = {"NNG", "NNP", "NNB", "NR", "NP", "SL", "SN", "SH", "XSN", "SSC", "SW"}
_LONGEST = max(map(len, PARTICLES))


@dataclass(frozen=True)
class NounParticle:
    """A word (from the start of its eojeol to the end of the noun) and the particle right after it."""

    start: int
    end: int  # where the particle starts
    word: str
    particle: str


@lru_cache(maxsize=1)
def kiwi() -> Kiwi:
    """The shared Kiwi analyser, loaded on first use."""
    from kiwipiepy import Kiwi

    with warnings.catch_warnings():  # num_workers=0 warns that its meaning changed in 0.21: single thread now
        warnings.simplefilter("ignore", DeprecationWarning)
        return Kiwi(num_workers=0, load_default_dict=False, load_typo_dict=False, load_multi_dict=False)


def _eojeol_start(text: str, position: int) -> int:
    while position > 0 and not text[position - 1].isspace():
        position -= 1
    return position


def _particle_after(text: str, tokens: list[Any], i: int) -> str | None:
    """The particle right after the nominal ``tokens[i]``, if a token starts there and the text is one."""
    end = tokens[i].end
    if tokens[i + 1].start != end:
        return None
    return split_particle(text[end : end + 8])


@lru_cache(maxsize=4096)
def _known_noun(word: str) -> bool:
    """Whether Kiwi reads ``word`` on its own as one noun it knows."""
    tokens = kiwi().tokenize(word)
    return len(tokens) == 1 and tokens[0].tag in ("NNG", "NNP") and not tokens[0].oov


def _swallowed_particle(text: str, token: Any) -> str | None:
    """A particle at the end of a noun Kiwi does not know (마이크로소프트은/NNG), when the rest is a noun it knows."""
    form = text[token.start : token.end]
    for size in range(min(_LONGEST, len(form) - 2), 0, -1):
        particle = form[-size:]
        if split_particle(text[token.end - size :]) == particle and _known_noun(form[:-size]):
            return particle
    return None


def noun_particles(text: str) -> list[NounParticle]:
    """Each noun in ``text`` directly followed by a particle, with offsets into ``text``.

    >>> [(p.word, p.particle) for p in noun_particles("캠벨는 Blinken은 서울로 갔다.")]
    [('캠벨', '는'), ('Blinken', '은'), ('서울', '로')]
    """
    tokens = kiwi().tokenize(text)
    found: list[NounParticle] = []
    for i, token in enumerate(tokens):
        if token.tag not in _NOMINAL:
            continue
        end, particle = token.end, None
        if token.oov and token.tag in ("NNG", "NNP"):
            particle = _swallowed_particle(text, token)
            end -= len(particle or "")
        if particle is None and i + 1 < len(tokens):
            particle = _particle_after(text, tokens, i)
        if particle is not None:
            start = _eojeol_start(text, token.start)
            found.append(NounParticle(start, end, text[start:end], particle))
    return found
