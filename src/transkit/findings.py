"""One finding type and one severity scale for every report: ``transkit check``, ``glossary lint`` and batch QA.

>>> f = Finding("tag-missing", Severity.ERROR, message="tag <b> of the source is missing", unit="greeting")
>>> print(f)
greeting: error: tag <b> of the source is missing [tag-missing]
>>> f.to_dict(("check", "severity", "unit"))
{'check': 'tag-missing', 'severity': 'error', 'unit': 'greeting'}
>>> Finding.from_dict(f.to_dict(FIELDS)) == f
True

A finding says where it is as far as its report knows: offsets ``start:end``
(Unicode code points) and 1-based ``line``/``column`` in a checked text, the
``file``, or the ``unit`` of a localisation file or article. ``suggestion`` is
the approved or consistent form (``fixable``: replacing the span by it is a
safe fix); ``hint`` says in words how to fix it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from enum import Enum

__all__ = ["FIELDS", "REPORT_FIELDS", "Finding", "Severity"]


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
    """One problem found in a text, a glossary file or a batch output."""

    check: str  # the stable id of the check or lint rule, e.g. person-title-consistency, duplicate-id
    severity: Severity
    start: int = 0
    end: int = 0
    span: str = ""
    message: str = ""
    line: int | None = None
    column: int | None = None
    concept: str | None = None
    suggestion: str | None = None
    fixable: bool = False  # replacing span by suggestion is safe (used by --fix)
    file: str | None = None
    unit: str | None = None  # the unit id of a localisation file, or "sentence N" of an article
    hint: str | None = None  # how to fix it, in words

    def at_or_above(self, severity: Severity) -> bool:
        """True when this finding is at least as serious as ``severity``."""
        return self.severity.rank >= severity.rank

    def to_dict(self, keys: Sequence[str] | None = None) -> dict[str, object]:
        """The JSON form: ``keys`` in that order (default :data:`REPORT_FIELDS`), the severity as its name."""
        return {k: self.severity.value if k == "severity" else getattr(self, k) for k in (keys or REPORT_FIELDS)}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Finding:
        """The finding :meth:`to_dict` gave ``data`` for (missing fields take their defaults).

        Raises ``KeyError``, ``TypeError`` or ``ValueError`` for data no finding gives.
        """
        return cls(**{**data, "severity": Severity(data["severity"])})  # type: ignore[arg-type]

    def __str__(self) -> str:
        """One line, as compilers write: ``where: severity: message [check]``, then the suggestion and the fix."""
        where = self.file or self.unit or ""
        if self.line:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        text = f"{where or '<text>'}: {self.severity}: {self.message} [{self.check}]"
        if self.suggestion is not None:
            text += f" (suggestion: {self.suggestion})"
        return text + (f" (fix: {self.hint})" if self.hint else "")


FIELDS = tuple(f.name for f in fields(Finding))
"""Every field of a finding (what a cache stores)."""

REPORT_FIELDS = ("check", "severity", "line", "column", "start", "end", "span", "concept", "message", "suggestion")
"""The fields of a ``transkit check`` JSON finding, in order (``transkit/data/check-report.schema.json``)."""
