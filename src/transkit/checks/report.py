"""Reports of ``transkit check``: the findings of one text, and where they are in it.

:class:`Finding` and :class:`Severity` are the package's one finding type
(:mod:`transkit.findings`, shared with glossary lint and batch QA). Offsets are
Unicode code points in the checked text; ``line`` and ``column`` are 1-based.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ..findings import Finding, Severity

__all__ = ["LineIndex", "Report"]


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
        # ``replace(finding, line=line, column=column)`` without its per-call field inspection: the same object,
        # at a fifth of the cost (a report on generated news has a finding every ~200 bytes)
        located = object.__new__(Finding)
        located.__dict__.update(finding.__dict__, line=line, column=column)
        return located


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
        return (
            f"transkit:{self.transkit_version}|glossary:{self.glossary_version or 'none'}"
            f"|lang:{self.language}|date:{self.date.isoformat()}"
        )
