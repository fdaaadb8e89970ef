"""Lint glossary files: find editors' mistakes, each with file:line and the fix.

Codes (severity):

- ``yaml`` (error): the file is not valid YAML or not a list of entries.
- ``bad-entry``, ``bad-id``, ``bad-value``, ``bad-role``, ``unknown-key``,
  ``missing-terms`` (error): malformed entries.
- ``unknown-type``, ``unknown-language``, ``unknown-status`` (error).
- ``empty-term``, ``missing-preferred`` (error).
- ``bad-date`` (error): a date that is not ``YYYY[-MM[-DD]]``; ``date-order``
  (error): a role whose ``from`` is after its ``to``.
- ``duplicate-id`` (error): the same id twice within one layer; ``override``
  (info): a later layer replaces a concept of an earlier one.
- ``unknown-role-title`` (error): a role points to no concept;
  ``role-not-title`` (error): to a concept that is not a title.
- ``forbidden-approved`` (error): a form both forbidden and approved for one concept.
- ``term-conflict`` (warning): the same approved form in two concepts whose
  scopes do not separate them.
- ``missing-language`` (warning): a concept without a term in en, ko or vi.
- ``whitespace``, ``not-nfc`` (warning): stray spaces, text not in Unicode NFC.
- ``missing-reading`` (warning): a Korean form ending in Latin letters or digits
  without ``reading`` or ``final_consonant`` (needed to choose the particle).
- ``name-overlap`` (error): two names of one concept in one language in use on
  the same days under different dates (a rename dated twice). Forms with the same
  dates (a name and its abbreviation) and undated forms may overlap.
- ``role-overlap`` (warning): more people surely hold a title on one day than
  its ``holders`` allows (a handover day shared by two holders is fine, and a
  date known to the month or year may be any day of it).
- ``role-gap`` (warning): days surely without a holder of a title with ``holders: 1``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

from ..errors import InputError
from ..lang.normalize import normalize
from ..languages import LANGUAGES
from .model import Concept, Glossary, Role, Term
from .store import Entry, layer_files, parse_entries

__all__ = ["Problem", "Severity", "lint"]

Severity = Literal["error", "warning", "info"]
_ORDER = {"error": 0, "warning": 1, "info": 2}
_LATIN_FINAL = re.compile(r"[A-Za-z0-9][)\]]?$")


@dataclass(frozen=True)
class Problem:
    """One lint finding."""

    severity: Severity
    code: str
    message: str
    path: str | None = None
    line: int | None = None
    fix: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.path and self.line else (self.path or "<glossary>")
        text = f"{where}: {self.severity}: {self.message} [{self.code}]"
        return text + (f" (fix: {self.fix})" if self.fix else "")


def lint(glossary_or_paths: Glossary | Sequence[str | Path]) -> list[Problem]:
    """Problems in a loaded glossary, or in glossary files/folders (layers, as for ``load``).

    Given paths, malformed entries are reported too (a loaded glossary has none).
    Problems come sorted by file and line.
    """
    problems: list[Problem] = []
    if isinstance(glossary_or_paths, Glossary):
        entries = [Entry(c) for c in glossary_or_paths]
    else:
        entries = _read_layers(glossary_or_paths, problems)
    concepts: dict[str, Concept] = {}
    for entry in entries:
        concepts[entry.concept.id] = entry.concept
    final = [e for e in entries if concepts.get(e.concept.id) is e.concept]
    for entry in final:
        problems += _concept_problems(entry, concepts)
        problems += _name_overlaps(entry)
    problems += _conflicts(final)
    problems += _continuity(final, concepts)
    return sorted(problems, key=lambda p: (p.path or "", p.line or 0, _ORDER[p.severity], p.code))


def _read_layers(paths: Sequence[str | Path], problems: list[Problem]) -> list[Entry]:
    entries: list[Entry] = []
    defined: dict[str, Entry] = {}
    for layer in paths:
        seen: dict[str, Entry] = {}
        for path in layer_files(layer):

            def report(severity: str, code: str, message: str, line: int | None, fix: str, _p: Path = path) -> None:
                # parse_entries (store.py) passes severities as str; they are the Severity literals
                problems.append(Problem(severity, code, message, str(_p), line, fix))  # type: ignore[arg-type]

            try:
                parsed = parse_entries(path, report)
            except InputError as err:  # not YAML, not UTF-8, unreadable
                problems.append(Problem("error", "yaml", err.message, str(path), err.line, err.hint))
                continue
            for entry in parsed:
                c = entry.concept
                if c.id in seen:
                    problems.append(
                        Problem(
                            "error",
                            "duplicate-id",
                            f"duplicate id {c.id} (first defined at {seen[c.id].concept.origin})",
                            str(path),
                            _line(c),
                            "give one of the two entries another id, or merge them",
                        )
                    )
                    continue
                if c.id in defined:
                    problems.append(
                        Problem(
                            "info",
                            "override",
                            f"{c.id} overrides the concept defined at {defined[c.id].concept.origin}",
                            str(path),
                            _line(c),
                            "nothing to fix if intended: a later layer replaces the whole concept",
                        )
                    )
                seen[c.id] = entry
                entries.append(entry)
        defined.update(seen)
    return entries


def _line(concept: Concept) -> int | None:
    return concept.origin.line if concept.origin else None


def _where(concept: Concept) -> str | None:
    return concept.origin.path if concept.origin else None


def _concept_problems(entry: Entry, concepts: dict[str, Concept]) -> list[Problem]:
    c = entry.concept
    path = _where(c)
    out: list[Problem] = []
    langs = {t.lang for t in c.terms}
    missing = [lang for lang in LANGUAGES if lang not in langs]
    if missing and c.terms:
        out.append(
            Problem(
                "warning",
                "missing-language",
                f"{c.id} has no {'/'.join(missing)} term",
                path,
                _line(c),
                f"add a {missing[0]} block under terms (mark it 'verified: false' if unsure)",
            )
        )
    for term in c.terms:
        out += _text_problems(c, term, entry.line_of((term.lang, term.status, term.text)), path)
    approved = [t for t in c.terms if t.approved]
    for term in c.terms:
        if term.status == "forbidden" and any(_same_form(term, a) for a in approved):
            out.append(
                Problem(
                    "error",
                    "forbidden-approved",
                    f"{c.id}/{term.lang}: {term.text!r} is both forbidden and approved",
                    path,
                    entry.line_of((term.lang, term.status, term.text)),
                    "remove it from forbidden, or from preferred/admitted",
                )
            )
    for i, role in enumerate(c.roles):
        line = entry.line_of(("role", i))
        target = concepts.get(role.title)
        if target is None:
            out.append(
                Problem(
                    "error",
                    "unknown-role-title",
                    f"{c.id}: role title {role.title} is not a concept",
                    path,
                    line,
                    f"add a title concept {role.title}, or correct the id",
                )
            )
        elif target.type != "title":
            out.append(
                Problem(
                    "error",
                    "role-not-title",
                    f"{c.id}: role points to {role.title}, of type {target.type}, not title",
                    path,
                    line,
                    "point the role to a concept of type title",
                )
            )
        if role.start and role.end and role.start > role.end:
            out.append(
                Problem(
                    "error",
                    "date-order",
                    f"{c.id}: role {role.title} starts ({role.start}) after it ends ({role.end})",
                    path,
                    line,
                    "swap from and to, or correct the dates",
                )
            )
    return out


def _text_problems(c: Concept, term: Term, line: int | None, path: str | None) -> list[Problem]:
    out = []
    text = term.text
    if text != text.strip() or "  " in text or any(ch in text for ch in "\t\n\u00a0"):
        out.append(
            Problem(
                "warning",
                "whitespace",
                f"{c.id}/{term.lang}: stray whitespace in {text!r}",
                path,
                line,
                f"write {' '.join(text.split())!r}",
            )
        )
    if term.lang == "ko" and _LATIN_FINAL.search(text) and term.reading is None and term.final_consonant is None:
        out.append(
            Problem(
                "warning",
                "missing-reading",
                f"{c.id}/ko: {text!r} ends in Latin letters or digits and has no reading",
                path,
                line,
                "add 'reading:' with its Hangul reading (CHIPS -> 칩스) or 'final_consonant: true/false'",
            )
        )
    if not unicodedata.is_normalized("NFC", text):
        out.append(
            Problem(
                "warning",
                "not-nfc",
                f"{c.id}/{term.lang}: {text!r} is not in Unicode NFC (decomposed accents)",
                path,
                line,
                f"write {unicodedata.normalize('NFC', text)!r} (composed characters)",
            )
        )
    return out


def _same_form(forbidden: Term, approved: Term) -> bool:
    """True when the matcher cannot tell the two terms apart (case counts only when both are case-sensitive)."""
    if forbidden.lang != approved.lang:
        return False
    cased = forbidden.case_sensitive and approved.case_sensitive
    return normalize(forbidden.text, case_sensitive=cased) == normalize(approved.text, case_sensitive=cased)


def _conflicts(entries: list[Entry]) -> list[Problem]:
    """The same approved form in two concepts, unless both are scoped and the scopes differ."""
    by_form: dict[tuple[str, str], list[tuple[Entry, Term]]] = {}
    for entry in entries:
        for term in entry.concept.terms:
            if term.approved:
                bucket = by_form.setdefault((term.lang, normalize(term.text)), [])
                if all(e.concept.id != entry.concept.id for e, _ in bucket):
                    bucket.append((entry, term))
    out = []
    for (lang, _), users in by_form.items():
        for i, (entry, term) in enumerate(users):
            for other, _other_term in users[:i]:
                a, b = entry.concept, other.concept
                if a.scope and b.scope and a.scope != b.scope:
                    continue
                scope = f"scope {a.scope}" if a.scope else "no scope"
                out.append(
                    Problem(
                        "warning",
                        "term-conflict",
                        f"{a.id}/{lang}: {term.text!r} is also a term of {b.id} ({other.concept.origin}), with {scope}",
                        _where(a),
                        entry.line_of((term.lang, term.status, term.text)),
                        "give both concepts different scopes, or keep the form in one concept only",
                    )
                )
    return out


def _period(term: Term) -> str:
    return f"{term.start or '…'} – {term.end or 'present'}"


def _name_overlaps(entry: Entry) -> list[Problem]:
    """Dated approved names of one language whose different periods share days."""
    c = entry.concept
    out = []
    for lang in dict.fromkeys(t.lang for t in c.terms):
        dated = [t for t in c.terms_in(lang) if t.approved and t.dated]
        for i, term in enumerate(dated):
            for other in dated[:i]:
                if (term.start, term.end) == (other.start, other.end) or not _overlap(term, other):
                    continue
                out.append(
                    Problem(
                        "error",
                        "name-overlap",
                        f"{c.id}/{lang}: {term.text!r} ({_period(term)}) and {other.text!r} ({_period(other)})"
                        " are both in use on the same days",
                        _where(c),
                        entry.line_of((lang, term.status, term.text)),
                        "end the old name the day before the new one starts (to: ... / from: ...)",
                    )
                )
    return out


def _overlap(a: Term, b: Term) -> bool:
    """True when the two periods share more than one day (a shared first/last day is a handover)."""
    start = max(a.start or date.min, b.start or date.min)
    end = min(a.end or date.max, b.end or date.max)
    return start < end


def _held_together(a: Role, b: Role) -> bool:
    """True when two roles surely share more than one day: a date known to the month or year
    ('to: 2025-07', 'from: 2025-07') may be any day of it, so a handover within it is no overlap.
    """
    start = max(a.surely_from or date.min, b.surely_from or date.min)
    end = min(a.surely_until or date.max, b.surely_until or date.max)
    return start < end


def _continuity(entries: list[Entry], concepts: dict[str, Concept]) -> list[Problem]:
    """Holders of a title with ``holders`` set: not more at once than allowed, and (for one) no gaps."""
    held: dict[str, list[tuple[Role, Entry, int]]] = {}
    for entry in entries:
        for i, role in enumerate(entry.concept.roles):
            title = concepts.get(role.title)
            if title is not None and title.holders is not None and role.start is not None:
                held.setdefault(role.title, []).append((role, entry, i))
    out = []
    for title_id, roles in held.items():
        limit = concepts[title_id].holders or 1
        roles.sort(key=lambda r: (r[0].start, r[0].end or date.max))
        for k, (role, entry, i) in enumerate(roles):
            person = entry.concept
            earlier = [(r, e) for r, e, _ in roles[:k] if e.concept.id != person.id and _held_together(r, role)]
            if len(earlier) >= limit:
                names = ", ".join(f"{e.concept.id} ({r.start} – {r.end or 'present'})" for r, e in earlier)
                out.append(
                    Problem(
                        "warning",
                        "role-overlap",
                        f"{person.id} holds {title_id} from {role.start}, while {names} also held it"
                        f" ({limit} holder{'s' if limit > 1 else ''} at a time)",
                        _where(person),
                        entry.line_of(("role", i)),
                        "end the earlier holder's role ('to:'), or correct the dates",
                    )
                )
        if limit == 1:
            out += _gaps(title_id, roles)
    return out


def _gaps(title_id: str, roles: list[tuple[Role, Entry, int]]) -> list[Problem]:
    """Days surely without a holder: between the latest end so far and the next start (roles sorted by start)."""
    out = []
    covered: tuple[date, Entry] | None = None  # the last day the title may have been held so far, and by whom
    for role, entry, i in roles:
        start = role.start
        assert start is not None
        if covered is not None and covered[0] + timedelta(days=1) < start:
            out.append(
                Problem(
                    "warning",
                    "role-gap",
                    f"{title_id} has no holder from {covered[0] + timedelta(days=1)} to {start - timedelta(days=1)}"
                    f" (between {covered[1].concept.id} and {entry.concept.id})",
                    _where(entry.concept),
                    entry.line_of(("role", i)),
                    "add the holder (or an acting one) of those days, or correct the dates",
                )
            )
        if role.end is None:
            return out  # held to this day: no gap after it
        if covered is None or role.end > covered[0]:
            covered = (role.end, entry)
    return out
