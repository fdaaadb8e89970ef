"""Hangul syllables and how they end: in a vowel, in ㄹ, or in another final consonant (받침).

>>> syllable_ending("장")
<Ending.CONSONANT: 'consonant'>
>>> syllable_ending("벨")
<Ending.RIEUL: 'rieul'>
>>> with_final("너", "ㄹ")
'널'
"""

from __future__ import annotations

import enum

__all__ = ["Ending", "final_jamo", "is_hangul", "syllable_ending", "with_final"]

_FIRST, _LAST = 0xAC00, 0xD7A3  # 가 … 힣
_FINALS = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"  # index 0: no final consonant


class Ending(enum.Enum):
    """How a word ends when read aloud, which is all a particle agrees with."""

    VOWEL = "vowel"
    CONSONANT = "consonant"  # any final consonant but ㄹ
    RIEUL = "rieul"  # ㄹ: a consonant, but 으로-type particles take the vowel form (서울로)

    @property
    def final(self) -> bool:
        """Whether the word ends in a final consonant (받침)."""
        return self is not Ending.VOWEL


def is_hangul(char: str) -> bool:
    """True for a precomposed Hangul syllable (가 … 힣)."""
    return len(char) == 1 and _FIRST <= ord(char) <= _LAST


def _final_index(syllable: str) -> int:
    if not is_hangul(syllable):
        raise ValueError(f"not a Hangul syllable: {syllable!r}")
    return (ord(syllable) - _FIRST) % 28


def final_jamo(syllable: str) -> str:
    """The final consonant (받침) of a Hangul syllable as a compatibility jamo, or a space when it has none.

    >>> final_jamo("했"), final_jamo("다")
    ('ㅆ', ' ')
    """
    return _FINALS[_final_index(syllable)]


def syllable_ending(syllable: str) -> Ending:
    """How the Hangul ``syllable`` ends."""
    final = final_jamo(syllable)
    return Ending.VOWEL if final == " " else Ending.RIEUL if final == "ㄹ" else Ending.CONSONANT


def with_final(syllable: str, final: str) -> str:
    """``syllable`` (which must end in a vowel) with the final consonant ``final`` (a compatibility jamo) added."""
    if _final_index(syllable) != 0:
        raise ValueError(f"{syllable!r} already has a final consonant")
    return chr(ord(syllable) + _FINALS.index(final))
