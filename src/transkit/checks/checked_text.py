"""A text under check, with what several checks share: glossary matches, mentions, the date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from ..analysis.mentions import Mention, NameSpan, find_mentions, person_names
from ..analysis.roles import link_by_role
from ..glossary.index import TermIndex
from ..lang.normalize import PARAGRAPH
from .report import LineIndex

if TYPE_CHECKING:
    from ..glossary.matcher import Match, Matcher, NearMiss

__all__ = ["CheckedText"]


@dataclass
class CheckedText:
    """One text to check (``lang.normalize.composed``: NFC, glyphs folded), its language, date and optional source."""

    text: str
    lang: str
    day: date
    date_source: str
    index: TermIndex
    matcher: Matcher | None = None
    source: str | None = None
    source_lang: str | None = None
    near_matcher: Matcher | None = None  # searched for near misses instead of ``matcher`` when given
    # the text and source as the caller gave them, before width and quotes were folded: ``｛name｝`` or ``％s`` in a
    # translation is no ``{name}`` or ``%s`` to the program that reads it (the markup checks compare these)
    given_text: str | None = None
    given_source: str | None = None
    cache: dict[str, object] = field(default_factory=dict, repr=False)  # results shared between checks

    @cached_property
    def lines(self) -> LineIndex:
        """Line and column lookup over the text."""
        return LineIndex(self.text)

    @cached_property
    def matches(self) -> list[Match]:
        """Glossary terms found in the text."""
        return self.matcher.find(self.text, self.lang) if self.matcher else []

    @cached_property
    def near_misses(self) -> list[NearMiss]:
        """Near misses of glossary terms (of ``near_matcher``'s when given), searched only outside exact matches.

        The matcher drops every window that overlaps an exact match; blanking the
        matches first (U+2029, a paragraph break no window crosses, one per code
        point so offsets stay) spares it scoring those windows. Same result, less work.
        """
        matcher = self.near_matcher or self.matcher
        if matcher is None:
            return []
        pieces: list[str] = []
        last = 0
        for m in self.matches:
            pieces += (self.text[last : m.start], PARAGRAPH * (m.end - m.start))
            last = m.end
        pieces.append(self.text[last:])
        return matcher.near_misses("".join(pieces), self.lang)

    @cached_property
    def source_matches(self) -> list[Match]:
        """Glossary terms found in the source text (none without a source)."""
        if self.matcher is None or self.source is None or self.source_lang is None:
            return []
        return self.matcher.find(self.source, self.source_lang)

    @cached_property
    def names(self) -> list[NameSpan]:
        """Names of glossary persons in the text, trimmed to the approved name."""
        return person_names(self.matches, self.index, self.text, self.lang)

    @cached_property
    def mentions(self) -> list[Mention]:
        """Mentions of people and titles, linked to the person holding the role on the article's date."""
        found = find_mentions(self.text, self.lang, names=self.names, index=self.index)
        return link_by_role(found, self.index, self.lang, self.day)

    @property
    def dated(self) -> bool:
        """True when the date was given or stated, not assumed to be today."""
        return self.date_source != "today"
