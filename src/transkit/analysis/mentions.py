"""Person mentions and the titles attached to them, in English, Korean and Vietnamese.

A mention is a name span, optionally with a title span: "US Deputy Secretary of
State Kurt Campbell", "Kurt Campbell, the US Deputy Secretary of State",
"커트 캠벨 미국 국무부 부장관은", "Thứ trưởng Ngoại giao Mỹ Kurt Campbell", and short
later forms ("Deputy Secretary Campbell", "캠벨 부장관", "ông Campbell", "Mr. Cho").
Short names are linked to the full name they abbreviate, so every mention of one
person shares a ``person`` key (the glossary concept id when the glossary knows
the person). A title in a past-tense context ("served as", "then", "전",
"nguyên") is marked ``past``: it is not the person's current title.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import compress, count, pairwise
from operator import add, itemgetter, methodcaller
from typing import NamedTuple, Protocol

from ..glossary.index import TermIndex
from ..lang import korean
from ..lang.normalize import normalize
from .lexicon import (
    COUNTRY_WORDS,
    EN_COMPLEMENT,
    EN_CONNECTORS,
    EN_HEADS,
    EN_MODIFIERS,
    EN_SENTENCE_WORDS,
    HONORIFICS,
    KO_ACTING,
    KO_HEADS,
    PAST_AFTER,
    PAST_BEFORE,
    VI_COMPLEMENT,
    VI_HEADS,
)

__all__ = ["Mention", "NameSpan", "TitleSpan", "abbreviates", "find_mentions", "person_names"]


class MatchLike(Protocol):
    """What :mod:`analysis.mentions` needs of a glossary match: its span and concept."""

    @property
    def start(self) -> int:
        """Where the match starts in the text."""

    @property
    def end(self) -> int:
        """Where the match ends in the text."""

    @property
    def concept(self) -> str:
        """The matched concept's id."""


@dataclass(frozen=True)
class TitleSpan:
    """A title attached to a person mention."""

    start: int
    end: int
    text: str
    country: str | None = None  # ISO code from "US", "South Korean", "미국", "Mỹ"; "host" when unnamed
    past: bool = False


@dataclass(frozen=True)
class NameSpan:
    """A person's name in the text; ``concept`` when the glossary knows them."""

    start: int
    end: int
    text: str
    concept: str | None = None


@dataclass(frozen=True)
class Mention:
    """One mention of a person: the name, the person it refers to, and its title if any."""

    start: int
    end: int
    name: str
    person: str  # glossary concept id, or the normalised full name
    concept: str | None = None
    title: TitleSpan | None = None
    honorific: bool = False


class _Tok(NamedTuple):
    """A word of the text, with its normalised form (``lang.normalize``) and whether it is capitalised."""

    start: int
    end: int
    text: str
    low: str  # compared with the index's words and forms, so normalised as they are
    cap: bool


_new_tok = partial(tuple.__new__, _Tok)  # _Tok(...) without the keyword handling: tokens are made by the thousand


def _tokens(pattern: re.Pattern[str], text: str) -> list[_Tok]:
    """Every match of ``pattern`` (a pattern without groups) in ``text`` as a token."""
    words = pattern.findall(text)
    return _made(_starts(text, words), words)


def _starts(text: str, words: list[str]) -> list[int]:
    """Where each of ``words``, the matches of a token pattern in ``text`` in order, starts: the first place it is
    found after the one before, since every character that begins a word begins a match (no Match objects made)."""
    starts = []
    at = 0
    for word in words:
        at = text.find(word, at)
        starts.append(at)
        at += len(word)
    return starts


def _made(starts: list[int], words: list[str]) -> list[_Tok]:
    """Tokens of ``words`` at ``starts`` (built by ``map``: a text has thousands)."""
    ends = map(add, starts, map(len, words))
    caps = map(str.isupper, map(itemgetter(0), words))
    return list(map(_new_tok, zip(starts, ends, words, map(normalize, words), caps)))


_EN_TOKEN = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*\.?")
_INITIAL = re.compile(r"[A-Z]\.")
_EN_KEEP_DOT = {"mr.", "ms.", "mrs.", "dr.", "u.s.", "jr.", "st."}


def _tokens_en(text: str) -> list[_Tok]:
    """The words of an English text; a final full stop is kept only on "Mr." and the like and on initials."""
    words = _EN_TOKEN.findall(text)
    starts = _starts(text, words)
    for i in compress(count(), map(methodcaller("endswith", "."), words)):
        word = words[i]
        if word.casefold() not in _EN_KEEP_DOT and not _INITIAL.fullmatch(word):
            words[i] = word[:-1]
    return _made(starts, words)


def _capitalised(toks: list[_Tok], words: Container[str]) -> list[int]:
    """Indices of the capitalised tokens whose normalised form is one of ``words`` (looked up by ``map``)."""
    return [i for i in compress(count(), map(words.__contains__, map(_LOW, toks))) if toks[i].cap]


_LOW = itemgetter(3)  # _Tok.low


def _joined(text: str, a: _Tok, b: _Tok) -> bool:
    """True when ``a`` and ``b`` are neighbours separated by one space."""
    return text[a.end : b.start] == " "


def person_names(matches: Iterable[MatchLike], index: TermIndex, text: str, lang: str) -> list[NameSpan]:
    """Names of glossary persons found by the matcher, trimmed to the approved name.

    A person-anchored forbidden form ("Deputy Foreign Minister Kurt Campbell")
    contains an approved name; the name is the part that counts here.
    """
    names = []
    for m in matches:
        concept = index.concept(m.concept)
        if concept is None or concept.type != "person":
            continue
        alternatives = [index.concept(a) for a in getattr(m, "alternatives", ()) or ()]
        surface = text[m.start : m.end]
        approved_here = [t for t in concept.terms_in(lang) if t.approved and normalize(t.text) == normalize(surface)]
        if not approved_here:
            # A form another person approves is that person's name ("Cho Tae-yul" is forbidden for Cho Tae-yong).
            other = next(
                (
                    c
                    for c in alternatives
                    if c is not None
                    and any(t.approved and normalize(t.text) == normalize(surface) for t in c.terms_in(lang))
                ),
                None,
            )
            if other is not None:
                names.append(NameSpan(m.start, m.end, surface, other.id))
                continue
        best = None
        low = normalize(surface)
        for term in concept.terms_in(lang):
            if term.approved:
                at = low.rfind(normalize(term.text))
                if at >= 0 and (best is None or len(term.text) > best[1] - best[0]):
                    best = (m.start + at, m.start + at + len(term.text))
        if best is not None:
            names.append(NameSpan(best[0], best[1], text[best[0] : best[1]], concept.id))
    return names


def find_mentions(
    text: str,
    lang: str,
    *,
    names: Sequence[NameSpan] = (),
    index: TermIndex | None = None,
) -> list[Mention]:
    """Every person mention in ``text``, linked to a person key, in text order."""
    index = index or TermIndex(None)
    finder = {"en": _find_en, "ko": _find_ko, "vi": _find_vi}[lang]
    raw = finder(text, list(names), index)
    starts = {m.start for m in raw}
    for name in names:
        if name.start not in starts:
            raw.append(Mention(name.start, name.end, name.text, "", name.concept))
            starts.add(name.start)
    raw.sort(key=lambda m: (m.start, -m.end))
    return _link(_dedupe(raw), lang)


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in mentions:
        if out and out[-1].start == m.start:
            if out[-1].title is None and m.title is not None:
                out[-1] = m
            continue
        out.append(m)
    return out


# -- linking ---------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _name_tokens(name: str) -> tuple[str, ...]:
    return tuple(normalize(name).split())


@lru_cache(maxsize=8192)
def _is_full(name: str, lang: str) -> bool:
    tokens = _name_tokens(name)
    if len(tokens) >= 2:
        return True
    return (
        lang == "ko" and len(tokens) == 1 and 3 <= len(tokens[0]) <= 4 and all(korean.is_hangul(c) for c in tokens[0])
    )


@lru_cache(maxsize=16384)
def abbreviates(short: str, full: str) -> bool:
    """True when ``short`` is a surname or given name of ``full`` ("Cho" of "Cho Tae-yul", "조" of "조태열")."""
    s, tokens = normalize(short), _name_tokens(full)
    if not tokens or s == normalize(full):
        return False
    if s in (tokens[0], tokens[-1]):
        return True
    return len(tokens) == 1 and len(s) == 1 and tokens[0].startswith(s) and korean.is_hangul(s)


def _linked(m: Mention, person: str, concept: str | None) -> Mention:
    """``m`` with its person key (``dataclasses.replace`` without its per-call field inspection)."""
    return Mention(m.start, m.end, m.name, person, concept, m.title, m.honorific)


def _link(mentions: list[Mention], lang: str) -> list[Mention]:
    fulls = [m for m in mentions if m.concept or _is_full(m.name, lang)]
    full_ids = {id(m) for m in fulls}
    linked = []
    for m in mentions:
        if m.concept:
            linked.append(_linked(m, m.concept, m.concept))
            continue
        if id(m) in full_ids:
            # an unknown full name that shortens a known one is that person ("Campbell" inside nothing)
            linked.append(_linked(m, normalize(m.name), m.concept))
            continue
        owners = [f for f in fulls if abbreviates(m.name, f.name)]
        if owners:
            before = [f for f in owners if f.start < m.start]
            owner = before[-1] if before else owners[0]
            linked.append(_linked(m, owner.concept or normalize(owner.name), owner.concept))
        else:
            linked.append(_linked(m, normalize(m.name), m.concept))
    return linked


# -- English ---------------------------------------------------------------------------------

_EN_APPOSITION = re.compile(
    r"(?P<name>(?:(?:Mr|Ms|Mrs|Dr)\.?\s)?(?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w'’-]*)"
    r"(?:,\s+(?:who\s+(?:is|was|has been|had been|served as)\s+)?"
    r"|\s+(?:served as|was|is|became|has been|had been|remains)\s+)"
    r"(?:(?:then|now|former|currently|also)\s+)?(?:the\s+|an?\s+)?$"
)


# A country word at the end of a stretch of text, then one space; the longest word wins (it starts first).
_COUNTRY_END = {
    lang: re.compile(
        r"(?:^|(?<=[\s(,]))(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\s$",
        re.IGNORECASE,
    )
    for lang, words in COUNTRY_WORDS.items()
}


def _country_before(text: str, start: int, lang: str) -> tuple[str | None, int]:
    """A country word ending just before ``start`` (skipping one space): (code, its start)."""
    head = text[max(0, start - 30) : start]
    m = _COUNTRY_END[lang].search(head)
    if m is None:
        return None, start
    word = m.group(1)
    words = COUNTRY_WORDS[lang]
    code = words.get(word.casefold()) or next(
        c for w, c in words.items() if re.fullmatch(re.escape(w), word, re.IGNORECASE)
    )
    return code, start - len(head) + m.start(1)


def _is_past(text: str, start: int, end: int, lang: str, sentence_start: int) -> bool:
    before = text[max(sentence_start, start - 60) : start]
    return bool(PAST_BEFORE[lang].search(before) or PAST_AFTER[lang].search(text[end : end + 30]))


def _sentence_start(text: str, pos: int) -> int:
    cut = max(text.rfind("\n", 0, pos), text.rfind(". ", 0, pos))
    return cut + 1 if cut >= 0 else 0


def _inside(toks: list[_Tok], names: Sequence[NameSpan]) -> set[int]:
    """Indices of the tokens that start inside one of ``names``."""
    starts = [t.start for t in toks]
    return {i for n in names for i in range(bisect_left(starts, n.start), bisect_left(starts, n.end))}


_EN_TITLE_WORDS = EN_HEADS | EN_MODIFIERS


def _find_en(text: str, names: list[NameSpan], index: TermIndex) -> list[Mention]:
    toks = _tokens_en(text)
    glossary_words = index.words("en", "title") - {w for n in names for w in normalize(n.text).split()}
    complement = EN_COMPLEMENT | glossary_words | EN_HEADS | EN_MODIFIERS
    modifiers = EN_MODIFIERS | (glossary_words - EN_CONNECTORS - {"the"})
    name_at = {n.start: n for n in names}
    in_name = _inside(toks, names)
    mentions: list[Mention] = []
    resume = 0  # where the last title found ends: the next starts at or after it
    for i in _capitalised(toks, EN_HEADS):
        if i < resume or i in in_name:
            continue
        # extend left over modifiers ("Deputy Foreign"), then right over complements ("of State")
        j = i
        # a lower-case rank word belongs to the title too: "acting President Han Duck-soo"
        while (
            j > 0
            and (toks[j - 1].cap or toks[j - 1].low == "acting")
            and _joined(text, toks[j - 1], toks[j])
            and j - 1 not in in_name
        ):
            if toks[j - 1].low not in modifiers and toks[j - 1].low not in EN_HEADS:
                break
            j -= 1
        while j < i and toks[j].low in EN_SENTENCE_WORDS:
            j += 1
        k = i
        while k + 1 < len(toks) and _joined(text, toks[k], toks[k + 1]):
            nxt = toks[k + 1]
            if nxt.cap and nxt.low in _EN_TITLE_WORDS and k + 1 not in in_name:
                k += 1
                continue
            if nxt.low not in EN_CONNECTORS or nxt.cap:
                break
            m = k + 2
            if m < len(toks) and toks[m].text == "the" and _joined(text, toks[m - 1], toks[m]):
                m += 1
            last = None
            while m < len(toks) and _joined(text, toks[m - 1], toks[m]) and toks[m].cap and m not in in_name:
                if toks[m].low not in complement:
                    break
                last = m
                m += 1
            if last is None:
                break
            k = last
        title_start, title_end = toks[j].start, toks[k].end
        country, outer = _country_before(text, title_start, "en")
        sstart = _sentence_start(text, outer)
        past = _is_past(text, outer, title_end, "en", sstart)
        title = TitleSpan(title_start, title_end, text[title_start:title_end], country, past)
        name = _name_after(text, toks, k + 1, name_at, lambda i: i in in_name or _en_not_name(toks[i].low))
        if name is None:
            name = _en_name_before(text, outer, sstart, name_at)
        if name is None:
            name = _en_name_in_apposition(text, title_end, name_at)
        if name is not None:
            mentions.append(Mention(name.start, name.end, name.text, "", name.concept, title))
        resume = k + 1
    mentions.extend(_honorific_mentions(text, "en", name_at))
    return mentions


def _name_after(
    text: str, toks: list[_Tok], at: int, name_at: dict[int, NameSpan], stop: Callable[[int], bool] | None = None
) -> NameSpan | None:
    """The name right after a title: the name found already at token ``at``, else up to four capitalised words
    joined by single spaces; ``stop(i)`` ends the name before token ``i``."""
    if at >= len(toks) or not _joined(text, toks[at - 1], toks[at]):
        return None
    if toks[at].start in name_at:
        return name_at[toks[at].start]
    end = at
    while end < len(toks) and end - at < 4 and toks[end].cap and not (stop and stop(end)):
        if end > at and not _joined(text, toks[end - 1], toks[end]):
            break
        end += 1
    if end == at:
        return None
    return NameSpan(toks[at].start, toks[end - 1].end, text[toks[at].start : toks[end - 1].end])


def _en_not_name(low: str) -> bool:
    """An English word that ends a name after a title (a title head, a sentence word, a country, a complement)."""
    return low in EN_HEADS or low in EN_SENTENCE_WORDS or low in COUNTRY_WORDS["en"] or low in EN_COMPLEMENT


# "the Vice President of the United States, Joe Biden, said": a name of two or three words set off by commas
_EN_TITLE_THEN_NAME = re.compile(r",\s+(?P<name>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){1,2})(?=[,.;])")


def _en_name_in_apposition(text: str, title_end: int, name_at: dict[int, NameSpan]) -> NameSpan | None:
    """The name set off by commas right after a title ("…, Joe Biden,"); words of titles or countries are no name."""
    m = _EN_TITLE_THEN_NAME.match(text, title_end)
    if m is None:
        return None
    start, end = m.span("name")
    if start in name_at:
        return name_at[start]
    words = {w.casefold() for w in m["name"].split()}
    if words & (EN_HEADS | EN_MODIFIERS | EN_SENTENCE_WORDS | set(COUNTRY_WORDS["en"]) | EN_COMPLEMENT):
        return None
    return NameSpan(start, end, m["name"])


def _en_name_before(text: str, start: int, sentence_start: int, name_at: dict[int, NameSpan]) -> NameSpan | None:
    m = _EN_APPOSITION.search(text[sentence_start:start])
    if not m:
        return None
    n_start = sentence_start + m.start("name")
    n_end = sentence_start + m.end("name")
    for known in name_at.values():
        if known.start >= n_start and known.end == n_end:
            return known
    raw = text[n_start:n_end]
    hon = re.match(r"(?:Mr|Ms|Mrs|Dr)\.?\s", raw)
    if hon:
        n_start += hon.end()
        raw = raw[hon.end() :]
    words = raw.split()
    while words and words[0].casefold() in EN_SENTENCE_WORDS | set(COUNTRY_WORDS["en"]):
        n_start += len(words[0]) + 1
        words = words[1:]
    if not words or any(w.casefold() in EN_HEADS for w in words):
        return None
    return NameSpan(n_start, n_end, text[n_start:n_end])


_HONORIFIC = {
    lang: re.compile(
        rf"(?<![\w.])(?:{'|'.join(re.escape(h) for h in words)})\s+(?P<name>[^\W\d_][\w'’-]*(?:\s[A-Z][\w'’-]*){{0,2}})"
    )
    for lang, words in HONORIFICS.items()
    if words
}


def _honorific_mentions(text: str, lang: str, name_at: dict[int, NameSpan]) -> list[Mention]:
    pattern = _HONORIFIC.get(lang)
    if pattern is None:
        return []
    found = []
    for m in pattern.finditer(text):
        start = m.start("name")
        if not m["name"][:1].isupper():
            continue
        known = name_at.get(start)
        if known:
            found.append(Mention(known.start, known.end, known.text, "", known.concept, honorific=True))
        else:
            first = m["name"].split()[0]
            found.append(Mention(start, start + len(first), first, "", honorific=True))
    return found


# -- Korean ----------------------------------------------------------------------------------

_KO_TOKEN = re.compile(r"[^\s,.!?\"“”‘’'…]+")
_KO_NAME_STOP = frozenset(
    [
        "정부",
        "양국",
        "양측",
        "측",
        "당시",
        "현",
        "전",
        "신임",
        "새",
        "그",
        "이",
        "이날",
        "한편",
        "또한",
        "또",
        "특히",
        "및",
        "등",
        "겸",
        "前",
        "현재",
        "이번",
        "지난",
        "최근",
        "관련",
    ]
)
_KO_ORG_ENDINGS = ("부", "처", "청", "원", "회", "회의", "실", "관", "국", "당", "군", ")")
_KO_POSTED_TO = re.compile("주(?:" + "|".join(map(re.escape, COUNTRY_WORDS["ko"])) + "|한|일|중|러)")
_KO_PARTICLE_END = ("의", "에", "은", "는", "을", "를", "과", "와", "이", "가", "도", "로", "서")


@lru_cache(maxsize=16384)
def _ko_head(word: str) -> tuple[str, str] | None:
    """(stem, particle) when ``word`` is a Korean title head word, possibly with a particle."""
    if word.endswith(KO_HEADS):
        return word, ""
    for k in range(len(word) - 1, 0, -1):
        if word[k:] in korean.PARTICLES and word[:k].endswith(KO_HEADS):
            return word[:k], word[k:]
    return None


def _find_ko(text: str, names: list[NameSpan], index: TermIndex) -> list[Mention]:
    toks = _tokens(_KO_TOKEN, text)
    title_words = index.words("ko", "title")
    name_by_end = {n.end: n for n in names}
    name_at = {n.start: n for n in names}
    mentions: list[Mention] = []
    unnamed: list[tuple[int, TitleSpan]] = []  # titles with no name before them, and the token after them
    for i, tok in enumerate(toks):
        head = _ko_head(tok.text)
        if head is None:
            continue
        if i + 1 < len(toks) and _joined(text, tok, toks[i + 1]) and toks[i + 1].text.startswith(KO_ACTING):
            continue  # "대통령 권한대행": the acting word heads the title
        stem, _ = head
        j = i
        while j > 0 and i - j < 4:
            prev = toks[j - 1]
            if prev.end in name_by_end or text[prev.end : toks[j].start] != " ":
                break
            if (
                prev.text in COUNTRY_WORDS["ko"]
                or prev.text in title_words
                or (prev.text.endswith(_KO_ORG_ENDINGS) and prev.text not in _KO_NAME_STOP)
                or _KO_POSTED_TO.fullmatch(prev.text)
            ):
                j -= 1
                continue
            break
        country = COUNTRY_WORDS["ko"].get(toks[j].text) if j < i else None
        title_start = toks[j + 1].start if country else toks[j].start
        title_end = tok.start + len(stem)
        name, past_marker = _ko_name_before(text, toks, j, name_by_end)
        past = past_marker or bool(PAST_AFTER["ko"].search(text[title_end : title_end + 12]))
        title = TitleSpan(title_start, title_end, text[title_start:title_end], country, past)
        if name is None and stem == tok.text and i + 1 < len(toks) and _joined(text, tok, toks[i + 1]):
            name = name_at.get(toks[i + 1].start)  # a known name after its title: "국무부 부장관 커트 캠벨은"
            if name is None:
                unnamed.append((i + 1, title))
        if name is not None:
            mentions.append(Mention(name.start, name.end, name.text, "", name.concept, title))
    # a title before a name the document gives someone elsewhere: "주한 베트남 대사 최영삼은" after "최영삼 … 대사"
    known = {m.name for m in mentions if len(m.name) >= 2}
    for at, title in unnamed:
        word = toks[at].text
        known_name = next(
            (word[:k] for k in range(len(word), 1, -1) if word[:k] in known and _ko_rest_is_particle(word[k:])), None
        )
        if known_name is not None:
            mentions.append(Mention(toks[at].start, toks[at].start + len(known_name), known_name, "", None, title))
    return mentions


def _ko_rest_is_particle(rest: str) -> bool:
    return not rest or korean.split_particle(rest) == rest


def _ko_name_before(
    text: str, toks: list[_Tok], j: int, name_by_end: dict[int, NameSpan]
) -> tuple[NameSpan | None, bool]:
    """The name right before token ``j`` (skipping a past marker such as 전), and whether one was skipped."""
    past = False
    k = j - 1
    if k >= 0 and toks[k].text in ("전", "前", "당시", "전임") and text[toks[k].end : toks[j].start] == " ":
        past, k = True, k - 1
    if k < 0:
        return None, past
    after = toks[k + 1].start
    if text[toks[k].end : after] != " ":
        return None, past
    if toks[k].end in name_by_end:
        return name_by_end[toks[k].end], past
    word = toks[k].text
    if (
        word in _KO_NAME_STOP
        or word in COUNTRY_WORDS["ko"]
        or _KO_POSTED_TO.fullmatch(word)  # 주베트남, 주한: "posted to", part of an ambassador's title
        or not all(korean.is_hangul(c) for c in word)
        or not 1 <= len(word) <= 5
        or word.endswith(_KO_PARTICLE_END)
        or word.endswith(_KO_ORG_ENDINGS)
        or _ko_head(word) is not None
    ):
        return None, past
    return NameSpan(toks[k].start, toks[k].end, word), past


# -- Vietnamese ------------------------------------------------------------------------------

_VI_COMPLEMENT = frozenset(normalize(w) for w in VI_COMPLEMENT)  # in the form tokens are compared in
_VI_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def _by_first_word(phrases: Iterable[str]) -> dict[str, list[list[str]]]:
    """The words of ``phrases`` by their first word, in order."""
    found: dict[str, list[list[str]]] = {}
    for phrase in phrases:
        found.setdefault(phrase.split()[0], []).append(phrase.split())
    return found


_VI_HEADS_BY_FIRST = _by_first_word(VI_HEADS)


def _find_vi(text: str, names: list[NameSpan], index: TermIndex) -> list[Mention]:
    text_nfc = text  # check() hands over NFC text
    toks = _tokens(_VI_TOKEN, text_nfc)
    person_words = {w for n in names for w in normalize(n.text).split()}
    complement = (_VI_COMPLEMENT | index.words("vi", "title")) - person_words
    country_words = COUNTRY_WORDS["vi"]
    name_at = {n.start: n for n in names}
    heads = _VI_HEADS_BY_FIRST
    mentions: list[Mention] = []
    resume = 0  # where the last title found ends: the next starts at or after it
    for i in _capitalised(toks, heads):
        if i < resume:
            continue
        head_len = 0
        for words in heads[toks[i].low]:
            seq = toks[i : i + len(words)]
            if (
                len(seq) == len(words)
                and [t.low for t in seq] == words
                and all(_joined(text_nfc, a, b) for a, b in pairwise(seq))
            ):
                head_len = len(words)
                break
        if not head_len:
            continue
        k = i + head_len - 1
        country = None
        while k + 1 < len(toks) and _joined(text_nfc, toks[k], toks[k + 1]) and toks[k + 1].start not in name_at:
            two = " ".join(t.low for t in toks[k + 1 : k + 3])
            if two in country_words and len(toks) > k + 2 and _joined(text_nfc, toks[k + 1], toks[k + 2]):
                country, k = country_words[two], k + 2
                continue
            if toks[k + 1].low in country_words:
                country, k = country_words[toks[k + 1].low], k + 1
                continue
            if toks[k + 1].low in complement:
                k += 1
                continue
            break
        title_start, title_end = toks[i].start, toks[k].end
        sstart = _sentence_start(text_nfc, title_start)
        past = _is_past(text_nfc, title_start, title_end, "vi", sstart)
        title = TitleSpan(title_start, title_end, text_nfc[title_start:title_end], country, past)
        name = _name_after(text_nfc, toks, k + 1, name_at)
        if name is None:  # "Thứ trưởng Ngoại giao Mỹ, ông Kurt Campbell": a known name after a comma and honorific
            after = _VI_TITLE_COMMA_HONORIFIC.match(text_nfc, title_end)
            name = name_at.get(after.end()) if after else None
        if name is None:
            before = re.search(
                r"(?P<name>(?:[A-ZĐ][\w'’-]*\s){0,3}[A-ZĐ][\w'’-]*),\s+(?:(?:nguyên|cựu|hiện là|là)\s+)?$",
                text_nfc[sstart:title_start],
            )
            if before:
                n_start, n_end = sstart + before.start("name"), sstart + before.end("name")
                known = next((n for n in names if n.end == n_end), None)
                name = known or NameSpan(n_start, n_end, text_nfc[n_start:n_end])
        if name is not None:
            mentions.append(Mention(name.start, name.end, name.text, "", name.concept, title))
        resume = k + 1
    mentions.extend(_honorific_mentions(text_nfc, "vi", name_at))
    return mentions


_VI_TITLE_COMMA_HONORIFIC = re.compile(r",\s+(?:ông|bà|ngài)\s+")


