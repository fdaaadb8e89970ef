"""Glossary enforcement in translation: protect, translate, restore, post-edit, repair, verify.

>>> from transkit.enforce import GlossaryEngine, EnforcementReport
"""

from __future__ import annotations

from .engine import MODES, GlossaryEngine, Mode
from .report import EnforcementReport, SegmentReport, TermOutcome

__all__ = ["MODES", "EnforcementReport", "GlossaryEngine", "Mode", "SegmentReport", "TermOutcome"]
