"""Find every glossary term in a text in one pass (Aho–Corasick), in English, Korean and Vietnamese.

One automaton per language holds every term of that language (preferred, admitted
and forbidden) under a *normalised key*; a text is normalised once per call, the
automaton is run over it, and each raw hit is kept only if it passes the
boundary rules of the language. Offsets always refer to the caller's string.

Normalisation (applied to terms and texts alike)
    * Unicode NFC (so NFD input matches; offsets are mapped back to the NFD string).
    * Typography: curly quotes and apostrophes become straight ones; hyphen,
      non-breaking hyphen, figure dash, en dash and minus become ``-`` (the em
      dash stays punctuation); Korean interpuncts ``ㆍ ・`` become ``·``; tabs and
      exotic spaces become a space; runs of spaces become one; soft hyphens and
      zero-width characters are ignored. A single line break counts as a space
      (wrapped text), a blank line (paragraph break) is never crossed.
    * Vietnamese tone placement: old and new orthography are equal (``hòa`` =
      ``hoà``, ``thủy`` = ``thuỷ``, ``khỏe`` = ``khoẻ``), in every language's text.
    * Case: case-insensitive (Unicode lower case, so Vietnamese ``Đ``/``đ`` and
      ``Ấ``/``ấ`` are equal) unless ``Term.case_sensitive`` is set, in which case
      the text must have the term's exact letters ("IRA" does not match "Ira").
    * Nothing else: "U.S." and "US", "Bui" and "Bùi" are different unless the
      glossary lists both.

Boundaries
    * A word character is a letter, digit, combining mark or ``_``.
    * Left: the character before a term must not be a word character, in every
      language (서해 does not match in 동서해, "IRA" does not match in "KIRA").
    * English right: the next character must not be a word character ("IRA" is
      not found in "IRAN", "Act" not in "Acting"); a plural ``s`` is allowed
      ("IRAs"); a possessive ``'s`` needs no rule (the apostrophe is a boundary).
    * Korean right (Hangul and Latin terms alike): the rest must begin with a
      non-word character or a known particle (``transkit.lang.korean.split_particle``),
      which is reported: 캠벨은 → 캠벨 + 은, 서해에서 → 서해 + 에서, CHIPS는 →
      CHIPS + 는; 서해안 and CHIPS법 do not match 서해 / CHIPS.
    * Vietnamese right: the next character must not be a word character, so
      syllables are never split. Hyphens are boundaries in every language: "Hà
      Nội" matches in "Hà Nội-Hải Phòng", "Campbell" in "Campbell-Blinken".

Overlaps
    Candidates that pass the boundary checks are resolved leftmost-longest:
    the candidate starting first wins, among those the longest, and the
    next match starts at or after its end. "Deputy Secretary of State Kurt
    Campbell" gives "Deputy Secretary of State" and "Kurt Campbell", not
    "Secretary of State". When one surface form belongs to several terms, the
    match reports the best by status (preferred > admitted > forbidden), then
    by concept order in the glossary, then term order; the other concepts are
    listed in ``Match.alternatives`` so a caller can decide by context.

Near misses
    :meth:`Matcher.near_misses` finds word windows that look like a multi-word
    preferred term without being any glossary term ("Chip and Science Act" for
    "CHIPS and Science Act"): each term is indexed under its two rarest words of
    three or more letters (two or more Hangul syllables) that at most 32 terms
    share, and only windows around those anchor words (the term's length, or one
    word more or less) are scored with rapidfuzz's normalised Indel ratio. Korean
    windows are also scored without a trailing particle.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick
from rapidfuzz import fuzz

from ..errors import UsageError
from ..lang import korean
from ..languages import normalize as normalize_lang
from .model import Concept, Glossary, Term

__all__ = ["Match", "Matcher", "NearMiss", "normalize_term"]

_STATUS_RANK = {"preferred": 0, "admitted": 1, "forbidden": 2}

# Length-preserving replacements; a line break stays "\n" here and becomes a space after
# runs of whitespace were collapsed (a blank line becomes U+2029, which no key contains).
_TYPOGRAPHY: dict[str, str] = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\uff07", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\uff02", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d", "-"),
    **dict.fromkeys("\u318d\u30fb\u2027\uff65", "\u00b7"),
    **dict.fromkeys("\t\r\x1c\x1d\x1e\x1f\u00a0\u1680\u202f\u205f\u3000", " "),
    **dict.fromkeys([chr(c) for c in range(0x2000, 0x200B)], " "),
    **dict.fromkeys("\v\f\x85\u2028", "\n"),
}
_TYPOGRAPHY_RE = re.compile("[" + re.escape("".join(_TYPOGRAPHY)) + "]")
_TYPOGRAPHY_ASCII = [c for c in _TYPOGRAPHY if c.isascii()]
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen, zero-width characters, BOM
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]+")
_BREAKS = re.compile("\n[ \n\u2029]*")
_SPACES = re.compile("  +")
_PARAGRAPH = "\u2029"
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


def _retone(text: str) -> str:
    if text.isascii() or not any(c in text for c in _TONE_FIRSTS):
        return text
    return _TONE_RE.sub(lambda m: _TONES.get(m.group(), m.group()), text)


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or unicodedata.category(ch)[0] == "M"


class _OffsetMap:
    """Maps offsets in a rewritten string back to the string it was rewritten from.

    ``segments`` are (new_start, new_end, old_start, old_end) of the rewritten
    pieces, in order; outside them the two strings advance together.
    """

    __slots__ = ("_segments",)

    def __init__(self, segments: list[tuple[int, int, int, int]]) -> None:
        self._segments = segments

    def spans(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Map sorted, non-overlapping (start, end) spans back, in one sweep."""
        segments = self._segments
        count = len(segments)
        out: list[tuple[int, int]] = []
        i = 0
        for start, end in spans:
            while i < count and segments[i][0] <= start:
                i += 1
            if i:  # the last piece that starts at or before ``start``
                _, new_end, old_start, old_end = segments[i - 1]
                start = old_start if start < new_end else old_end + (start - new_end)
            j = i
            while j < count and segments[j][0] < end:
                j += 1
            if j:  # the last piece that starts before ``end``
                _, new_end, _, old_end = segments[j - 1]
                end = old_end if end <= new_end else old_end + (end - new_end)
            out.append((start, end))
        return out


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
            composed = unicodedata.normalize("NFC", cluster)
            if composed != cluster:
                yield base + start, base + i, composed
            start = i


def _run_pieces(text: str) -> list[tuple[int, int, str]]:
    """Runs of spaces and line breaks: one space, or U+2029 when they hold a blank line."""
    pieces: list[tuple[int, int, str]] = []
    if "\n" in text:
        for m in _BREAKS.finditer(text):
            start, end = m.span()
            while start and text[start - 1] == " ":
                start -= 1
            if end - start > 1:
                run = text[start:end]
                if run.count("\n") >= 2 or _PARAGRAPH in run:  # a blank line: same length, no offset shift
                    pieces.append((start, end, _PARAGRAPH * (end - start)))
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
class _Normalised:
    cased: str  # NFC, typography, spacing (the form case-sensitive terms are compared in)
    folded: str  # cased + tone placement + lower case (the form the automaton runs over)
    maps: tuple[_OffsetMap, ...]  # from cased/folded back to the original, innermost last

    def spans(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Sorted, non-overlapping spans of ``folded`` as spans of the original text."""
        for offsets in reversed(self.maps):
            spans = offsets.spans(spans)
        return spans


def _normalise(text: str) -> _Normalised:
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
    return _Normalised(cased, _lower(_retone(cased)), tuple(maps))


def normalize_term(text: str, *, case_sensitive: bool = False) -> str:
    """The key a term is matched under (what "equal for matching" means).

    >>> normalize_term("Hòa  Bình")
    'hoà bình'
    >>> normalize_term("Deputy Secretary\u2013General")
    'deputy secretary-general'
    >>> normalize_term("IRA", case_sensitive=True)
    'IRA'
    """
    if text.isascii() and text.isprintable() and "  " not in text:  # most terms: nothing to rewrite
        return (text if case_sensitive else text.lower()).strip(" ")
    norm = _normalise(text)
    return (_retone(norm.cased) if case_sensitive else norm.folded).strip(" ")


@dataclass(frozen=True)
class Match:
    """One occurrence of a glossary term in a text.

    ``start``/``end`` are code-point offsets into the caller's string and cover the
    term only; a Korean particle right after it is in ``particle`` (NFC).
    ``alternatives`` lists the other concepts that have a term with this form.
    """

    start: int
    end: int
    text: str
    concept: str
    lang: str
    term: Term
    particle: str | None = None
    alternatives: tuple[str, ...] = ()

    @property
    def status(self) -> str:
        return self.term.status


def _new_match(
    start: int,
    end: int,
    text: str,
    concept: str,
    lang: str,
    term: Term,
    particle: str | None,
    alternatives: tuple[str, ...],
) -> Match:
    """``Match(...)`` without the frozen ``__init__`` (one ``object.__setattr__`` per field).

    find() builds thousands of matches per call; this halves their cost. Same fields, same object.
    """
    match = object.__new__(Match)
    match.__dict__.update(
        start=start,
        end=end,
        text=text,
        concept=concept,
        lang=lang,
        term=term,
        particle=particle,
        alternatives=alternatives,
    )
    return match


@dataclass(frozen=True)
class NearMiss:
    """A stretch of text that is close to, but not, a multi-word preferred term."""

    start: int
    end: int
    text: str
    concept: str
    lang: str
    term: Term  # the preferred term it resembles
    score: float  # rapidfuzz ratio, 0..1


@dataclass(frozen=True)
class _Entry:
    rank: tuple[int, int, int]  # status, concept order, term order
    concept: str
    term: Term
    cased_key: str | None  # set for case-sensitive terms


@dataclass(frozen=True)
class _Fuzzy:
    key: str
    words: int
    concept: str
    term: Term


class _LangIndex:
    """The automaton of one language and what its integer payloads point to."""

    def __init__(self) -> None:
        self.automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        self.lengths: list[int] = []  # key id -> key length
        self.entries: list[list[_Entry]] = []  # key id -> terms with that key, best first
        self.resolved: list[tuple[_Entry, tuple[str, ...]] | None] = []  # None: has case-sensitive terms
        self.key_ids: dict[str, int] = {}
        self.anchors: dict[str, list[tuple[_Fuzzy, int]]] = {}  # word -> terms, word's position in them

    def add(self, key: str, entry: _Entry) -> None:
        kid = self.key_ids.get(key)
        if kid is None:
            kid = self.key_ids[key] = len(self.lengths)
            self.lengths.append(len(key))
            self.entries.append([])
            self.automaton.add_word(key, kid)
        self.entries[kid].append(entry)

    def finish(self) -> None:
        for entries in self.entries:
            entries.sort(key=lambda e: e.rank)
            if all(e.cased_key is None for e in entries):
                self.resolved.append(_resolve(entries))
            else:
                self.resolved.append(None)
        self.key_ids.clear()
        if self.lengths:
            self.automaton.make_automaton()


def _resolve(entries: list[_Entry]) -> tuple[_Entry, tuple[str, ...]]:
    """The best entry and the other concepts with the same form."""
    best = entries[0]
    return best, tuple(dict.fromkeys(e.concept for e in entries if e.concept != best.concept))


_WORD_RE = re.compile(r"\w+")
# A word shared by more multi-word terms than this is too common to anchor a fuzzy search
# ("minister", "kim"); each term is found through its two rarest words under the limit.
_MAX_ANCHOR_TERMS = 32
_MAX_PARTICLE = max(len(p) for p in korean.PARTICLES)
# The text after a term repeats a lot (은 + space, 에서 + space ...): remember the answers.
_split_particle = lru_cache(maxsize=8192)(korean.split_particle)


def _anchor_ok(word: str) -> bool:
    return len(word) >= (2 if korean.is_hangul(word[0]) else 3) and not word.isdigit()


class Matcher:
    """Finds the terms of a glossary in texts; build once, call :meth:`find` many times.

    >>> from transkit.glossary.model import Concept, Glossary, Term
    >>> g = Glossary({"P_CAMPBELL": Concept("P_CAMPBELL", "person",
    ...     (Term("Kurt Campbell", "en"), Term("캠벨", "ko")))})
    >>> [(m.start, m.end, m.particle) for m in Matcher(g).find("커트 캠벨은 말했다", "ko")]
    [(3, 5, '은')]
    """

    def __init__(self, glossary: Glossary, *, langs: Iterable[str] = ("en", "ko", "vi")) -> None:
        self._langs = tuple(dict.fromkeys(normalize_lang(code) for code in langs))
        self._index = {lang: _LangIndex() for lang in self._langs}
        fuzzy: dict[str, list[tuple[_Fuzzy, list[str]]]] = {lang: [] for lang in self._langs}
        for c_order, concept in enumerate(glossary):
            for t_order, term in enumerate(concept.terms):
                index = self._index.get(term.lang)
                if index is None:
                    continue
                key = normalize_term(term.text)
                if not key:
                    continue
                cased = normalize_term(term.text, case_sensitive=True) if term.case_sensitive else None
                rank = (_STATUS_RANK[term.status], c_order, t_order)
                index.add(key, _Entry(rank, concept.id, term, cased))
                if term.status == "preferred":
                    self._add_fuzzy(fuzzy[term.lang], key, concept, term)
        for lang, index in self._index.items():
            index.finish()
            self._build_anchors(index, fuzzy[lang])

    @staticmethod
    def _add_fuzzy(into: list[tuple[_Fuzzy, list[str]]], key: str, concept: Concept, term: Term) -> None:
        words = _WORD_RE.findall(key)
        if len(words) >= 2:
            into.append((_Fuzzy(key, len(words), concept.id, term), [w if _anchor_ok(w) else "" for w in words]))

    @staticmethod
    def _build_anchors(index: _LangIndex, fuzzy: list[tuple[_Fuzzy, list[str]]]) -> None:
        frequency = Counter(w for _, words in fuzzy for w in set(words))
        for item, words in fuzzy:
            usable = sorted(
                {w for w in words if w and frequency[w] <= _MAX_ANCHOR_TERMS}, key=lambda w: (frequency[w], w)
            )
            for word in usable[:2]:
                index.anchors.setdefault(word, []).append((item, words.index(word)))

    @property
    def langs(self) -> tuple[str, ...]:
        return self._langs

    def _lang_index(self, lang: str) -> tuple[str, _LangIndex]:
        code = normalize_lang(lang)
        index = self._index.get(code)
        if index is None:
            raise UsageError(
                f"this matcher was built without {code!r}",
                hint=f"build it with langs including {code!r} (it has {', '.join(self._langs)})",
            )
        return code, index

    def find(self, text: str, lang: str) -> list[Match]:
        """Every glossary term in ``text`` (a text in ``lang``), leftmost-longest, sorted by start."""
        code, index = self._lang_index(lang)
        if not index.lengths or not text:
            return []
        norm = _normalise(text)
        hits = _scan(norm, code, index)
        spans = norm.spans([(hit[0], hit[1]) for hit in hits])
        return [
            _new_match(start, end, text[start:end], best.concept, code, best.term, particle, alternatives)
            for (start, end), (_, _, particle, best, alternatives) in zip(spans, hits)
        ]

    def near_misses(self, text: str, lang: str, *, min_ratio: float = 0.85) -> list[NearMiss]:
        """Word windows similar (ratio >= ``min_ratio``) to a multi-word preferred term.

        Windows that overlap an exact match of any term are skipped; of
        overlapping near misses the best scoring is kept. Sorted by start.
        """
        code, index = self._lang_index(lang)
        if not index.anchors or not text:
            return []
        norm = _normalise(text)
        folded = norm.folded
        exact = [(hit[0], hit[1]) for hit in _scan(norm, code, index)]
        tokens = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(folded)]
        cutoff = min_ratio * 100
        seen: set[tuple[int, int, str]] = set()
        candidates: list[tuple[float, int, int, _Fuzzy]] = []
        for i, (_, _, word) in enumerate(tokens):
            items = index.anchors.get(word)
            if items is None and code == "ko":
                items = index.anchors.get(_strip_particle(word))
            if not items:
                continue
            for item, position in items:
                # Windows of the term's length, one word shorter or longer, holding the anchor where the term has it.
                for width, shift in (
                    (item.words, 0),
                    (item.words + 1, -1),
                    (item.words + 1, 0),
                    (item.words - 1, 0),
                    (item.words - 1, 1),
                ):
                    first = i - position + shift
                    if width < 2 or first < 0 or first > i or first + width > len(tokens) or first + width <= i:
                        continue
                    a, b = tokens[first][0], tokens[first + width - 1][1]
                    if (a, b, item.concept) in seen:
                        continue
                    seen.add((a, b, item.concept))
                    window = folded[a:b]
                    if _PARAGRAPH in window:
                        continue
                    score = fuzz.ratio(window, item.key, score_cutoff=cutoff)
                    if code == "ko":
                        last = tokens[first + width - 1][2]
                        stripped = _strip_particle(last)
                        if stripped != last:
                            b2 = b - (len(last) - len(stripped))
                            score2 = fuzz.ratio(folded[a:b2], item.key, score_cutoff=cutoff)
                            if score2 > score:
                                score, b = score2, b2
                    if score and folded[a:b] != item.key:
                        candidates.append((score, a, b, item))
        candidates.sort(key=lambda c: (-c[0], c[1], c[2] - c[1]))
        chosen: list[tuple[int, int]] = list(exact)
        kept: list[tuple[int, int, float, _Fuzzy]] = []
        for score, a, b, item in candidates:
            if any(a < e and s < b for s, e in chosen):
                continue
            chosen.append((a, b))
            kept.append((a, b, score, item))
        kept.sort(key=lambda k: k[0])
        spans = norm.spans([(a, b) for a, b, _, _ in kept])
        return [
            NearMiss(start, end, text[start:end], item.concept, code, item.term, round(score / 100, 4))
            for (start, end), (_, _, score, item) in zip(spans, kept)
        ]


_Hit = tuple[int, int, "str | None", _Entry, tuple[str, ...]]


def _scan(norm: _Normalised, code: str, index: _LangIndex) -> list[_Hit]:
    """Matches in normalised offsets: (start, end, particle, best entry, alternative concepts)."""
    folded, cased = norm.folded, norm.cased
    n = len(folded)
    lengths = index.lengths
    korean_text = code == "ko"
    english = code == "en"
    category = unicodedata.category
    resolved, entries = index.resolved, index.entries
    # Hits arrive ordered by end. ``kept`` holds the leftmost-longest choice so far
    # (sorted, non-overlapping): a new hit that overlaps a kept one starting before it
    # loses; otherwise it ends at or after every kept hit it overlaps and replaces them.
    kept: list[_Hit] = []
    for last, kid in index.automaton.iter(folded):
        start = last + 1 - lengths[kid]
        if start:
            c = folded[start - 1]
            if c.isalnum() or c == "_" or (c > "\x7f" and category(c)[0] == "M"):
                continue
        end = last + 1
        particle = None
        if end < n:
            c = folded[end]
            if c.isalnum() or c == "_" or (c > "\x7f" and category(c)[0] == "M"):
                if korean_text:
                    particle = _split_particle(folded[end : end + _MAX_PARTICLE + 1])
                    if particle is None:
                        continue
                elif not (english and cased[end] == "s" and (end + 1 == n or not _is_word(folded[end + 1]))):
                    continue
        if kept and kept[-1][1] > start:
            i = len(kept) - 1
            while i and kept[i - 1][1] > start:
                i -= 1
            if kept[i][0] < start:
                continue
        else:
            i = len(kept)
        best = resolved[kid]
        if best is None:
            surface = _retone(cased[start:end])
            ok = [e for e in entries[kid] if e.cased_key is None or e.cased_key == surface]
            if not ok:
                continue
            best = _resolve(ok)
        del kept[i:]
        kept.append((start, end, particle, best[0], best[1]))
    return kept


def _strip_particle(word: str) -> str:
    """``word`` without a Korean particle at its end (캠밸은 -> 캠밸); unchanged when none."""
    for size in range(min(_MAX_PARTICLE, len(word) - 1), 0, -1):
        if word[-size:] in korean.PARTICLES:
            return word[:-size]
    return word
