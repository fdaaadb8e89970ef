"""Evaluate translations: BLEU and chrF (sacrebleu), glossary term accuracy, checker findings.

Term accuracy is the exact-match accuracy of the WMT21 and WMT23 terminology
tasks: of the glossary terms found in the source (each occurrence counts),
the share whose approved target term (preferred or admitted) appears in the
hypothesis of the same segment. A concept's occurrences in the hypothesis are
matched with the glossary matcher (so Korean particles and spelling
normalisation are handled) and each can satisfy one source occurrence.

>>> e = evaluate(["The talks ended."], ["The talks ended."])
>>> round(e.bleu, 1), round(e.chrf, 1)
(100.0, 100.0)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

from .errors import UsageError
from .glossary.model import Glossary

__all__ = ["Evaluation", "TermAccuracy", "evaluate", "term_accuracy"]


@dataclass(frozen=True)
class TermAccuracy:
    """Exact-match term accuracy over a test set."""

    required: int
    matched: int
    by_concept: dict[str, tuple[int, int]] = field(default_factory=dict)  # concept -> (matched, required)
    misses: tuple[tuple[int, str], ...] = ()  # (1-based line, concept) of each miss

    @property
    def accuracy(self) -> float:
        return self.matched / self.required if self.required else 1.0


@dataclass(frozen=True)
class Evaluation:
    segments: int
    bleu: float
    bleu_signature: str
    chrf: float
    chrf_signature: str
    terms: TermAccuracy | None = None
    findings: dict[str, Any] | None = None  # the checker's summary of the hypothesis

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "segments": self.segments,
            "bleu": {"score": round(self.bleu, 2), "signature": self.bleu_signature},
            "chrf": {"score": round(self.chrf, 2), "signature": self.chrf_signature},
        }
        if self.terms is not None:
            data["term_accuracy"] = {
                "score": round(self.terms.accuracy, 4),
                "matched": self.terms.matched,
                "required": self.terms.required,
                "by_concept": {c: {"matched": m, "required": r} for c, (m, r) in sorted(self.terms.by_concept.items())},
                "misses": [{"line": line, "concept": c} for line, c in self.terms.misses],
            }
        if self.findings is not None:
            data["findings"] = self.findings
        return data


def term_accuracy(
    sources: Sequence[str],
    hypotheses: Sequence[str],
    *,
    source_lang: str,
    target_lang: str,
    glossary: Glossary,
    date: Date | None = None,
) -> TermAccuracy:
    """Exact-match term accuracy of ``hypotheses`` against the glossary terms of ``sources``."""
    from .enforce.postedit import found_counts
    from .enforce.protect import find_terms
    from .glossary.index import TermIndex
    from .glossary.matcher import Matcher

    _same_length(sources, hypotheses, "source", "hypothesis")
    matcher = Matcher(glossary, langs=(source_lang, target_lang))
    index = TermIndex(glossary)
    day = date or Date.today()
    required_total = matched_total = 0
    per: dict[str, list[int]] = {}
    misses: list[tuple[int, str]] = []
    for line, (source, hypothesis) in enumerate(zip(sources, hypotheses), start=1):
        terms, _ = find_terms(source, source_lang, target_lang, matcher=matcher, index=index, day=day)
        required = Counter(t.concept for t in terms)
        found = found_counts(hypothesis, target_lang, required, matcher=matcher, index=index)
        for concept, count in required.items():
            hit = min(count, found[concept])
            entry = per.setdefault(concept, [0, 0])
            entry[0] += hit
            entry[1] += count
            required_total += count
            matched_total += hit
            misses += [(line, concept)] * (count - hit)
    return TermAccuracy(required_total, matched_total, {c: (m, r) for c, (m, r) in per.items()}, tuple(misses))


def evaluate(
    hypotheses: Sequence[str],
    references: Sequence[str],
    *,
    sources: Sequence[str] | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    glossary: Glossary | None = None,
    date: Date | None = None,
    tokenize: str | None = None,
    check: bool = False,
) -> Evaluation:
    """Score ``hypotheses`` (one segment each) against ``references``.

    With ``sources``, ``source_lang``, ``target_lang`` and a ``glossary``, term
    accuracy is computed too; with ``check``, the checker's finding counts on
    the whole hypothesis text (and the source, when given).
    """
    from sacrebleu.metrics import BLEU, CHRF

    _same_length(hypotheses, references, "hypothesis", "reference")
    bleu = BLEU(tokenize=tokenize) if tokenize else BLEU()
    chrf = CHRF()
    bleu_score = bleu.corpus_score(list(hypotheses), [list(references)])
    chrf_score = chrf.corpus_score(list(hypotheses), [list(references)])
    terms = None
    if glossary is not None and sources is not None:
        if not (source_lang and target_lang):
            raise UsageError("term accuracy needs the source and target languages", hint="pass --from and --to")
        terms = term_accuracy(
            sources, hypotheses, source_lang=source_lang, target_lang=target_lang, glossary=glossary, date=date
        )
    findings = None
    if check:
        from .checks import check as run_check

        report = run_check(
            "\n".join(hypotheses),
            lang=target_lang,
            glossary=glossary,
            source="\n".join(sources) if sources is not None else None,
            source_lang=source_lang if sources is not None else None,
            date=date,
        )
        findings = report.summary
    return Evaluation(
        len(hypotheses),
        bleu_score.score,
        str(bleu.get_signature()),
        chrf_score.score,
        str(chrf.get_signature()),
        terms,
        findings,
    )


def _same_length(a: Sequence[str], b: Sequence[str], name_a: str, name_b: str) -> None:
    if len(a) != len(b):
        raise UsageError(
            f"the {name_a} has {len(a)} lines and the {name_b} {len(b)}",
            hint="give files with one segment per line, aligned line by line",
        )
