"""Find every glossary term in a text in one pass (Aho–Corasick), in English, Korean and Vietnamese.

One automaton per language holds every term of that language (preferred, admitted
and forbidden) under a *normalised key*; a text is normalised once per call, the
automaton is run over it, and each raw hit is kept only if it passes the
boundary rules of the language. Offsets always refer to the caller's string.

Normalisation (applied to terms and texts alike)
    :func:`transkit.lang.normalize.normalize`: NFC (NFD input matches, offsets are
    mapped back to the NFD string), full-width ASCII folded, typography (dashes,
    quotes, spaces, invisible characters; a blank line is never crossed),
    Vietnamese tone placement (``hòa`` = ``hoà``), and lower case unless
    ``Term.case_sensitive`` is set, in which case the text must have the term's
    exact letters ("IRA" does not match "Ira"). Nothing else: "U.S." and "US",
    "Bui" and "Bùi" are different unless the glossary lists both.

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
    windows are also scored without a trailing particle. A window too much shorter
    or longer than the term to reach the ratio is not scored at all.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count
from operator import itemgetter

import ahocorasick
from rapidfuzz import fuzz

from ..errors import UsageError
from ..lang import korean
from ..lang.normalize import PARAGRAPH, Normalized, normalize, normalized, retone
from ..languages import normalize as normalize_lang
from .model import Concept, Glossary, Term

__all__ = ["Match", "Matcher", "NearMiss"]

_STATUS_RANK = {"preferred": 0, "admitted": 1, "forbidden": 2}


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or unicodedata.category(ch)[0] == "M"


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
        """The status of the matched term (preferred, admitted, forbidden)."""
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
        # word -> terms it anchors, each with its windows around the word: (words in it, first word's offset)
        self.anchors: dict[str, list[tuple[_Fuzzy, tuple[tuple[int, int], ...]]]] = {}

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


def _windows(words: int, position: int) -> tuple[tuple[int, int], ...]:
    """The windows scored around an anchor word at ``position`` of a term of ``words`` words: the term's length,
    one word longer or shorter, each holding the anchor where the term has it; (width, first word - anchor word)."""
    shapes = ((words, 0), (words + 1, -1), (words + 1, 0), (words - 1, 0), (words - 1, 1))
    return tuple(
        (width, shift - position) for width, shift in shapes if width >= 2 and shift <= position < width + shift
    )


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
                key = normalize(term.text)
                if not key:
                    continue
                cased = normalize(term.text, case_sensitive=True) if term.case_sensitive else None
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
                index.anchors.setdefault(word, []).append((item, _windows(item.words, words.index(word))))

    @property
    def langs(self) -> tuple[str, ...]:
        """The languages the matcher indexes."""
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
        norm = normalized(text)
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
        norm = normalized(text)
        folded = norm.folded
        words = _WORD_RE.findall(folded)
        # Most texts hold few anchor words or none: look the distinct words up first, and score only around those.
        anchored: dict[str, list[tuple[_Fuzzy, tuple[tuple[int, int], ...]]]] = {}
        for word in set(words):
            items = index.anchors.get(word) or (index.anchors.get(_strip_particle(word)) if code == "ko" else None)
            if items:
                anchored[word] = items
        if not anchored:
            return []
        places = list(map(re.Match.span, _WORD_RE.finditer(folded)))  # of each word
        starts, ends = list(map(itemgetter(0), places)), list(map(itemgetter(1), places))
        cutoff = min_ratio * 100
        # The ratio is at most 2 * shorter / (sum of the lengths): a window shorter than ``lowest`` or longer than
        # ``highest`` times the term cannot reach the cutoff (a Korean window may yet lose a particle).
        bound = cutoff - 1
        lowest, highest = bound / (200 - bound), (200 - bound) / bound
        korean_text = code == "ko"
        slack = _MAX_PARTICLE if korean_text else 0
        seen: set[tuple[int, int, str]] = set()
        candidates: list[tuple[float, int, int, _Fuzzy]] = []
        n = len(words)
        for i in compress(count(), map(anchored.__contains__, words)):
            for item, windows in anchored[words[i]]:
                concept = item.concept
                shortest, longest = lowest * len(item.key), highest * len(item.key) + slack
                for width, offset in windows:
                    first = i + offset
                    if first < 0 or first + width > n:
                        continue
                    a, b = starts[first], ends[first + width - 1]
                    key = (a, b, concept)
                    if key in seen:
                        continue
                    seen.add(key)
                    if b - a < shortest or b - a > longest:
                        continue
                    window = folded[a:b]
                    if PARAGRAPH in window:
                        continue
                    score = fuzz.ratio(window, item.key, score_cutoff=cutoff)
                    if korean_text:
                        last = words[first + width - 1]
                        stripped = _strip_particle(last)
                        if stripped != last:
                            b2 = b - (len(last) - len(stripped))
                            score2 = fuzz.ratio(folded[a:b2], item.key, score_cutoff=cutoff)
                            if score2 > score:
                                score, b = score2, b2
                    if score and folded[a:b] != item.key:
                        candidates.append((score, a, b, item))
        if not candidates:
            return []
        exact = [(hit[0], hit[1]) for hit in _scan(norm, code, index)]
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


def _scan(norm: Normalized, code: str, index: _LangIndex) -> list[_Hit]:
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
                    particle = korean.split_particle(folded[end : end + _MAX_PARTICLE + 1])
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
            surface = retone(cased[start:end])
            ok = [e for e in entries[kid] if e.cased_key is None or e.cased_key == surface]
            if not ok:
                continue
            best = _resolve(ok)
        del kept[i:]
        kept.append((start, end, particle, best[0], best[1]))
    return kept


@lru_cache(maxsize=16384)
def _strip_particle(word: str) -> str:
    """``word`` without a Korean particle at its end (캠밸은 -> 캠밸); unchanged when none."""
    for size in range(min(_MAX_PARTICLE, len(word) - 1), 0, -1):
        if word[-size:] in korean.PARTICLES:
            return word[:-size]
    return word
