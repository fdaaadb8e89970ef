"""Sentence splitting for English, Korean and Vietnamese, and safe splitting of long sentences.

A rule-based splitter: a sentence ends at ``.``, ``?``, ``!`` or an ellipsis,
followed by closing quotes or brackets, then whitespace, unless the rules of
the language say the full stop belongs to an abbreviation, an initial or a
number. Korean sentences also end where a full stop after a Hangul syllable is
followed directly by the next sentence (``만났다.양측은``).

pysbd was measured for this job and not used: it has no Korean or Vietnamese
rules, it misses English boundaries that matter in news text
(``Washington, D.C. He said``, ``Main St. Then``) and it is about 70 times
slower (a 45 kB English article: 3 ms here, 216 ms with pysbd 0.3.4). On the
seed article both give the same sentences.

Splitting returns spans, so nothing is lost: the text between two spans is the
whitespace that separated the sentences.

>>> sentences("Mr. Campbell met Cho on Feb. 29 in Washington, D.C. He said so.", "en")
['Mr. Campbell met Cho on Feb. 29 in Washington, D.C.', 'He said so.']
>>> sentences("조태열 장관은 캠벨 부장관과 만났다.양측은 협력을 논의했다.", "ko")
['조태열 장관은 캠벨 부장관과 만났다.', '양측은 협력을 논의했다.']
>>> sentences("Hai bên gặp tại TP. HCM ngày 29/2/2024. Hai bên thảo luận.", "vi")
['Hai bên gặp tại TP. HCM ngày 29/2/2024.', 'Hai bên thảo luận.']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .. import languages

__all__ = ["sentences", "split_long", "split_sentences"]

Span = tuple[int, int]

# A terminator run, then closing quotes and brackets.
_END = re.compile(r"([.!?\u2026]+)([\"'\u201d\u2019\u00bb)\]}\u300d\u300f\u3009\u300b*_]*)")
_OPENERS = "\"'\u201c\u2018\u00ab([{\u300c\u300e\u3008\u300a"
_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # U.S, D.C, a.m, v.v (the last dot excluded)
_NEXT_WORD = re.compile(r"\s*(\S*)")

# Abbreviations that never end a sentence: titles and words that stand before a name or a phrase.
_NEVER_COMMON = frozenset(
    "Mr Mrs Ms Messrs Mmes Dr Prof Gen Lt Col Maj Capt Cmdr Adm Sgt Cpl Pvt Gov Sen Rep Amb Pres "
    "Hon Rev Fr Sr Sra Mme Mlle Mt Ft vs cf e.g i.e approx ca viz".split()
)
_NEVER: dict[str, frozenset[str]] = {
    "en": _NEVER_COMMON,
    "ko": _NEVER_COMMON,
    "vi": _NEVER_COMMON | frozenset("TP Tp tp ThS TS PGS GS BS KS CN TT Th.S Ths NXB HN".split()),
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
    "en": frozenset(
        "The A An He She It They We I You His Her Its Their Our My This That These Those There Here "
        "But And Or So Yet Then Later Now Today Yesterday Next However Meanwhile Also "
        "In On At For As After Before When While If Although "
        "Despite According Both Neither Some Many Most All Such No Yes What Why How Who Where".split()
    ),
    "ko": frozenset("그는 그녀는 그러나 하지만 그리고 또한 이에 이날 한편 이번 이는 양측은 양국은 정부는".split()),
    "vi": frozenset(
        "Hai Các Những Ông Bà Theo Trong Tuy Nhưng Tại Khi Sau Trước Đây Điều Việc Ngoài Bên Cũng "
        "Đồng Hiện Do Vì Nếu Mặc Cùng Trên Về Chúng Tôi Họ Đó".split()
    ),
}
# Words that continue a Korean quotation after its closing mark: "좋다." 라고 말했다.
_KO_QUOTE_TAIL = re.compile(r"(?:이)?라(?:고|며|는)")


def split_sentences(text: str, lang: str, *, protected: Sequence[Span] = ()) -> list[Span]:
    """Return the ``(start, end)`` span of each sentence of ``text``, in order.

    Spans exclude the whitespace around a sentence; the text between two spans
    is whitespace only. No boundary falls inside a ``protected`` span (inline
    code, a URL). Whitespace-only text has no sentences.
    """
    code = languages.normalize(lang)
    cuts = [end for end in _boundaries(text, code) if not _inside(end, protected)]
    spans: list[Span] = []
    start = 0
    for end in [*cuts, len(text)]:
        span = _strip(text, start, end)
        if span is not None:
            spans.append(span)
        start = end
    return spans


def sentences(text: str, lang: str) -> list[str]:
    """Return the sentences of ``text`` (without the whitespace between them)."""
    return [text[a:b] for a, b in split_sentences(text, lang)]


def _boundaries(text: str, lang: str) -> list[int]:
    cuts = []
    for m in _END.finditer(text):
        end = m.end()
        if end >= len(text):
            break
        if _is_boundary(text, m, lang):
            cuts.append(end)
    return cuts


def _is_boundary(text: str, m: re.Match[str], lang: str) -> bool:
    term, close = m.group(1), m.group(2)
    end = m.end()
    if not text[end].isspace():
        # Only Korean runs sentences together: 만났다.양측은
        return (
            lang == "ko"
            and not close
            and m.start() > 0
            and _HANGUL.match(text[m.start() - 1]) is not None
            and _HANGUL.match(text[end]) is not None
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
        return False  # an initial: Kurt M. Campbell, Q. 1
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


def _strip(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _inside(pos: int, spans: Sequence[Span]) -> bool:
    return any(a < pos < b for a, b in spans)


# --- long sentences -----------------------------------------------------------------------------

# Split points, strongest first. Each pattern matches the text that ends a piece (the piece keeps
# its trailing whitespace), or, for conjunctions, the whitespace before the word that opens the next.
_CLAUSE_LEVELS: tuple[re.Pattern[str], ...] = (
    re.compile(r"[;:\uff1b\uff1a]\s+"),
    re.compile(r"[,\uff0c\u3001]\s+"),
    re.compile(
        r"\s+(?=(?:and|but|or|while|whereas|because|although|which|who|after|before|và|nhưng|hoặc|"
        r"trong khi|vì|bởi vì|mà|sau khi|trước khi|để)\s)"
        r"|(?<=[\uac00-\ud7a3])(?:고|며|지만|는데|면서|으며|으나|거나|어서|아서|해서|하여|도록|니까)\s+"
    ),
    re.compile(r"\s+"),
)


def split_long(sentence: str, max_tokens: int, count_tokens: Callable[[str], int]) -> list[str]:
    """Split ``sentence`` into pieces of at most ``max_tokens`` tokens each, losing nothing.

    Pieces are cut at clause boundaries first (``; :``, then ``,``, then
    before a conjunction or after a Korean connective ending such as ``-고``,
    ``-며``, ``-지만``), then at any whitespace, and only as a last resort
    between characters. Each piece keeps the whitespace that followed it, so
    ``"".join(pieces) == sentence`` always holds: translate ``piece.rstrip()``
    and append ``piece[len(piece.rstrip()):]`` to rejoin. A single character
    that alone exceeds the budget becomes a piece of its own.

    >>> words = lambda s: len(s.split())
    >>> split_long("We met in Seoul; they talked, and then they left.", 4, words)
    ['We met in Seoul; ', 'they talked, ', 'and then they left.']
    """
    if max_tokens < 1:
        raise ValueError(f"max_tokens must be at least 1, not {max_tokens}")
    if count_tokens(sentence) <= max_tokens:
        return [sentence]
    return _split(sentence, 0, max_tokens, count_tokens)


def _split(text: str, level: int, limit: int, count: Callable[[str], int]) -> list[str]:
    if level == len(_CLAUSE_LEVELS):
        return _split_chars(text, limit, count)
    atoms = _cut(text, _CLAUSE_LEVELS[level])
    pieces: list[str] = []
    current = ""
    for atom in atoms:
        if current and count(current + atom) <= limit:
            current += atom
            continue
        if current:
            pieces.append(current)
        current = atom
        if count(current) > limit:
            # The last sub-piece may still share a piece with the atoms that follow.
            *done, current = _split(current, level + 1, limit, count)
            pieces.extend(done)
    if current:
        pieces.append(current)
    return pieces


def _cut(text: str, pattern: re.Pattern[str]) -> list[str]:
    atoms = []
    start = 0
    for m in pattern.finditer(text):
        if 0 < m.end() < len(text) and m.end() > start:
            atoms.append(text[start : m.end()])
            start = m.end()
    atoms.append(text[start:])
    return atoms


def _split_chars(text: str, limit: int, count: Callable[[str], int]) -> list[str]:
    pieces = []
    start = 0
    while start < len(text):
        # Longest prefix within the budget, by binary search (the count grows with the length).
        lo, hi = start + 1, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if count(text[start:mid]) <= limit:
                lo = mid
            else:
                hi = mid - 1
        pieces.append(text[start:lo])
        start = lo
    return pieces
