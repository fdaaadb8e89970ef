"""Annotated articles and the checker's precision and recall on them.

An annotated article is a text file with a small header and inline marks::

    ---
    lang: en
    date: 2024-02-29
    kind: mt
    about: a machine translation of a ministry release
    ---
    Foreign Minister Cho met the ⟦Deputy Foreign Minister⟧{person-title-consistency} Kurt Campbell.
    Vietnam's ⟪Deputy Foreign Minister⟫ Nguyen Minh Hang was there.

``⟦span⟧{check|check}`` marks what a careful editor would flag, with the checks that may report it (``*``: any);
``⟪span⟫`` marks a correct usage that must not be flagged. The header needs ``lang``; ``date`` (YYYY-MM-DD) is the
article's date; ``kind`` is ``correct`` for an article that must get no warning or error.

A warning or error is right when it overlaps an annotated span that names its check; every other warning or error
is a false finding. An annotated span is found when such a finding overlaps it. Info findings are style notes and
count for neither.

>>> article = parse_article("---\\nlang: en\\n---\\nSay ⟦Chip Act⟧{non-official-name} and ⟪Deputy⟫.", "a.txt")
>>> article.text, article.expected[0].span(article.text), article.traps
('Say Chip Act and Deputy.', 'Chip Act', ((17, 23),))
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..findings import Finding, Severity
from .report import Report

__all__ = ["Annotated", "Expected", "Score", "parse_article", "read_corpus", "score"]

_HEADER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_MARK = re.compile(r"⟦(?P<flag>[^⟦⟧]+)⟧\{(?P<checks>[^{}]+)\}|⟪(?P<trap>[^⟪⟫]+)⟫")
KINDS = ("correct", "mt", "wire", "release", "edited")


@dataclass(frozen=True)
class Expected:
    """A span a careful editor would flag, and the checks that may report it."""

    start: int
    end: int
    checks: tuple[str, ...]  # the first is the check that should report it

    def span(self, text: str) -> str:
        """The expected finding's text in ``text``."""
        return text[self.start : self.end]

    def accepts(self, finding: Finding) -> bool:
        """True when ``finding`` overlaps this span and comes from one of its checks."""
        return (
            finding.start < self.end
            and self.start < finding.end
            and ("*" in self.checks or finding.check in self.checks)
        )


@dataclass(frozen=True)
class Annotated:
    """An article with its marks removed, the spans to flag and the correct usages that must stay silent."""

    path: str
    text: str
    lang: str
    date: date | None
    kind: str
    about: str
    expected: tuple[Expected, ...]
    traps: tuple[tuple[int, int], ...]


def parse_article(raw: str, path: str) -> Annotated:
    """Read an annotated article (see the module docstring); a malformed one is an :class:`InputError`."""
    header = _HEADER.match(raw)
    if header is None:
        raise InputError("no header: the file must start with a '---' block holding at least 'lang:'", path=path)
    meta = dict(line.split(":", 1) for line in header.group(1).splitlines() if ":" in line)
    meta = {k.strip(): v.strip() for k, v in meta.items()}
    body = raw[header.end() :]
    pieces: list[str] = []
    expected: list[Expected] = []
    traps: list[tuple[int, int]] = []
    last = length = 0
    for m in _MARK.finditer(body):
        pieces.append(body[last : m.start()])
        length += m.start() - last
        inner = m.group("flag") or m.group("trap")
        if m.group("flag"):
            checks = tuple(dict.fromkeys(c.strip() for c in m.group("checks").split("|") if c.strip()))
            expected.append(Expected(length, length + len(inner), checks))
        else:
            traps.append((length, length + len(inner)))
        pieces.append(inner)
        length += len(inner)
        last = m.end()
    pieces.append(body[last:])
    text = "".join(pieces)
    if any(mark in text for mark in "⟦⟧⟪⟫"):
        line = raw.count("\n", 0, header.end()) + text[: min(text.find(c) for c in "⟦⟧⟪⟫" if c in text)].count("\n") + 1
        raise InputError("an unclosed or malformed mark", path=path, line=line, hint="write ⟦span⟧{check} or ⟪span⟫")
    kind = meta.get("kind", "mt")
    if kind not in KINDS or "lang" not in meta:
        raise InputError(f"header needs lang: and a kind: among {', '.join(KINDS)}", path=path)
    if kind == "correct" and expected:
        raise InputError("an article of kind 'correct' cannot mark spans to flag", path=path)
    day = date.fromisoformat(meta["date"]) if meta.get("date") else None
    return Annotated(path, text, meta["lang"], day, kind, meta.get("about", ""), tuple(expected), tuple(traps))


def read_corpus(folder: str | Path) -> list[Annotated]:
    """Every ``*.txt`` article below ``folder``, sorted by path."""
    files = sorted(Path(folder).rglob("*.txt"))
    return [parse_article(f.read_text(encoding="utf-8"), str(f)) for f in files]


@dataclass
class Score:
    """Counts of right, false and missed findings, overall and per check and language."""

    true: Counter[str] = field(default_factory=Counter)  # keyed "check" and "lang:xx" and "all"
    false: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    missed: Counter[str] = field(default_factory=Counter)
    false_on_correct: Counter[str] = field(default_factory=Counter)  # article path -> false findings
    false_findings: list[tuple[str, Finding]] = field(default_factory=list)
    missed_spans: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)

    def precision(self, key: str = "all") -> float | None:
        """Share of reported findings (of ``key``) that were expected; None when nothing was reported."""
        total = self.true[key] + self.false[key]
        return self.true[key] / total if total else None

    def recall(self, key: str = "all") -> float | None:
        """Share of expected findings (of ``key``) that were reported; None when nothing was expected."""
        total = self.found[key] + self.missed[key]
        return self.found[key] / total if total else None

    def add(self, article: Annotated, report: Report) -> None:
        """Score one article's report."""
        flagged = [f for f in report.findings if f.severity.rank >= Severity.WARNING.rank]
        lang = f"lang:{article.lang}"
        for f in flagged:
            right = any(e.accepts(f) for e in article.expected)
            for key in (f.check, lang, "all"):
                (self.true if right else self.false)[key] += 1
            if not right:
                self.false_findings.append((article.path, f))
                if article.kind == "correct":
                    self.false_on_correct[article.path] += 1
        for e in article.expected:
            hit = next((f for f in flagged if e.accepts(f)), None)
            # a found span counts for the check that found it, a missed one for the first check it names
            for key in (hit.check if hit else e.checks[0], lang, "all"):
                (self.found if hit else self.missed)[key] += 1
            if hit is None:
                self.missed_spans.append((article.path, e.span(article.text), e.checks))


def score(articles: list[Annotated], reports: list[Report]) -> Score:
    """Precision and recall of ``reports`` (one per article, in order) against the annotations."""
    result = Score()
    for article, report in zip(articles, reports, strict=True):
        result.add(article, report)
    return result
