"""k-best reranking: among an engine's hypotheses, prefer the one that carries the required terms.

A hypothesis scores by the required concepts whose approved term it holds,
then by those it holds in a forbidden form (post-editing can fix those), then
by the engine's own order. Engines offer hypotheses through an optional
``translate_nbest(texts, k) -> list[list[str]]``
(:class:`~transkit.engines.base.NBestEngine`); MarianEngine and Ct2Engine offer it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from ..engines.base import Engine, NBestEngine
from ..glossary.index import TermIndex
from ..glossary.matcher import Matcher
from .postedit import found_counts

__all__ = ["NBest", "nbest_of", "rerank"]

NBest = Callable[[Sequence[str], int], list[list[str]]]


def nbest_of(engine: Engine) -> NBest | None:
    """The engine's ``translate_nbest`` (see :class:`~transkit.engines.base.NBestEngine`), or None."""
    return engine.translate_nbest if isinstance(engine, NBestEngine) else None


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
