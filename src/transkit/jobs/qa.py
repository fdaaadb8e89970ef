"""QA of every output: placeholder and tag checks per unit, the ``transkit check`` checks per file.

Per unit, the placeholders, tags, URLs and inline code of the source must all
be in the translation, and no others (``placeholder-missing``,
``placeholder-extra``, ``tag-missing``, ``tag-extra``; errors), and a paired
element with words inside must keep words inside (``tag-content-lost``, error)
and stay inside its sentence (``tag-moved``, warning). Per file, the
translated text goes through :class:`transkit.checks.Checker` with its source,
so titles, names, numbers, untranslated spans and wrong scripts are checked
too. For localisation files, the checks that compare a text with its source
sentence by sentence (missing terms, numbers, untranslated words) run on each
unit against its own source; the others read the units as one text, one unit
a line (consistency of titles and names across the file). Findings name their
unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..checks import CHECKS, Checker
from ..formats import tokens
from ..glossary.model import Glossary
from ..text.markup import emptied

__all__ = ["QA", "QAFinding", "SEVERITIES", "placeholder_findings"]

SEVERITIES = ("info", "warning", "error")

PER_UNIT = ("missing-term", "number-mismatch", "untranslated")
"""Checks run on each unit of a localisation file against its own source."""


@dataclass(frozen=True)
class QAFinding:
    """One problem in one output file."""

    check: str
    severity: str  # info | warning | error
    message: str
    unit: str | None = None  # the unit id (localisation files)
    line: int | None = None  # the line in the output (articles)
    span: str = ""
    suggestion: str | None = None

    def at_or_above(self, level: str) -> bool:
        """True when the finding is at ``level`` or worse (never for ``"never"``)."""
        return level != "never" and SEVERITIES.index(self.severity) >= SEVERITIES.index(level)

    def to_dict(self) -> dict[str, object]:
        """The finding as plain data, for the QA report."""
        return {"check": self.check, "severity": self.severity, "unit": self.unit, "line": self.line,
                "span": self.span, "message": self.message, "suggestion": self.suggestion}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> QAFinding:
        """The finding :meth:`to_dict` gave ``data`` for."""
        return cls(data["check"], data["severity"], data["message"], data["unit"], data["line"],  # type: ignore[arg-type]
                   data["span"], data["suggestion"])  # type: ignore[arg-type]


def placeholder_findings(source: str, target: str, *, unit: str | None = None, line: int | None = None) -> list[QAFinding]:
    """Placeholders and tags of ``source`` missing from ``target``, and ones ``target`` added."""
    src, tgt = tokens(source), tokens(target)
    found = []
    for token, n in sorted((src - tgt).items()):
        kind = "tag" if token.startswith("<") else "placeholder"
        found.append(QAFinding(f"{kind}-missing", "error", f"{kind} {token} of the source is missing"
                               + (f" ({n} times)" if n > 1 else ""), unit, line, token))
    for token, n in sorted((tgt - src).items()):
        kind = "tag" if token.startswith("<") else "placeholder"
        found.append(QAFinding(f"{kind}-extra", "error", f"{kind} {token} is not in the source"
                               + (f" ({n} times)" if n > 1 else ""), unit, line, token))
    for element in emptied(source, target):
        if element.moved:
            found.append(QAFinding("tag-moved", "warning", f"{element.open}…{element.close} comes after the end of "
                                   f"the sentence in the translation", unit, line, element.open))
        else:
            found.append(QAFinding("tag-content-lost", "error", f"{element.open}{element.content}{element.close}"
                                   " is empty in the translation", unit, line, element.open))
    return found


class QA:
    """Runs the checks; build once per job (the glossary's term index is built once)."""

    def __init__(self, glossary: Glossary | None = None) -> None:
        glossary = glossary or Glossary()
        self.checker = Checker(glossary)
        self.unit_checker = Checker(glossary, checks=PER_UNIT)
        self.file_checker = Checker(glossary, checks=[c for c in CHECKS if c not in PER_UNIT])

    def units(self, pairs: Sequence[tuple[str, str, str]], *, source_lang: str, target_lang: str) -> list[QAFinding]:
        """Check ``(unit id, source, translation)`` triples of a localisation file."""
        found = [f for uid, s, t in pairs for f in placeholder_findings(s, t, unit=uid)]
        for uid, s, t in pairs:
            report = self.unit_checker.check(t, lang=target_lang, source=s, source_lang=source_lang)
            found += [self._finding(f, unit=uid) for f in report.findings]
        if pairs:
            text = "\n".join(" ".join(t.split()) for _, _, t in pairs)
            source = "\n".join(" ".join(s.split()) for _, s, _ in pairs)
            report = self.file_checker.check(text, lang=target_lang, source=source, source_lang=source_lang)
            ids = [uid for uid, _, _ in pairs]
            found += [self._finding(f, unit=ids[f.line - 1] if 0 < f.line <= len(ids) else None)
                      for f in report.findings]
        return found

    def document(self, segments: Sequence[tuple[str, str]], *, source: str, output: str, source_lang: str,
                 target_lang: str) -> list[QAFinding]:
        """Check a translated article: per segment ``(source, translation)``, then the whole text."""
        found = [f for i, (s, t) in enumerate(segments) for f in placeholder_findings(s, t, unit=f"sentence {i + 1}")]
        report = self.checker.check(output, lang=target_lang, source=source, source_lang=source_lang)
        return found + [self._finding(f, line=f.line) for f in report.findings]

    @staticmethod
    def _finding(f, *, unit: str | None = None, line: int | None = None) -> QAFinding:
        return QAFinding(f.check, f.severity.value, f.message, unit, line, f.span, f.suggestion)
