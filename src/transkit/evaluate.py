"""Evaluate translations: BLEU and chrF (sacrebleu), term accuracy, checker findings.

Term accuracy is the exact-match accuracy of the WMT21 and WMT23 terminology
tasks: of the terms required in each segment, the share whose target form
appears in the hypothesis of the same segment. The terms come from one of two
places:

* a glossary (:func:`term_accuracy`): the glossary terms found in the source,
  each occurrence counting; a concept's occurrences in the hypothesis are found
  with the glossary matcher (Korean particles and spelling normalisation
  handled) and each can satisfy one source occurrence;
* per-segment annotations in the shared tasks' formats
  (:func:`annotated_term_accuracy`, :mod:`transkit.term_annotations`): each
  annotated term counts once and is matched if one of its accepted target
  forms appears in the hypothesis at a place no earlier term of the segment
  has taken. The WMT21 scorer finds a form only between spaces in the
  whitespace-collapsed hypothesis, so ``대통령은`` (대통령 with the topic
  particle glued on) and ``Seoul.`` (detokenised punctuation) are misses;
  ``space_delimited=True`` gives that figure. By default a form also counts
  when punctuation, or in Korean a particle, touches it (in Chinese, Japanese
  and Thai, which put no spaces between words, anything may), and forms are
  compared under :func:`transkit.lang.normalize.normalize` (case kept).

>>> e = evaluate(["The talks ended."], ["The talks ended."])
>>> round(e.bleu, 1), round(e.chrf, 1)
(100.0, 100.0)
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

from .errors import UsageError
from .glossary.model import Glossary
from .lang.korean import split_particle
from .lang.normalize import normalize
from .term_annotations import Annotations

__all__ = ["Evaluation", "TermAccuracy", "annotated_term_accuracy", "evaluate", "term_accuracy"]


@dataclass(frozen=True)
class TermAccuracy:
    """Exact-match term accuracy over a test set."""

    required: int
    matched: int
    by_concept: dict[str, tuple[int, int]] = field(default_factory=dict)  # concept -> (matched, required)
    misses: tuple[tuple[int, str], ...] = ()  # (1-based line, concept) of each miss

    @property
    def accuracy(self) -> float:
        """Share of required terms found in the translation (1.0 when none was required)."""
        return self.matched / self.required if self.required else 1.0


@dataclass(frozen=True)
class Evaluation:
    """The scores of one translation: BLEU, chrF, term accuracy and checker findings."""
    segments: int
    bleu: float
    bleu_signature: str
    chrf: float
    chrf_signature: str
    terms: TermAccuracy | None = None
    findings: dict[str, Any] | None = None  # the checker's summary of the hypothesis
    terms_from: str | None = None  # "glossary", or the annotation format ("wmt21", "wmt23")
    terms_space_delimited: TermAccuracy | None = None  # annotations only: the WMT21 scorer's own rule

    def to_dict(self) -> dict[str, Any]:
        """The scores as plain data, as ``transkit eval --json`` prints them."""
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
                "from": self.terms_from,
                "by_concept": {c: {"matched": m, "required": r} for c, (m, r) in sorted(self.terms.by_concept.items())},
                "misses": [{"line": line, "concept": c} for line, c in self.terms.misses],
            }
            strict = self.terms_space_delimited
            if strict is not None:
                data["term_accuracy"]["space_delimited"] = {
                    "score": round(strict.accuracy, 4),
                    "matched": strict.matched,
                    "required": strict.required,
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


def annotated_term_accuracy(
    hypotheses: Sequence[str], annotations: Annotations, *, target_lang: str, space_delimited: bool = False
) -> TermAccuracy:
    """Exact-match accuracy of ``hypotheses`` against per-segment term annotations (see the module docstring).

    >>> from transkit.term_annotations import AnnotatedTerm
    >>> president = AnnotatedTerm("President", ("대통령",))
    >>> terms = Annotations("wmt23", ((president,), (president, president)))
    >>> hyps = ["윤석열 대통령은 말했다.", "대통령과 대통령실"]
    >>> annotated_term_accuracy(hyps, terms, target_lang="ko").matched
    2
    >>> annotated_term_accuracy(hyps, terms, target_lang="ko", space_delimited=True).matched
    0
    """
    _same_length(hypotheses, annotations.segments, "hypothesis", "term annotation")
    particles = target_lang == "ko" and not space_delimited
    per: dict[str, list[int]] = {}
    misses: list[tuple[int, str]] = []
    for line, (hypothesis, terms) in enumerate(zip(hypotheses, annotations.segments), start=1):
        text = _padded(hypothesis) if space_delimited else normalize(hypothesis, case_sensitive=True)
        taken: set[int] = set()
        for term in terms:
            forms = [_padded(f) if space_delimited else normalize(f, case_sensitive=True) for f in term.targets]
            hit = any(_take(text, form, taken, bounded=not space_delimited, particles=particles) for form in forms)
            entry = per.setdefault(term.label, [0, 0])
            entry[0] += hit
            entry[1] += 1
            if not hit:
                misses.append((line, term.label))
    required = sum(r for _, r in per.values())
    return TermAccuracy(required, required - len(misses), {c: (m, r) for c, (m, r) in per.items()}, tuple(misses))


def _padded(text: str) -> str:
    """The WMT21 scorer's form of a text: whitespace collapsed, one space at each end."""
    return " " + " ".join(text.split()) + " "


def _take(text: str, form: str, taken: set[int], *, bounded: bool, particles: bool) -> bool:
    """Find ``form`` in ``text`` at a start not yet taken, take it; ``bounded``: only between word boundaries."""
    if not form.strip():
        return False
    start = text.find(form)
    while start != -1:
        end = start + len(form)
        if start not in taken and (not bounded or _boundaries(text, start, end, particles)):
            taken.add(start)
            return True
        start = text.find(form, start + 1)
    return False


def _boundaries(text: str, start: int, end: int, particles: bool) -> bool:
    """Whether ``text[start:end]`` stands as words: space, punctuation or the text's ends on both sides.

    With ``particles``, a Korean particle glued to the end counts as a boundary too. An edge
    in a script written without spaces (Chinese, Japanese kana, Thai) needs no boundary.
    """
    before = start == 0 or _separates(text[start - 1]) or _UNSPACED.match(text[start]) is not None
    after = (
        end == len(text)
        or _separates(text[end])
        or _UNSPACED.match(text[end - 1]) is not None
        or (particles and split_particle(text[end:]) is not None)
    )
    return before and after


_UNSPACED = re.compile("[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
"""Thai, Hiragana, Katakana and Han: scripts that do not put spaces between words."""


def _separates(char: str) -> bool:
    return char.isspace() or unicodedata.category(char).startswith("P")


def evaluate(
    hypotheses: Sequence[str],
    references: Sequence[str],
    *,
    sources: Sequence[str] | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    glossary: Glossary | None = None,
    annotations: Annotations | None = None,
    date: Date | None = None,
    tokenize: str | None = None,
    check: bool = False,
) -> Evaluation:
    """Score ``hypotheses`` (one segment each) against ``references``.

    Term accuracy comes from ``annotations`` when given (``target_lang``
    needed), else from the ``glossary`` with ``sources``, ``source_lang`` and
    ``target_lang``; with ``check``, the checker's finding counts on the whole
    hypothesis text (and the source, when given). BLEU uses sacrebleu's
    tokenizer for ``target_lang`` (``zh``, ``ja-mecab``…) except for Korean,
    which is scored with ``13a`` unless ``tokenize`` says otherwise.
    """
    from sacrebleu.metrics import BLEU, CHRF

    _same_length(hypotheses, references, "hypothesis", "reference")
    if tokenize is None and target_lang == "ko":
        tokenize = "13a"  # sacrebleu's Korean default, ko-mecab, needs the sacrebleu[ko] extra
    try:
        bleu = BLEU(tokenize=tokenize, trg_lang=target_lang or "")
    except RuntimeError as exc:  # sacrebleu's language tokenizers raise this when their extra is missing
        raise UsageError(
            str(exc).strip().splitlines()[0], hint="install the extra it names or pass --tokenize 13a"
        ) from exc
    chrf = CHRF()
    bleu_score = bleu.corpus_score(list(hypotheses), [list(references)])
    chrf_score = chrf.corpus_score(list(hypotheses), [list(references)])
    terms = strict = None
    terms_from = None
    if annotations is not None:
        if not target_lang:
            raise UsageError("term accuracy needs the target language", hint="pass --to")
        terms = annotated_term_accuracy(hypotheses, annotations, target_lang=target_lang)
        strict = annotated_term_accuracy(hypotheses, annotations, target_lang=target_lang, space_delimited=True)
        terms_from = annotations.format
    elif glossary is not None and sources is not None:
        if not (source_lang and target_lang):
            raise UsageError("term accuracy needs the source and target languages", hint="pass --from and --to")
        terms = term_accuracy(
            sources, hypotheses, source_lang=source_lang, target_lang=target_lang, glossary=glossary, date=date
        )
        terms_from = "glossary"
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
        terms_from,
        strict,
    )


def _same_length(a: Sequence[object], b: Sequence[object], name_a: str, name_b: str) -> None:
    if len(a) != len(b):
        raise UsageError(
            f"the {name_a} has {len(a)} lines and the {name_b} {len(b)}",
            hint="give files with one segment per line, aligned line by line",
        )
