"""Person titles: one person, one title per document, and the title the glossary gives for the date."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ..analysis.mentions import Mention
from ..analysis.roles import Resolved, compatible, resolve, role_titles
from ..glossary.index import TermIndex
from .document import Document
from .findings import Finding, Severity
from .registry import finding, register

__all__: list[str] = []


def _approved_forms(index: TermIndex, concept_id: str, lang: str) -> list[str]:
    concept = index.concept(concept_id)
    return [t.text for t in concept.terms_in(lang) if t.approved] if concept else []


def _same_title(
    doc: Document, a: tuple[Mention, Resolved], b: tuple[Mention, Resolved]
) -> bool:
    (ma, ra), (mb, rb) = a, b
    assert ma.title is not None and mb.title is not None
    if ra.concept and rb.concept:
        return ra.concept == rb.concept and ra.approved and rb.approved
    if ra.concept and not ra.approved or rb.concept and not rb.approved:
        return False
    if compatible(ma.title.text, mb.title.text, doc.lang):
        return True
    for (m, r), (other, _) in ((a, b), (b, a)):
        if r.concept and any(
            compatible(other.title.text, f, doc.lang)
            for f in _approved_forms(doc.index, r.concept, doc.lang)
        ):  # type: ignore[union-attr]
            return True
    return False


def _fits_role(
    doc: Document, mention: Mention, res: Resolved, expected: set[str]
) -> bool | None:
    """True/False when the glossary can tell whether the title is one of ``expected``; None when it cannot."""
    assert mention.title is not None
    if res.concept:
        return res.concept in expected and res.approved
    for concept_id in expected:
        if any(
            compatible(mention.title.text, f, doc.lang)
            for f in _approved_forms(doc.index, concept_id, doc.lang)
        ):
            return True
    return None


def _largest_group(
    doc: Document, items: list[tuple[Mention, Resolved]]
) -> list[tuple[Mention, Resolved]]:
    """The largest group of mutually agreeing titles; ties go to the first."""
    groups = [[b for b in items if _same_title(doc, a, b)] for a in items]
    return max(groups, key=len) if groups else []


def _agreeing(
    doc: Document, items: list[tuple[Mention, Resolved]], expected: set[str]
) -> list[tuple[Mention, Resolved]]:
    """The mentions whose titles are right: those fitting the glossary role, and titles the glossary
    cannot judge that agree with one of them ("Thứ trưởng" after "Thứ trưởng Ngoại giao Mỹ", not
    "Phó Thủ tướng"). Without a role (or no title fitting it) the largest agreeing group wins.
    """
    if not expected:
        return _largest_group(doc, items)
    fits = [(it, _fits_role(doc, it[0], it[1], expected)) for it in items]
    anchors = [it for it, fit in fits if fit]
    unknown = [it for it, fit in fits if fit is None]
    if not anchors:
        return _largest_group(doc, unknown)
    return anchors + [
        it for it in unknown if any(_same_title(doc, it, a) for a in anchors)
    ]


def _current(doc: Document) -> dict[str, list[tuple[Mention, Resolved]]]:
    """Current (not past) titled mentions per person, with their titles resolved (computed once per document)."""
    if "titles" in doc.cache:
        return doc.cache["titles"]  # type: ignore[return-value]
    people: dict[str, list[tuple[Mention, Resolved]]] = defaultdict(list)
    for m in doc.mentions:
        if m.title is None or m.title.past:
            continue
        roles = role_titles(doc.index, m.concept, doc.day) or role_titles(
            doc.index, m.concept, None
        )
        people[m.person].append(
            (
                m,
                resolve(
                    doc.index,
                    m.title.text,
                    doc.lang,
                    country=m.title.country,
                    roles=roles,
                ),
            )
        )
    doc.cache["titles"] = people
    return people


def _suggestion(doc: Document, expected: set[str], fallback: str | None) -> str | None:
    if len(expected) == 1:
        return doc.index.preferred_text(next(iter(expected)), doc.lang) or fallback
    return fallback


@register("person-title-consistency", Severity.ERROR)
def person_title_consistency(doc: Document) -> Iterator[Finding]:
    """One person is given different titles in one document."""
    for items in _current(doc).values():
        if len(items) < 2:
            continue
        concept = items[0][0].concept
        expected = role_titles(doc.index, concept, doc.day)
        good = _agreeing(doc, items, expected)
        if not good or len(good) == len(items):
            continue
        ref = good[0][0]
        assert ref.title is not None
        for m, _ in items:
            if any(m is g[0] for g in good):
                continue
            assert m.title is not None
            line = doc.lines.position(ref.title.start)[0]
            yield finding(
                doc,
                "person-title-consistency",
                m.title.start,
                m.title.end,
                f"{ref.name} is called '{m.title.text}' here but '{ref.title.text}' on line {line}",
                concept=concept,
                suggestion=_suggestion(doc, expected, ref.title.text),
                fixable=bool(expected),
            )


@register("title-role-mismatch", Severity.WARNING)
def title_role_mismatch(doc: Document) -> Iterator[Finding]:
    """A person's title disagrees with their role in the glossary on the article's date."""
    for items in _current(doc).values():
        concept = items[0][0].concept
        expected = role_titles(doc.index, concept, doc.day)
        if not expected:
            continue
        for m, res in items:
            assert m.title is not None
            if res.concept is None or _fits_role(doc, m, res, expected) is not False:
                continue
            held = ", ".join(
                sorted(doc.index.preferred_text(t, doc.lang) or t for t in expected)
            )
            when = doc.day.isoformat() + (
                "" if doc.dated else " (today: the article states no date)"
            )
            yield finding(
                doc,
                "title-role-mismatch",
                m.title.start,
                m.title.end,
                f"on {when} {m.name} was {held}, not '{m.title.text}'",
                concept=concept,
                suggestion=_suggestion(doc, expected, None),
                fixable=len(expected) == 1,
                severity=None if doc.dated else Severity.INFO,
            )
