"""Find the glossary terms of a source segment and protect them from the model.

Each approved source term whose concept has a term in the target language is
*required*; the target term is the concept's name on the article's date (a renamed
ministry keeps the name it had then). It is replaced by a placeholder token (``transkit.text.placeholders``:
``ZX<n>Q``, or another free marker when the segment already holds tokens, such
as those the translator puts over URLs) and the token is restored as the
approved target term. A name written alike in both languages ("Kurt Campbell"
in English and Vietnamese) passes through unmasked unless asked otherwise.

Restoring goes through private-use sentinels so that the exact place of every
inserted term is known: a term glued to a word by the model gets its space back
(in Korean, unless a particle follows), and Korean particles after it can be repaired.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..glossary.index import TermIndex
from ..glossary.matcher import Match, Matcher
from ..lang import korean
from ..text.placeholders import Masked, mask, unmask
from .context import title_sites
from .terms import SourceTerm

__all__ = ["Protection", "Restoration", "UnenforcedTerm", "find_terms", "protect", "restore"]

_SENTINELS = ("\ue000", "\ue001")


@dataclass(frozen=True)
class UnenforcedTerm:
    """A source term that is not enforced, and why."""

    text: str
    concepts: tuple[str, ...]
    reason: str


def find_terms(
    text: str, source: str, target: str, *, matcher: Matcher, index: TermIndex, day: date
) -> tuple[list[SourceTerm], list[UnenforcedTerm]]:
    """The required terms of ``text`` in source order, and the terms left alone with the reason."""
    matches = matcher.find(text, source)
    sites = title_sites(text, source, matches, index, day)
    required: list[SourceTerm] = []
    skipped: list[UnenforcedTerm] = []
    for site in sites:
        term = index.target(site.concept, target, day)
        if term is not None:
            required.append(SourceTerm(site.start, site.end, site.text, site.concept, term, via="context"))
    taken = [(t.start, t.end) for t in required]
    for m in matches:
        if any(m.start < b and a < m.end for a, b in taken):
            continue
        chosen = _choose(m, source, target, index, day)
        if isinstance(chosen, UnenforcedTerm):
            skipped.append(chosen)
        elif chosen is not None:
            required.append(chosen)
    required.sort(key=lambda t: t.start)
    return required, skipped


def _choose(m: Match, source: str, target: str, index: TermIndex, day: date) -> SourceTerm | UnenforcedTerm | None:
    concepts = [c for c in index.concepts_of(m) if index.status(c, source, m.text) not in (None, "forbidden")]
    if not concepts:
        return UnenforcedTerm(m.text, index.concepts_of(m), "forbidden in the source; not enforced")
    targets = {c: index.target(c, target, day) for c in concepts}
    forms = {t.text for t in targets.values() if t is not None}
    if not forms:
        return None  # the glossary has no target term for it
    if len(forms) > 1:
        return UnenforcedTerm(
            m.text, tuple(concepts), "ambiguous: " + ", ".join(sorted(forms)) + " (no person next to it)"
        )
    concept, term = next((c, t) for c, t in targets.items() if t is not None)
    return SourceTerm(m.start, m.end, m.text, concept, term)


@dataclass(frozen=True)
class Protection:
    """A segment with its required terms masked; ``masked`` is None when nothing is masked."""

    text: str  # what the engine receives
    terms: tuple[SourceTerm, ...]
    protected: tuple[int, ...]  # token i stands for terms[protected[i]]
    masked: Masked | None
    sentinels: tuple[str, str] = _SENTINELS


def protect(text: str, terms: list[SourceTerm], *, identical: bool = False) -> Protection:
    """Mask every required term (names written alike in both languages only when ``identical``)."""
    protected = tuple(i for i, t in enumerate(terms) if identical or not t.identical)
    if not protected:
        return Protection(text, tuple(terms), (), None)
    sentinels = _free_sentinels(text)
    replacements = [f"{sentinels[0]}{i}{sentinels[1]}" for i in range(len(protected))]
    masked = mask(text, [(terms[i].start, terms[i].end) for i in protected], replacements=replacements)
    return Protection(masked.text, tuple(terms), protected, masked, sentinels)


@dataclass(frozen=True)
class Restoration:
    """The engine's output with the approved terms put in."""

    text: str
    inserted: tuple[tuple[int, int, SourceTerm], ...]  # spans of the inserted terms in ``text``
    recovered: tuple[str, ...]  # repairs of damaged tokens (fuzzy restore)
    missing: tuple[SourceTerm, ...]  # terms whose token the model lost: the segment must be retranslated

    @property
    def ok(self) -> bool:
        """True when every placeholder came back."""
        return not self.missing


def restore(output: str, protection: Protection, target: str) -> Restoration:
    """Replace the tokens in ``output`` by the approved target terms; report damaged and lost tokens."""
    if protection.masked is None:
        return Restoration(output, (), (), ())
    restored = unmask(output, protection.masked)
    terms = [protection.terms[i] for i in protection.protected]
    missing = tuple(terms[i] for i in restored.missing)
    open_, close = protection.sentinels
    spaced = target != "ko"  # Korean attaches particles to the term: no space before a particle
    pieces: list[str] = []
    inserted: list[tuple[int, int, SourceTerm]] = []
    recovered = list(restored.recovered)
    size = 0
    last = 0
    text = restored.text
    for m in re.finditer(f"{open_}(\\d+){close}", text):
        before = text[last : m.start()]
        term = terms[int(m.group(1))]
        word = term.target.text
        previous = before[-1:] or (pieces[-1][-1:] if pieces else "")
        if previous.isalnum():
            before += " "
            recovered.append(f"added a space before {word!r} (token glued to the word before)")
        after = text[m.end() : m.end() + 8]
        if after[:1].isalnum() and (spaced or korean.split_particle(after) is None):
            word += " "
            recovered.append(f"added a space after {term.target.text!r} (token glued to the word after)")
        pieces.append(before)
        size += len(before)
        inserted.append((size, size + len(term.target.text), term))
        pieces.append(word)
        size += len(word)
        last = m.end()
    pieces.append(text[last:])
    return Restoration("".join(pieces), tuple(inserted), tuple(recovered), missing)


def _free_sentinels(text: str) -> tuple[str, str]:
    first = ord(_SENTINELS[0])
    while chr(first) in text or chr(first + 1) in text:
        first += 2
    return chr(first), chr(first + 1)
