"""Names: non-official forms, spelling variants of one name, and one place named two ways."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from ..analysis.lexicon import (
    COUNTRY_WORDS,
    EN_COMPLEMENT,
    EN_HEADS,
    EN_MODIFIERS,
    EN_SENTENCE_WORDS,
)
from ..analysis.mentions import Mention
from ..analysis.roles import (
    compatible,
    content_words,
    judge,
    resolve,
    role_forms,
    role_titles,
)
from ..findings import Finding, Severity
from ..glossary.index import TermIndex, per_index
from ..lang import korean, romanize
from ..lang.normalize import fold_diacritics
from ..lang.normalize import normalize as norm
from .checked_text import CheckedText
from .registry import finding, register

if TYPE_CHECKING:
    from ..glossary.matcher import Match

__all__ = ["head_word", "near_glossary_person"]

_CONNECTOR = re.compile(r"\s(?:of|for|to|and|on)\s", re.IGNORECASE)


def head_word(title: str, lang: str) -> str:
    """The head noun of a title.

    "Coordinator" of "Coordinator for Indo-Pacific Affairs" and of "Regional Coordinator".
    """
    if lang == "en":
        words = _CONNECTOR.split(norm(title))[0].split()
        return words[-1] if words else ""
    words = content_words(title, lang)
    return (words[-1] if lang == "ko" else " ".join(words[:2])) if words else ""


def _attached(doc: CheckedText, start: int, end: int) -> Mention | None:
    """The person mention whose title overlaps ``start:end``."""
    for m in doc.mentions:
        if m.title is not None and m.title.start < end and start < m.title.end:
            return m
    return None


def _approved_elsewhere(doc: CheckedText, match: Match) -> bool:
    surface = norm(doc.text[match.start : match.end])
    for alt in getattr(match, "alternatives", ()):
        concept = doc.index.concept(alt)
        if concept and any(t.approved and norm(t.text) == surface for t in concept.terms_in(doc.lang)):
            return True
    return False


def _country_before(doc: CheckedText, start: int) -> str | None:
    head = norm(doc.text[max(0, start - 25) : start])
    for word, code in COUNTRY_WORDS[doc.lang].items():
        if head.endswith((word + " ", " " + word)):
            return code
    return None


@per_index(4096)
def _needs_context(index: TermIndex, concept_id: str, text: str, lang: str) -> bool:
    """True when ``text``, a forbidden form of the title ``concept_id``, may be right for another title.

    A lower-case form is a description rather than a title ("head of state", forbidden for the
    General Secretary); a form that shortens another title's approved form ("Deputy Secretary",
    forbidden for the ROK First Vice Minister, shortens "Deputy Secretary of State") is that title
    when its holder is meant.
    """
    if text[:1].islower():
        return True
    head = head_word(text, lang)
    return any(
        len(norm(form)) > len(norm(text)) and head_word(form, lang) == head and compatible(text, form, lang)
        for form in index.approved_forms(lang, "title")
        if not any(c.concept.id == concept_id for c in index.lookup(form, lang))
    )


@register("non-official-name", Severity.ERROR)
def non_official_name(doc: CheckedText) -> Iterator[Finding]:
    """A name or title that is not the official form (a forbidden variant or a near-miss).

    A forbidden form is always flagged, unless another concept approves it, or it is a title form
    that may rightly name another title (see :func:`_needs_context`): then only where the
    context shows the forbidden concept is meant (the person holds it, or its country is named).
    """
    for match in doc.matches:
        if match.term.status != "forbidden" or _approved_elsewhere(doc, match):
            continue
        concept = doc.index.concept(match.concept)
        if concept is None:
            continue
        if concept.type == "title" and _needs_context(doc.index, concept.id, match.term.text, doc.lang):
            mention = _attached(doc, match.start, match.end)
            if mention is not None:
                if concept.id not in role_titles(doc.index, mention.concept, None):
                    continue
            elif concept.scope is None or _country_before(doc, match.start) != concept.scope:
                continue
        preferred = concept.preferred(doc.lang)
        whole_name = concept.type == "person" and preferred is not None and len(match.text) > len(preferred.text) + 3
        yield finding(
            doc,
            "non-official-name",
            match.start,
            match.end,
            f"'{match.text}' is not an approved form of {concept.id}"
            + (f"; use '{preferred.text}'" if preferred else ""),
            concept=concept.id,
            suggestion=preferred.text if preferred else None,
            fixable=preferred is not None and not whole_name,
        )
    person_spans = [(n.start, n.end) for n in doc.names]
    for miss in doc.near_misses:
        a, b = norm(miss.text), norm(miss.term.text)
        near_concept = doc.index.concept(miss.concept)
        if near_concept is None or near_concept.type == "person":
            continue  # a misspelt person name is a spelling variant
        if a.startswith(b) or b.startswith(a) or any(s < miss.end and miss.start < e for s, e in person_spans):
            continue
        if doc.lang != "ko" and not _stands_as_name(doc.text, miss.start, miss.end, miss.term.text):
            continue
        house_style = fold_diacritics(a) == fold_diacritics(b)  # "Việt Nam" for "Viet Nam": a publisher's spelling
        message = (
            f"house style: '{miss.term.text}' ({miss.concept}); '{miss.text}' differs only in diacritics"
            if house_style
            else f"'{miss.text}' looks like a misspelling of '{miss.term.text}' ({miss.concept})"
        )
        yield finding(
            doc,
            "non-official-name",
            miss.start,
            miss.end,
            message,
            concept=miss.concept,
            suggestion=miss.term.text,
            severity=Severity.INFO if house_style else Severity.WARNING,
        )
    yield from _title_near_misses(doc)


_CAPITALISED_BEFORE = re.compile(r"(?:^|\s)[A-ZĐ][\w'’-]*\s$")
_CAPITALISED_AFTER = re.compile(r"^\s[A-ZĐ]")


def _stands_as_name(text: str, start: int, end: int, term: str) -> bool:
    """True when ``text[start:end]`` can stand for the capitalised ``term`` (en/vi): it begins and ends as the
    term does in case, and is not cut out of a longer capitalised run ("Vice Minister for Foreign Affairs").

    >>> _stands_as_name("Tổng thống sớm", 0, 14, "Tổng thống Mỹ")
    False
    >>> _stands_as_name("the Vice Minister for X", 9, 23, "Minister of X")
    False
    """
    words, term_words = text[start:end].split(), term.split()
    if not words or not term_words:
        return False
    if words[0][:1].isupper() != term_words[0][:1].isupper() or words[-1][:1].isupper() != term_words[-1][:1].isupper():
        return False
    before, after = text[max(0, start - 30) : start], text[end : end + 2]
    return not (
        (_CAPITALISED_BEFORE.search(before)
        and not before.rstrip().endswith((".", ":")))
        or _CAPITALISED_AFTER.match(after)
    )


def _title_near_misses(doc: CheckedText) -> Iterator[Finding]:
    """Titles of known persons that resemble, without being, a title the person holds (or held)."""
    for m in doc.mentions:
        if m.title is None or m.concept is None:
            continue
        roles = role_titles(doc.index, m.concept, None if m.title.past else doc.day)
        if not roles:
            roles = role_titles(doc.index, m.concept, None)
        if resolve(doc.index, m.title.text, doc.lang, country=m.title.country, roles=roles).candidates:
            continue  # a glossary form: the forbidden/role checks judge it
        words = set(content_words(m.title.text, doc.lang))
        head = head_word(m.title.text, doc.lang)
        for title_id in sorted(roles):
            concept = doc.index.concept(title_id)
            if concept is None:
                continue
            forms = [t.text for t in concept.terms_in(doc.lang) if t.approved]
            if any(compatible(m.title.text, f, doc.lang) for f in role_forms(doc.index, {title_id}, doc.lang)):
                break
            near = [
                f
                for f in forms
                if head_word(f, doc.lang) == head and len(words & set(content_words(f, doc.lang))) * 3 >= 2 * len(words)
            ]
            if near:
                preferred = concept.preferred(doc.lang)
                yield finding(
                    doc,
                    "non-official-name",
                    m.title.start,
                    m.title.end,
                    f"'{m.title.text}' is not {m.name}'s official title; the glossary has '{near[0]}'",
                    concept=title_id,
                    suggestion=preferred.text if preferred else near[0],
                    severity=Severity.WARNING,
                )
                break


# -- spelling variants ---------------------------------------------------------------------

_WORD = r"[A-ZĐ][\w'’]*(?:-[^\W\d_][\w'’]*)*"
_LATIN_RUN = re.compile(rf"(?<![\w-]){_WORD}(?: {_WORD})+")
_HANGUL_NAME = re.compile(r"(?<![가-힣])([가-힣]{2,4})(?=[가-힣]{0,3}[\s,.]|$)")
_KOREAN_NAME = re.compile(r"[가-힣]{2,5}")
_NOT_NAME = EN_HEADS | EN_MODIFIERS | EN_COMPLEMENT | EN_SENTENCE_WORDS | set(COUNTRY_WORDS["en"])


@lru_cache(maxsize=8192)
def _key(name: str) -> str:
    return norm(name).replace("-", " ")


def _jamo(word: str) -> str:
    return unicodedata.normalize("NFD", word)


_HANGUL = re.compile("[가-힣]")  # korean.is_hangul, as a search


@lru_cache(maxsize=65536)
def _similar(a: str, b: str) -> bool:
    if _HANGUL.search(a) or _HANGUL.search(b):
        return len(a) == len(b) and a[0] == b[0] and fuzz.ratio(_jamo(a), _jamo(b)) >= 80
    ta, tb = _key(a).split(), _key(b).split()
    return len(ta) == len(tb) and ta[0][0] == tb[0][0] and fuzz.ratio(" ".join(ta), " ".join(tb)) >= 85


class _References:
    """(key, name) pairs, in order, indexed by what :func:`_similar` requires of two names alike: the same length
    and first letter when either has Hangul, else the same number of words and first letter of the key."""

    def __init__(self, refs: list[tuple[str, str]]) -> None:
        self.refs = refs
        self._by_shape: dict[tuple[int, str], list[int]] = defaultdict(list)  # every name
        self._by_words: dict[tuple[int, str], list[int]] = defaultdict(list)  # names without Hangul
        self._hangul: set[int] = set()
        for at, (_, ref) in enumerate(refs):
            self._by_shape[len(ref), ref[:1]].append(at)
            if _HANGUL.search(ref):
                self._hangul.add(at)
            elif words := _key(ref).split():
                self._by_words[len(words), words[0][0]].append(at)

    def alike(self, name: str) -> list[tuple[str, str]]:
        """The pairs whose name may be :func:`_similar` to ``name`` (the others cannot be), in order."""
        shaped = self._by_shape.get((len(name), name[:1]), [])
        if not _HANGUL.search(name):
            words = _key(name).split()
            worded = self._by_words.get((len(words), words[0][0]), []) if words else []
            shaped = sorted([at for at in shaped if at in self._hangul] + worded)
        return [self.refs[at] for at in shaped]


def _leading_country(group: str, run: list[tuple[int, int]], lang: str) -> int:
    """How many words at the start of ``run`` (word spans in ``group``) are a country word ("Hàn Quốc", "Mỹ")."""
    words = COUNTRY_WORDS[lang]
    for size in (2, 1):
        if len(run) > size and norm(group[run[0][0] : run[size - 1][1]]) in words:
            return size
    return 0


def _candidates(doc: CheckedText) -> list[tuple[int, int, str]]:
    """Spans that could be (mis)spelt names: capitalised runs in en/vi, name-like Hangul words in ko."""
    if doc.lang == "ko":
        return [(*m.span(), m.group()) for m in _HANGUL_NAME.finditer(doc.text)]  # the lookarounds match nothing
    spans = []
    for m in _LATIN_RUN.finditer(doc.text):
        group, base = m.group(), m.start()
        run: list[tuple[int, int]] = []  # (start, end) in group of the name-like words in a row
        at = 0
        for word in [*group.split(" "), None]:  # the run's words are one space apart
            if word is not None and word.casefold() not in _NOT_NAME:
                run.append((at, at + len(word)))
                at += len(word) + 1
                continue
            if len(run) >= 2:
                run = run[_leading_country(group, run, doc.lang) :]  # "Hàn Quốc Cho Tae-yul": the name follows
            if 2 <= len(run) <= 4:
                start = base + run[0][0]
                text = romanize.strip_possessive(doc.text[start : base + run[-1][1]])  # "Lee Jae-myung's"
                spans.append((start, start + len(text), text))
            run = []
            at += len(word or "") + 1
    return spans


@per_index()
def _korean_persons(index: TermIndex, lang: str) -> romanize.RomanizedNames[list[str]]:
    """:func:`_korean_person_ids` as a reverse index of romanised spellings."""
    return romanize.RomanizedNames(_korean_person_ids(index, lang))


@per_index()
def _korean_person_ids(index: TermIndex, lang: str) -> dict[str, list[str]]:
    """Glossary persons by their Hangul name, for those whose approved ``lang`` form romanises it.

    That condition keeps out foreign names written in Hangul (커트 캠벨) and Korean names the glossary
    writes otherwise (a Vietnamese reading), so only names with a romanised spelling are looked up.
    """
    persons: dict[str, list[str]] = defaultdict(list)
    for concept in index.glossary:
        if concept.type != "person":
            continue
        spellings = [t.text for t in concept.terms_in(lang) if t.approved]
        for term in concept.terms_in("ko"):
            if not term.approved or not _KOREAN_NAME.fullmatch(term.text):
                continue
            if any(_romanises(s, term.text) for s in spellings):
                persons[term.text].append(concept.id)
    return dict(persons)


def _romanises(spelling: str, hangul: str) -> bool:
    """:func:`romanize.matches`, the surname looked at first: a romanisation begins or ends with a spelling of
    it, so "Harrington Camp" is rejected without building the pattern of every Hangul name in the glossary."""
    words = [_bare(w) for w in _SEPARATORS.split(romanize.strip_possessive(spelling).strip())]
    family, _ = romanize.split_name(hangul)
    surnames = {_bare(s) for s in romanize.syllable_spellings(family, "surname")}
    return bool({words[0], words[-1]} & surnames) and romanize.matches(spelling, hangul)


_SEPARATORS = re.compile(r"[\s\-‐‑–—]+")  # as romanize folds a name: case, marks and apostrophes aside
_APOSTROPHES = str.maketrans("", "", "'’ʼ‘`")


def _bare(word: str) -> str:
    return (
        "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
        .translate(_APOSTROPHES)
        .casefold()
    )


def _romanised_person(doc: CheckedText, start: int, text: str) -> tuple[int, str, str, str] | None:
    """The glossary person a romanised name (or the name after a leading word: "Ông Lee Jae Myung") spells
    otherwise than the glossary: (start, text, concept id, Hangul name). None when the glossary has the
    spelling (its forbidden forms are non-official-name's) or the spelling fits no person or several."""
    found = _romanised(doc.index, doc.lang, text)
    return None if found is None else (start + found[0], *found[1:])


@per_index(8192)
def _romanised(index: TermIndex, lang: str, text: str) -> tuple[int, str, str, str] | None:
    """:func:`_romanised_person` with the offset of the name in ``text``; cached, as names recur."""
    words = text.split(" ")
    tries = [(0, text)] + ([(len(words[0]) + 1, " ".join(words[1:]))] if len(words) > 2 else [])
    for at, name in tries:
        if index.lookup(name, lang, types=("person",)):
            return None
        found = _korean_persons(index, lang).find(name)
        ids = {cid for _, cids in found for cid in cids}
        if len(ids) == 1:
            return at, name, ids.pop(), found[0][0]
    return None


@per_index()
def _glossary_people(index: TermIndex, lang: str) -> dict[str, tuple[str, str]]:
    """Approved ``lang`` spellings of glossary persons by their comparison key: key -> (spelling, concept id)."""
    people: dict[str, tuple[str, str]] = {}
    for concept in index.glossary:
        if concept.type == "person":
            for term in concept.terms_in(lang):
                if term.approved:
                    people.setdefault(_key(term.text), (term.text, concept.id))
    return people


@per_index()
def _glossary_surnames(index: TermIndex, lang: str) -> dict[str, tuple[str, str]]:
    """The last word of each glossary person's Latin-script spelling, when no two persons share it."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for text, concept_id in _glossary_people(index, lang).values():
        words = text.split()
        if len(words) >= 2 and words[-1].isalpha() and words[-1][:1].isupper():
            found[_key(words[-1])].append((words[-1], concept_id))
    return {k: v[0] for k, v in found.items() if len({c for _, c in v}) == 1}


@per_index()
def _people_keys(index: TermIndex, lang: str, whole: bool) -> tuple[list[str], dict[tuple[str, ...], list[str]]]:
    """The keys of :func:`_glossary_people` (``whole``) or :func:`_glossary_surnames`, as a list for rapidfuzz,
    and the keys of whole names by the words after the given name ("Blinken" -> ["antony blinken"])."""
    people = _glossary_people(index, lang) if whole else _glossary_surnames(index, lang)
    by_rest: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key in people:
        by_rest[tuple(key.split()[1:])].append(key)
    return list(people), dict(by_rest)


@per_index(8192)
def _near_glossary_person(index: TermIndex, lang: str, text: str) -> tuple[str, str] | None:
    """The glossary person whose approved spelling ``text`` misses by an edit or two (same words, same initial):
    "Antony Blinkin", "Cho Tae-yull"; for one word, a glossary surname ("Cambell"). None when exact or far."""
    key = _key(text)
    whole = " " in key
    people = _glossary_people(index, lang) if whole else _glossary_surnames(index, lang)
    if key in people or (not whole and len(key) < 5):
        return None
    keys, by_rest = _people_keys(index, lang, whole)
    best = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=85)
    if best is not None and _similar(text, people[best[0]][0]):
        return people[best[0]]
    words = key.split()
    if len(words) == 2 and len(words[0]) >= 3:  # a short given name: "Tony Blinken" for "Antony Blinken"
        short = [people[k] for k in by_rest.get(tuple(words[1:]), ()) if k.split()[0].endswith(words[0])]
        if len(short) == 1 and short[0][0].split()[0].lower() != words[0]:
            return short[0]
    return None


@per_index()
def _glossary_person_keys(index: TermIndex, lang: str) -> frozenset[str]:
    """The approved ``lang`` forms of glossary persons, hyphens as spaces."""
    return frozenset(f.replace("-", " ") for f in index.approved_forms(lang, "person"))


@per_index()
def _korean_person_set(index: TermIndex, lang: str) -> frozenset[str]:
    """The concept ids of :func:`_korean_person_ids`."""
    return frozenset(cid for ids in _korean_person_ids(index, lang).values() for cid in ids)


@register("name-spelling-variant", Severity.WARNING)
def name_spelling_variant(doc: CheckedText) -> Iterator[Finding]:
    """One name is spelt in different ways in one document, or a Korean name otherwise than the glossary.

    A romanisation of a glossary person's Hangul name ("Lee Jae Myung", "Yi Chae-myŏng" for 이재명) that
    is not the glossary's spelling is flagged with the person's preferred spelling as the fix.
    """
    known = {n.text for n in doc.names}
    people = {m.name for m in doc.mentions if m.concept or len(m.name.split()) >= 2 or doc.lang == "ko"}
    reference = known | people
    glossary_persons = _glossary_person_keys(doc.index, doc.lang)
    candidates = _candidates(doc)
    counts = Counter(_key(text) for _, _, text in candidates)
    refs = _References(sorted(((_key(r), r) for r in reference), key=lambda kr: (-counts[kr[0]], kr[1])))
    flagged: set[int] = set()  # where a finding starts, or a whole name was judged
    starts_of: dict[str, list[int]] = defaultdict(list)
    for start, _, text in candidates:
        starts_of[_key(text)].append(start)
    verdict: dict[str, tuple[str, bool] | None] = {}  # candidate key -> (the spelling to use, glossary name?)
    for start, end, text in candidates:
        person = _romanised_person(doc, start, text) if doc.lang != "ko" else None
        preferred = doc.index.preferred_text(person[2], doc.lang) if person else None
        if person and preferred:
            at, name, concept_id, hangul = person
            flagged.add(at)
            yield finding(
                doc,
                "name-spelling-variant",
                at,
                at + len(name),
                f"'{name}' spells {hangul} ({concept_id}) otherwise than the glossary: '{preferred}'",
                concept=concept_id,
                suggestion=preferred,
                fixable=True,
                severity=Severity.ERROR,  # the romanisation model ties it to the glossary person
            )
            continue
        key = _key(text)
        if key in glossary_persons:
            continue
        if key not in verdict:
            verdict[key] = next(
                (
                    (ref, rkey in glossary_persons)
                    for rkey, ref in refs.alike(text)
                    if rkey != key and (rkey in glossary_persons or counts[rkey] > counts[key]) and _similar(text, ref)
                ),
                None,
            )
        found = verdict[key]
        near = _near_glossary_person(doc.index, doc.lang, text) if found is None and doc.lang != "ko" else None
        # one occurrence with the person's title ties every occurrence of the spelling to them
        if near is not None and any(_plausibly_meant(doc, s, near[1]) for s in starts_of[key]):
            flagged.add(start)
            yield _glossary_misspelling(doc, start, end, near)
        if found is not None:
            flagged.add(start)
            yield finding(
                doc,
                "name-spelling-variant",
                start,
                end,
                f"'{text}' is spelt '{found[0]}' elsewhere in this document",
                suggestion=found[0],
                fixable=found[1],
                # a variant of the glossary spelling the article itself uses is certainly wrong
                severity=Severity.ERROR if found[1] else None,
            )
    flagged |= {start for start, _, text in candidates if " " in text}  # judged above, as whole names
    yield from _short_name_misspellings(doc, flagged)


def _plausibly_meant(doc: CheckedText, start: int, concept_id: str) -> bool:
    """True unless the glossary person has a Korean name and the title at ``start`` is not their post on the date.

    One syllable apart, two Korean names are often two people (Lee Jae-young, Lee Jae-myung): a near spelling
    counts only when the name carries the glossary person's title on the day ("Thứ trưởng Ngoại giao Hàn Quốc
    Kim Hong-kyung" in 2024).
    """
    korean_ids = _korean_person_set(doc.index, doc.lang)
    if concept_id not in korean_ids:
        return True
    return any(m.start == start and m.title is not None and _title_fits(doc, m, concept_id) for m in doc.mentions)


def _is_korean_name(doc: CheckedText, concept_id: str) -> bool:
    owners = _glossary_hangul_names(doc.index).values()
    return any(c == concept_id and korean_name for _, c, korean_name in owners)


def _title_fits(doc: CheckedText, m: Mention, concept_id: str) -> bool:
    assert m.title is not None or m.honorific
    if m.title is None:
        return False
    return bool(judge(doc.index, m.title.text, doc.lang, person=concept_id, day=doc.day, country=m.title.country).fits)


def near_glossary_person(doc: CheckedText, m: Mention) -> str | None:
    """The glossary person an unknown name misspells ("Foreign Secretary Antony Blinkin"), so that its title can
    be judged: a Latin name an edit or two from a foreign glossary name; a Korean name only when the title fits."""
    if doc.lang == "ko" or m.concept is not None:
        return None
    near = _near_glossary_person(doc.index, doc.lang, m.name)
    if near is None:
        return None
    korean_ids = _korean_person_set(doc.index, doc.lang)
    return near[1] if near[1] not in korean_ids else None


def _glossary_misspelling(doc: CheckedText, start: int, end: int, near: tuple[str, str]) -> Finding:
    spelling, concept_id = near
    return finding(
        doc,
        "name-spelling-variant",
        start,
        end,
        f"'{doc.text[start:end]}' is not a glossary spelling; the glossary has '{spelling}' ({concept_id})",
        concept=concept_id,
        suggestion=spelling,
    )


@per_index()
def _glossary_hangul_names(index: TermIndex) -> dict[str, tuple[str, str, bool]]:
    """Hangul names of glossary persons and the last word of foreign ones (캠벨 of 커트 캠벨), when one person's:
    word -> (spelling, concept id, whether it is a Korean name)."""
    found: dict[str, set[tuple[str, str, bool]]] = defaultdict(set)
    for concept in index.glossary:
        if concept.type != "person":
            continue
        for term in concept.terms_in("ko"):
            if term.approved and all(korean.is_hangul(c) or c == " " for c in term.text):
                korean_name = " " not in term.text
                found[term.text.split()[-1]].add((term.text.split()[-1], concept.id, korean_name))
    return {word: next(iter(owners)) for word, owners in found.items() if len(owners) == 1}


def _near_hangul_person(doc: CheckedText, name: str) -> tuple[str, str] | None:
    """The glossary person whose Hangul name ``name`` misses by a letter (조태율 for 조태열, 캠밸 for 캠벨).

    A Korean name one letter from another is often another person (조태용, 조태열): it counts only with the
    glossary person's title on the date, as for romanised names."""
    return _near_hangul(doc.index, name)


@per_index(8192)
def _near_hangul(index: TermIndex, name: str) -> tuple[str, str] | None:
    """:func:`_near_hangul_person`, cached by name: it compares the name with every Hangul name in the glossary."""
    names = _glossary_hangul_names(index)
    if name in names or len(name) < 2:
        return None
    near = sorted(((fuzz.ratio(_jamo(name), _jamo(w)), v) for w, v in names.items() if _similar(name, w)), reverse=True)
    if not near or (len(near) > 1 and near[1][0] == near[0][0]):
        return None
    spelling, concept_id, _ = near[0][1]
    return spelling, concept_id


def _short_name_misspellings(doc: CheckedText, flagged: set[int]) -> Iterator[Finding]:
    """One-word names after a title or honorific ("Secretary Blinkin", "ông Blinkin", "캠밸 부장관") near a glossary
    name or surname."""
    for m in doc.mentions:
        if m.concept or m.start in flagged or " " in m.name or not (m.title or m.honorific):
            continue
        if doc.lang == "ko":
            hangul = _near_hangul_person(doc, m.name)
            if hangul is not None and (not _is_korean_name(doc, hangul[1]) or _title_fits(doc, m, hangul[1])):
                flagged.add(m.start)
                yield _glossary_misspelling(doc, m.start, m.end, hangul)
            continue
        near = _near_glossary_person(doc.index, doc.lang, m.name)
        if near is not None and _plausibly_meant(doc, m.start, near[1]):
            flagged.add(m.start)
            yield _glossary_misspelling(doc, m.start, m.end, near)


# -- mixed naming ---------------------------------------------------------------------------


def _acronym(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{2,6}s?", text.replace(".", "")))


def _contraction(a: str, b: str) -> bool:
    """True when the shorter of two Hangul names is the usual contraction of the longer: 합참 of 합동참모본부
    (its syllables in order, the first shared).

    >>> _contraction("합참", "합동참모본부"), _contraction("국방부", "합동참모본부")
    (True, False)
    """
    short, long = sorted((a, b), key=len)
    if not short or not all(korean.is_hangul(c) for c in short + long) or short[0] != long[0]:
        return False
    rest = iter(long)
    return all(c in rest for c in short)


@register("mixed-naming", Severity.WARNING)
def mixed_naming(doc: CheckedText) -> Iterator[Finding]:
    """One place or organisation is named in different ways in one document."""
    uses: dict[str, list[Match]] = defaultdict(list)
    kinds: dict[str, str] = {}
    for match in doc.matches:
        concept = doc.index.concept(match.concept)
        if concept is None or concept.type not in ("place", "org") or not match.term.approved or match.alternatives:
            continue
        uses[concept.id].append(match)
        kinds[concept.id] = concept.type
    for concept_id, matches in uses.items():
        kind = kinds[concept_id]
        forms = Counter(norm(m.text) for m in matches if not _acronym(m.text))
        if len(forms) < 2:
            continue
        first = next(m for m in matches if not _acronym(m.text))
        preferred = {norm(m.text) for m in matches if m.term.status == "preferred"}
        main = max(forms, key=lambda f: (forms[f], f in preferred, f == norm(first.text)))
        for m in matches:
            form = norm(m.text)
            if _acronym(m.text) or form == main or form in main or main in form or _contraction(form, main):
                continue
            main_text = next(x.text for x in matches if norm(x.text) == main)
            yield finding(
                doc,
                "mixed-naming",
                m.start,
                m.end,
                f"'{m.text}' and '{main_text}' name the same {kind} ({concept_id}); use one",
                concept=concept_id,
                suggestion=main_text,
            )
