"""GlossaryEngine: glossary enforcement as an engine that wraps any other engine.

Per segment: find the source terms (with titles resolved from the person next
to them) → protect them with placeholders → translate (all segments in one
batch) → restore the approved target terms → segments whose tokens the model
lost are retranslated without protection (from k-best hypotheses when
``nbest`` > 1 and the engine offers them) → replace forbidden variants and near
misses → repair Korean particles → verify. Modes:

* ``enforce``: all of the above;
* ``verify``: the engine's output is returned unchanged and every miss is reported;
* ``off``: the inner engine alone.

>>> from transkit.engines.faults import PhraseEngine, KNOWN_MT_ERRORS
>>> from transkit.glossary import load
>>> engine = GlossaryEngine(PhraseEngine("vi", "en", KNOWN_MT_ERRORS[("vi", "en")]), load(["glossaries"]))
>>> engine.translate(["Thứ trưởng Ngoại giao Mỹ Kurt Campbell"])
['Deputy Secretary of State Kurt Campbell']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date as Date
from typing import Literal

from ..analysis.dates import first_date
from ..engines.base import Engine, Progress, Wrapper
from ..errors import UsageError
from ..glossary.index import TermIndex
from ..glossary.matcher import Matcher
from ..glossary.model import Glossary
from ..text.placeholders import scrub
from .nbest import nbest_of, rerank
from .postedit import PostEdit, post_edit
from .protect import Protection, Restoration, UnenforcedTerm, find_terms, protect, restore
from .report import EnforcementReport, SegmentReport
from .terms import SourceTerm
from .verify import outcomes

__all__ = ["MODES", "GlossaryEngine", "Mode"]

Mode = Literal["enforce", "verify", "off"]
MODES: tuple[str, ...] = ("enforce", "verify", "off")


@dataclass(frozen=True)
class _Plan:
    text: str
    terms: tuple[SourceTerm, ...]
    skipped: tuple[UnenforcedTerm, ...]
    protection: Protection
    day: Date


class GlossaryEngine(Wrapper):
    """Wraps ``inner`` so that every translation follows ``glossary``.

    ``date`` is the article's date (for persons' roles); None: the first full
    date stated in the batch, else today. ``protect=False`` translates without
    placeholders and relies on post-editing; ``protect_identical`` masks names
    written alike in both languages too. ``nbest`` > 1 reranks that many
    hypotheses for every segment translated without protection. The report of
    every call is appended to :attr:`report`.
    """

    def __init__(
        self,
        inner: Engine,
        glossary: Glossary,
        *,
        mode: Mode = "enforce",
        date: Date | None = None,
        report: EnforcementReport | None = None,
        protect: bool = True,
        protect_identical: bool = False,
        nbest: int = 0,
        matcher: Matcher | None = None,
    ) -> None:
        if mode not in MODES:
            raise UsageError(f"unknown glossary mode {mode!r}", hint="use one of: " + ", ".join(MODES))
        super().__init__(inner)
        self.glossary, self.mode = glossary, mode
        self.date = date
        self.report = report if report is not None else EnforcementReport(mode, glossary.version)
        self.protect, self.protect_identical, self.nbest = protect, protect_identical, nbest
        self.matcher = matcher or Matcher(glossary, langs=(self.source, self.target))
        self.index = TermIndex(glossary)

    @property
    def signature(self) -> str:
        """The inner engine's, with the glossary version and every option that changes what ``mode`` returns."""
        if self.mode == "off":
            return self.inner.signature
        options = f"glossary={self.glossary.version} mode={self.mode}"
        if self.mode == "enforce":
            protection = ("terms+identical" if self.protect_identical else "terms") if self.protect else "off"
            day = self.date.isoformat() if self.date else "auto"
            options += f" date={day} protect={protection} nbest={self.nbest if self.nbest > 1 else 0}"
        return f"glossary({self.inner.signature} | {options})"

    def translate(self, texts: Sequence[str], *, progress: Progress | None = None) -> list[str]:
        """Translate ``texts`` with the glossary enforced (or verified); see the module docstring."""
        if self.mode == "off":
            return self.inner.translate(texts, progress=progress)
        day = self.date or first_date("\n".join(texts), self.source) or Date.today()
        self.report.date = day.isoformat()
        plans = [self._plan(text, day) for text in texts]
        if self.mode == "verify":
            outputs = self.inner.translate(texts, progress=progress)
            for plan, output in zip(plans, outputs):
                self._record(plan, output, protected=(), changes=(), recoveries=())
            return outputs
        return self._enforce(plans, progress)

    def _plan(self, text: str, day: Date) -> _Plan:
        terms, skipped = find_terms(text, self.source, self.target, matcher=self.matcher, index=self.index, day=day)
        if self.protect:
            protection = protect(text, terms, identical=self.protect_identical)
        else:
            protection = Protection(text, tuple(terms), (), None)
        return _Plan(text, tuple(terms), tuple(skipped), protection, day)

    def _enforce(self, plans: list[_Plan], progress: Progress | None) -> list[str]:
        restored: list[Restoration | None] = [None] * len(plans)
        recoveries: list[list[str]] = [[] for _ in plans]
        first = [i for i, p in enumerate(plans) if p.protection.masked is not None or not self._wants_nbest(p)]
        outputs = self.inner.translate([plans[i].protection.text for i in first], progress=progress) if first else []
        for i, output in zip(first, outputs):
            attempt = restore(output, plans[i].protection, self.target)
            if attempt.ok:
                restored[i] = attempt
            else:
                lost = ", ".join(repr(t.text) for t in attempt.missing)
                recoveries[i].append(f"the model lost the placeholder for {lost}; retranslated without protection")
        retry = [i for i, r in enumerate(restored) if r is None]
        for i, (raw, note) in zip(retry, self._retranslate([plans[i] for i in retry])):
            text, invented = scrub(raw, plans[i].text)
            if invented:
                recoveries[i].append(f"removed placeholder-like tokens the model invented: {', '.join(invented)}")
            restored[i] = Restoration(text, (), (), ())
            if note:
                recoveries[i].append(note)
        if progress and len(first) < len(plans):
            progress(len(plans) - len(first))  # the segments translated for the first time by k-best
        results = []
        for plan, r, notes in zip(plans, restored, recoveries):
            assert r is not None
            required = Counter(t.concept for t in plan.terms)
            edited = post_edit(
                r.text,
                self.target,
                required,
                matcher=self.matcher,
                index=self.index,
                spans=[(a, b, t.target) for a, b, t in r.inserted],
                day=plan.day,
            )
            protected = [t for _, _, t in r.inserted]
            self._record(
                plan, edited.text, protected=protected, changes=edited.changes, recoveries=[*r.recovered, *notes]
            )
            results.append(edited.text)
        return results

    def _wants_nbest(self, plan: _Plan) -> bool:
        return self.nbest > 1 and bool(plan.terms) and nbest_of(self.inner) is not None

    def _retranslate(self, plans: list[_Plan]) -> list[tuple[str, str | None]]:
        """(translation, note on the k-best choice) for segments translated without placeholders."""
        if not plans:
            return []
        texts = [p.text for p in plans]
        generate = nbest_of(self.inner) if self.nbest > 1 else None
        if generate is None:
            return [(out, None) for out in self.inner.translate(texts)]
        chosen: list[tuple[str, str | None]] = []
        for plan, hypotheses in zip(plans, generate(texts, self.nbest)):
            required = Counter(t.concept for t in plan.terms)
            rank, best = rerank(hypotheses, self.target, required, matcher=self.matcher, index=self.index)
            chosen.append((best, f"chose hypothesis {rank + 1} of {len(hypotheses)} (k-best reranking)"))
        return chosen

    def _record(
        self,
        plan: _Plan,
        output: str,
        *,
        protected: Sequence[SourceTerm],
        changes: Sequence[PostEdit],
        recoveries: Sequence[str],
    ) -> None:
        terms = outcomes(
            output,
            self.target,
            plan.terms,
            matcher=self.matcher,
            index=self.index,
            protected=protected,
            changes=changes,
        )
        self.report.add(
            SegmentReport(
                index=len(self.report.segments),
                source=plan.text,
                output=output,
                terms=terms,
                skipped=tuple(f"{s.text!r}: {s.reason}" for s in plan.skipped),
                recoveries=tuple(recoveries),
                edits=tuple(f"{c.kind}: {c.before!r} -> {c.after!r}" for c in changes),
            )
        )
