"""The check registry: each check is a function ``(doc) -> Iterable[Finding]`` with an id and a severity.

The first line of a check's docstring is its user-facing title (as in
translate-toolkit's pofilter). Checks yield findings; a failed check is a
finding, never an exception.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..findings import Finding, Severity

if TYPE_CHECKING:
    from .checked_text import CheckedText

__all__ = ["CHECKS", "CheckInfo", "register"]

CheckFunc = Callable[["CheckedText"], Iterable[Finding]]


@dataclass(frozen=True)
class CheckInfo:
    """A registered check."""

    id: str
    severity: Severity
    func: CheckFunc
    needs_source: bool = False

    @property
    def title(self) -> str:
        """The first line of the check function's docstring (its id when it has none)."""
        return (self.func.__doc__ or self.id).strip().splitlines()[0]


CHECKS: dict[str, CheckInfo] = {}


def register(check_id: str, severity: Severity, *, needs_source: bool = False) -> Callable[[CheckFunc], CheckFunc]:
    """Decorator: register ``func`` as the check ``check_id`` with default ``severity``."""

    def wrap(func: CheckFunc) -> CheckFunc:
        CHECKS[check_id] = CheckInfo(check_id, severity, func, needs_source)
        return func

    return wrap


def finding(doc: CheckedText, check_id: str, start: int, end: int, message: str, **fields: Any) -> Finding:
    """A finding of ``check_id`` at ``start:end`` of ``doc`` with the check's default severity unless given."""
    severity = fields.pop("severity", None) or CHECKS[check_id].severity
    return Finding(
        check=check_id,
        severity=severity,
        start=start,
        end=end,
        span=doc.text[start:end],
        message=message,
        **fields,
    )
