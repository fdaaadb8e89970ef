"""Verify that every required source concept has its approved target term in the output."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..glossary.index import TermIndex
from ..glossary.matcher import Matcher
from .postedit import PostEdit, found_counts, split_compounds
from .report import TermOutcome
from .terms import SourceTerm

__all__ = ["outcomes"]


def outcomes(
    output: str,
    target: str,
    terms: Sequence[SourceTerm],
    *,
    matcher: Matcher,
    index: TermIndex,
    protected: Sequence[SourceTerm] = (),
    changes: Sequence[PostEdit] = (),
) -> tuple[TermOutcome, ...]:
    """One outcome per required term, in source order.

    Of the occurrences of a concept the output holds, those that post-editing
    put there (``changes``) count as *repaired*, the others as *enforced*
    (``protected`` ones first); the source occurrences left over *failed*.
    """
    if not terms:
        return ()
    required = Counter(t.concept for t in terms)
    found = found_counts(output, target, required, matcher=matcher, index=index)
    forbidden = _forbidden_forms(output, target, required, matcher=matcher, index=index)
    shielded = {id(t) for t in protected}
    result: dict[int, TermOutcome] = {}
    for concept, count in required.items():
        fixes = [ch for ch in changes if ch.concept == concept and ch.kind != "particle"]
        present = min(found[concept], count)
        repaired = min(len(fixes), present)
        # Protected occurrences first: they are the ones known to be in the output.
        occurrences = sorted((t for t in terms if t.concept == concept), key=lambda t: (id(t) not in shielded, t.start))
        for i, term in enumerate(occurrences):
            if i < present - repaired:
                how = "protected" if id(term) in shielded else "in model output"
                outcome = TermOutcome(concept, term.text, term.target.text, "enforced", how)
            elif i < present:
                fix = fixes[i - (present - repaired)]
                outcome = TermOutcome(
                    concept, term.text, term.target.text, "repaired", f"{fix.kind} {fix.before!r} replaced"
                )
            else:
                seen = forbidden.get(concept)
                why = f"missing; the output has the forbidden {seen!r}" if seen else "missing from the output"
                outcome = TermOutcome(concept, term.text, term.target.text, "failed", why)
            result[id(term)] = outcome
    return tuple(result[id(t)] for t in terms)


def _forbidden_forms(
    output: str, target: str, required: Counter[str], *, matcher: Matcher, index: TermIndex
) -> dict[str, str]:
    """For each required concept, a forbidden form of it the output holds (the first one)."""
    seen: dict[str, str] = {}
    for m in split_compounds(output, target, matcher.find(output, target), matcher, index):
        for c in index.concepts_of(m):
            if c in required and index.status(c, target, m.text) == "forbidden":
                seen.setdefault(c, m.text)
    return seen
