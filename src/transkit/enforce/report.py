"""What enforcement did, per segment and in total: terms required, enforced, repaired, failed.

* **enforced**: the approved target term is in the output as protected or as
  the model wrote it;
* **repaired**: it is there because the output was post-edited (a forbidden
  variant or a near miss replaced);
* **failed**: it is not there; the reason is given.

Recoveries (damaged or lost placeholders, retranslation) and particle repairs
are listed per segment. ``to_dict`` gives the JSON form.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["EnforcementReport", "SegmentReport", "TermOutcome"]

STATUSES = ("enforced", "repaired", "failed")


@dataclass(frozen=True)
class TermOutcome:
    """One required source term and what became of it."""

    concept: str
    source: str  # the source form
    target: str  # the approved target term
    status: str  # "enforced" | "repaired" | "failed"
    how: str  # "protected", "in model output", "forbidden 'X' replaced", "missing" ...


@dataclass(frozen=True)
class SegmentReport:
    """One segment: its source, its output, and every term and repair."""

    index: int
    source: str
    output: str
    terms: tuple[TermOutcome, ...] = ()
    skipped: tuple[str, ...] = ()  # source terms not enforced, with the reason
    recoveries: tuple[str, ...] = ()  # damaged tokens repaired, segments retranslated
    edits: tuple[str, ...] = ()  # post-edits and particle repairs, "before -> after"

    def count(self, status: str) -> int:
        """How many required terms have ``status``."""
        return sum(1 for t in self.terms if t.status == status)

    @property
    def counts(self) -> dict[str, int]:
        """Required terms, and how many of them have each status."""
        return {"required": len(self.terms), **{s: self.count(s) for s in STATUSES}}

    def to_dict(self) -> dict[str, Any]:
        """The segment's report as plain data, with its counts."""
        return {**asdict(self), "terms": [asdict(t) for t in self.terms], **self.counts}


@dataclass
class EnforcementReport:
    """Every segment an engine translated with a glossary (appended call after call)."""

    mode: str = "enforce"
    glossary_version: str = ""
    date: str = ""
    segments: list[SegmentReport] = field(default_factory=list)

    def add(self, segment: SegmentReport) -> None:
        """Append the report of one more segment."""
        self.segments.append(segment)

    @property
    def summary(self) -> dict[str, Any]:
        """Totals over the segments: required terms, each status, and segments that needed a recovery."""
        totals: dict[str, Any] = {"segments": len(self.segments), "required": 0, **dict.fromkeys(STATUSES, 0)}
        for segment in self.segments:
            for key, value in segment.counts.items():
                totals[key] += value
        totals["recovered_segments"] = sum(1 for s in self.segments if s.recoveries)
        totals["edits"] = sum(len(s.edits) for s in self.segments)
        ok = totals["enforced"] + totals["repaired"]
        totals["term_accuracy"] = round(ok / totals["required"], 4) if totals["required"] else 1.0
        return totals

    @property
    def failures(self) -> list[tuple[int, TermOutcome]]:
        """(segment index, outcome) of every term that could not be enforced."""
        return [(s.index, t) for s in self.segments for t in s.terms if t.status == "failed"]

    def to_dict(self, *, all_segments: bool = False) -> dict[str, Any]:
        """The JSON form; segments without terms, recoveries or edits are left out unless ``all_segments``."""
        shown = [s for s in self.segments if all_segments or s.terms or s.skipped or s.recoveries or s.edits]
        return {
            "mode": self.mode,
            "glossary_version": self.glossary_version,
            "date": self.date,
            "summary": self.summary,
            "segments": [s.to_dict() for s in shown],
        }

    def to_json(self, **options: Any) -> str:
        """The report as indented JSON (options as for :meth:`to_dict`)."""
        return json.dumps(self.to_dict(**options), ensure_ascii=False, indent=2)
