"""Korean particles (조사) and the final consonant (받침) they agree with.

Many Korean particles have two forms, chosen by whether the word before them ends
in a consonant: 캠벨**은** / 장관**은** but 바이든**은**… and CHIPS**는** (read 칩스).
Translation that inserts or replaces a term must repair the particle after it.

>>> final_consonant("장관")
True
>>> final_consonant("CHIPS", reading="칩스")
False
>>> agree("는", True)
'은'
>>> agree("으로", True, rieul=True)
'로'
>>> attach("서울", "으로")
'서울로'
>>> split_particle("에서는 회담이 열렸다")
'에서는'
"""

from __future__ import annotations

import unicodedata

__all__ = [
    "PARTICLES",
    "agree",
    "agrees",
    "attach",
    "final_consonant",
    "final_is_rieul",
    "is_hangul",
    "split_particle",
]

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_RIEUL = 8  # index of ㄹ among the 27 final consonants

# (after a consonant, after a vowel). 으로-type pairs take the vowel form after ㄹ too.
ALTERNATING: tuple[tuple[str, str], ...] = (
    ("은", "는"), ("이", "가"), ("을", "를"), ("과", "와"), ("으로", "로"),
    ("이나", "나"), ("이라", "라"), ("이며", "며"), ("이다", "다"), ("이랑", "랑"),
    ("이라고", "라고"), ("이라는", "라는"), ("이라도", "라도"), ("이란", "란"),
    ("이든", "든"), ("이든지", "든지"), ("으로서", "로서"), ("으로써", "로써"),
    ("으로부터", "로부터"), ("으로는", "로는"), ("으로도", "로도"), ("으로의", "로의"),
    ("으로서는", "로서는"), ("과는", "와는"), ("과의", "와의"), ("과도", "와도"),
    ("이었다", "였다"), ("이었던", "였던"), ("이던", "던"), ("이에요", "예요"),
    ("이야", "야"), ("이고", "고"), ("이면", "면"), ("이지만", "지만"), ("이자", "자"),
    ("이라서", "라서"), ("이므로", "므로"), ("이나마", "나마"),
)
# Particles with one form whatever precedes them.
INVARIANT: tuple[str, ...] = (
    "의", "에", "에서", "에게", "에게서", "한테", "께", "께서", "께서는", "도", "만", "까지",
    "부터", "보다", "처럼", "같이", "마저", "조차", "밖에", "만큼", "에는", "에서는", "에서도",
    "에도", "에게는", "에게도", "까지는", "까지도", "부터는", "보다는", "만은", "만이", "만을",
    "에서의", "에의", "으로만", "로만",
)

_PAIR_OF: dict[str, tuple[str, str]] = {}
for _pair in ALTERNATING:
    for _form in _pair:
        _PAIR_OF.setdefault(_form, _pair)
_RIEUL_EXCEPTION = {pair for pair in ALTERNATING if pair[0].startswith("으로")}

PARTICLES: frozenset[str] = frozenset(_PAIR_OF) | frozenset(INVARIANT)
_BY_LENGTH = sorted(PARTICLES, key=len, reverse=True)

# Korean names of Latin letters and digits, as read aloud; enough to know the final sound.
_LETTER_FINAL = {"L": "rieul", "R": "rieul", "M": "consonant", "N": "consonant"}
_DIGIT_FINAL = {"0": "consonant", "1": "rieul", "3": "consonant", "6": "consonant", "7": "rieul", "8": "rieul"}


def is_hangul(char: str) -> bool:
    """True for a precomposed Hangul syllable."""
    return _HANGUL_FIRST <= ord(char) <= _HANGUL_LAST


def _last_sound(word: str) -> str | None:
    """'vowel', 'consonant' or 'rieul' for the last sound of ``word``; None when unknown."""
    text = unicodedata.normalize("NFC", word).rstrip(" .,!?\"'’”)]」』")
    if not text:
        return None
    last = text[-1]
    if is_hangul(last):
        final = (ord(last) - _HANGUL_FIRST) % 28
        return "vowel" if final == 0 else "rieul" if final == _RIEUL else "consonant"
    if last.isdigit():
        digits = text[len(text.rstrip("0123456789")) :]
        if len(digits) > 1 and digits.endswith("0"):  # 10 십, 100 백, 1000 천, 10000 만
            return "consonant"
        return _DIGIT_FINAL.get(last, "vowel")
    if last.isascii() and last.isalpha():
        tail = text[-3:]
        if tail.isupper() or len(text) == 1:  # acronym, read letter by letter: IRA 아이알에이
            return _LETTER_FINAL.get(last.upper(), "vowel")
        return _english_word_final(text.lower())
    return None


def _english_word_final(word: str) -> str:
    """Guess how Korean transcribes the end of an English word (Campbell 캠벨, Google 구글)."""
    if word.endswith(("l", "le", "ll")):
        return "rieul"
    if word.endswith(("m", "n", "ng", "me", "ne")):
        return "consonant"
    if word.endswith(("ck", "k", "p", "t", "b", "d", "g")) and not word.endswith(("ght", "ed")):
        return "consonant"  # 북, 칩, 캣 — a short final stop is written as 받침
    return "vowel"  # -s, -x, -ch, -sh, -f, -r, vowels: 버스, 데스크, 벤치, 센터


def final_consonant(word: str, reading: str | None = None, flag: bool | None = None) -> bool | None:
    """Whether ``word`` ends in a consonant (받침) when read in Korean.

    ``reading`` (a Hangul reading such as 칩스 for CHIPS) wins over ``flag`` (an
    explicit glossary flag), which wins over guessing from the spelling.
    Returns None when nothing is known (e.g. the word ends in a symbol).
    """
    if reading:
        sound = _last_sound(reading)
        if sound is not None:
            return sound != "vowel"
    if flag is not None:
        return flag
    sound = _last_sound(word)
    return None if sound is None else sound != "vowel"


def final_is_rieul(word: str, reading: str | None = None) -> bool:
    """True when ``word`` ends in ㄹ (so 으로 becomes 로: 서울로, 캠벨로)."""
    return _last_sound(reading or word) == "rieul"


def split_particle(rest: str) -> str | None:
    """The particle at the start of ``rest`` (the text right after a term), if any.

    The longest known particle wins, and it must be followed by the end of the
    text, whitespace, punctuation or a non-Hangul character: in 서해안 the 안 is
    no particle, in 서해에서 the 에서 is.
    """
    for particle in _BY_LENGTH:
        if rest.startswith(particle):
            after = rest[len(particle) : len(particle) + 1]
            if not after or not is_hangul(after):
                return particle
    return None


def agree(particle: str, final: bool, rieul: bool = False) -> str:
    """The form of ``particle`` that agrees with a word ending as given.

    ``final`` says whether the word ends in a consonant and ``rieul`` whether that
    consonant is ㄹ. Particles with a single form come back unchanged.
    """
    pair = _PAIR_OF.get(particle)
    if pair is None:
        return particle
    if final and not (rieul and pair in _RIEUL_EXCEPTION):
        return pair[0]
    return pair[1]


def agrees(word: str, particle: str, reading: str | None = None, flag: bool | None = None) -> bool | None:
    """Whether ``particle`` agrees with ``word``; None when the word's ending is unknown."""
    if particle not in _PAIR_OF:
        return True
    final = final_consonant(word, reading, flag)
    if final is None:
        return None
    return agree(particle, final, final_is_rieul(word, reading)) == particle


def attach(word: str, particle: str, reading: str | None = None, flag: bool | None = None) -> str:
    """``word`` followed by the form of ``particle`` that agrees with it."""
    final = final_consonant(word, reading, flag)
    if final is None:
        return word + particle
    return word + agree(particle, final, final_is_rieul(word, reading))
