"""k-best reranking: among an engine's hypotheses, prefer the one that carries the required terms.

A hypothesis scores by the required concepts whose approved term it holds,
then by those it holds in a forbidden form (post-editing can fix those), then
by the engine's own order. Engines offer hypotheses through an optional
``translate_nbest(texts, k) -> list[list[str]]``; a MarianEngine gets it from
:func:`transkit.engines.nbest.marian_nbest`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from ..engines.base import Engine
from ..glossary.index import TermIndex
from ..glossary.matcher import Matcher
from .postedit import found_counts

__all__ = ["NBest", "nbest_of", "rerank"]

NBest = Callable[[Sequence[str], int], list[list[str]]]


def nbest_of(engine: Engine) -> NBest | None:
    """The engine's ``translate_nbest``; for a bare MarianEngine, one built for it; else None."""
    method: NBest | None = getattr(engine, "translate_nbest", None)
    if callable(method):
        return method
    if type(engine).__name__ == "MarianEngine":
        from ..engines.nbest import marian_nbest

        return lambda texts, k: marian_nbest(engine, texts, k)  # type: ignore[arg-type]  # a MarianEngine, by name
    return None


def rerank(
    hypotheses: Sequence[str], target: str, required: Counter[str], *, matcher: Matcher, index: TermIndex
) -> tuple[int, str]:
    """(rank, hypothesis) of the best hypothesis for ``required``; the first on ties."""
    best, best_score = 0, None
    for rank, text in enumerate(hypotheses):
        found = found_counts(text, target, required, matcher=matcher, index=index)
        approved = sum(min(found[c], n) for c, n in required.items())
        fixable = sum(
            1
            for m in matcher.find(text, target)
            for c in index.concepts_of(m)
            if c in required and index.status(c, target, m.text) == "forbidden"
        )
        score = (approved, fixable)
        if best_score is None or score > best_score:
            best, best_score = rank, score
    return best, hypotheses[best]
