"""The one text normalisation: what "the same written form" means, with offsets back to the caller's text.

The glossary matcher, the term index, the enforcer and the checker all compare
forms under :func:`normalize`. It applies, to terms and texts alike:

* Unicode NFC, per cluster, so NFD input (decomposed Vietnamese, Hangul jamo)
  equals NFC input and offsets map back to the NFD string.
* Width: full-width ASCII letters, digits and punctuation become ASCII (``ＩＲＡ``
  = ``IRA``); Hangul, half-width forms and Vietnamese letters stay as they are.
* Typography: curly quotes and apostrophes become straight; hyphen, non-breaking
  hyphen, figure dash, en dash and minus become ``-`` (the em dash stays
  punctuation); Korean interpuncts ``ㆍ ・`` become ``·``; tabs and exotic spaces
  become a space, runs of spaces one space; soft hyphens and zero-width
  characters are dropped. A single line break counts as a space (wrapped text),
  a blank line becomes :data:`PARAGRAPH` characters that no key contains.
* Vietnamese tone placement: old and new orthography are equal (``hòa`` =
  ``hoà``, ``thủy`` = ``thuỷ``, ``khỏe`` = ``khoẻ``), in every language's text.
* Case: Unicode lower case unless ``case_sensitive``.

Nothing else: "U.S." and "US", "Bui" and "Bùi" stay different. For a search that
forgives accents on purpose there is :func:`fold_diacritics`; for storing a form
as typed (NFC, spaces tidied, nothing folded) there is :func:`tidy`.

>>> normalize("Hòa Bình") == normalize("Hoà Bình") == normalize("HOÀ BÌNH")
True
>>> normalize("thủy điện") == normalize("thuỷ điện")
True
>>> normalize("Deputy Secretary\u2013General"), normalize("Biden\u2019s")
('deputy secretary-general', "biden's")
>>> normalize("\uff29\uff32\uff21 \uff12\uff10\uff12\uff14"), normalize("IRA", case_sensitive=True)
('ira 2024', 'IRA')
>>> normalize("\u1112\u1161\u11ab\u1100\u116e\u11a8") == normalize("한국")  # NFD jamo
True
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "PARAGRAPH",
    "Composed",
    "Normalized",
    "composed",
    "fold_diacritics",
    "normalize",
    "normalized",
    "retone",
    "tidy",
]

PARAGRAPH = "\u2029"
"""What a blank line becomes in :attr:`Normalized.folded` (one per code point of the break)."""


def _width_table() -> dict[str, str]:
    """Full-width ASCII forms (U+FF01..FF5E) and full-width signs (U+FFE0..FFE6) to their NFKC character."""
    table = {}
    for code in [*range(0xFF01, 0xFF5F), *range(0xFFE0, 0xFFE7)]:
        folded = unicodedata.normalize("NFKC", chr(code))
        if len(folded) == 1:
            table[chr(code)] = folded
    return table


# Length-preserving replacements. Within a line: width, quotes, dashes, interpuncts, exotic spaces.
_GLYPHS: dict[str, str] = {
    **_width_table(),
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\uff07", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\uff02", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d", "-"),
    **dict.fromkeys("\u318d\u30fb\u2027\uff65", "\u00b7"),
    **dict.fromkeys("\u00a0\u1680\u202f\u205f\u3000", " "),
    **dict.fromkeys([chr(c) for c in range(0x2000, 0x200B)], " "),
}
_GLYPHS_RE = re.compile("[" + re.escape("".join(_GLYPHS)) + "]")
# For keys also control spacing; a line break stays "\n" here and becomes a space after runs
# of whitespace were collapsed (a blank line becomes PARAGRAPH, which no key contains).
_TYPOGRAPHY: dict[str, str] = {
    **_GLYPHS,
    **dict.fromkeys("\t\r\x1c\x1d\x1e\x1f", " "),
    **dict.fromkeys("\v\f\x85\u2028", "\n"),
}
_TYPOGRAPHY_RE = re.compile("[" + re.escape("".join(_TYPOGRAPHY)) + "]")
_TYPOGRAPHY_ASCII = [c for c in _TYPOGRAPHY if c.isascii()]
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen, zero-width characters, BOM
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]+")
_BREAKS = re.compile("\n[ \n\u2029]*")
_SPACES = re.compile("  +")
# A run of non-ASCII text with the character before it: the only places NFC can change.
_NON_ASCII = re.compile(r".?[^\x00-\x7f]+", re.DOTALL)


def _tone_table() -> dict[str, str]:
    """Old-orthography tone placement (hòa, thủy) -> new (hoà, thuỷ), both cases."""
    table: dict[str, str] = {}
    marks = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng
    for first, seconds in (("o", "ae"), ("u", "y")):
        for mark in marks:
            for f in (first, first.upper()):
                toned = unicodedata.normalize("NFC", f + mark)
                for s in seconds + seconds.upper():
                    table[toned + s] = f + unicodedata.normalize("NFC", s + mark)
    return table


_TONES = _tone_table()
_TONE_FIRSTS = "".join(sorted({pair[0] for pair in _TONES}))
_TONE_RE = re.compile(f"[{_TONE_FIRSTS}][aeyAEY]")


def retone(text: str) -> str:
    """NFC ``text`` with Vietnamese tone marks placed the new way (same length).

    >>> retone("Hòa Bình, thủy điện, khỏe")
    'Hoà Bình, thuỷ điện, khoẻ'
    """
    if text.isascii() or not any(c in text for c in _TONE_FIRSTS):
        return text
    return _TONE_RE.sub(lambda m: _TONES.get(m.group(), m.group()), text)


class _OffsetMap:
    """Maps offsets in a rewritten string back to the string it was rewritten from.

    ``segments`` are (new_start, new_end, old_start, old_end) of the rewritten
    pieces, in order; outside them the two strings advance together. A span
    never ends up inside a rewritten piece: it grows to cover the whole piece.
    """

    __slots__ = ("_segments", "_starts")

    def __init__(self, segments: list[tuple[int, int, int, int]]) -> None:
        self._segments = segments
        self._starts = [s[0] for s in segments]

    def span(self, start: int, end: int) -> tuple[int, int]:
        segments = self._segments
        i = bisect_right(self._starts, start)
        if i:  # the last piece that starts at or before ``start``
            _, new_end, old_start, old_end = segments[i - 1]
            start = old_start if start < new_end else old_end + (start - new_end)
        j = bisect_left(self._starts, end)
        if j:  # the last piece that starts before ``end``
            _, new_end, _, old_end = segments[j - 1]
            end = old_end if end <= new_end else old_end + (end - new_end)
        return start, max(start, end)  # an empty span where characters were dropped: after them


def _rewrite(text: str, pieces: Iterable[tuple[int, int, str]]) -> tuple[str, _OffsetMap | None]:
    """Replace (start, end, replacement) pieces of ``text``; return the text and its offset map.

    Pieces replaced by as many characters need no map entry; the map is None when
    no piece changed length.
    """
    out: list[str] = []
    segments: list[tuple[int, int, int, int]] = []
    last = 0
    shift = 0  # len(new) - len(old) so far
    for start, end, replacement in pieces:
        out.append(text[last:start])
        out.append(replacement)
        if len(replacement) != end - start:
            segments.append((start + shift, start + shift + len(replacement), start, end))
            shift += len(replacement) - (end - start)
        last = end
    if not out:
        return text, None
    out.append(text[last:])
    return "".join(out), (_OffsetMap(segments) if segments else None)


def _composes_with_previous(char: str) -> bool:
    """True for a combining mark or a Hangul medial/final jamo (NFC may merge it into the previous)."""
    return bool(unicodedata.combining(char)) or "\u1160" <= char <= "\u11ff" or "\ud7b0" <= char <= "\ud7ff"


def _nfc_pieces(text: str) -> Iterable[tuple[int, int, str]]:
    """NFC per cluster (a starter and what composes with it), so offsets stay fine-grained."""
    for m in _NON_ASCII.finditer(text):
        chunk, base = m.group(), m.start()
        start = 0
        for i in range(1, len(chunk) + 1):
            if i < len(chunk) and _composes_with_previous(chunk[i]):
                continue
            cluster = chunk[start:i]
            nfc = unicodedata.normalize("NFC", cluster)
            if nfc != cluster:
                yield base + start, base + i, nfc
            start = i


def _run_pieces(text: str) -> list[tuple[int, int, str]]:
    """Runs of spaces and line breaks: one space, or PARAGRAPH characters when they hold a blank line."""
    pieces: list[tuple[int, int, str]] = []
    if "\n" in text:
        for m in _BREAKS.finditer(text):
            start, end = m.span()
            while start and text[start - 1] == " ":
                start -= 1
            if end - start > 1:
                run = text[start:end]
                if run.count("\n") >= 2 or PARAGRAPH in run:  # a blank line: same length, no offset shift
                    pieces.append((start, end, PARAGRAPH * (end - start)))
                else:
                    pieces.append((start, end, " "))
    if "  " in text:
        starts = [start for start, _, _ in pieces]
        for m in _SPACES.finditer(text):
            # Spaces next to a line break are already part of that break's run.
            i = bisect_right(starts, m.start()) - 1
            inside = i >= 0 and m.start() < pieces[i][1]
            if not inside and not (i + 1 < len(starts) and starts[i + 1] < m.end()):
                pieces.append((m.start(), m.end(), " "))
        pieces.sort()
    return pieces


def _invisible_pieces(text: str) -> Iterable[tuple[int, int, str]]:
    for m in _INVISIBLE_RE.finditer(text):
        yield m.start(), m.end(), ""


def _lower(text: str) -> str:
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)  # keep İ etc. one code point


@dataclass(frozen=True)
class _Mapped:
    maps: tuple[_OffsetMap, ...]  # back to the caller's text, innermost last

    def span(self, start: int, end: int) -> tuple[int, int]:
        """``(start, end)`` of the rewritten text as offsets of the caller's text (whole clusters)."""
        for offsets in reversed(self.maps):
            start, end = offsets.span(start, end)
        return start, end

    def spans(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """:meth:`span` of each of ``spans``."""
        if not self.maps:
            return list(spans)
        return [self.span(start, end) for start, end in spans]


@dataclass(frozen=True)
class Composed(_Mapped):
    """A text in NFC (``text``), with :meth:`span` back to the text it was composed from (``source``).

    With ``glyphs``, :func:`composed` also folds width, quotes, dashes and exotic spaces
    one for one and drops invisible characters; line breaks, tabs, runs of spaces and
    case stay: the text a checker reads, agreeing with :func:`normalize` on every form.

    >>> nfd = "Ho\u0300a Bi\u0300nh"
    >>> c = composed(nfd)
    >>> c.text == "Hòa Bình", c.span(4, 8), nfd[slice(*c.span(4, 8))] == "Bi\u0300nh"
    (True, (5, 10), True)
    """

    text: str
    source: str


@dataclass(frozen=True)
class Normalized(_Mapped):
    """A text in the forms terms are compared in, with :meth:`span` back to the caller's text.

    ``cased`` has NFC, width, typography and spacing applied; ``folded`` has tone
    placement and lower case on top (same length as ``cased``).

    >>> n = normalized("Ông Nguye\u0302\u0303n\u00a0Văn  A, \u201cthu\u0309y\u201d")
    >>> n.folded
    'ông nguyễn văn a, "thuỷ"'
    >>> start = n.folded.index("thuỷ")
    >>> n.span(start, start + 4)
    (22, 27)
    """

    cased: str
    folded: str


def composed(text: str, *, glyphs: bool = False) -> Composed:
    """``text`` in NFC, composed cluster by cluster so offsets map back precisely (see :class:`Composed`).

    >>> composed("Indo\u2013Pacific \uff29\uff32\uff21", glyphs=True).text
    'Indo-Pacific IRA'
    """
    if text.isascii():
        return Composed((), text, text)
    source, maps = text, []
    if not unicodedata.is_normalized("NFC", text):
        text, offsets = _rewrite(text, _nfc_pieces(text))
        maps.append(offsets)
    if glyphs:
        if any(c in text for c in _INVISIBLE):
            text, offsets = _rewrite(text, _invisible_pieces(text))
            maps.append(offsets)
        for char in set(_GLYPHS_RE.findall(text)):
            text = text.replace(char, _GLYPHS[char])
    return Composed(tuple(m for m in maps if m is not None), text, source)


def normalized(text: str) -> Normalized:
    """``text`` normalised (see the module docstring), with offset maps back to ``text``."""
    maps: list[_OffsetMap] = []

    def rewrite(pieces: Iterable[tuple[int, int, str]]) -> None:
        nonlocal text
        text, offsets = _rewrite(text, pieces)
        if offsets is not None:
            maps.append(offsets)

    if text.isascii():
        present = [c for c in _TYPOGRAPHY_ASCII if c in text]
    else:
        if not unicodedata.is_normalized("NFC", text):
            rewrite(_nfc_pieces(text))
        if any(c in text for c in _INVISIBLE):
            rewrite(_invisible_pieces(text))
        present = list(set(_TYPOGRAPHY_RE.findall(text)))
    for char in present:
        text = text.replace(char, _TYPOGRAPHY[char])
    rewrite(_run_pieces(text))
    cased = text.replace("\n", " ")
    return Normalized(tuple(maps), cased, _lower(retone(cased)))


@lru_cache(maxsize=65536)
def normalize(text: str, *, case_sensitive: bool = False) -> str:
    """The key a form is compared under: equal keys mean the same written form.

    >>> normalize("  Hòa  Bình "), normalize("Thủ tướng\\nPhạm Minh Chính")
    ('hoà bình', 'thủ tướng phạm minh chính')
    >>> normalize("\u201cKIRA\u201d", case_sensitive=True)
    '"KIRA"'
    """
    if text.isascii() and text.isprintable() and "  " not in text:  # most terms: nothing to rewrite
        return (text if case_sensitive else text.lower()).strip(" ")
    norm = normalized(text)
    return (retone(norm.cased) if case_sensitive else norm.folded).strip(" ")


def fold_diacritics(text: str) -> str:
    """A forgiving search key: no combining marks (Vietnamese tones), đ→d, case-folded, spaces collapsed.

    Hangul syllables are recomposed, so a Korean query matches in NFC or NFD alike.

    >>> fold_diacritics("Thứ trưởng"), fold_diacritics("ĐẠI SỨ"), fold_diacritics("\u1112\u1161\u11ab")
    ('thu truong', 'dai su', '한')
    """
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return " ".join(unicodedata.normalize("NFC", stripped).casefold().split())


def tidy(text: str) -> str:
    """A form as typed, for storage and exact look-ups: NFC, whitespace runs one space, trimmed; nothing folded.

    >>> tidy(" Bo\u0323\u0302  Ngoa\u0323i giao\\n"), tidy("외교부\\t장관")
    ('Bộ Ngoại giao', '외교부 장관')
    """
    return " ".join(unicodedata.normalize("NFC", text).split())
