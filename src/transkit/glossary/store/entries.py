"""Parse glossary entries (one concept each) from a glossary file's YAML, with the line of every part.

A glossary file is a YAML list of entries::

    - id: P_KURT_CAMPBELL
      type: person
      terms:
        en: {preferred: Kurt Campbell, admitted: [Kurt M. Campbell]}
        ko: 커트 캠벨                      # a plain string: the preferred term only
      roles:
      - {title: T_US_DEP_SEC_STATE, country: US, from: 2024-02-12, to: 2025-01-20}

A term is a string or a mapping ``{text: ..., case_sensitive, reading,
final_consonant, verified, note, from, to}`` (``from``/``to``: a name in use
only between two dates); a language block may carry ``verified: false``
for all its terms. Dates are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: ``from``
takes the first day of the period, ``to`` the last. ``glossaries/README.md``
documents the format for editors.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, cast

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ...errors import GlossaryError
from ...languages import LANGUAGES
from ..model import CONCEPT_TYPES, TERM_STATUSES, Concept, Origin, Role, Term, TermStatus
from .safe_yaml import line_of, read_document

__all__ = [
    "ENTRY_KEYS",
    "ID_PATTERN",
    "ROLE_KEYS",
    "TERM_KEYS",
    "Entry",
    "Report",
    "parse_date",
    "parse_entries",
    "read_file",
]

ENTRY_KEYS = ("id", "type", "scope", "holders", "terms", "roles", "note", "sources")
TERM_KEYS = ("text", "case_sensitive", "reading", "final_consonant", "verified", "note", "from", "to")
ROLE_KEYS = ("title", "country", "from", "to", "note")
ID_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

# report(severity, code, message, line, fix): how the parser tells its caller about a problem.
Report = Callable[[str, str, str, "int | None", str], None]


@dataclass(frozen=True)
class Entry:
    """A parsed entry: its concept and the 1-based line of each of its parts.

    ``lines`` maps ``(lang, status, text)`` to the line of a term and
    ``("role", index)`` to the line of a role.
    """

    concept: Concept
    lines: dict[tuple[Any, ...], int] = field(default_factory=dict, compare=False)

    def line_of(self, key: tuple[Any, ...]) -> int | None:
        """The line of ``key`` in the file (the concept's own line when the key has none)."""
        return self.lines.get(key, self.concept.origin.line if self.concept.origin else None)


def parse_entries(path: str | Path, report: Report, *, text: str | None = None) -> list[Entry]:
    """Parse one glossary file into entries, reporting each problem through ``report``.

    Raises :class:`GlossaryError` for a file that is not YAML or not a list. Each
    entry problem goes to ``report``; if ``report`` returns, the bad part is skipped
    and parsing goes on (lint collects every problem this way).
    """
    path = Path(path)
    doc = read_document(path, text)
    if doc is None:
        return []
    if not isinstance(doc, CommentedSeq):
        raise GlossaryError(
            "a glossary file must be a YAML list of entries",
            path=path,
            line=line_of(doc),
            hint="start each entry with '- id: ...' at the left margin (see glossaries/README.md)",
        )
    entries = []
    for index, node in enumerate(doc):
        entry = _EntryParser(path, report).parse(node, line_of(doc, index))
        if entry is not None:
            entries.append(entry)
    return entries


class _EntryParser:
    """Turns one YAML entry into an :class:`Entry`, reporting what is wrong with it."""

    def __init__(self, path: Path, report: Report) -> None:
        self.path = path
        self.report = report
        self.lines: dict[tuple[Any, ...], int] = {}

    def error(self, code: str, message: str, line: int | None, fix: str) -> None:
        self.report("error", code, message, line, fix)

    def parse(self, node: Any, line: int | None) -> Entry | None:
        if not isinstance(node, CommentedMap):
            self.error(
                "bad-entry",
                "an entry must be a mapping",
                line,
                "write the entry as 'id: ...', 'type: ...', 'terms: ...'",
            )
            return None
        line = line_of(node) or line
        cid = node.get("id")
        if not isinstance(cid, str) or not ID_PATTERN.match(cid):
            self.error(
                "bad-id",
                f"missing or invalid id {cid!r}" if cid is not None else "entry has no id",
                line_of(node, "id") if "id" in node else line,
                "give the entry an id of letters, digits and '_', such as P_KURT_CAMPBELL",
            )
            return None
        for key in node:
            if key not in ENTRY_KEYS:
                self.error(
                    "unknown-key",
                    f"{cid}: unknown key {key!r}",
                    line_of(node, key),
                    f"use one of: {', '.join(ENTRY_KEYS)}",
                )
        ctype = node.get("type")
        if ctype not in CONCEPT_TYPES:
            self.error(
                "unknown-type",
                f"{cid}: unknown type {ctype!r}",
                line_of(node, "type") if "type" in node else line,
                f"set type to one of: {', '.join(CONCEPT_TYPES)}",
            )
            ctype = "other"
        terms = self.terms(cid, node.get("terms"), line_of(node, "terms") if "terms" in node else line)
        roles = self.roles(cid, node.get("roles"), node)
        concept = Concept(
            id=cid,
            type=ctype,
            terms=tuple(terms),
            scope=self.text(cid, node, "scope"),
            roles=tuple(roles),
            note=self.text(cid, node, "note"),
            sources=tuple(self.string_list(cid, node, "sources")),
            origin=Origin(str(self.path), line),
            holders=self.count(cid, node, "holders"),
        )
        return Entry(concept, self.lines)

    def text(self, cid: str, node: CommentedMap, key: str) -> str | None:
        value = node.get(key)
        if value is None or isinstance(value, str):
            return value
        self.error("bad-value", f"{cid}: {key} must be text", line_of(node, key), f"write {key} as a string")
        return None

    def count(self, cid: str, node: CommentedMap, key: str) -> int | None:
        value = node.get(key)
        if value is None or (isinstance(value, int) and not isinstance(value, bool) and value > 0):
            return value
        self.error("bad-value", f"{cid}: {key} must be a positive number", line_of(node, key), f"write '{key}: 1'")
        return None

    def string_list(self, cid: str, node: CommentedMap, key: str) -> list[str]:
        value = node.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.error(
                "bad-value",
                f"{cid}: {key} must be a list of strings",
                line_of(node, key),
                f"write {key} as a list: '- https://...'",
            )
            return []
        return list(value)

    def terms(self, cid: str, block: Any, line: int | None) -> list[Term]:
        if not isinstance(block, CommentedMap):
            self.error(
                "missing-terms",
                f"{cid}: no terms",
                line,
                "add 'terms:' with one block per language, e.g. 'en: {preferred: ...}'",
            )
            return []
        out: list[Term] = []
        for lang, value in block.items():
            lang_line = line_of(block, lang)
            if lang not in LANGUAGES:
                self.error(
                    "unknown-language",
                    f"{cid}: unknown language key {lang!r}",
                    lang_line,
                    f"use one of: {', '.join(LANGUAGES)} (ISO 639-1 codes)",
                )
                continue
            out.extend(self.language(cid, lang, value, lang_line))
        return out

    def language(self, cid: str, lang: str, value: Any, line: int | None) -> list[Term]:
        if isinstance(value, str) or value is None:
            term = self.term(cid, lang, "preferred", value, line, True)
            if term is not None:
                self.lines.setdefault((lang, "preferred", term.text), line or 0)
            return [term] if term is not None else []
        if not isinstance(value, CommentedMap):
            self.error(
                "bad-value",
                f"{cid}/{lang}: a language block must be a term or a mapping",
                line,
                "write 'preferred: ...', 'admitted: [...]', 'forbidden: [...]'",
            )
            return []
        verified = value.get("verified", True)
        if not isinstance(verified, bool):
            self.error(
                "bad-value",
                f"{cid}/{lang}: verified must be true or false",
                line_of(value, "verified"),
                "write 'verified: false' or remove it",
            )
            verified = True
        terms: list[Term] = []
        for status, raw in value.items():
            sline = line_of(value, status)
            if status == "verified":
                continue
            if status not in TERM_STATUSES:
                self.error(
                    "unknown-status",
                    f"{cid}/{lang}: unknown status {status!r}",
                    sline,
                    f"use one of: {', '.join(TERM_STATUSES)}",
                )
                continue
            single = status == "preferred" or isinstance(raw, (str, CommentedMap)) or raw is None
            items = [raw] if single else raw
            for i, item in enumerate(items):
                iline = line_of(items, i) if isinstance(items, CommentedSeq) else sline
                term = self.term(cid, lang, status, item, iline, verified)
                if term is not None:
                    terms.append(term)
                    self.lines.setdefault((lang, status, term.text), iline or 0)
        if not any(t.status == "preferred" for t in terms) and "preferred" not in value:
            self.error(
                "missing-preferred",
                f"{cid}/{lang}: no preferred term",
                line,
                f"add 'preferred: ...' to the {lang} block",
            )
        return terms

    def term(self, cid: str, lang: str, status: str, item: Any, line: int | None, verified: bool) -> Term | None:
        opts: dict[str, Any] = {}
        if isinstance(item, CommentedMap):
            for key in item:
                if key not in TERM_KEYS:
                    self.error(
                        "unknown-key",
                        f"{cid}/{lang}: unknown term option {key!r}",
                        line_of(item, key),
                        f"use one of: {', '.join(TERM_KEYS)}",
                    )
            opts = {k: item.get(k) for k in TERM_KEYS if k in item}
            text = opts.pop("text", None)
            line = line_of(item) or line
        else:
            text = item
        if isinstance(text, (int, float)) and not isinstance(text, bool):
            text = str(text)
        if not isinstance(text, str) or not text.strip():
            self.error(
                "empty-term", f"{cid}/{lang}: empty {status} term", line, "write the term, or remove the empty item"
            )
            return None
        for key in ("case_sensitive", "final_consonant", "verified"):
            if key in opts and not isinstance(opts[key], bool) and not (key == "final_consonant" and opts[key] is None):
                self.error(
                    "bad-value",
                    f"{cid}/{lang}: {key} must be true or false",
                    line,
                    f"write '{key}: true' or '{key}: false'",
                )
                opts.pop(key)
        for key in ("reading", "note"):
            if key in opts and opts[key] is not None and not isinstance(opts[key], str):
                self.error("bad-value", f"{cid}/{lang}: {key} must be text", line, f"write {key} as a string")
                opts.pop(key)
        opts.setdefault("verified", verified)
        start = self.date(cid, opts.pop("from", None), line, end=False)
        end = self.date(cid, opts.pop("to", None), line, end=True)
        if start and end and start > end:
            self.error(
                "date-order",
                f"{cid}/{lang}: {text!r} is in use from {start} to {end}, which ends before it starts",
                line,
                "swap from and to, or correct the dates",
            )
            start = end = None
        return Term(text=text, lang=lang, status=cast(TermStatus, status), start=start, end=end, **opts)

    def roles(self, cid: str, block: Any, node: CommentedMap) -> list[Role]:
        if block is None:
            return []
        if not isinstance(block, CommentedSeq):
            self.error(
                "bad-value",
                f"{cid}: roles must be a list",
                line_of(node, "roles"),
                "write each role as '- {title: T_..., from: YYYY-MM-DD}'",
            )
            return []
        roles = []
        for i, item in enumerate(block):
            line = line_of(block, i)
            self.lines[("role", i)] = line or 0
            if not isinstance(item, CommentedMap) or not isinstance(item.get("title"), str):
                self.error(
                    "bad-role",
                    f"{cid}: role {i + 1} has no title",
                    line,
                    "write the role as '{title: T_..., country: US, from: ..., to: ...}'",
                )
                continue
            for key in item:
                if key not in ROLE_KEYS:
                    self.error(
                        "unknown-key", f"{cid}: unknown role key {key!r}", line, f"use one of: {', '.join(ROLE_KEYS)}"
                    )
            start = self.date(cid, item.get("from"), line, end=False)
            end = self.date(cid, item.get("to"), line, end=True)
            country = item.get("country")
            note = item.get("note")
            roles.append(
                Role(
                    title=item["title"],
                    country=str(country) if country is not None else None,
                    start=start,
                    end=end,
                    note=str(note) if note is not None else None,
                    start_latest=_other_end(item.get("from"), start, end=True),
                    end_earliest=_other_end(item.get("to"), end, end=False),
                )
            )
        return roles

    def date(self, cid: str, value: Any, line: int | None, *, end: bool) -> date | None:
        if value is None:
            return None
        try:
            return parse_date(value, end=end)
        except ValueError:
            self.error(
                "bad-date",
                f"{cid}: invalid date {value!r}",
                line,
                "write the date as YYYY, YYYY-MM or YYYY-MM-DD (for example 2024-02-12)",
            )
            return None


def _other_end(value: Any, parsed: date | None, *, end: bool) -> date | None:
    """The other end of a period date ('2024-02': its last day when ``end``), when it differs from ``parsed``."""
    if parsed is None:
        return None
    other = parse_date(value, end=end)
    return other if other != parsed else None


def parse_date(value: Any, *, end: bool = False) -> date:
    """A role date: a ``date``, a year, ``YYYY-MM`` or ``YYYY-MM-DD``; periods give their first (or last) day.

    >>> parse_date("2024-02"), parse_date("2024-02", end=True), parse_date(2021, end=True)
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29), datetime.date(2021, 12, 31))
    """
    if isinstance(value, date):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    match = _DATE.match(value) if isinstance(value, str) else None
    if not match:
        raise ValueError(f"not a date: {value!r}")
    year, month, day = match.group(1), match.group(2), match.group(3)
    y = int(year)
    if day:
        return date(y, int(month), int(day))
    if month:
        m = int(month)
        return date(y, m, calendar.monthrange(y, m)[1] if end and 1 <= m <= 12 else 1)
    return date(y, 12, 31) if end else date(y, 1, 1)


def _raise_errors(severity: str, code: str, message: str, line: int | None, fix: str, *, path: Path) -> None:
    if severity == "error":
        raise GlossaryError(message, path=path, line=line, hint=fix)


def read_file(path: str | Path, *, text: str | None = None) -> list[Entry]:
    """Parse one file, raising :class:`GlossaryError` at the first malformed entry."""
    p = Path(path)
    return parse_entries(p, lambda *a: _raise_errors(*a, path=p), text=text)
