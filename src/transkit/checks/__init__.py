"""``transkit check``: title and entity consistency checks for translated articles.

>>> from transkit.glossary.model import Glossary
>>> report = check("Foreign Minister Cho Tae-yul met Mr. Cho.", glossary=Glossary())
>>> report.language, len(report.findings)
('en', 0)

Texts are checked in Unicode NFC with width, quotes and dashes folded as the glossary matcher folds them
(:func:`transkit.lang.normalize.composed`), but findings point into the text as given: an NFD (decomposed)
text gets offsets, spans, lines and columns of its own characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date as Date
from typing import TYPE_CHECKING

from .._version import __version__
from ..analysis.dates import first_date
from ..findings import Finding, Severity
from ..glossary.index import TermIndex
from ..glossary.model import Glossary
from ..lang.detect import detect_language
from ..lang.normalize import Composed, composed
from ..languages import normalize
from . import (  # noqa: F401  (register their checks)
    artefacts,
    dated_names,
    korean_particles,
    markup,
    names,
    titles,
)
from . import source as source_checks  # noqa: F401  (registers its checks; `source` names a parameter below)
from .checked_text import CheckedText
from .registry import CHECKS, CheckInfo
from .report import LineIndex, Report

if TYPE_CHECKING:
    from ..glossary.matcher import Matcher

__all__ = ["CHECKS", "CheckInfo", "Checker", "Finding", "Report", "Severity", "check", "detect_language"]

# When findings of these checks overlap, only the first in this order is kept: they describe one error.
_PRIORITY = (
    "person-title-consistency",
    "title-role-mismatch",
    "non-official-name",
    "name-spelling-variant",
    "mixed-naming",
)


@dataclass
class Checker:
    """Checks texts against one glossary; build once (the term automaton), call :meth:`check` many times."""

    glossary: Glossary = field(default_factory=Glossary)
    checks: Sequence[str] | None = None  # ids to run; None: all that apply

    def __post_init__(self) -> None:
        self.index = TermIndex(self.glossary)
        self._matcher: Matcher | None = None
        self._near_matcher: Matcher | None = None

    @property
    def matcher(self) -> Matcher | None:
        """The glossary matcher, built on first use (None for an empty glossary)."""
        if self._matcher is None and len(self.glossary):
            from ..glossary.matcher import Matcher

            self._matcher = Matcher(self.glossary)
        return self._matcher

    @property
    def near_matcher(self) -> Matcher | None:
        """A matcher of the glossary without its persons, for near misses: a name that misses a person's is
        name-spelling-variant's to judge, and scoring every window against every person costs the most."""
        if self._near_matcher is None and len(self.glossary):
            from ..glossary.matcher import Matcher

            others = {cid: c for cid, c in self.glossary.concepts.items() if c.type != "person"}
            self._near_matcher = Matcher(Glossary(others, self.glossary.version, self.glossary.paths))
        return self._near_matcher

    def check(
        self,
        text: str,
        *,
        lang: str | None = None,
        source: str | None = None,
        source_lang: str | None = None,
        date: Date | None = None,
        file: str | None = None,
    ) -> Report:
        """Check ``text`` and return a :class:`Report` (findings sorted by position in ``text`` as given)."""
        given = composed(text, glyphs=True)
        text = given.text
        lang = normalize(lang) if lang else detect_language(text)
        source_given = source
        if source is not None:
            source = composed(source, glyphs=True).text
            source_lang = normalize(source_lang) if source_lang else detect_language(source)
        day, date_source = _article_date(text, lang, date)
        doc = CheckedText(
            text, lang, day, date_source, self.index, self.matcher, source, source_lang, self.near_matcher,
            given_text=given.source, given_source=source_given,
        )
        found: list[Finding] = []
        for info in CHECKS.values():
            if self.checks is not None and info.id not in self.checks:
                continue
            if info.needs_source and source is None:
                continue
            found.extend(info.func(doc))
        if given.text != given.source:
            lines = LineIndex(given.source)
            findings = tuple(lines.locate(_on_given(f, given)) for f in _dedupe(found))
        else:
            findings = tuple(doc.lines.locate(f) for f in _dedupe(found))
        return Report(
            file=file,
            language=lang,
            findings=findings,
            date=day,
            date_source=date_source,
            transkit_version=__version__,
            glossary_version=self.glossary.version,
            text=given.source,
        )


def _article_date(text: str, lang: str, given: Date | None) -> tuple[Date, str]:
    if given is not None:
        return given, "option"
    stated = first_date(text, lang)
    if stated is not None:
        return stated, "text"
    return Date.today(), "today"


def _on_given(finding: Finding, given: Composed) -> Finding:
    """``finding`` (offsets into the NFC text) with the offsets and span of the text as given."""
    start, end = given.span(finding.start, finding.end)
    return replace(finding, start=start, end=end, span=given.source[start:end])


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """Sort by position; drop exact duplicates and naming findings overlapped by a higher-priority one."""
    rank = {c: i for i, c in enumerate(_PRIORITY)}
    kept: list[Finding] = []
    for f in sorted(set(findings), key=lambda f: (rank.get(f.check, len(rank)), *_position(f))):
        if f.check in rank and any(
            k.check in rank and rank[k.check] <= rank[f.check] and k.start < f.end and f.start < k.end for k in kept
        ):
            continue
        kept.append(f)
    return sorted(kept, key=_position)


def _position(f: Finding) -> tuple[int, int, str, str, str]:
    """Where a finding goes in a report; findings at one span by check, then concept and message, so that the order
    does not follow the set they came through (several missing-term findings at 0:0)."""
    return f.start, f.end, f.check, f.concept or "", f.message


_CACHE: dict[int, tuple[Glossary, Checker]] = {}


def check(
    text: str,
    *,
    lang: str | None = None,
    glossary: Glossary | None = None,
    source: str | None = None,
    source_lang: str | None = None,
    date: Date | None = None,
) -> Report:
    """Check one text: ``lang`` detected when None, ``date`` from the text or today when None."""
    glossary = glossary if glossary is not None else Glossary()
    cached = _CACHE.get(id(glossary))
    if cached is None or cached[0] is not glossary:
        _CACHE.clear()
        cached = _CACHE[id(glossary)] = (glossary, Checker(glossary))
    return cached[1].check(text, lang=lang, source=source, source_lang=source_lang, date=date)
