"""How Korean reads a word that is not (only) Hangul, as far as a particle needs it.

A particle agrees with the sound a word ends in when read in Korean. For Hangul
that is the last syllable; otherwise:

- numbers are read in Sino-Korean (2024 이천이십사, 1,500 천오백, 3.5 삼점오, 10 십);
  units and currency symbols are read as words (3.5% 삼점오 퍼센트, 10km 십 킬로미터,
  $100 백 달러, 30℃ 삼십 도);
- acronyms are read letter by letter (FBI 에프비아이, NSC 엔에스시) unless Korean reads
  them as a word (NATO 나토, APEC 에이펙: :data:`ACRONYM_WORDS`); an all-caps word that is
  not listed but could be pronounced as a word (KAIST) is unknown;
- letters and digits mixed are read piece by piece, letters by name and digits in
  Sino-Korean (5G 오지, G20 지이십, 코로나19 코로나십구), except the codes Korean reads in
  English (G7 지세븐: :data:`CODE_WORDS`);
- other Latin words end as the loanword transcription rules (외래어 표기법) write them:
  see :func:`latin_ending`;
- brackets, quotes and emoji are skipped: in 샴푸(보습)가 the particle agrees with 샴푸,
  in 《듀랑고》를 with 듀랑고.

>>> read_number("1,500")
'천오백'
>>> hangul_reading("NATO"), hangul_reading("FBI"), hangul_reading("5G"), hangul_reading("3.5%")
('나토', '에프비아이', '오지', '삼점오 퍼센트')
>>> ending("iPhone"), ending("Google"), ending("YouTube")
(<Ending.CONSONANT: 'consonant'>, <Ending.RIEUL: 'rieul'>, <Ending.VOWEL: 'vowel'>)
>>> ending("샴푸(보습)"), ending("KAIST") is None
(<Ending.VOWEL: 'vowel'>, True)
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .hangul import Ending, is_hangul, syllable_ending

__all__ = ["ACRONYM_WORDS", "CODE_WORDS", "UNITS", "ending", "hangul_reading", "head", "latin_ending", "read_number"]

# Acronyms Korean reads as a word, with their reading. Anything else in capitals is read
# letter by letter when it cannot be pronounced as a word, and is unknown when it can.
ACRONYM_WORDS: dict[str, str] = {
    "AIDS": "에이즈", "APEC": "에이펙", "ASEAN": "아세안", "AUKUS": "오커스", "BRICS": "브릭스",
    "CHIPS": "칩스", "COVID": "코비드", "DART": "다트", "FIFA": "피파", "INTERPOL": "인터폴",
    "IPEF": "아이펙", "KAMA": "카마", "KOSDAQ": "코스닥", "KOSPI": "코스피", "LASER": "레이저",
    "MERS": "메르스", "NAFTA": "나프타", "NASA": "나사", "NASDAQ": "나스닥", "NATO": "나토",
    "NEET": "니트", "OPEC": "오펙", "QUAD": "쿼드", "RADAR": "레이더", "SARS": "사스",
    "SWIFT": "스위프트", "THAAD": "사드", "UNESCO": "유네스코", "UNICEF": "유니세프", "WHO": "더블유에이치오",
}  # fmt: skip
# Letter-and-digit codes Korean reads in English (or whole): G7 지세븐 but G20 지이십.
CODE_WORDS: dict[str, str] = {"G7": "지세븐", "G8": "지에이트", "3D": "스리디", "4D": "포디", "MP3": "엠피스리"}
_LETTER_NAMES = ("에이", "비", "시", "디", "이", "에프", "지", "에이치", "아이", "제이", "케이", "엘", "엠",
                 "엔", "오", "피", "큐", "알", "에스", "티", "유", "브이", "더블유", "엑스",
                 "와이", "제트")  # fmt: skip
_LETTERS = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", _LETTER_NAMES, strict=True))
# Units after a number and currency symbols before one, read as words.
UNITS: dict[str, str] = {
    "%p": "퍼센트포인트", "%": "퍼센트", "‰": "퍼밀", "km²": "제곱킬로미터", "㎢": "제곱킬로미터",
    "m²": "제곱미터", "㎡": "제곱미터", "km": "킬로미터", "㎞": "킬로미터", "cm": "센티미터",
    "mm": "밀리미터", "nm": "나노미터", "m": "미터", "kg": "킬로그램", "㎏": "킬로그램", "mg": "밀리그램",
    "g": "그램", "t": "톤", "L": "리터", "l": "리터", "mL": "밀리리터", "ml": "밀리리터", "ha": "헥타르",
    "℃": "도", "°C": "도", "°F": "도", "°": "도", "TB": "테라바이트", "GB": "기가바이트",
    "MB": "메가바이트", "KB": "킬로바이트", "kWh": "킬로와트시", "GWh": "기가와트시", "kW": "킬로와트",
    "MW": "메가와트", "GW": "기가와트", "W": "와트", "GHz": "기가헤르츠", "MHz": "메가헤르츠",
    "Hz": "헤르츠", "bp": "베이시스포인트", "km/h": "킬로미터", "mph": "마일", "$": "달러",
    "US$": "달러", "€": "유로", "£": "파운드", "¥": "엔", "₩": "원", "원": "원", "달러": "달러",
}  # fmt: skip
_UNIT_AFTER = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True) if not u.endswith("$"))
_CURRENCY_BEFORE = "US\\$|[$€£¥₩]"
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MEASURE = re.compile(rf"(?P<cur>{_CURRENCY_BEFORE})?\s?(?P<num>{_NUMBER})\s?(?P<unit>{_UNIT_AFTER})?")
_PIECES = re.compile(r"[A-Za-z]+|\d+(?:\.\d+)?|[가-힣]+")

_DIGITS = "영일이삼사오육칠팔구"
_SMALL_UNITS = ("", "십", "백", "천")
_LARGE_UNITS = ("", "만", "억", "조", "경")
_CLOSERS = "\"'’”»」』》〉)]}>"
_OPENERS = {")": "(", "]": "[", "}": "{", ">": "<", "〉": "〈", "》": "《", "」": "「", "』": "『"}


def _sino_korean(number: int) -> str:
    """``number`` (≥ 0) read in Sino-Korean: 1500 천오백, 10000 만, 100000000 억."""
    if number == 0:
        return "영"
    groups: list[str] = []
    for large in _LARGE_UNITS:
        number, group = divmod(number, 10000)
        words = ""
        for place, digit in enumerate(f"{group:04d}"):
            d = int(digit)
            if d:
                small = _SMALL_UNITS[3 - place]
                words += ("" if d == 1 and small else _DIGITS[d]) + small
        if words:
            groups.append(("" if words == "일" and large == "만" else words) + large)
        if not number:
            break
    return "".join(reversed(groups))


def read_number(text: str) -> str:
    """A decimal number as written in news copy (``2,024``, ``3.5``), read in Sino-Korean."""
    whole, _, fraction = text.replace(",", "").partition(".")
    return _sino_korean(int(whole)) + ("점" + "".join(_DIGITS[int(d)] for d in fraction) if fraction else "")


def _read_acronym(word: str) -> str | None:
    """An all-capitals word as Korean reads it; None when it may be read as a word that is not listed."""
    if word in ACRONYM_WORDS:
        return ACRONYM_WORDS[word]
    if len(word) > 3 and _pronounceable(word):
        return None
    return "".join(_LETTERS[c] for c in word)


_VOWELS = set("AEIOU")
_ONSETS = {"BL", "BR", "CH", "CL", "CR", "DR", "FL", "FR", "GL", "GR", "PH", "PL", "PR", "SC", "SH", "SK", "SL", "SM",
           "SN", "SP", "ST", "SW", "TH", "TR", "TW", "WH"}  # fmt: skip
_CODAS = {"CH", "CK", "CT", "FT", "KS", "LD", "LT", "MP", "ND", "NG", "NK", "NT", "PS", "PT", "RD", "RK", "RM", "RN",
          "RT", "SH", "SK", "SP", "ST", "TH", "TS"}  # fmt: skip


def _pronounceable(word: str) -> bool:
    """Whether capitals could be said as an English word (KAIST, SWIFT), not only spelt (OECD, IAEA, USMCA)."""
    shape = "".join("V" if c in _VOWELS else "C" for c in word)
    if "CCC" in shape or "VVV" in shape or "V" not in shape:
        return False
    first, last = len(shape) - len(shape.lstrip("C")), len(shape) - len(shape.rstrip("C"))
    return (first < 2 or word[:2] in _ONSETS) and (last < 2 or word[-2:] in _CODAS)


def head(word: str) -> str:
    """The part of ``word`` a following particle agrees with: closing quotes and brackets,
    a bracketed aside and emoji are dropped.

    >>> head("샴푸(보습)"), head("《듀랑고》"), head("‘K팝’"), head("출시🎉")
    ('샴푸', '듀랑고', 'K팝', '출시')
    """
    text = unicodedata.normalize("NFC", word).rstrip()
    while text:
        last = text[-1]
        opener = _OPENERS.get(last) if last in ")]" else None
        if opener and text.rfind(opener) > 0:
            text = text[: text.rindex(opener)].rstrip()  # an aside: 샴푸(보습) -> 샴푸
        elif last in _CLOSERS:
            text = text[:-1]
        elif last not in UNITS and unicodedata.category(last) in ("So", "Sk", "Mn", "Cf"):
            text = text[:-1].rstrip()  # emoji, their modifiers and joiners
        else:
            break
    return text.lstrip("".join(_OPENERS.values()) + "\"'‘“«")


def _read_mixed(word: str) -> str | None:
    """Letters, digits and Hangul run together (5G, G20, 코로나19, COVID-19), read piece by piece."""
    if word.upper() in CODE_WORDS:
        return CODE_WORDS[word.upper()]
    if _PIECES.sub("", word).strip("-·. "):
        return None  # something other than letters, digits, Hangul and hyphens
    out: list[str] = []
    for piece in _PIECES.findall(word):
        if piece[0].isdigit():
            out.append(read_number(piece))
        elif is_hangul(piece[0]):
            out.append(piece)
        elif piece.isupper() or len(piece) == 1:
            spelt = _read_acronym(piece.upper())
            if spelt is None:
                return None
            out.append(spelt)
        else:
            return None  # a Latin word inside a code: only its ending is known
    return "".join(out)


def hangul_reading(word: str) -> str | None:
    """The Hangul reading of a number, a measure, an acronym or a code; None when not known.

    Latin words are not transcribed whole (only their ending is known: :func:`latin_ending`),
    and Hangul comes back as it is.

    >>> [hangul_reading(w) for w in ("10,000 km", "$100", "G7", "COVID-19", "NSC")]
    ['만 킬로미터', '백 달러', '지세븐', '코비드십구', '엔에스시']
    """
    text = head(word)
    if not text:
        return None
    if all(is_hangul(c) or c.isspace() for c in text):
        return text
    measure = _MEASURE.fullmatch(text)
    if measure:
        number = read_number(measure["num"])
        unit = measure["cur"] or measure["unit"]
        return f"{number} {UNITS[unit]}" if unit else number
    if text.isascii() and text.isalpha() and text.isupper():
        return _read_acronym(text)
    if any(c.isdigit() for c in text):
        return _read_mixed(text)
    if text.isascii() and text.isalpha() and len(text) == 1:
        return _LETTERS[text.upper()]
    return None


_LONG_VOWELS = ("ai", "au", "ay", "ea", "ee", "ei", "ie", "oa", "oi", "oo", "ou", "ue", "ui")
_SHORT_EXCEPTIONS = ("ook", "out")  # book 북, Facebook 페이스북, about 어바웃
_CONVENTIONAL = {"web": Ending.CONSONANT, "big": Ending.CONSONANT, "lab": Ending.CONSONANT,
                 "club": Ending.CONSONANT, "bag": Ending.CONSONANT, "check": Ending.VOWEL}  # fmt: skip  # 웹 … 체크


def latin_ending(word: str) -> Ending | None:
    """How the Korean transcription of the English word ``word`` ends (외래어 표기법); None when usage splits.

    - final l (and -le) is written ㄹ: Intel 인텔, Google 구글;
    - final m, n, ng are written as 받침: iPhone 아이폰, Samsung, station 스테이션;
    - final p, t, k (c, ck) after a short vowel are written as 받침: book 북, chip 칩, Mac 맥;
      after a long vowel or a diphthong, or in a cluster, they take 으: seat 시트, desk 데스크;
      a one-syllable word in a single t is unknown: established spellings split (cat 캣, net 넷
      but set 세트, hit 히트, jet 제트);
    - final b, d, g take 으 (card 카드, YouTube 유튜브), but for a few established spellings (web 웹);
    - final s, x, ch, sh, f, v, z, th, ge end in a vowel (으/이): bus 버스, Netflix 넷플릭스, page 페이지;
    - a vowel, y, w, r (-er, -or, -ar) end in a vowel: center 센터, Tesla 테슬라, Sony 소니.

    >>> [latin_ending(w) for w in ("book", "card", "Intel", "Netflix", "seat", "set")]  # doctest: +NORMALIZE_WHITESPACE
    [<Ending.CONSONANT: 'consonant'>, <Ending.VOWEL: 'vowel'>, <Ending.RIEUL: 'rieul'>, <Ending.VOWEL: 'vowel'>,
     <Ending.VOWEL: 'vowel'>, None]
    """
    w = word.lower()
    if w in _CONVENTIONAL:
        return _CONVENTIONAL[w]
    if w.endswith("e") and len(w) > 2 and w[-2] not in "aeiouy":
        stem = w[:-1]  # a silent e: the vowel before is long (phone 폰, code 코드), -le is 을 (Apple 애플)
        if stem.endswith("l"):
            return Ending.RIEUL
        return Ending.CONSONANT if stem.endswith(("m", "n", "ng")) else Ending.VOWEL
    last = w[-1]
    if last == "l":
        return Ending.RIEUL
    if w.endswith(("m", "n", "ng", "mb", "gn")):
        return Ending.CONSONANT
    if last in "ptkc":
        stem = w[:-2] if w.endswith(("ck", "tt", "pp")) else w[:-1]
        if w.endswith(_SHORT_EXCEPTIONS):
            return Ending.CONSONANT
        if not stem or stem[-1] not in "aeiouy" or stem.endswith(_LONG_VOWELS):
            return Ending.VOWEL  # a cluster (desk 데스크, fact 팩트) or a long vowel (seat 시트)
        if w.endswith("t") and not w.endswith("tt") and len(re.findall(r"[aeiouy]+", w)) == 1:
            return None
        return Ending.CONSONANT
    return Ending.VOWEL


@lru_cache(maxsize=8192)  # a document's words recur
def ending(word: str, reading: str | None = None, final_consonant: bool | None = None) -> Ending | None:
    """How ``word`` ends when read in Korean; None when that is not known.

    A Hangul ``reading`` (from a glossary: 칩스 for CHIPS) wins over the flag
    ``final_consonant`` (also from a glossary), which wins over the rules above.

    >>> ending("CHIPS법"), ending("X", final_consonant=True), ending("%") is None
    (<Ending.CONSONANT: 'consonant'>, <Ending.CONSONANT: 'consonant'>, True)
    """
    if reading:
        known = ending(reading)
        if known is not None:
            return known
    if final_consonant is not None:
        return Ending.CONSONANT if final_consonant else Ending.VOWEL
    text = head(word)
    if not text:
        return None
    if is_hangul(text[-1]):
        return syllable_ending(text[-1])
    said = hangul_reading(text)
    if said:
        return syllable_ending(said[-1])
    tail = re.search(r"[A-Za-z]+$", text)  # Latin letters after Hangul or mixed case: 오픈AI, 모델Y, Nasdaq
    if tail is None:
        return None
    letters = tail[0]
    if letters.upper() in ACRONYM_WORDS or letters.isupper() or len(letters) == 1:
        said = _read_acronym(letters.upper())
        return None if said is None else syllable_ending(said[-1])
    return latin_ending(letters)
