"""A glossary term found in a source segment, with the target term enforcement puts in the output.

What the glossary says about a form (per-concept status, the term to enforce) is
:class:`transkit.glossary.index.TermIndex`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..glossary.model import Term
from ..lang.normalize import normalize

__all__ = ["SourceTerm"]


@dataclass(frozen=True)
class SourceTerm:
    """A glossary concept found in a source segment, with the target term it requires."""

    start: int
    end: int
    text: str
    concept: str
    target: Term  # the approved target-language term to put in the output
    via: str = "glossary"  # "glossary": matched as written; "context": title resolved from the person next to it

    @property
    def identical(self) -> bool:
        """True when the source form is the target term itself (a name both languages write alike)."""
        return normalize(self.text, case_sensitive=True) == normalize(self.target.text, case_sensitive=True)
