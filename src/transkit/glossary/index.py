"""What the glossary says about a written form: the one term index for the checks and the enforcer.

The matcher finds terms in running text; the checks and the enforcer also ask the
reverse, about a form cut out of a sentence: which concepts use it and with which
status ("Deputy Foreign Minister" is admitted for the Vietnamese deputy minister
and forbidden for the US Deputy Secretary of State), which term to enforce, which
words approved titles are made of. Forms are compared under
:func:`transkit.lang.normalize.normalize`, as the matcher compares them.

>>> from transkit.glossary.model import Concept, Glossary, Term
>>> index = TermIndex(Glossary({"T_PM_VN": Concept("T_PM_VN", "title", (
...     Term("Thủ tướng", "vi"), Term("Thủ tướng Chính phủ", "vi", "admitted"), Term("Prime Minister", "en")))}))
>>> [(c.concept.id, c.term.status) for c in index.lookup("THỦ TƯỚNG  chính phủ", "vi")]
[('T_PM_VN', 'admitted')]
>>> index.status("T_PM_VN", "en", "prime\u00a0minister"), index.target("T_PM_VN", "vi").text
('preferred', 'Thủ tướng')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, partial, wraps
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from ..lang.normalize import normalize
from .model import Concept, Glossary, Role, Term

if TYPE_CHECKING:
    from .matcher import Match

__all__ = ["Candidate", "TermIndex", "per_index"]

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Candidate:
    """A concept that uses a written form, and the term (with its status) that form is there."""

    concept: Concept
    term: Term

    @property
    def approved(self) -> bool:
        """True unless the candidate's term is forbidden."""
        return self.term.approved


class TermIndex:
    """Every term of a glossary by language and normalised form, in glossary order."""

    def __init__(self, glossary: Glossary | None = None) -> None:
        self.glossary = glossary or Glossary()
        self._by_form: dict[tuple[str, str], list[Candidate]] = {}
        self._by_type: dict[tuple[str, str], tuple[frozenset[str], frozenset[str]]] = {}
        self._memo: dict[Callable[..., object], Callable[..., object]] = {}  # see :func:`per_index`
        for concept in self.glossary:
            for term in concept.terms:
                self._by_form.setdefault((term.lang, normalize(term.text)), []).append(Candidate(concept, term))

    def lookup(self, text: str, lang: str, *, types: tuple[str, ...] | None = None) -> list[Candidate]:
        """Concepts with a term written ``text`` in ``lang`` (optionally only of ``types``)."""
        found = self._by_form.get((lang, normalize(text)), [])
        return [c for c in found if types is None or c.concept.type in types]

    def term(self, concept_id: str, lang: str, form: str) -> Term | None:
        """The term of ``concept_id`` in ``lang`` written ``form``, if any."""
        return next(
            (c.term for c in self._by_form.get((lang, normalize(form)), ()) if c.concept.id == concept_id), None
        )

    def status(self, concept_id: str, lang: str, form: str) -> str | None:
        """'preferred', 'admitted' or 'forbidden' for ``form`` as a term of the concept; None if not one."""
        term = self.term(concept_id, lang, form)
        return None if term is None else term.status

    @staticmethod
    def concepts_of(match: Match) -> tuple[str, ...]:
        """Every concept the matched form belongs to (the best one first)."""
        return (match.concept, *match.alternatives)

    def concept(self, concept_id: str) -> Concept | None:
        """The concept with id ``concept_id``, if any."""
        return self.glossary.get(concept_id)

    def target(self, concept_id: str, lang: str, day: date | None = None) -> Term | None:
        """The term to enforce in ``lang``: the preferred one, else the first admitted one.

        Given the article's ``day``, the name in use that day (:meth:`Concept.name_on`).
        """
        concept = self._known(concept_id)
        named = concept.name_on(lang, day) if day is not None else None
        if named is not None:
            return named
        preferred = concept.preferred(lang)
        if preferred is not None:
            return preferred
        admitted = concept.terms_in(lang, "admitted")
        return admitted[0] if admitted else None

    def approved(self, concept_id: str, lang: str) -> list[Term]:
        """The preferred and admitted terms of the concept in ``lang``."""
        return [t for t in self._known(concept_id).terms_in(lang) if t.approved]

    def preferred_text(self, concept_id: str, lang: str) -> str | None:
        """The preferred term of ``concept_id`` in ``lang``, if it has one."""
        concept = self.glossary.get(concept_id)
        term = concept.preferred(lang) if concept else None
        return term.text if term else None

    def approved_forms(self, lang: str, type_: str) -> frozenset[str]:
        """Normalised approved terms of concepts of ``type_`` in ``lang``."""
        return self._of_type(lang, type_)[0]

    def words(self, lang: str, type_: str) -> frozenset[str]:
        """Normalised words of the approved terms of concepts of ``type_`` in ``lang``."""
        return self._of_type(lang, type_)[1]

    def roles(self, person: str, day: date | None) -> list[Role]:
        """The person's roles on ``day`` (all of them when ``day`` is None)."""
        concept = self.glossary.get(person)
        if concept is None:
            return []
        return list(concept.roles) if day is None else concept.roles_on(day)

    def _known(self, concept_id: str) -> Concept:
        concept = self.glossary.get(concept_id)
        if concept is None:
            raise KeyError(concept_id)
        return concept

    def _of_type(self, lang: str, type_: str) -> tuple[frozenset[str], frozenset[str]]:
        """(approved forms, their words) for ``type_`` in ``lang``, computed once."""
        key = (lang, type_)
        if key not in self._by_type:
            forms = frozenset(
                form
                for (term_lang, form), cands in self._by_form.items()
                if term_lang == lang and any(c.concept.type == type_ and c.approved for c in cands)
            )
            self._by_type[key] = forms, frozenset(w for form in forms for w in form.replace(",", " ").split())
        return self._by_type[key]


_OnIndex = Callable[Concatenate[TermIndex, P], R]  # a function of an index and other arguments


def per_index(maxsize: int | None = None) -> Callable[[_OnIndex[P, R]], _OnIndex[P, R]]:
    """Remember ``func(index, ...)`` on the :class:`TermIndex` itself: one ``functools.lru_cache`` of ``maxsize``
    (None: unbounded) per function and index, keyed by the other (hashable) arguments.

    What is derived from a glossary goes with its index: a reloaded glossary gets a new index and fresh results,
    and no process-wide cache keeps an old glossary alive (``lru_cache`` on the function itself would).
    """

    def wrap(func: _OnIndex[P, R]) -> _OnIndex[P, R]:
        @wraps(func)
        def cached(index: TermIndex, /, *args: P.args, **kwargs: P.kwargs) -> R:
            try:
                on_index = index._memo[func]
            except KeyError:
                on_index = index._memo[func] = lru_cache(maxsize)(partial(func, index))
            return on_index(*args, **kwargs)  # type: ignore[return-value]  # what func returns

        return cached

    return wrap
