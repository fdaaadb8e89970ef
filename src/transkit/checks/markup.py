"""Checks that a translation keeps the placeholders and markup of its source.

Placeholders, tags, URLs, entities and inline code (:data:`transkit.formats.protect.PLACEHOLDER`) of the source
must all be in the translation, and no others; a paired element with words inside must keep words inside and
stay inside its sentence. ``transkit check --source`` runs these on the whole text; batch QA runs them on each
unit (or sentence) against its own source.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..findings import Finding, Severity
from ..formats.protect import tokens
from ..lang.normalize import composed
from ..text.markup import emptied, paired
from .checked_text import CheckedText
from .registry import finding, register
from .source import sentence_of

__all__ = ["MARKUP_CHECKS"]

MARKUP_CHECKS = (
    "placeholder-missing",
    "placeholder-extra",
    "tag-missing",
    "tag-extra",
    "tag-content-lost",
    "tag-moved",
)
"""The ids of the checks of this module."""


def _differences(doc: CheckedText) -> tuple[Counter[str], Counter[str]]:
    """The tokens of the source missing from the translation, and those it added (counted once per document)."""
    found = doc.cache.get("markup-differences")
    if found is None:
        assert doc.source is not None  # these checks need a source
        src, tgt = tokens(doc.given_source or doc.source), tokens(doc.given_text or doc.text)
        found = doc.cache["markup-differences"] = (src - tgt, tgt - src)
    return found  # type: ignore[return-value]


def _folded(token: str) -> str:
    """``token`` as the checked text writes it (width and quotes folded)."""
    return composed(token, glyphs=True).text


def _kind(token: str) -> str:
    return "tag" if token.startswith("<") else "placeholder"


def _times(n: int) -> str:
    return f" ({n} times)" if n > 1 else ""


def _missing(doc: CheckedText, kind: str) -> Iterator[Finding]:
    """``kind`` tokens of the source missing from the translation, each at the sentence that should have it."""
    assert doc.source is not None
    missing, _ = _differences(doc)
    for token, n in sorted(missing.items()):
        if _kind(token) == kind:
            start, end = sentence_of(doc, doc.source.find(_folded(token)))  # (0, 0) when not aligned
            yield finding(doc, f"{kind}-missing", start, end, f"{kind} {token} of the source is missing" + _times(n))


def _extra(doc: CheckedText, kind: str) -> Iterator[Finding]:
    """``kind`` tokens of the translation that the source does not have, each at its first occurrence."""
    _, extra = _differences(doc)
    for token, n in sorted(extra.items()):
        if _kind(token) == kind:
            folded = _folded(token)
            at = doc.text.find(folded)
            start, end = (at, at + len(folded)) if at >= 0 else (0, 0)
            yield finding(doc, f"{kind}-extra", start, end, f"{kind} {token} is not in the source" + _times(n))


@register("placeholder-missing", Severity.ERROR, needs_source=True)
def placeholder_missing(doc: CheckedText) -> Iterator[Finding]:
    """A placeholder, URL, entity or inline code of the source is missing from the output."""
    return _missing(doc, "placeholder")


@register("placeholder-extra", Severity.ERROR, needs_source=True)
def placeholder_extra(doc: CheckedText) -> Iterator[Finding]:
    """A placeholder, URL, entity or inline code of the output is not in the source."""
    return _extra(doc, "placeholder")


@register("tag-missing", Severity.ERROR, needs_source=True)
def tag_missing(doc: CheckedText) -> Iterator[Finding]:
    """A tag of the source is missing from the output."""
    return _missing(doc, "tag")


@register("tag-extra", Severity.ERROR, needs_source=True)
def tag_extra(doc: CheckedText) -> Iterator[Finding]:
    """A tag of the output is not in the source."""
    return _extra(doc, "tag")


@register("tag-content-lost", Severity.ERROR, needs_source=True)
def tag_content_lost(doc: CheckedText) -> Iterator[Finding]:
    """A paired element with words inside in the source is empty in the output."""
    assert doc.source is not None
    for element in emptied(doc.source, doc.text):
        if not element.moved:
            start, _, _, end = paired(doc.text)[element.open]
            yield finding(doc, "tag-content-lost", start, end,
                          f"{element.open}{element.content}{element.close} is empty in the translation")


@register("tag-moved", Severity.WARNING, needs_source=True)
def tag_moved(doc: CheckedText) -> Iterator[Finding]:
    """A paired element of the source comes after the end of its sentence in the output."""
    assert doc.source is not None
    for element in emptied(doc.source, doc.text):
        if element.moved:
            start, _, _, end = paired(doc.text)[element.open]
            yield finding(doc, "tag-moved", start, end,
                          f"{element.open}…{element.close} comes after the end of the sentence in the translation")
