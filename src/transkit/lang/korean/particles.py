"""Korean particles (조사): which form agrees with the word before them, and where they start.

Many particles have two forms, chosen by how the word before them ends: 장관**은** /
루비오**는**, 서울**로** (ㄹ takes the vowel form of 으로) / 워싱턴**으로**, and after any word
once its reading is known: iPhone**이** (아이폰), CHIPS**는** (칩스), 3.5%**가** (퍼센트).
Where the reading is not known the tolerance form is written: KAIST(이)가.

>>> attach("장관", "는"), attach("서울", "으로"), attach("iPhone", "가"), attach("너", "일랑")
('장관은', '서울로', 'iPhone이', '널랑')
>>> attach("KAIST", "가")
'KAIST(이)가'
>>> split_particle("에서는 회담이 열렸다")
'에서는'
"""

from __future__ import annotations

from functools import lru_cache

from .hangul import Ending, is_hangul, with_final
from .reading import ending, head

__all__ = ["ALTERNATING", "INVARIANT", "PARTICLES", "agree", "agrees", "attach", "split_particle", "tolerance"]

# (after a consonant, after a vowel). 으로-type pairs take the vowel form after ㄹ too. 야 is the vowel
# form of both the copula 이야 and the vocative 아; it is taken for the copula (장관이야), as news quotes it.
ALTERNATING: tuple[tuple[str, str], ...] = (
    ("은", "는"), ("이", "가"), ("을", "를"), ("과", "와"), ("으로", "로"), ("이나", "나"), ("이라", "라"),
    ("이며", "며"), ("이다", "다"), ("이야", "야"), ("아", "야"), ("이여", "여"), ("이랑", "랑"), ("이든지", "든지"),
    ("이나마", "나마"), ("으로서", "로서"), ("으로써", "로써"), ("이에요", "예요"), ("이었", "였"), ("일랑", "ㄹ랑"),
    ("이라고", "라고"), ("이라는", "라는"), ("이라도", "라도"), ("이란", "란"), ("이든", "든"),
    ("으로부터", "로부터"), ("으로는", "로는"), ("으로도", "로도"), ("으로의", "로의"), ("으로만", "로만"),
    ("으로서는", "로서는"), ("과는", "와는"), ("과의", "와의"), ("과도", "와도"), ("이었다", "였다"),
    ("이었던", "였던"), ("이었고", "였고"), ("이었으며", "였으며"), ("이었지만", "였지만"), ("이던", "던"),
    ("이고", "고"), ("이면", "면"), ("이지만", "지만"), ("이자", "자"), ("이라서", "라서"),
    ("이므로", "므로"), ("이야말로", "야말로"), ("이나요", "나요"), ("이라면", "라면"),
)  # fmt: skip
# Particles with one form whatever precedes them.
INVARIANT: tuple[str, ...] = (
    "의", "에", "에서", "에게", "에게서", "한테", "께", "께서", "께서는", "도", "만", "까지",
    "부터", "보다", "처럼", "같이", "마저", "조차", "밖에", "만큼", "에는", "에서는", "에서도",
    "에도", "에게는", "에게도", "까지는", "까지도", "부터는", "보다는", "만은", "만이", "만을",
    "에서의", "에의",
)  # fmt: skip

_PAIR_OF: dict[str, tuple[str, str]] = {}
for _pair in ALTERNATING:
    for _form in _pair:
        _PAIR_OF.setdefault(_form, _pair)
_RIEUL_TAKES_VOWEL_FORM = {pair for pair in ALTERNATING if pair[0].startswith("으로")}

# What can be split off running text: not ㄹ랑 (fused into the syllable: 널랑) nor the vocatives 아 and 여,
# too common as the last syllable of a word (아시아, 여야) to be told apart from a particle by spelling.
PARTICLES: frozenset[str] = frozenset(_PAIR_OF).union(INVARIANT) - {"ㄹ랑", "아", "여"}
_LONGEST = max(map(len, PARTICLES))


@lru_cache(maxsize=8192)  # the checker and the matcher ask about the same text after words again and again
def split_particle(rest: str) -> str | None:
    """The particle at the start of ``rest`` (the text right after a word), if any.

    The longest known particle wins, and it must be followed by the end of the
    text or a character that is not Hangul: in 서해안 the 안 is no particle, in
    서해에서 the 에서 is.

    >>> split_particle("은(29일)"), split_particle("안 지역"), split_particle("이었다.")
    ('은', None, '이었다')
    """
    for size in range(min(_LONGEST, len(rest)), 0, -1):
        particle = rest[:size]
        if particle in PARTICLES:
            after = rest[size : size + 1]
            if not after or not is_hangul(after):
                return particle
    return None


def agree(particle: str, word_ending: Ending) -> str:
    """The form of ``particle`` that agrees with a word ending as given; one-form particles are unchanged.

    >>> agree("는", Ending.CONSONANT), agree("으로", Ending.RIEUL), agree("이었다", Ending.VOWEL)
    ('은', '로', '였다')
    """
    pair = _PAIR_OF.get(particle)
    if pair is None:
        return particle
    if word_ending is Ending.VOWEL or (word_ending is Ending.RIEUL and pair in _RIEUL_TAKES_VOWEL_FORM):
        return pair[1]
    return pair[0]


def tolerance(particle: str) -> str:
    """The form written when the word's ending is unknown: (이)가, (을)를, (으)로, (과)와.

    >>> tolerance("가"), tolerance("를"), tolerance("로서"), tolerance("에서")
    ('(이)가', '(을)를', '(으)로서', '에서')
    """
    pair = _PAIR_OF.get(particle)
    if pair is None:
        return particle
    consonant_form, vowel_form = pair
    if consonant_form.endswith(vowel_form):
        return f"({consonant_form[: -len(vowel_form)]}){vowel_form}"
    return f"({consonant_form}){vowel_form}"


def agrees(word: str, particle: str, reading: str | None = None, final_consonant: bool | None = None) -> bool | None:
    """Whether ``particle`` agrees with ``word``; None when the word's ending is unknown.

    ``reading`` and ``final_consonant`` (a glossary's) override the rules of :func:`ending`.

    >>> agrees("캠벨", "는"), agrees("CHIPS", "은", reading="칩스"), agrees("KAIST", "가")
    (False, False, None)
    """
    if particle not in _PAIR_OF:
        return True
    word_ending = ending(word, reading, final_consonant)
    if word_ending is None:
        return None
    return agree(particle, word_ending) == particle


def attach(word: str, particle: str, reading: str | None = None, final_consonant: bool | None = None) -> str:
    """``word`` followed by the form of ``particle`` that agrees with it, or by its tolerance form.

    ㄹ랑 fuses with a vowel-final Hangul syllable (너 -> 널랑); after any other
    vowel-final word it cannot be written, so the tolerance form is.
    """
    if particle not in _PAIR_OF:
        return word + particle
    word_ending = ending(word, reading, final_consonant)
    if word_ending is None:
        return word + tolerance(particle)
    form = agree(particle, word_ending)
    if form.startswith("ㄹ"):
        last = head(word)[-1:]
        if not is_hangul(last) or head(word) != word:
            return word + tolerance(particle)
        return word[:-1] + with_final(last, "ㄹ") + form[1:]
    return word + form
