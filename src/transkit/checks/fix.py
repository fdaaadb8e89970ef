"""Apply the safe fixes of a report: forbidden -> approved term, particle repair, title per the glossary role."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..findings import Finding, Severity
from ..lang.normalize import composed
from .report import Report

__all__ = ["AppliedFix", "apply_fixes", "fixed_path"]


@dataclass(frozen=True)
class AppliedFix:
    """One replacement made by :func:`apply_fixes`."""

    finding: Finding
    old: str
    new: str


def apply_fixes(report: Report) -> tuple[str, list[AppliedFix]]:
    """The report's text with every fixable error applied (overlapping ones: the first wins).

    Only ``error`` findings (certainly wrong against the glossary or the dates) with a single safe
    replacement are applied; warnings and style notes are for the editor to judge.

    Only the fixed spans change: the rest of the text stays as it was, in whatever
    normalisation form and with whatever line endings it has.
    """
    chosen: list[Finding] = []
    for f in sorted(report.findings, key=lambda f: (f.start, f.end)):
        if (
            f.severity is Severity.ERROR
            and f.fixable
            and f.suggestion is not None
            and composed(f.span, glyphs=True).text != f.suggestion
        ):
            if chosen and f.start < chosen[-1].end:
                continue
            chosen.append(f)
    text = report.text
    for f in reversed(chosen):
        text = text[: f.start] + f.suggestion + text[f.end :]  # type: ignore[operator]  # chosen have a suggestion
    return text, [AppliedFix(f, f.span, f.suggestion) for f in chosen]  # type: ignore[arg-type]  # as above


def fixed_path(path: str) -> str:
    """Where a corrected copy goes by default: ``article.txt`` -> ``article.fixed.txt``."""
    p = Path(path)
    return str(p.with_name(f"{p.stem}.fixed{p.suffix}"))
