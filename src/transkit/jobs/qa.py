"""QA of every output: placeholder and tag checks per unit, the ``transkit check`` checks per file.

Per unit (per sentence of an article), the markup checks of
:mod:`transkit.checks.markup` compare the translation with its own source:
the placeholders, tags, URLs and inline code of the source must all be in the
translation, and no others (``placeholder-missing``, ``placeholder-extra``,
``tag-missing``, ``tag-extra``; errors), and a paired element with words
inside must keep words inside (``tag-content-lost``, error) and stay inside
its sentence (``tag-moved``, warning). Per file, the
translated text goes through :class:`transkit.checks.Checker` with its source,
so titles, names, numbers, untranslated spans and wrong scripts are checked
too. For localisation files, the checks that compare a text with its source
sentence by sentence (missing terms, numbers, untranslated words) run on each
unit against its own source; the others read the units as one text, one unit
a line (consistency of titles and names across the file). Findings
(:class:`transkit.findings.Finding`) name their unit, or their line in an article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..checks import CHECKS, Checker
from ..checks.markup import MARKUP_CHECKS
from ..findings import Finding
from ..glossary.model import Glossary

__all__ = ["QA", "QA_FIELDS"]

PER_UNIT = ("missing-term", "number-mismatch", "untranslated")
"""Checks run on each unit of a localisation file against its own source (the markup checks too)."""

QA_FIELDS = ("check", "severity", "unit", "line", "span", "message", "suggestion")
"""The fields of a finding in the QA report (``qa-report.json``), in order."""


class QA:
    """Runs the checks; build once per job (the glossary's term index is built once per checker)."""

    def __init__(self, glossary: Glossary | None = None) -> None:
        glossary = glossary or Glossary()
        self.markup_checker = Checker(glossary, checks=MARKUP_CHECKS)
        self.text_checker = Checker(glossary, checks=[c for c in CHECKS if c not in MARKUP_CHECKS])
        self.unit_checker = Checker(glossary, checks=PER_UNIT + MARKUP_CHECKS)
        self.file_checker = Checker(glossary, checks=[c for c in CHECKS if c not in PER_UNIT + MARKUP_CHECKS])

    def units(self, pairs: Sequence[tuple[str, str, str]], *, source_lang: str, target_lang: str) -> list[Finding]:
        """Check ``(unit id, source, translation)`` triples of a localisation file."""
        found = []
        for uid, s, t in pairs:
            report = self.unit_checker.check(t, lang=target_lang, source=s, source_lang=source_lang)
            found += [_placed(f, unit=uid) for f in report.findings]
        if pairs:
            text = "\n".join(" ".join(t.split()) for _, _, t in pairs)
            source = "\n".join(" ".join(s.split()) for _, s, _ in pairs)
            report = self.file_checker.check(text, lang=target_lang, source=source, source_lang=source_lang)
            ids = [uid for uid, _, _ in pairs]
            found += [_placed(f, unit=ids[f.line - 1] if f.line and f.line <= len(ids) else None)
                      for f in report.findings]
        return found

    def document(self, segments: Sequence[tuple[str, str]], *, source: str, output: str, source_lang: str,
                 target_lang: str) -> list[Finding]:
        """Check a translated article: the markup of each segment ``(source, translation)``, then the whole text."""
        found = []
        for i, (s, t) in enumerate(segments):
            report = self.markup_checker.check(t, lang=target_lang, source=s, source_lang=source_lang)
            found += [_placed(f, unit=f"sentence {i + 1}") for f in report.findings]
        report = self.text_checker.check(output, lang=target_lang, source=source, source_lang=source_lang)
        return found + list(report.findings)


def _placed(finding: Finding, *, unit: str | None) -> Finding:
    """``finding`` of a unit or sentence: named by ``unit``, not by a line of the text it was checked in."""
    return replace(finding, unit=unit, line=None, column=None)
