"""Romanised Korean personal names: the spellings the press uses for one Hangul name, and matching them.

A name in Hangul (이재명) reaches English and Vietnamese copy as "Lee Jae-myung", "Lee Jae Myung",
"Yi Chae-myŏng", "LEE Jae-myung" or "Jae-myung Lee". The spellings are modelled from the Hangul form:

* each syllable: Revised Romanisation (RR, from korean-romanizer); McCune–Reischauer (MR) with breves
  and without them (ŏ as o or eo, ŭ as u or eu), with and without the aspiration apostrophe, its
  initial ㄱ ㄷ ㅂ ㅈ voiced (g d b j) or not in given-name syllables after the first; the press's vowel
  habits (ㅓ as u: "Myung", ㅕ as "you": "Myoung", ㅜ as oo: "Joon"); and, from
  ``transkit/data/korean_name_spellings.tsv``, the irregular spellings of frequent surnames (이 Lee,
  박 Park, 최 Choi) and given-name syllables (기 Kee, 섭 Sub);
* the whole name: given name hyphenated, joined or spaced, surname first or last, any case, with or
  without breves and apostrophes, and a possessive "'s".

Syllables are romanised one at a time. Given a whole word, korean-romanizer applies sound changes across
syllables (윤석열 → "yunseogyeol", the final ㄱ carried over to 열), but names are written syllable by
syllable ("Seok-yeol"; "Seok-min", never "Seongmin"), so no change crosses a syllable here. The Vietnamese reading
of a Sino-Korean name (Lý Tại Minh) is a translation, not a romanisation, and is not modelled.

>>> same_name("Lee Jae Myung", "Yi Chae-myŏng", "이재명")
True
>>> same_name("Kim Min-seok", "Kim Min-seong", "김민석")
False
>>> {"Jo Hyeon", "Cho Hyun", "Hyun Cho"} <= variants("조현")
True
>>> RomanizedNames({"윤석열": "P_YOON", "조태용": "P_CHO_TY"}).find("YOON Suk-yeol's")
[('윤석열', 'P_YOON')]
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from itertools import product
from typing import Generic, Literal, TypeVar

from korean_romanizer.romanizer import Romanizer, onset, vowel
from korean_romanizer.syllable import Syllable, unicode_compatible_consonants, unicode_initial

__all__ = [
    "TWO_SYLLABLE_SURNAMES",
    "RomanizedNames",
    "matches",
    "romanization_key",
    "same_name",
    "split_name",
    "strip_possessive",
    "syllable_spellings",
    "variants",
]

Position = Literal["surname", "first", "later"]  # the family name, the given name's first syllable, the rest
V = TypeVar("V")

TWO_SYLLABLE_SURNAMES = frozenset({"남궁", "제갈", "선우", "황보", "독고", "사공", "서문", "동방"})

# McCune–Reischauer initials, word-initial (and voiced, between voiced sounds), keyed by compatibility jamo.
_MR_INITIAL: dict[str, tuple[str, ...]] = {
    "ㄱ": ("k", "g"), "ㄲ": ("kk",), "ㄴ": ("n",), "ㄷ": ("t", "d"), "ㄸ": ("tt",), "ㄹ": ("r", "l"),
    "ㅁ": ("m",), "ㅂ": ("p", "b"), "ㅃ": ("pp",), "ㅅ": ("s",), "ㅆ": ("ss",), "ㅇ": ("",),
    "ㅈ": ("ch", "j"), "ㅉ": ("tch",), "ㅊ": ("ch'",), "ㅋ": ("k'",), "ㅌ": ("t'",), "ㅍ": ("p'",), "ㅎ": ("h",),
}  # fmt: skip
# Vowel spellings beyond RR's: MR with breves, MR without them, and the press's habits.
_MORE_VOWELS: dict[str, tuple[str, ...]] = {
    "ㅓ": ("ŏ", "o", "u"),
    "ㅕ": ("yŏ", "yo", "yu", "you"),
    "ㅜ": ("oo",),
    "ㅠ": ("yoo",),
    "ㅡ": ("ŭ", "u"),
    "ㅝ": ("wŏ",),
    "ㅢ": ("ŭi", "eui"),
    "ㅚ": ("oi",),
}

_APOSTROPHE = "'’ʼ‘`"
_POSSESSIVE = re.compile(rf"[{_APOSTROPHE}]s?$", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s\-‐‑–—]+")


@cache
def _table() -> dict[tuple[str, str], tuple[str, ...]]:
    """The irregular spellings of the data file, by (Hangul, "surname" | "given")."""
    text = resources.files("transkit.data").joinpath("korean_name_spellings.tsv").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            hangul, position, spellings = line.split("\t")
            table[(hangul, position)] = tuple(s.strip().casefold() for s in spellings.split(","))
    return table


def _check_hangul(text: str) -> None:
    if not text or not all("가" <= c <= "힣" for c in text):
        raise ValueError(f"not a Korean name in Hangul syllables: {text!r}")


def split_name(hangul: str, surname: str | None = None) -> tuple[str, str]:
    """The surname and the given name of a Korean name in Hangul.

    A name of three or more syllables that starts with a two-syllable surname (남궁, 제갈, 선우 ...)
    has that surname; otherwise the surname is the first syllable. ``surname`` overrides the guess.

    >>> split_name("이재명"), split_name("남궁민"), split_name("선우"), split_name("선우용", surname="선")
    (('이', '재명'), ('남궁', '민'), ('선', '우'), ('선', '우용'))
    """
    _check_hangul(hangul)
    if surname is None:
        surname = hangul[:2] if len(hangul) >= 3 and hangul[:2] in TWO_SYLLABLE_SURNAMES else hangul[:1]
    if not hangul.startswith(surname) or not 0 < len(surname) < len(hangul):
        raise ValueError(f"{surname!r} is not the surname of {hangul!r}")
    return surname, hangul[len(surname) :]


@cache
def syllable_spellings(syllable: str, position: Position = "first") -> tuple[str, ...]:
    """Lower-case spellings of one Hangul syllable at a position in a name, RR first.

    >>> syllable_spellings("명", "later")
    ('myeong', 'myong', 'myoung', 'myung', 'myŏng')
    >>> syllable_spellings("최", "surname")
    ('choe', "ch'oe", "ch'oi", 'chey', 'choi')
    """
    _check_hangul(syllable)
    if len(syllable) > 1:  # a two-syllable surname
        joined = product(syllable_spellings(syllable[0], "surname"), syllable_spellings(syllable[1], "later"))
        rule = ["".join(parts) for parts in joined]
        return tuple(dict.fromkeys([rule[0], *sorted(set(rule[1:]) | set(_table().get((syllable, "surname"), ())))]))
    jamo = Syllable(syllable)
    rr = Romanizer(syllable).romanize()
    rr_initial, rr_vowel = onset[jamo.initial], vowel[jamo.medial]
    coda = rr[len(rr_initial + rr_vowel) :]
    mr_initial = _MR_INITIAL[unicode_compatible_consonants[unicode_initial.index(jamo.initial)]]
    initials = {rr_initial, *(mr_initial if position == "later" else mr_initial[:1])}
    initials |= {i.rstrip("'") for i in initials}  # the apostrophe is often dropped
    if rr_initial == "s" and jamo.medial in "ㅣㅟ":
        initials.add("sh")  # MR: 시 shi, 쉬 shwi
    if not rr_initial and jamo.medial == "ㅜ":
        initials.add("w")  # 우 Woo, 욱 Wook
    vowels = {rr_vowel, *_MORE_VOWELS.get(jamo.medial, ())}
    if not rr_initial and jamo.medial == "ㅏ":
        vowels.add("ah")  # 아 Ah, 안 Ahn
    if rr_initial and jamo.medial == "ㅣ":
        vowels.add("ee")  # 비 Bee, 기 Kee
    spellings = {i + v + coda for i, v in product(initials, vowels)}
    spellings |= set(_table().get((syllable, "given" if position != "surname" else "surname"), ()))
    return tuple(dict.fromkeys([rr, *sorted(spellings - {rr})]))


def _fold(text: str) -> str:
    """Case-folded, without diacritics, apostrophes or a possessive; words separated by single spaces."""
    text = _POSSESSIVE.sub("", text.strip())
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    text = text.translate({ord(c): None for c in _APOSTROPHE})
    return _SEPARATORS.sub(" ", text).strip().casefold()


def strip_possessive(text: str) -> str:
    """``text`` without a trailing possessive: "Lee Jae-myung's" → "Lee Jae-myung".

    >>> strip_possessive("Yoon Suk Yeol’s"), strip_possessive("Moon Jae-in")
    ('Yoon Suk Yeol', 'Moon Jae-in')
    """
    return _POSSESSIVE.sub("", text.rstrip())


@dataclass(frozen=True)
class _Model:
    """The spellings of one name: its surname's, and each given-name syllable's."""

    surnames: tuple[str, ...]
    given: tuple[tuple[str, ...], ...]

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Matches the folded spellings of the name: surname first or last, given-name syllables joined or apart."""
        family = _alternation(self.surnames)
        given = " ?".join(_alternation(options) for options in self.given)
        return re.compile(f"(?:{family} {given}|{given} {family})")


def _alternation(spellings: tuple[str, ...]) -> str:
    folded = sorted({_fold(s) for s in spellings}, key=lambda s: (-len(s), s))
    return "(?:" + "|".join(map(re.escape, folded)) + ")"


def _build_model(hangul: str, surname: str | None) -> _Model:
    family, given = split_name(hangul, surname)
    options = tuple(syllable_spellings(s, "first" if i == 0 else "later") for i, s in enumerate(given))
    return _Model(syllable_spellings(family, "surname"), options)


_model = lru_cache(maxsize=4096)(_build_model)


def matches(text: str, hangul: str, *, surname: str | None = None) -> bool:
    """True when ``text`` is a romanisation of the Korean name ``hangul``.

    >>> matches("Jae-myung LEE", "이재명"), matches("Lee Jae-young", "이재명")
    (True, False)
    """
    return _model(hangul, surname).pattern.fullmatch(_fold(text)) is not None


def same_name(a: str, b: str, hangul: str, *, surname: str | None = None) -> bool:
    """True when ``a`` and ``b`` are both romanisations of ``hangul`` (case, hyphens, breves, order aside)."""
    return matches(a, hangul, surname=surname) and matches(b, hangul, surname=surname)


def _capital(spelling: str) -> str:
    return spelling[:1].upper() + spelling[1:]


def _forms(surname: str, given: tuple[str, ...]) -> Iterator[str]:
    first, rest = _capital(given[0]), given[1:]
    hyphenated = "-".join((first, *rest))
    yield f"{surname} {hyphenated}"
    yield f"{surname} {'-'.join(map(_capital, given))}"
    yield f"{surname} {first}{''.join(rest)}"
    yield f"{surname} {' '.join(map(_capital, given))}"  # Vietnamese press: no hyphen, each syllable capitalised
    yield f"{hyphenated} {surname}"
    yield f"{surname.upper()} {hyphenated}"


def variants(hangul: str, *, surname: str | None = None) -> set[str]:
    """The spellings of a Korean name the press plausibly uses.

    Every combination of the syllables' spellings, in six forms ("Lee Jae-myung", "Lee Jae-Myung",
    "Lee Jaemyung", "Lee Jae Myung", "Jae-myung Lee", "LEE Jae-myung"): a few hundred strings for a
    three-syllable name. :func:`matches` decides membership without building them.

    >>> names = variants("이재명")
    >>> len(names), {"LEE Jae-myung", "Jae-myung Lee", "Yi Chae-myŏng", "Rhee Jae Myoung"} <= names
    (350, True)
    """
    model = _model(hangul, surname)
    return {
        form for family in model.surnames for given in product(*model.given) for form in _forms(_capital(family), given)
    }


_O_VOWELS = re.compile(r"(?:eo|eu|ou|oo|o|u)")


def romanization_key(text: str) -> str:
    """A key two romanised Korean names share when they differ only in form and vowel spelling.

    For comparing names when no Hangul form is known: case, hyphens, spaces inside the given name,
    breves, apostrophes and a possessive are ignored, and the spellings of ㅓ ㅗ ㅜ ㅡ (eo, ŏ, o, u, ou,
    oo, eu, ŭ) are one vowel. Consonants are kept, so "Min-seok" and "Min-seong" stay apart. The first
    word is taken for the surname.

    >>> romanization_key("Lee Jae-myung") == romanization_key("LEE Jae Myeong") == romanization_key("Lee Jaemyoung")
    True
    >>> romanization_key("Kim Min-seok") == romanization_key("Kim Min-seong")
    False
    """
    words = _fold(text).split()
    folded = [_O_VOWELS.sub("o", w).replace("shi", "si").replace("ee", "i") for w in words]
    return " ".join([*folded[:1], "".join(folded[1:])] if len(folded) > 1 else folded)


# -- reverse look-up -------------------------------------------------------------------------------

_VOICED_PAIRS = str.maketrans("gdbjl", "ktpcr", "aeiouywh")


def _skeleton(spelling: str) -> str:
    """The consonants of a folded spelling, voicing and aspiration aside: the same for every spelling
    of one given name ("jaemyung", "chaemyeong" → "cmnk")."""
    letters = re.sub(r"[^a-z]", "", spelling.replace("tch", "ch").replace("ck", "k"))
    consonants = letters.replace("ch", "c").translate(_VOICED_PAIRS)
    return re.sub(r"(.)\1+", r"\1", consonants)


class RomanizedNames(Generic[V]):
    """Korean names in Hangul, found by a romanised spelling ("Lee Jae Myung" → 이재명).

    Built once from ``{hangul: value}`` (a glossary's persons by their Hangul form); ``surnames``
    gives the surname where :func:`split_name` would guess wrong. A spelling is looked up by its
    surname and the consonant skeleton of its given name, then verified with :func:`matches`.
    """

    def __init__(self, names: Mapping[str, V], surnames: Mapping[str, str] | None = None) -> None:
        self._names = dict(names)
        surnames = surnames or {}
        self._models = {hangul: _build_model(hangul, surnames.get(hangul)) for hangul in self._names}
        self._index: dict[tuple[str, str], list[str]] = defaultdict(list)
        for hangul, model in self._models.items():
            skeleton = _skeleton("".join(options[0] for options in model.given))
            for family in dict.fromkeys(_fold(s) for s in model.surnames):
                self._index[(family, skeleton)].append(hangul)

    def __len__(self) -> int:
        return len(self._names)

    def find(self, text: str) -> list[tuple[str, V]]:
        """The names (Hangul, value) that ``text`` is a romanisation of; several where the spelling is ambiguous."""
        words = _fold(text).split()
        if len(words) < 2:
            return []
        splits = [(words[:1], words[1:]), (words[-1:], words[:-1])]
        found = dict.fromkeys(
            hangul
            for family, given in splits
            for hangul in self._index.get(("".join(family), _skeleton("".join(given))), ())
        )
        folded = " ".join(words)
        return [(h, self._names[h]) for h in found if self._models[h].pattern.fullmatch(folded)]
