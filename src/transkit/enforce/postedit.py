"""Post-edit a translation: forbidden variants and near misses become the approved term; particles agree.

Only concepts the source requires are touched, and only as often as the
source requires them: "Deputy Foreign Minister" is replaced by "Deputy
Secretary of State" when the source names the US Deputy Secretary, and left
alone when it names a Vietnamese deputy minister (for whom it is admitted).

A forbidden form that embeds the approved name of its concept ("Deputy Foreign
Minister Kurt Campbell") keeps the name and has the rest post-edited on its
own, so the title in it is corrected by its own concept.

Korean particles after every inserted or replaced term are made to agree with
the term (은/는, 이/가, 을/를, 과/와, 으로/로 with ㄹ …), using the glossary's
reading or final-consonant flag where it has one and :mod:`transkit.lang.korean`'s
reading rules otherwise (iPhone 아이폰, NATO 나토, 3.5% 퍼센트); a particle after a
term whose reading is unknown is left alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..glossary.index import TermIndex
from ..glossary.matcher import Match, Matcher
from ..glossary.model import Term
from ..lang import korean

__all__ = ["Edited", "PostEdit", "found_counts", "post_edit", "repair_particles", "split_compounds"]

Span = tuple[int, int, Term]


@dataclass(frozen=True)
class PostEdit:
    """One edit made to the output."""

    kind: str  # "forbidden" | "near-miss" | "particle"
    before: str
    after: str
    concept: str | None


@dataclass(frozen=True)
class Edited:
    """A post-edited translation: its text, the changes made and where the terms now are."""
    text: str
    changes: tuple[PostEdit, ...]
    spans: tuple[Span, ...]  # inserted and replaced terms, in the edited text


def _approved_for(index: TermIndex, concepts: Iterable[str], lang: str, form: str) -> list[str]:
    return [c for c in concepts if index.status(c, lang, form) in ("preferred", "admitted")]


def split_compounds(text: str, lang: str, matches: list[Match], matcher: Matcher, index: TermIndex) -> list[Match]:
    """Split forbidden forms that embed their concept's approved term into that term and the rest, re-matched."""
    out: list[Match] = []
    for m in matches:
        inner = None
        if m.status == "forbidden":
            for term in index.approved(m.concept, lang):
                at = m.text.lower().find(term.text.lower())
                if at >= 0 and len(term.text) < len(m.text):
                    inner = (m.start + at, m.start + at + len(term.text), term)
                    break
        if inner is None:
            out.append(m)
            continue
        a, b, term = inner
        out.append(Match(a, b, text[a:b], m.concept, lang, term))
        for lo, hi in ((m.start, a), (b, m.end)):
            if hi > lo:
                out += [
                    Match(lo + s.start, lo + s.end, s.text, s.concept, lang, s.term, s.particle, s.alternatives)
                    for s in matcher.find(text[lo:hi], lang)
                ]
    return sorted(out, key=lambda m: m.start)


def found_counts(text: str, lang: str, required: Counter[str], *, matcher: Matcher, index: TermIndex) -> Counter[str]:
    """How many approved target terms of each required concept ``text`` holds."""
    found: Counter[str] = Counter()
    for m in split_compounds(text, lang, matcher.find(text, lang), matcher, index):
        for c in _approved_for(index, index.concepts_of(m), lang, m.text):
            if c in required:
                found[c] += 1
    return found


def post_edit(
    text: str,
    lang: str,
    required: Counter[str],
    *,
    matcher: Matcher,
    index: TermIndex,
    spans: Iterable[Span] = (),
    day: date | None = None,
) -> Edited:
    """Replace forbidden variants and near misses of required concepts; repair particles after ``spans``.

    A replacement is the concept's name on ``day`` (the article's date), when given.
    """
    spans = tuple(spans)
    if not required and not spans:
        return Edited(text, (), ())  # nothing is required and nothing was inserted: nothing to edit
    matches = split_compounds(text, lang, matcher.find(text, lang), matcher, index)
    found: Counter[str] = Counter()
    for m in matches:
        for c in _approved_for(index, index.concepts_of(m), lang, m.text):
            found[c] += 1
    surplus = {c: found[c] - n for c, n in required.items()}
    edits: list[tuple[int, int, Term, PostEdit]] = []
    for m in matches:
        concepts = index.concepts_of(m)
        wrong = [
            c for c in concepts if c in required and index.status(c, lang, m.text) == "forbidden" and surplus[c] < 0
        ]
        if not wrong:
            continue
        holders = [c for c in _approved_for(index, concepts, lang, m.text) if c in required]
        if any(surplus[c] <= 0 for c in holders):
            continue  # the form is needed as it stands for another concept of the source
        for c in holders:
            surplus[c] -= 1
        concept = wrong[0]
        surplus[concept] += 1
        term = index.target(concept, lang, day)
        if term is not None:
            edits.append((m.start, m.end, term, PostEdit("forbidden", m.text, term.text, concept)))
    taken = [(m.start, m.end) for m in matches] + [(a, b) for a, b, _, _ in edits]
    if any(n < 0 for n in surplus.values()):
        for near in matcher.near_misses(text, lang):
            if surplus.get(near.concept, 0) < 0 and not any(near.start < b and a < near.end for a, b in taken):
                term = index.target(near.concept, lang, day)
                if term is not None:
                    edit = PostEdit("near-miss", near.text, term.text, near.concept)
                    edits.append((near.start, near.end, term, edit))
                    surplus[near.concept] += 1
                    taken.append((near.start, near.end))
    edited, new_spans = _apply(text, edits, list(spans))
    changes = tuple(change for _, _, _, change in sorted(edits, key=lambda e: e[0]))
    if lang == "ko":
        edited, repaired, new_spans = repair_particles(edited, new_spans)
        changes += repaired
    return Edited(edited, changes, tuple(new_spans))


def _apply(text: str, edits: list[tuple[int, int, Term, PostEdit]], spans: list[Span]) -> tuple[str, list[Span]]:
    """Apply non-overlapping edits; return the text and the kept and new term spans, shifted."""
    edits = sorted(edits, key=lambda e: e[0])
    pieces: list[str] = []
    out_spans: list[Span] = []
    shifts: list[tuple[int, int]] = []  # (old position, shift after it)
    last = shift = 0
    for start, end, term, _ in edits:
        pieces += [text[last:start], term.text]
        new_start = start + shift
        out_spans.append((new_start, new_start + len(term.text), term))
        shift += len(term.text) - (end - start)
        shifts.append((end, shift))
        last = end
    pieces.append(text[last:])
    for a, b, term in spans:
        delta = 0
        for position, after in shifts:
            if position <= a:
                delta = after
        out_spans.append((a + delta, b + delta, term))
    return "".join(pieces), sorted(out_spans, key=lambda s: s[0])


def repair_particles(text: str, spans: list[Span]) -> tuple[str, tuple[PostEdit, ...], list[Span]]:
    """Make the Korean particle right after each span agree with the span's term."""
    changes: list[PostEdit] = []
    pieces: list[str] = []
    out_spans: list[Span] = []
    last = shift = 0
    for start, end, term in sorted(spans, key=lambda s: s[0]):
        out_spans.append((start + shift, end + shift, term))
        particle = korean.split_particle(text[end : end + 8])
        if particle is None or end < last:
            continue
        ending = korean.ending(term.text, term.reading, term.final_consonant)
        if ending is None:
            continue  # the term's reading is unknown: leave the particle as the translation wrote it
        right = korean.agree(particle, ending)
        if right.startswith("ㄹ"):
            continue  # ㄹ랑 fuses into the term's last syllable (너 -> 널랑): the term is not rewritten
        if right != particle:
            pieces += [text[last:end], right]
            last = end + len(particle)
            shift += len(right) - len(particle)
            changes.append(PostEdit("particle", text[start:end] + particle, text[start:end] + right, None))
    pieces.append(text[last:])
    return "".join(pieces), tuple(changes), out_spans
