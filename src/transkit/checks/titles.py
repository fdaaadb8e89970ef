"""Person titles: one person, one title per document, and the title the glossary gives for the date.

Whether a title fits its person is decided once, in :func:`transkit.analysis.roles.judge`: a title that
certainly does not fit the person's dated roles is a ``title-role-mismatch``; titles the glossary cannot
judge are compared with each other (``person-title-consistency``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from ..analysis.mentions import Mention
from ..analysis.roles import (
    Judgement,
    Resolved,
    compatible,
    describe_roles,
    judge,
    resolve,
    role_titles,
)
from ..findings import Finding, Severity
from .checked_text import CheckedText
from .names import near_glossary_person
from .registry import finding, register

__all__: list[str] = []


@dataclass(frozen=True)
class _Titled:
    """A mention with a current title, the title resolved, and the glossary's judgement (known persons only)."""

    mention: Mention
    resolved: Resolved
    judgement: Judgement | None
    near: bool = False  # the person is the glossary person a misspelt name stands for

    @property
    def title(self) -> str:
        assert self.mention.title is not None
        return self.mention.title.text


def _approved_forms(doc: CheckedText, concept_id: str) -> list[str]:
    return [t.text for t in doc.index.approved(concept_id, doc.lang)]


def _same_title(doc: CheckedText, a: _Titled, b: _Titled) -> bool:
    ra, rb = a.resolved, b.resolved
    if ra.concept and rb.concept:
        return ra.concept == rb.concept and ra.approved and rb.approved
    if (ra.concept and not ra.approved) or (rb.concept and not rb.approved):
        return False
    if compatible(a.title, b.title, doc.lang):
        return True
    return any(
        r.concept and any(compatible(other.title, f, doc.lang) for f in _approved_forms(doc, r.concept))
        for r, other in ((ra, b), (rb, a))
    )


def _largest_group(doc: CheckedText, items: list[_Titled]) -> list[_Titled]:
    """The largest group of mutually agreeing titles (each grown in text order from one title); ties go to the first.

    Mutual: a short "대사" agrees with both "주베트남 한국대사" and "주한 베트남 대사", which do not agree.
    """
    groups = []
    for a in items:
        group = [a]
        for b in items:
            if b is not a and all(_same_title(doc, b, c) for c in group):
                group.append(b)
        groups.append(group)
    return max(groups, key=len) if groups else []


def _current(doc: CheckedText) -> dict[str, list[_Titled]]:
    """Current (not past) titled mentions per person, resolved and judged (computed once per document)."""
    if "titles" in doc.cache:
        return doc.cache["titles"]  # type: ignore[return-value]  # what this function stored
    people: dict[str, list[_Titled]] = defaultdict(list)
    for m in doc.mentions:
        if m.title is None or m.title.past:
            continue
        roles = role_titles(doc.index, m.concept, doc.day) or role_titles(doc.index, m.concept, None)
        resolved = resolve(doc.index, m.title.text, doc.lang, country=m.title.country, roles=roles)
        person = m.concept or near_glossary_person(doc, m)
        judgement = (
            judge(doc.index, m.title.text, doc.lang, person=person, day=doc.day, country=m.title.country)
            if person
            else None
        )
        if judgement is not None and judgement.fits is False and not judgement.expected and not doc.dated:
            judgement = Judgement(None, judgement.expected, judgement.named)  # "today" cannot date a past post
        near = person != m.concept
        shown = Mention(m.start, m.end, m.name, m.person, person, m.title, m.honorific) if near else m
        people[m.person].append(_Titled(shown, resolved, judgement, near))
    doc.cache["titles"] = people
    return people


def _suggestion(doc: CheckedText, expected: frozenset[str], fallback: str | None) -> str | None:
    if len(expected) == 1:
        return doc.index.preferred_text(next(iter(expected)), doc.lang) or fallback
    return fallback


@register("person-title-consistency", Severity.ERROR)
def person_title_consistency(doc: CheckedText) -> Iterator[Finding]:
    """One person is given different titles in one document.

    Titles the glossary judges wrong for the date are ``title-role-mismatch``'s. Of the others, those that
    fit the person's dated role are the reference (an error to disagree with them); without one, the largest
    group of agreeing titles is (a warning: the glossary cannot say which is right).
    """
    for items in _current(doc).values():
        judged = [it for it in items if it.judgement is None or it.judgement.fits is not False]
        if len(judged) < 2:
            continue
        anchors = [it for it in judged if it.judgement is not None and it.judgement.fits]
        open_ = [it for it in judged if it not in anchors]
        if anchors:
            good = anchors + [it for it in open_ if any(_same_title(doc, it, a) for a in anchors)]
            severity, expected = Severity.ERROR, anchors[0].judgement.expected  # type: ignore[union-attr]  # judged
        else:
            good = _largest_group(doc, open_)
            severity, expected = Severity.WARNING, frozenset()
        if not good or len(good) == len(judged):
            continue
        ref = good[0].mention
        assert ref.title is not None
        line = doc.lines.position(ref.title.start)[0]
        evidence = ""
        if anchors and ref.concept:
            evidence = f" (glossary: {describe_roles(doc.index, ref.concept, doc.day, doc.lang)})"
        for it in judged:
            if it in good:
                continue
            m = it.mention
            assert m.title is not None
            yield finding(
                doc,
                "person-title-consistency",
                m.title.start,
                m.title.end,
                f"{ref.name} is called '{m.title.text}' here but '{ref.title.text}' on line {line}{evidence}",
                concept=m.concept,
                suggestion=_suggestion(doc, expected, ref.title.text),
                fixable=len(expected) == 1,
                severity=severity,
            )


@register("title-role-mismatch", Severity.ERROR)
def title_role_mismatch(doc: CheckedText) -> Iterator[Finding]:
    """A person's title is not a role the glossary gives them on the article's date."""
    for items in _current(doc).values():
        for it in items:
            j, m = it.judgement, it.mention
            if j is None or m.concept is None or j.fits is True:
                continue
            if j.fits is None:
                if j.expected and doc.dated:
                    yield _unapproved_title(doc, m, j, with_name=not it.near)
                continue
            assert m.title is not None
            when = doc.day.isoformat() + ("" if doc.dated else " (today: the article states no date)")
            named = doc.index.preferred_text(j.named, doc.lang) if j.named else None
            names = f"; '{m.title.text}' is {named} ({j.named})" if j.named and named else ""
            # with no post on the date, the name may be the wrong one as well: the finding covers both
            start, end = m.title.start, m.title.end
            if not j.expected and not it.near and (abs(m.start - m.title.end) < 4 or abs(m.title.start - m.end) < 4):
                start, end = (start, m.end) if m.start > start else (m.start, end)
            yield finding(
                doc,
                "title-role-mismatch",
                start,
                end,
                f"on {when} {m.name} was {describe_roles(doc.index, m.concept, doc.day, doc.lang)}{names}",
                concept=m.concept,
                suggestion=_suggestion(doc, j.expected, None),
                fixable=len(j.expected) == 1 and doc.dated and not it.near,
                severity=None if doc.dated else Severity.INFO,
            )


def _unapproved_title(doc: CheckedText, m: Mention, j: Judgement, *, with_name: bool) -> Finding:
    """A title the glossary does not know, for a person whose post on the date it does: probably wrong."""
    assert m.title is not None and m.concept is not None
    # the title may be right and the name wrong ("Foreign Minister Cho Tae-yong"): next to each other, both count
    # (unless the name is misspelt: name-spelling-variant reports it)
    start, end = m.title.start, m.title.end
    if with_name and (abs(m.start - m.title.end) < 4 or abs(m.title.start - m.end) < 4):
        start, end = min(start, m.start), max(end, m.end)
    return finding(
        doc,
        "title-role-mismatch",
        start,
        end,
        f"'{m.title.text}' is no approved title of {m.name}'s post on {doc.day.isoformat()}: "
        f"{describe_roles(doc.index, m.concept, doc.day, doc.lang)}",
        concept=m.concept,
        suggestion=_suggestion(doc, j.expected, None),
        severity=Severity.WARNING,
    )
