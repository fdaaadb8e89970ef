"""Sentence splitting for English, Korean and Vietnamese: spans into the caller's text, nothing lost.

English uses pySBD (the Golden Rules segmenter); Korean and Vietnamese use
transkit's own rules. Every language shares transkit's protection: no boundary
falls inside a URL, an e-mail address, a number (``3.5``, ``1.000.000``,
``29.2.2024``, ``8:58``), inline code or a span the caller protects
(placeholders, Markdown link targets). English text is handed to pySBD with
those spans masked, so their dots never look like sentence ends to it.

Why these splitters: ``benchmarks/segmentation.py`` on the gold sets in
``tests/data/segmentation/`` (boundary F1; MB/s by CPU time on a loaded
2-core machine, models loaded beforehand):

- English: pySBD 0.3.4 in plain mode, spans recovered here (its
  ``char_span`` mode measured 25% slower). It scores 47/48
  on the 48 "Golden Rules" cases (the old rule splitter: 32/48, F1 0.53) and
  F1 0.862 on en-hard, 0.986 on en-news. transkit adds the cuts it misses in
  news copy (``Washington, D.C. He said``, ``Main St. Then``, ``"No." "Yes."``,
  ``"Done." (See p. 5.)``) and drops the ones after ``, ; :``, after
  ``approx.`` and between a full stop and a lowercase word (``2.5 kg. of``): F1 0.984 on en-hard, 1.000
  on en-news, still 47/48 on the Golden Rules. About 0.1 MB/s (50 ms for a
  5 kB article); sentencex is 17-48 MB/s but scores 0.862 on en-hard.
- Korean: transkit's rules, F1 1.000 on news, 0.941 on informal text, 1.000
  on Wikipedia-style text at 1.9-2.8 MB/s. kss 6 (mecab or pecab backend) is
  as good on news and Wikipedia text, 0.900 on informal text, at 0.03 MB/s;
  kss ``fast``/``punct`` score 0.27-0.96; Kiwi ``split_into_sents`` 0.977 /
  0.887 / 0.987 at 0.07 MB/s after a 5 s model load; sentencex 0.992 on news
  but 0.317 on informal text (it needs punctuation); pySBD has no Korean.
  None of the morphological splitters comes near the 1 MB/s floor. The rules:
  terminators with quotations (``"…"라고 말했다``) and citations (``다.[3]``),
  sentences run together (``만났다.양측은``), and sentences that end without
  punctuation in a final verb ending (``했다``, ``좋네요``, ``실화냐``),
  laughter (``ㅎㅎ``, ``ㅠㅠ``) or an emoticon (``^^``).
- Vietnamese: transkit's rules, F1 1.000 on news copy at 3.1-3.5 MB/s
  (abbreviations such as ``TP.``, ``PGS. TS.``, ``Q.``, ``v.v.``); sentencex
  scores 0.932 (it cuts after ``TP.``) and pySBD has no Vietnamese.

>>> sentences("Mr. Campbell met Cho on Feb. 29 in Washington, D.C. He said so.", "en")
['Mr. Campbell met Cho on Feb. 29 in Washington, D.C.', 'He said so.']
>>> sentences("조태열 장관은 캠벨 부장관과 만났다.양측은 협력을 논의했다 오늘 날씨 좋네요 ㅎㅎ 또 봐요", "ko")
['조태열 장관은 캠벨 부장관과 만났다.', '양측은 협력을 논의했다', '오늘 날씨 좋네요 ㅎㅎ', '또 봐요']
>>> sentences("Hai bên gặp tại TP. HCM ngày 29/2/2024. Hai bên thảo luận.", "vi")
['Hai bên gặp tại TP. HCM ngày 29/2/2024.', 'Hai bên thảo luận.']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import languages
from .korean.hangul import final_jamo, is_hangul

if TYPE_CHECKING:
    import pysbd

__all__ = ["Span", "sentences", "split_sentences"]

Span = tuple[int, int]


def split_sentences(text: str, lang: str, *, protected: Sequence[Span] = ()) -> list[Span]:
    """Return the ``(start, end)`` span of each sentence of ``text``, in order.

    Spans exclude the whitespace around a sentence; the text between two spans
    is whitespace only. No boundary falls inside a ``protected`` span, nor
    inside a URL, e-mail address, number or inline code. Whitespace-only text
    has no sentences.

    >>> split_sentences("  Visit www.mofa.go.kr. Then call.", "en")
    [(2, 23), (24, 34)]
    """
    return list(_split(text, languages.normalize(lang), tuple((a, b) for a, b in protected)))


# The checks split the same source and translation once per finding: keep the last few results.
@lru_cache(maxsize=16)
def _split(text: str, code: str, protected: tuple[Span, ...]) -> tuple[Span, ...]:
    shielded = [*_shield(text), *protected]
    if code == "en":
        cuts = _english_cuts(text, shielded)
    else:
        if code == "ko":
            shielded += _korean_embedded_quotes(text)
        cuts = _rule_cuts(text, code)
    cuts = _outside(sorted(set(cuts)), sorted(shielded))
    spans: list[Span] = []
    start = 0
    for end in [*cuts, len(text)]:
        span = _strip(text, start, end)
        if span is not None:
            spans.append(span)
        start = end
    return tuple(spans)


def sentences(text: str, lang: str) -> list[str]:
    """Return the sentences of ``text`` (without the whitespace between them)."""
    return [text[a:b] for a, b in split_sentences(text, lang)]


# --- protection shared by every language ---------------------------------------------------------

_SHIELD = re.compile(
    "|".join(  # noqa: FLY002  (one alternative a line, each with its comment; an f-string would lose them)
        [
            r"`[^`\n]+`",  # inline code
            r"(?:https?://|www\.)[^\s<>\"'\u201c\u201d]*[^\s<>\"'\u201c\u201d.,;:!?)\]]",  # URL, less trailing dots
            r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail address (from the start of a word: linear time)
            r"(?<!\d)\d+(?:[.,:]\d+)+",  # 3.5, 1,000.5, 1.000.000, 29.2.2024, 8:58
        ]
    )
)


def _shield(text: str) -> list[Span]:
    return [m.span() for m in _SHIELD.finditer(text)]


def _outside(cuts: list[int], spans: list[Span]) -> list[int]:
    """The sorted ``cuts`` that fall strictly inside none of the sorted ``spans``."""
    kept = []
    reach, index = 0, 0  # reach: the furthest end of the spans that start before the cut
    for cut in cuts:
        while index < len(spans) and spans[index][0] < cut:
            reach = max(reach, spans[index][1])
            index += 1
        if cut >= reach:
            kept.append(cut)
    return kept


def _strip(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


# --- English: pySBD ------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    import pysbd  # about 15 ms to import; only English text needs it

    return pysbd.Segmenter(language="en", clean=False)


def _english_cuts(text: str, shielded: Sequence[Span]) -> list[int]:
    masked = _mask(text, shielded)
    cuts = [c for c in _pysbd_cuts(masked) if not _en_continues(masked, c)]
    return cuts + [m.end(m.lastindex or 0) for m in _EN_MISSED_END.finditer(masked)]


# pySBD is given a few sentences at a time: its time grows with the square of its input, and it reads any
# numbers in its input that count up ("on Nov. 1." ... "by 181 to 2.") as a numbered list and cuts before them.
_WINDOW = 600  # characters


def _pysbd_cuts(text: str) -> list[int]:
    """pySBD's cuts in ``text``, segmenting windows of about ``_WINDOW`` characters.

    Each window after the first starts at the last cut of the one before, so the sentence a window
    ends inside is segmented again, whole, with what follows it.
    """
    segmenter = _segmenter()
    cuts: list[int] = []
    start, size = 0, _WINDOW
    while True:
        end = _next_space(text, start + size)
        found = _cuts_of(text[start:end], segmenter.segment(text[start:end]))
        if end == len(text):
            return cuts + [start + cut for cut in found]
        if not found:  # one sentence longer than the window: widen it
            size *= 2
            continue
        cuts += [start + cut for cut in found]
        start, size = cuts[-1], _WINDOW


def _next_space(text: str, pos: int) -> int:
    """The first whitespace at or after ``pos``, or the end of ``text``."""
    match = _SPACE.search(text, min(pos, len(text)))
    return match.start() if match else len(text)


_SPACE = re.compile(r"\s")


def _mask(text: str, spans: Sequence[Span]) -> str:
    """``text`` as pySBD should see it, same length: each span but its first character replaced by ``x`` (no
    dots, no spaces), and line breaks as spaces (pySBD ends a sentence at every line break; here a line break
    is whitespace, as in a Markdown paragraph).
    """
    text = text.replace("\r", " ").replace("\n", " ")
    if not spans:
        return text
    chars = list(text)
    for a, b in spans:
        chars[a + 1 : b] = "x" * (b - a - 1)
    return "".join(chars)


def _cuts_of(text: str, pieces: Sequence[str]) -> list[int]:
    """The offsets in ``text`` where each piece but the last ends, matching non-space characters.

    A splitter that changed a character stops the matching: the cuts found so far are kept.
    """
    cuts: list[int] = []
    pos = 0
    for piece in pieces[:-1]:
        core = piece.strip()
        if not core:
            continue
        found = text.find(core, pos)
        if found >= 0 and not text[pos:found].strip():  # the usual case: the piece unchanged
            pos = found + len(core)
            cuts.append(pos)
            continue
        for char in piece:
            if char.isspace():
                continue
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if pos == len(text) or text[pos] != char:
                return cuts
            pos += 1
        cuts.append(pos)
    return cuts


# pySBD cuts after "parts:", "2.5 kg." before "of" and "approx." before a number; none of these end a sentence.
_EN_NOT_AN_END = re.compile(r"(?:[,;:]|\b(?:approx|incl|excl|esp)\.)\s*$")
_EN_LOWERCASE_WORD = re.compile(r"\s*[a-z][a-z'-]*[,;:]?\s")


def _en_continues(text: str, cut: int) -> bool:
    """Whether pySBD's cut at ``cut`` falls inside a sentence."""
    return _EN_NOT_AN_END.search(text, max(0, cut - 8), cut) is not None or (
        text[cut - 1] == "." and _EN_LOWERCASE_WORD.match(text, cut) is not None
    )


# pySBD keeps "Washington, D.C. He said", "Main St. Then", '"I don't know." "Then' and '"Done." (See' together.
_EN_OPENERS = (
    "The A An He She It They We I You His Her Its Their Our My This That These Those There Here "
    "But And So Yet Then Later Now Today Yesterday Next However Meanwhile Also In On At As After Before "
    "When While If Although Despite According"
).split()
_EN_MISSED_END = re.compile(
    r"(?<![\w.])((?:[A-Z]\.){2,}|(?:St|Ave|Blvd|Rd|Inc|Ltd|Co|Corp|Jr|Bros)\.)\s+"
    rf"(?=(?:{'|'.join(_EN_OPENERS)})\b)"
    r"|([.!?][\"\u201d]|\([^()\n]*[.!?]\))\s+(?=[\"\u201c(]?[A-Z])"
)


# --- Korean and Vietnamese: rules ----------------------------------------------------------------

# A terminator run, closing quotes and brackets, then citation marks ("다.[3]").
_END = re.compile(r"([.!?\u2026]+)([\"'\u201d\u2019\u00bb)\]}\u300d\u300f\u3009\u300b*_]*)((?:\[[^\[\]\s]{1,8}\])*)")
_OPENERS = "\"'\u201c\u2018\u00ab([{\u300c\u300e\u3008\u300a"
_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
_SYLLABLE = re.compile(r"[\uac00-\ud7a3]")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # U.S, D.C, a.m, v.v (the last dot excluded)
_NEXT_WORD = re.compile(r"\s*(\S*)")

# Abbreviations that never end a sentence: titles and words that stand before a name or a phrase.
_NEVER_COMMON = frozenset(
    "Mr Mrs Ms Messrs Mmes Dr Prof Gen Lt Col Maj Capt Cmdr Adm Sgt Cpl Pvt Gov Sen Rep Amb Pres "
    "Hon Rev Fr Sr Sra Mme Mlle Mt Ft vs cf e.g i.e approx ca viz".split()
)
_NEVER: dict[str, frozenset[str]] = {
    "ko": _NEVER_COMMON,
    "vi": _NEVER_COMMON | frozenset("TP Tp tp ThS TS PGS GS BS KS CN TT Th.S Ths NXB HN ĐH Q P H X TX".split()),
}
# Abbreviations that do not end a sentence when a number follows ("Feb. 29", "No. 5", "p. 12").
_BEFORE_NUMBER = frozenset(
    "No Nos no nos p pp Art art Vol vol Fig fig Ch ch Sec sec Tr tr tel Tel Ph "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
)
# Abbreviations that may end a sentence: they do when a typical sentence opener follows.
_AMBIGUOUS = frozenset(
    "Inc Ltd Co Corp Jr Bros St Ave Blvd Rd Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
)
# Abbreviations that end a sentence whenever a capitalised word follows: lists closed by "etc.".
_LIST_ENDS = frozenset(("etc", "v.v"))
# Words that typically open a sentence; after an ambiguous abbreviation they mark a boundary.
_STARTERS: dict[str, frozenset[str]] = {
    "ko": frozenset("그는 그녀는 그러나 하지만 그리고 또한 이에 이날 한편 이번 이는 양측은 양국은 정부는".split()),
    "vi": frozenset(
        "Hai Các Những Ông Bà Theo Trong Tuy Nhưng Tại Khi Sau Trước Đây Điều Việc Ngoài Bên Cũng "
        "Đồng Hiện Do Vì Nếu Mặc Cùng Trên Về Chúng Tôi Họ Đó".split()
    ),
}
# Words that continue a Korean quotation after its closing mark: "좋다." 라고 말했다.
_KO_QUOTE_TAIL = re.compile(r"(?:이)?라(?:고|며|는)")


def _rule_cuts(text: str, lang: str) -> list[int]:
    cuts = [m.end() for m in _END.finditer(text) if m.end() < len(text) and _is_boundary(text, m, lang)]
    if lang == "ko":
        cuts += _korean_unpunctuated_cuts(text, cuts)
    return cuts


def _is_boundary(text: str, m: re.Match[str], lang: str) -> bool:
    term, close = m.group(1), m.group(2)
    end = m.end()
    if not text[end].isspace():
        # Only Korean runs sentences together: 만났다.양측은, 끝났다.[3]다음, 것이다.2005년
        return (
            lang == "ko"
            and not close
            and m.start() > 0
            and _HANGUL.match(text[m.start() - 1]) is not None
            and (_HANGUL.match(text[end]) is not None or text[end].isdigit())
            and not _KO_QUOTE_TAIL.match(text, end)
        )
    nxt = _next_word(text, end)
    if not nxt:
        return True
    core = nxt.lstrip(_OPENERS)
    if core[:1].islower():
        return False
    if lang == "ko" and _KO_QUOTE_TAIL.match(core):
        return False
    if term != ".":
        return True
    return _period_ends(_word_before(text, m.start()), nxt, text, m.start(), lang)


def _period_ends(word: str, nxt: str, text: str, dot: int, lang: str) -> bool:
    """Whether a single full stop after ``word`` ends the sentence, given the next word."""
    if not word:
        return True
    core = nxt.lstrip(_OPENERS)
    if word in _NEVER[lang]:
        return False
    if core[:1].isdigit() and word in _BEFORE_NUMBER:
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        # An initial after a name or another initial (Kurt M. Campbell, J. R. Wallace), not a unit (15 độ C.)
        start = dot - 1
        while start > 0 and text[start - 1].isspace():
            start -= 1
        before = re.split(r"[(\[{]", _word_before(text, start))[-1].rstrip(",")  # 캠벨(Kurt M.
        return not (before == "" or before[:1].isupper() or before.endswith("."))
    if word in _LIST_ENDS:
        return True
    if _DOTTED.fullmatch(word) or word in _AMBIGUOUS:
        # U.S. Deputy Secretary ... / Washington, D.C. He said ...
        return core != nxt or _trim_word(core) in _STARTERS[lang] or _starts_other_script(core, lang)
    # An enumeration opening the text ("1. First") does not end a sentence.
    return not (word.isdigit() and not text[: dot - len(word)].strip())


def _trim_word(word: str) -> str:
    return word.rstrip(".,;:!?\"'\u201d\u2019)")


def _starts_other_script(word: str, lang: str) -> bool:
    return lang != "ko" and _HANGUL.match(word) is not None


def _word_before(text: str, dot: int) -> str:
    start = dot
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:dot].lstrip(_OPENERS)


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos)
    return m.group(1) if m else ""


# --- Korean without punctuation ------------------------------------------------------------------

# A quotation embedded in a Korean sentence: "…"라고 말했다, "…"며, "…"는 입장. No boundary inside it.
_KO_EMBEDDED_QUOTE = re.compile(
    r"(\"[^\"\n]+\"|\u201c[^\u201d\n]+\u201d|\u2018[^\u2019\n]+\u2019)(?=\s?(?:이)?(?:라)?(?:고|며|는|면서)(?!\w\w))"
)
# A word that may end a Korean sentence without punctuation, and the word after it.
_KO_CANDIDATE = re.compile(r"(?<!\S)(\S*(?:[다요죠냐네까음]|[ㅋㅎㅠㅜ]{2}|\^\^|[:;]-?[)(DP]|~))\s+(?=(\S+))")
_LAUGHTER = re.compile(r"(?:[ㅋㅎㅠㅜ]{2,}|\^\^+|[:;]-?[)(DP]|~+)")
_LAUGHTER_AFTER_WORD = re.compile(r"[\uac00-\ud7a3](?:[ㅋㅎㅠㅜ]{2,}|\^\^+|~+)$")  # 웃기다ㅋㅋ, 싶네요~
# Syllables before 다 that make a final verb ending: 니다, 이다, 좋다, 웃기다, 아프다 (and any
# syllable ending in ㅆ or ㄴ: 했다, 있다, 한다, 는다). Not 하다, 가다, 주다: "공부하다 졸았다" is
# "공부하다가 졸았다", one sentence.
_KO_STEM_BEFORE_DA = frozenset("니이되않같좋많싶렵쉽럽답깝겁갑기치르쁘프크없")
# Words ending in a final-looking syllable that are nouns or particles: 필요, 해마다, 바다, 동네.
_KO_NOT_FINAL = frozenset("필요 중요 주요 수요 개요 소요 강요 동요 풍요 동네 우리네 그네 케냐".split())
_KO_NOT_FINAL_SUFFIXES = ("보다", "마다", "바다")
# Words after a plain -다 that continue the sentence: 하다 보니, 좋다 해도, 가고 싶다.
_KO_CONTINUATIONS = ("보니", "보면", "해도", "하더라도", "싶", "한들", "치고", "왔", "와")


def _korean_embedded_quotes(text: str) -> list[Span]:
    return [m.span() for m in _KO_EMBEDDED_QUOTE.finditer(text)]


def _korean_unpunctuated_cuts(text: str, punctuated: Sequence[int]) -> list[int]:
    """Cuts after Korean sentences that end without punctuation: 했다, 좋네요, 실화냐, ㅎㅎ, ^^.

    A final verb ending cuts only where the writer does not end statements with full stops: not inside a
    stretch that ends in one, where "이어졌다 이어졌다." is a repetition, not two sentences (informal
    writers who mark questions, "읽었습니다 근데 어디인가요?", still cut). Laughter and emoticons cut
    anywhere. ``punctuated`` are the cuts at terminators, in order.
    """
    cuts: list[int] = []
    ends_at_full_stop = {end for end in [*punctuated, len(text)] if _full_stop_before(text, end)}
    for m in _KO_CANDIDATE.finditer(text):
        word, nxt = m.group(1), m.group(2)
        if _LAUGHTER.fullmatch(nxt):
            continue  # laughter after a word belongs to its sentence: 좋아요 ㅎㅎ
        if _LAUGHTER.fullmatch(word):
            before = m.start(1)  # where the text before the laughter ends, less whitespace
            while before and text[before - 1].isspace():
                before -= 1
            ends = before > 0 and text[before - 1] not in ".!?\u2026" and not (cuts and cuts[-1] == before)
        else:
            ends = _LAUGHTER_AFTER_WORD.search(word) is not None or (
                _final_ending(word, nxt) and _stretch_end(m.end(1), punctuated, len(text)) not in ends_at_full_stop
            )
        if ends:
            cuts.append(m.end(1))
    return cuts


_FULL_STOP_END = re.compile(r"(?<!\.)\.[\"'\u201d\u2019)\]]*(?:\[[^\[\]\s]{1,8}\])*$")


def _full_stop_before(text: str, end: int) -> bool:
    """Whether ``text[:end]``, less trailing whitespace, ends in a full stop (with closing marks and citations)."""
    while end and text[end - 1].isspace():
        end -= 1
    return _FULL_STOP_END.search(text[max(0, end - 40) : end]) is not None


def _stretch_end(pos: int, punctuated: Sequence[int], length: int) -> int:
    """Where the stretch holding ``pos`` ends: the next punctuated cut, or the end of the text."""
    index = bisect.bisect_right(punctuated, pos)
    return punctuated[index] if index < len(punctuated) else length


def _final_ending(word: str, nxt: str) -> bool:
    """Whether a Korean word ends in a sentence-final verb ending, given the word after it."""
    if len(word) < 2 or not _SYLLABLE.fullmatch(word[-1]) or word in _KO_NOT_FINAL:
        return False
    last, before = word[-1], word[-2]
    if last == "다":
        return (
            not word.endswith(_KO_NOT_FINAL_SUFFIXES)
            and not nxt.startswith(_KO_CONTINUATIONS)
            and (before in _KO_STEM_BEFORE_DA or _final_consonant(before) in ("ㅆ", "ㄴ"))
        )
    if last == "까":
        # 습니까, 입니까, 할까, 어떨까; not the connective 보니까
        return _final_consonant(before) == "ㄹ" or (before == "니" and _final_consonant(word[-3:-2] or " ") == "ㅂ")
    if last == "음":
        return _final_consonant(before) == "ㅆ" or before in "않좋같없"  # 했음, 없음 (not 다음, 마음)
    return last in "요죠냐네"


def _final_consonant(char: str) -> str:
    """The final consonant of ``char`` when it is a Hangul syllable; a space otherwise."""
    return final_jamo(char) if is_hangul(char) else " "
