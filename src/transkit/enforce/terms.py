"""What a glossary says about each written form, per concept: the lookups enforcement needs.

A form can be approved for one concept and forbidden for another ("Deputy
Foreign Minister" is admitted for the Vietnamese deputy minister and forbidden
for the US Deputy Secretary of State), so statuses are kept per concept.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..glossary.matcher import Match, normalize_term
from ..glossary.model import Concept, Glossary, Term

__all__ = ["SourceTerm", "TermIndex"]


@dataclass(frozen=True)
class SourceTerm:
    """A glossary concept found in a source segment, with the target term it requires."""

    start: int
    end: int
    text: str
    concept: str
    target: Term  # the approved target-language term to put in the output
    via: str = "glossary"  # "glossary": matched as written; "context": title resolved from the person next to it

    @property
    def identical(self) -> bool:
        """True when the source form is the target term itself (a name both languages write alike)."""
        return normalize_term(self.text, case_sensitive=True) == normalize_term(self.target.text, case_sensitive=True)


class TermIndex:
    """Per concept and language: the status of each normalised form, and the term to enforce."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._forms: dict[tuple[str, str], dict[str, Term]] = {}
        for concept in glossary:
            for term in concept.terms:
                forms = self._forms.setdefault((concept.id, term.lang), {})
                forms.setdefault(normalize_term(term.text), term)

    def concept(self, concept_id: str) -> Concept:
        found = self.glossary.get(concept_id)
        if found is None:
            raise KeyError(concept_id)
        return found

    def term(self, concept_id: str, lang: str, form: str) -> Term | None:
        """The term of ``concept_id`` in ``lang`` written ``form`` (normalised comparison), if any."""
        return self._forms.get((concept_id, lang), {}).get(normalize_term(form))

    def status(self, concept_id: str, lang: str, form: str) -> str | None:
        """'preferred', 'admitted' or 'forbidden' for ``form`` as a term of the concept; None if not one."""
        term = self.term(concept_id, lang, form)
        return None if term is None else term.status

    def target(self, concept_id: str, lang: str) -> Term | None:
        """The term to enforce in ``lang``: the preferred one, else the first admitted one."""
        concept = self.concept(concept_id)
        preferred = concept.preferred(lang)
        if preferred is not None:
            return preferred
        admitted = concept.terms_in(lang, "admitted")
        return admitted[0] if admitted else None

    def approved(self, concept_id: str, lang: str) -> list[Term]:
        return [t for t in self.concept(concept_id).terms_in(lang) if t.approved]

    def concepts_of(self, match: Match) -> tuple[str, ...]:
        """Every concept the matched form belongs to (the best one first)."""
        return (match.concept, *match.alternatives)
