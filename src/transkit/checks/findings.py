"""Findings and reports: what a check says about a text, and where.

Offsets are Unicode code points in the checked text; ``line`` and ``column``
are 1-based. A :class:`Finding` may carry a ``suggestion`` (the approved form);
``fixable`` says that replacing the span by the suggestion is a safe fix.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum

__all__ = ["Finding", "LineIndex", "Report", "Severity"]


class Severity(str, Enum):
    """How serious a finding is; ordered ``info < warning < error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Order of severity: info 0, warning 1, error 2."""
        return ("info", "warning", "error").index(self.value)

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Finding:
    """One problem found in a text."""

    check: str
    severity: Severity
    start: int
    end: int
    span: str
    message: str
    line: int = 0
    column: int = 0
    concept: str | None = None
    suggestion: str | None = None
    fixable: bool = False  # replacing span by suggestion is safe (used by --fix)

    def to_dict(self) -> dict[str, object]:
        """The JSON form (field names and order documented by check-report.schema.json)."""
        return {
            "check": self.check,
            "severity": self.severity.value,
            "line": self.line,
            "column": self.column,
            "start": self.start,
            "end": self.end,
            "span": self.span,
            "concept": self.concept,
            "message": self.message,
            "suggestion": self.suggestion,
        }


_NEWLINE = re.compile("\n")


class LineIndex:
    """Maps code-point offsets of a text to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based ``(line, column)`` of character ``offset``."""
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of 1-based ``line`` without its newline."""
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else len(self.text)
        return self.text[start:end]

    def locate(self, finding: Finding) -> Finding:
        """``finding`` with the line and column of its start filled in."""
        line, column = self.position(finding.start)
        return replace(finding, line=line, column=column)


@dataclass(frozen=True)
class Report:
    """The findings of one checked text, with what is needed to reproduce them."""

    file: str | None
    language: str
    findings: tuple[Finding, ...]
    date: date
    date_source: str  # "option" | "text" | "today"
    transkit_version: str
    glossary_version: str = ""
    text: str = field(default="", repr=False, compare=False)

    def count(self, severity: Severity) -> int:
        """How many findings have ``severity``."""
        return sum(1 for f in self.findings if f.severity is severity)

    def at_or_above(self, severity: Severity) -> list[Finding]:
        """The findings at ``severity`` or worse."""
        return [f for f in self.findings if f.severity.rank >= severity.rank]

    @property
    def summary(self) -> dict[str, object]:
        """Totals per severity and per check, as the JSON report gives them."""
        by_check = Counter(f.check for f in self.findings)
        return {
            "total": len(self.findings),
            "error": self.count(Severity.ERROR),
            "warning": self.count(Severity.WARNING),
            "info": self.count(Severity.INFO),
            "by_check": dict(sorted(by_check.items())),
            "date": self.date.isoformat(),
            "date_source": self.date_source,
        }

    @property
    def signature(self) -> str:
        """A one-line record of the settings that produced this report (as sacrebleu does)."""
        return f"transkit:{self.transkit_version}|glossary:{self.glossary_version or 'none'}|lang:{self.language}|date:{self.date.isoformat()}"
