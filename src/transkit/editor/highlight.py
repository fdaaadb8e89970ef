"""Cut a checked text into pieces so the findings can be shown highlighted in it.

>>> from transkit.checks import Finding, Severity
>>> f = Finding("x", Severity.ERROR, 4, 7, "bar", "m")
>>> [(p.text, p.findings) for p in pieces("foo bar baz", [f])]
[('foo ', ()), ('bar', (0,)), (' baz', ())]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..checks import Finding, Severity

__all__ = ["Piece", "pieces"]


@dataclass(frozen=True)
class Piece:
    """A run of text covered by the same findings (indexes into the findings list)."""

    text: str
    findings: tuple[int, ...] = ()
    severity: str = ""  # the most serious severity among them

    @property
    def marked(self) -> bool:
        """True when a finding covers this piece."""
        return bool(self.findings)


def pieces(text: str, findings: Sequence[Finding]) -> list[Piece]:
    """``text`` split at every finding boundary; overlapping findings share the pieces they cover."""
    cuts = sorted({0, len(text), *(f.start for f in findings), *(f.end for f in findings)})
    out: list[Piece] = []
    for start, end in pairwise(cuts):
        if start >= end or start >= len(text):
            continue
        covering = tuple(i for i, f in enumerate(findings) if f.start <= start and end <= f.end)
        worst = max((findings[i].severity for i in covering), key=lambda s: s.rank, default=None)
        severity = worst.value if isinstance(worst, Severity) else ""
        if out and out[-1].findings == covering:
            out[-1] = Piece(out[-1].text + text[start:end], covering, severity)
        else:
            out.append(Piece(text[start:end], covering, severity))
    return out
