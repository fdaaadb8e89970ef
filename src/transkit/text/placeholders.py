"""Protect spans of a segment from the translation model with placeholder tokens.

Before translation, :func:`mask` replaces each protected span (a URL, inline
code, a glossary term) with a token; after translation, :func:`unmask` puts
back the original, or a replacement the caller chose (the approved target
term, for glossary enforcement).

The token form is ``ZX<n>Q``: ASCII capitals and digits only. Every OPUS-MT
SentencePiece vocabulary covers ASCII letters and digits, so the token never
becomes ``<unk>`` (rare Unicode brackets such as ``⟨1⟩`` can), and a
consonant cluster with a number reads to the model like a product code, which
it copies rather than translates. Tags such as ``<x1>`` invite the markup
damage MarianMT is known for (``×/strong>``).

Models still mangle tokens, so restoring is tolerant: a space inserted inside
(``ZX 1 Q``), a changed case (``zx1q``), full-width characters (``ＺＸ１Ｑ``),
a lost tail (``ZX1``), a stray marker letter (``ZX1QX``) or a token glued to a
word are recognised and repaired; a duplicated token is restored
once and its copies removed; an invented number is removed; a token that is
gone is reported in ``missing`` so the caller can retranslate. No token is
ever left in the returned text.

>>> m = mask("See https://mofa.go.kr now.", [(4, 22)])
>>> m.text
'See ZX0Q now.'
>>> r = unmask("Xem zx 0Q ngay.", m)
>>> r.text, r.ok
('Xem https://mofa.go.kr ngay.', True)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..lang.normalize import composed

__all__ = ["Masked", "Restored", "mask", "scrub", "unmask"]

# (head, tail) pairs; the first whose pattern does not already occur in the text is used.
_MARKERS: tuple[tuple[str, str], ...] = (("ZX", "Q"), ("QZ", "X"), ("XQ", "Z"), ("ZJ", "Q"), ("QJ", "Z"), ("JX", "Q"))


@dataclass(frozen=True)
class Masked:
    """A segment with its protected spans replaced by tokens."""

    text: str
    originals: tuple[str, ...]
    replacements: tuple[str, ...]  # what unmask puts back for each token (the originals by default)
    head: str = "ZX"
    tail: str = "Q"

    def token(self, index: int) -> str:
        """The exact token that stands for span ``index``."""
        return f"{self.head}{index}{self.tail}"


@dataclass(frozen=True)
class Restored:
    """A translation with its tokens replaced, and what had to be repaired."""

    text: str
    recovered: tuple[str, ...]  # one line per repaired, removed or duplicated token
    missing: tuple[int, ...]  # indices of spans whose token the model dropped

    @property
    def ok(self) -> bool:
        """Whether every span came back (repairs allowed)."""
        return not self.missing


def mask(text: str, spans: Sequence[tuple[int, int]], *, replacements: Sequence[str] | None = None) -> Masked:
    """Replace each ``(start, end)`` span of ``text`` with a token numbered by its position in ``spans``.

    Spans must be non-empty, inside the text and must not overlap; they may be
    given in any order. ``replacements[i]``, when given, is what :func:`unmask`
    restores for span ``i`` instead of its original text.
    """
    spans = [(int(a), int(b)) for a, b in spans]
    for a, b in spans:
        if not 0 <= a < b <= len(text):
            raise ValueError(f"span ({a}, {b}) is empty or outside a text of length {len(text)}")
    order = sorted(range(len(spans)), key=lambda i: spans[i])
    for i, j in pairwise(order):
        if spans[j][0] < spans[i][1]:
            raise ValueError(f"spans {spans[i]} and {spans[j]} overlap")
    originals = tuple(text[a:b] for a, b in spans)
    if replacements is None:
        targets = originals
    else:
        targets = tuple(replacements)
        if len(targets) != len(spans):
            raise ValueError(f"{len(targets)} replacements for {len(spans)} spans")
    head, tail = _free_marker(text)
    pieces = []
    last = 0
    for i in order:
        a, b = spans[i]
        pieces += [text[last:a], f"{head}{i}{tail}"]
        last = b
    pieces.append(text[last:])
    return Masked("".join(pieces), originals, targets, head, tail)


def unmask(translation: str, masked: Masked) -> Restored:
    """Put the replacement of every token of ``masked`` back into ``translation``.

    Tokens are found in the text with full-width letters and digits read as ASCII (``ＺＸ０Ｑ``), and a
    stray marker letter glued after a token (``ZX0QX``) is taken as part of it.
    """
    pattern = _pattern(masked.head, masked.tail)
    view = composed(translation, glyphs=True)
    count = len(masked.originals)
    seen: set[int] = set()
    recovered: list[str] = []
    out: list[str] = []
    last = 0
    glued = _glued(masked)
    for m in pattern.finditer(view.text):
        index = int(m.group(1) or m.group(3))
        stop = m.end()
        if index in glued:  # the letter after the token was in the source: keep it
            stop -= len(m.group(2) or m.group(4) or "")
        start, end = view.span(m.start(), stop)
        found = translation[start:end]
        before = translation[last:start]
        if index >= count or index in seen:
            why = "unknown" if index >= count else "duplicate"
            recovered.append(f"removed {why} placeholder {found!r}")
            out.append(_drop_gap(before, translation, end))
            last = end
            continue
        seen.add(index)
        if found != masked.token(index):
            recovered.append(f"repaired placeholder {found!r} -> {masked.token(index)!r} ({_damage(found, masked)})")
        out += [before, masked.replacements[index]]
        last = end
    out.append(translation[last:])
    text = "".join(out)
    missing = tuple(i for i in range(count) if i not in seen)
    return Restored(text, tuple(recovered), missing)


def scrub(translation: str, source: str) -> tuple[str, tuple[str, ...]]:
    """Remove placeholder-shaped tokens that ``source`` does not contain (a model invented them).

    A model that has seen placeholders can produce one where none was sent; such
    a token must never reach the reader, in any case, width or spacing, glued to
    a Korean particle or not. Returns the text and the tokens removed.

    >>> scrub("The talks with ZX0Q lasted two hours.", "회담은 두 시간 동안 이어졌다.")
    ('The talks with lasted two hours.', ('ZX0Q',))
    >>> scrub("QZ0X에서 회담이 열렸다 zx 1 q.", "Talks were held in Seoul.")
    ('에서 회담이 열렸다.', ('QZ0X', 'zx 1 q'))
    """
    view = composed(translation, glyphs=True)
    kept = {_compact(m.group(0)) for m in _ANY_TOKEN.finditer(composed(source, glyphs=True).text)}
    removed: list[str] = []
    out: list[str] = []
    last = 0
    for m in _ANY_TOKEN.finditer(view.text):
        if _compact(m.group(0)) in kept:
            continue
        start, end = view.span(*m.span())
        removed.append(translation[start:end])
        out.append(_drop_gap(translation[last:start], translation, end))
        last = end
    if not removed:
        return translation, ()
    out.append(translation[last:])
    return "".join(out), tuple(removed)


def _pattern(head: str, tail: str) -> re.Pattern[str]:
    # The intact token first (even when a letter follows it), then the damaged forms; either may carry a
    # stray marker letter glued after it (ZX0QX, ZX0X) that no word starts with.
    debris = f"((?-i:[{re.escape(head + tail)}])(?![A-Za-z]))?"
    exact = rf"{re.escape(head)}(\d+){re.escape(tail)}{debris}"
    spaced = r"\s?".join(re.escape(c) for c in head)
    damaged = rf"{spaced}\s?(\d+)(?:\s?{re.escape(tail)}(?![A-Za-z])|{debris})"
    return re.compile(f"{exact}|{damaged}", re.IGNORECASE)


def _glued(masked: Masked) -> set[int]:
    """Tokens followed, in the masked text itself, by a letter the pattern would take for debris."""
    letters = set(masked.head + masked.tail)
    glued = set()
    for i in range(len(masked.originals)):
        at = masked.text.find(masked.token(i))
        after = masked.text[at + len(masked.token(i)) : at + len(masked.token(i)) + 1]
        if at >= 0 and after in letters and after:
            glued.add(i)
    return glued


# Any token of any marker: exact (even glued to a word), or re-cased or spaced standing apart from ASCII words.
_ANY_TOKEN = re.compile(
    "|".join(rf"{head}\d+{tail}" for head, tail in _MARKERS)
    + "|(?i:(?<![A-Za-z0-9])(?:"
    + "|".join(rf"{head[0]}\s?{head[1]}\s?\d+\s?{tail}" for head, tail in _MARKERS)
    + ")(?![A-Za-z0-9]))"
)


def _compact(token: str) -> str:
    return "".join(token.split()).upper()


def _free_marker(text: str) -> tuple[str, str]:
    for head, tail in _MARKERS:
        if not _pattern(head, tail).search(text):
            return head, tail
    # Every marker already occurs in the text; lengthen the head until one does not.
    head, tail = _MARKERS[0]
    while _pattern(head, tail).search(text):
        head += "X"
    return head, tail


def _damage(found: str, masked: Masked) -> str:
    kinds = []
    if any(c.isspace() for c in found):
        kinds.append("spacing")
    if not found.isascii():
        kinds.append("full-width")
    squeezed = "".join(composed(found, glyphs=True).text.split())
    if squeezed.upper() != squeezed:
        kinds.append("case")
    if not re.search(rf"{re.escape(masked.tail)}[A-Z]?$", squeezed.upper()):
        kinds.append("truncated")
    elif not re.search(rf"\d{re.escape(masked.tail)}$", squeezed.upper()):
        kinds.append("stray letter")
    return ", ".join(kinds) or "changed"


def _drop_gap(before: str, translation: str, end: int) -> str:
    """The text before a removed token, less one space if the token stood between two."""
    after = translation[end : end + 1]
    if before.endswith(" ") and (after in ("", " ") or after in ".,;:!?)"):
        return before[:-1]
    return before
