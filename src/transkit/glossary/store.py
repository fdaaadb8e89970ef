"""Read and write the editor glossary files (YAML, one concept per entry).

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

Files are parsed with ruamel.yaml in round-trip mode (safe: no Python objects
are built from tags), so :class:`GlossaryFile` can edit a document in place and
keep its comments and entry order. Writes are atomic (temp file + ``os.replace``)
and happen only after the edited document has been parsed back without errors.

Editors never write YAML tags (``!!int``), aliases (``*name``) or deep nesting, so
a file with any of them is refused with its line: an alias can expand a small file
into gigabytes, and a tag turns a value into a type no field takes.

Layers: :func:`load` takes files and folders; a folder stands for all its
``*.yaml``/``*.yml`` files, sorted. A later path overrides an earlier one for
the same concept id (the whole concept is replaced). The same id twice within
one path is an error.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, cast

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.util import load_yaml_guess_indent

from ..errors import GlossaryError
from ..languages import LANGUAGES
from ..text.io import decode, write_text
from .model import CONCEPT_TYPES, TERM_STATUSES, Concept, Glossary, Origin, Role, Term, TermStatus

__all__ = [
    "ENV_VAR",
    "Entry",
    "GlossaryFile",
    "concept_to_data",
    "default_paths",
    "dump",
    "glossary_version",
    "layer_files",
    "load",
    "parse_entries",
]

ENV_VAR = "TRANSKIT_GLOSSARY"
SUFFIXES = (".yaml", ".yml")
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


# --------------------------------------------------------------------------- paths


def default_paths() -> list[str]:
    """``$TRANSKIT_GLOSSARY`` split on ``os.pathsep``; else ``["glossaries"]`` if that folder exists."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return [p for p in env.split(os.pathsep) if p]
    return ["glossaries"] if Path("glossaries").is_dir() else []


def layer_files(path: str | Path, *, allow_empty: bool = False) -> list[Path]:
    """The glossary files one layer stands for: the file itself, or a folder's YAML files, sorted.

    A folder without any is an error unless ``allow_empty``: a glossary that is silently empty
    lets every name through.
    """
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.iterdir() if f.suffix in SUFFIXES and f.is_file())
        if not files and not allow_empty:
            raise GlossaryError(
                "no glossary files (*.yaml, *.yml) in this folder",
                path=p,
                hint="name the folder that holds the glossary files, or add one (see glossaries/README.md)",
            )
        return files
    if p.is_file():
        return [p]
    raise GlossaryError(
        "glossary not found",
        path=p,
        hint=f"pass a glossary file or folder with --glossary, or set ${ENV_VAR}",
    )


# --------------------------------------------------------------------------- parsing


class _Constructor(RoundTripConstructor):
    """Round-trip constructor that leaves an impossible date (2024-13-01) as text for lint to report."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return str(node.value)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


MAX_DEPTH = 12
"""The deepest nesting a glossary file may have (a term option in an entry is at level 7)."""


class _Refused(MarkedYAMLError):
    """YAML that is valid but not allowed in a glossary file; carries its own hint."""

    def __init__(self, problem: str, mark: Any, hint: str) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.hint = hint


class _Composer(Composer):
    """A composer that refuses aliases, explicit tags and nesting deeper than :data:`MAX_DEPTH`."""

    _nesting = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused(
                f"YAML alias *{event.anchor} is not allowed in a glossary file",
                event.start_mark,
                "write the value out in full (aliases can expand a small file into gigabytes)",
            )
        tag = getattr(event, "ctag", None) or getattr(event, "tag", None)
        if tag is not None and str(tag) != "!":
            raise _Refused(
                f"YAML tag {str(tag).replace('tag:yaml.org,2002:', '!!')} is not allowed in a glossary file",
                event.start_mark,
                "remove the tag; quote the value if it must stay text, e.g. '2024'",
            )
        if self._nesting >= MAX_DEPTH:
            raise _Refused(
                f"nested more than {MAX_DEPTH} levels deep",
                event.start_mark,
                "a glossary entry nests at most 7 levels: check the brackets and indentation",
            )
        self._nesting += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._nesting -= 1


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Composer = _Composer
    yaml.Constructor = _Constructor
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long notes: an edit must not touch other lines
    yaml.indent(mapping=2, sequence=2, offset=0)
    return yaml


def _read_document(path: Path, text: str | None = None) -> Any:
    if text is None:
        try:
            text = decode(path.read_bytes(), path=path)
        except OSError as err:
            raise GlossaryError(f"cannot read file: {err.strerror}", path=path) from err
    try:
        return _yaml().load(text)
    except _Refused as err:
        raise GlossaryError(err.problem, path=path, line=err.problem_mark.line + 1, hint=err.hint) from None
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else None
        raise GlossaryError(
            f"invalid YAML: {err.problem or err.context}",
            path=path,
            line=line,
            hint="check indentation, quote values containing ': ' or ' #', and use one key per line",
        ) from err
    except YAMLError as err:
        raise GlossaryError(f"invalid YAML: {err}", path=path, hint="check the file's YAML syntax") from err


def _line(node: Any, key: Any = None) -> int | None:
    """1-based line of ``node`` (or of ``node[key]``) in its file."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if key is None:
            return int(lc.line) + 1
        if isinstance(node, CommentedSeq):
            return int(lc.item(key)[0]) + 1
        return int(lc.key(key)[0]) + 1
    except (KeyError, IndexError, TypeError):
        return int(lc.line) + 1


def parse_entries(path: str | Path, report: Report, *, text: str | None = None) -> list[Entry]:
    """Parse one glossary file into entries, reporting each problem through ``report``.

    Raises :class:`GlossaryError` for a file that is not YAML or not a list. Each
    entry problem goes to ``report``; if ``report`` returns, the bad part is skipped
    and parsing goes on (lint collects every problem this way).
    """
    path = Path(path)
    doc = _read_document(path, text)
    if doc is None:
        return []
    if not isinstance(doc, CommentedSeq):
        raise GlossaryError(
            "a glossary file must be a YAML list of entries",
            path=path,
            line=_line(doc),
            hint="start each entry with '- id: ...' at the left margin (see glossaries/README.md)",
        )
    entries = []
    for index, node in enumerate(doc):
        entry = _EntryParser(path, report).parse(node, _line(doc, index))
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
        line = _line(node) or line
        cid = node.get("id")
        if not isinstance(cid, str) or not ID_PATTERN.match(cid):
            self.error(
                "bad-id",
                f"missing or invalid id {cid!r}" if cid is not None else "entry has no id",
                _line(node, "id") if "id" in node else line,
                "give the entry an id of letters, digits and '_', such as P_KURT_CAMPBELL",
            )
            return None
        for key in node:
            if key not in ENTRY_KEYS:
                self.error(
                    "unknown-key",
                    f"{cid}: unknown key {key!r}",
                    _line(node, key),
                    f"use one of: {', '.join(ENTRY_KEYS)}",
                )
        ctype = node.get("type")
        if ctype not in CONCEPT_TYPES:
            self.error(
                "unknown-type",
                f"{cid}: unknown type {ctype!r}",
                _line(node, "type") if "type" in node else line,
                f"set type to one of: {', '.join(CONCEPT_TYPES)}",
            )
            ctype = "other"
        terms = self.terms(cid, node.get("terms"), _line(node, "terms") if "terms" in node else line)
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
        self.error("bad-value", f"{cid}: {key} must be text", _line(node, key), f"write {key} as a string")
        return None

    def count(self, cid: str, node: CommentedMap, key: str) -> int | None:
        value = node.get(key)
        if value is None or (isinstance(value, int) and not isinstance(value, bool) and value > 0):
            return value
        self.error("bad-value", f"{cid}: {key} must be a positive number", _line(node, key), f"write '{key}: 1'")
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
                _line(node, key),
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
            lang_line = _line(block, lang)
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
                _line(value, "verified"),
                "write 'verified: false' or remove it",
            )
            verified = True
        terms: list[Term] = []
        for status, items in value.items():
            sline = _line(value, status)
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
            if status == "preferred" or isinstance(items, (str, CommentedMap)) or items is None:
                items = [items]
            for i, item in enumerate(items):
                iline = _line(items, i) if isinstance(items, CommentedSeq) else sline
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
                        _line(item, key),
                        f"use one of: {', '.join(TERM_KEYS)}",
                    )
            opts = {k: item.get(k) for k in TERM_KEYS if k in item}
            text = opts.pop("text", None)
            line = _line(item) or line
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
        return Term(text=text, lang=lang, status=cast(TermStatus, status), start=start, end=end, **opts)  # checked

    def roles(self, cid: str, block: Any, node: CommentedMap) -> list[Role]:
        if block is None:
            return []
        if not isinstance(block, CommentedSeq):
            self.error(
                "bad-value",
                f"{cid}: roles must be a list",
                _line(node, "roles"),
                "write each role as '- {title: T_..., from: YYYY-MM-DD}'",
            )
            return []
        roles = []
        for i, item in enumerate(block):
            line = _line(block, i)
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


# --------------------------------------------------------------------------- loading


def _raise_errors(severity: str, code: str, message: str, line: int | None, fix: str, *, path: Path) -> None:
    if severity == "error":
        raise GlossaryError(message, path=path, line=line, hint=fix)


def read_file(path: str | Path, *, text: str | None = None) -> list[Entry]:
    """Parse one file, raising :class:`GlossaryError` at the first malformed entry."""
    p = Path(path)
    return parse_entries(p, lambda *a: _raise_errors(*a, path=p), text=text)


def _file_concepts(path: Path) -> list[Concept]:
    """The concepts of one glossary file, through the parse cache (:mod:`transkit.glossary.cache`)."""
    from .cache import cached_concepts

    try:
        data = path.read_bytes()
    except OSError as err:
        raise GlossaryError(f"cannot read file: {err.strerror}", path=path) from err
    return cached_concepts(path, data, lambda: [e.concept for e in read_file(path, text=decode(data, path=path))])


def load(paths: Sequence[str | Path]) -> Glossary:
    """Load glossary layers (files or folders); later layers override earlier ones per concept id."""
    concepts: dict[str, Concept] = {}
    files: list[str] = []
    for layer in paths:
        seen: dict[str, Concept] = {}
        for path in layer_files(layer):
            files.append(str(path))
            for c in _file_concepts(path):
                if c.id in seen:
                    raise GlossaryError(
                        f"duplicate id {c.id} (first defined at {seen[c.id].origin})",
                        path=path,
                        line=c.origin.line if c.origin else None,
                        hint="give one of the two entries another id, or merge them",
                    )
                seen[c.id] = c
        for cid, concept in seen.items():
            concepts.pop(cid, None)  # an override moves to the overriding layer's position
            concepts[cid] = concept
    return Glossary(concepts=concepts, version=glossary_version(concepts.values()), paths=tuple(files))


def glossary_version(concepts: Iterable[Concept]) -> str:
    """A short sha256 of the canonical content (ids sorted; origins excluded)."""
    data = sorted((concept_to_data(c) for c in concepts), key=lambda d: d["id"])
    blob = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12]


# --------------------------------------------------------------------------- writing


def _term_data(term: Term, lang_verified: bool) -> Any:
    opts: dict[str, Any] = {}
    if term.case_sensitive:
        opts["case_sensitive"] = True
    if term.reading is not None:
        opts["reading"] = term.reading
    if term.final_consonant is not None:
        opts["final_consonant"] = term.final_consonant
    if term.verified != lang_verified:
        opts["verified"] = term.verified
    if term.note:
        opts["note"] = term.note
    if term.start is not None:
        opts["from"] = term.start.isoformat()
    if term.end is not None:
        opts["to"] = term.end.isoformat()
    return {"text": term.text, **opts} if opts else term.text


def concept_to_data(concept: Concept) -> dict[str, Any]:
    """Plain data for one concept, in the file format (JSON-serialisable; dates as ISO strings)."""
    data: dict[str, Any] = {"id": concept.id, "type": concept.type}
    if concept.scope:
        data["scope"] = concept.scope
    if concept.holders is not None:
        data["holders"] = concept.holders
    terms: dict[str, Any] = {}
    for lang in dict.fromkeys(t.lang for t in concept.terms):
        group = concept.terms_in(lang)
        lang_verified = any(t.verified for t in group)
        block: dict[str, Any] = {}
        for status in TERM_STATUSES:
            items = [_term_data(t, lang_verified) for t in group if t.status == status]
            if items:
                block[status] = items[0] if status == "preferred" and len(items) == 1 else items
        if not lang_verified:
            block["verified"] = False
        terms[lang] = block
    data["terms"] = terms
    if concept.roles:
        data["roles"] = [
            {
                k: v
                for k, v in (
                    ("title", r.title),
                    ("country", r.country),
                    ("from", r.start.isoformat() if r.start else None),
                    ("to", r.end.isoformat() if r.end else None),
                    ("note", r.note),
                )
                if v is not None
            }
            for r in concept.roles
        ]
    if concept.note:
        data["note"] = concept.note
    if concept.sources:
        data["sources"] = list(concept.sources)
    return data


def _flow(value: Any) -> Any:
    """A flow-style ruamel node for a term, a term list or a role."""
    node: CommentedMap | CommentedSeq
    if isinstance(value, dict):
        node = CommentedMap((k, _flow(v)) for k, v in value.items())
    elif isinstance(value, list):
        node = CommentedSeq(_flow(v) for v in value)
    else:
        return value
    node.fa.set_flow_style()
    return node


def _role_dates(role: Role) -> dict[str, date]:
    return {k: v for k, v in (("from", role.start), ("to", role.end)) if v is not None}


def concept_to_node(concept: Concept) -> CommentedMap:
    """A ruamel node for ``concept``, laid out like the seed glossary.

    A language block fits on one line when short (``ko: {preferred: 커트 캠벨}``);
    longer ones get one line per status. Roles are one line each.
    """
    data = concept_to_data(concept)
    node = CommentedMap()
    for key, value in data.items():
        if key == "terms":
            terms = CommentedMap()
            for lang, block in value.items():
                flat = json.dumps(block, ensure_ascii=False)
                if len(flat) <= 72:
                    terms[lang] = _flow(block)
                else:
                    terms[lang] = CommentedMap((status, _flow(items)) for status, items in block.items())
            node[key] = terms
        elif key == "roles":  # dates as YAML dates, not quoted strings
            node[key] = CommentedSeq(_flow({**r, **_role_dates(role)}) for r, role in zip(value, concept.roles))
        elif key == "sources":
            node[key] = CommentedSeq(value)
        else:
            node[key] = value
    return node


def _dump_text(doc: Any, *, indent: tuple[int, int, int] = (2, 2, 0)) -> str:
    yaml = _yaml()
    yaml.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    buf = io.StringIO()
    yaml.dump(doc, buf)
    return buf.getvalue()


def dump(glossary: Glossary | Iterable[Concept], path: str | Path) -> None:
    """Write every concept of ``glossary`` to a new YAML file at ``path`` (atomically)."""
    doc = CommentedSeq(concept_to_node(c) for c in glossary)
    text = _dump_text(doc)
    read_file(path, text=text)  # never write what cannot be read back
    write_text(path, text)


def _item_text(item: Any) -> Any:
    """The text of a term node: the string itself or the mapping's ``text``."""
    return item.get("text") if isinstance(item, CommentedMap) else item


class GlossaryFile:
    """One glossary file opened for editing; :meth:`save` writes it back, keeping comments and order.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.yaml"
    >>> _ = p.write_text("# house terms\\n- id: O_X\\n  type: org\\n  terms:\\n    en: X Corp\\n", encoding="utf-8")
    >>> f = GlossaryFile(p)
    >>> f.add_term("O_X", "en", "admitted", "X")
    >>> f.save()
    >>> print(p.read_text(encoding="utf-8"), end="")
    # house terms
    - id: O_X
      type: org
      terms:
        en:
          preferred: X Corp
          admitted: [X]
    """

    def __init__(self, path: str | Path, *, create: bool = False) -> None:
        self.path = Path(path)
        if create and not self.path.exists():
            self.doc: Any = CommentedSeq()
            self.indent = (2, 2, 0)
            return
        text = decode(self.path.read_bytes(), path=self.path) if self.path.exists() else ""
        read_file(self.path, text=text)  # refuse to edit a file that is already broken
        self.doc = _read_document(self.path, text)
        if self.doc is None:
            self.doc = CommentedSeq()
        _, ind, bsi = load_yaml_guess_indent(text) if text.strip() else (None, 2, 0)
        self.indent = (ind or 2, (ind or 2) + (bsi or 0), bsi or 0)

    # ---- queries
    def ids(self) -> list[str]:
        """The concept ids of the file, in file order."""
        return [n.get("id") for n in self.doc if isinstance(n, CommentedMap)]

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self.ids()

    def node(self, concept_id: str) -> CommentedMap:
        """The YAML node of ``concept_id``; raises :class:`GlossaryError` when the file has none."""
        for n in self.doc:
            if isinstance(n, CommentedMap) and n.get("id") == concept_id:
                return n
        raise GlossaryError(
            f"no concept {concept_id} in this file", path=self.path, hint="check the id with `transkit glossary search`"
        )

    # ---- edits
    def add(self, concept: Concept) -> None:
        """Append a new concept; its id must not be in the file yet."""
        if concept.id in self:
            raise GlossaryError(
                f"{concept.id} is already defined in this file",
                path=self.path,
                hint="use `transkit glossary edit` to change it",
            )
        self.doc.append(concept_to_node(concept))

    def replace(self, concept: Concept) -> None:
        """Replace the entry of ``concept.id`` with ``concept``, in place (comments between entries stay)."""
        index = self.doc.index(self.node(concept.id))
        self.doc[index] = concept_to_node(concept)

    def remove(self, concept_id: str) -> None:
        """Remove a concept's entry."""
        index = self.doc.index(self.node(concept_id))
        # ruamel keeps the comment lines that precede an entry on the entry before it; they stay.
        del self.doc[index]

    def _lang_block(self, concept_id: str, lang: str) -> CommentedMap:
        node = self.node(concept_id)
        terms = node.setdefault("terms", CommentedMap())
        block = terms.get(lang)
        if not isinstance(block, CommentedMap):
            new = CommentedMap()
            if block is not None:
                new["preferred"] = block
            terms[lang] = block = new
        return block

    def set_preferred(self, concept_id: str, lang: str, text: str, *, keep_old: bool = True) -> None:
        """Make ``text`` the preferred term in ``lang``; the old preferred becomes admitted unless ``keep_old`` is False."""
        block = self._lang_block(concept_id, lang)
        old = block.get("preferred")
        if isinstance(old, CommentedMap):
            old_text = old.get("text")
        else:
            old_text = old
        block["preferred"] = text
        if keep_old and old_text and old_text != text:
            self._append(block, "admitted", old)
        self._discard(block, "admitted", text)

    def add_term(self, concept_id: str, lang: str, status: str, text: str) -> None:
        """Add an admitted or forbidden term (nothing happens if it is already there)."""
        if status == "preferred":
            self.set_preferred(concept_id, lang, text)
            return
        block = self._lang_block(concept_id, lang)
        if "preferred" not in block and status == "admitted":
            block.insert(0, "preferred", text)
            return
        self._append(block, status, text)

    def remove_term(self, concept_id: str, lang: str, text: str) -> None:
        """Remove an admitted or forbidden term."""
        block = self._lang_block(concept_id, lang)
        if not any(self._discard(block, s, text) for s in ("admitted", "forbidden")):
            raise GlossaryError(
                f"{concept_id}/{lang} has no admitted or forbidden term {text!r}",
                path=self.path,
                hint="check the term with `transkit glossary show`",
            )

    def move_term(self, concept_id: str, lang: str, text: str, status: str) -> None:
        """Give term ``text`` another status, keeping its options (note, reading, ``verified`` …).

        A term made preferred demotes the old preferred term (options and all) to admitted.
        """
        block = self._lang_block(concept_id, lang)
        item = self._take(block, text, concept_id, lang)
        if status == "preferred":
            old = block.pop("preferred", None)
            block.insert(0, "preferred", item)
            if old is not None:
                self._append(block, "admitted", old)
        else:
            self._append(block, status, item)

    def set_term(
        self,
        concept_id: str,
        lang: str,
        text: str,
        new_text: str,
        options: dict[str, Any],
    ) -> None:
        """Rewrite term ``text`` as ``new_text`` with ``options`` (``TERM_KEYS`` but text; None drops one).

        The term keeps its status and place; it is written as a plain string when no option is left.
        """
        block = self._lang_block(concept_id, lang)
        for status in ("preferred", "admitted", "forbidden"):
            items = block.get(status)
            seq = items if isinstance(items, CommentedSeq) else [items]
            for index, item in enumerate(seq):
                if item is None or _item_text(item) != text:
                    continue
                kept = {k: v for k, v in item.items() if k != "text"} if isinstance(item, CommentedMap) else {}
                kept.update(options)
                merged = {k: kept[k] for k in TERM_KEYS if kept.get(k) is not None}
                node: Any = new_text
                if merged:
                    node = CommentedMap([("text", new_text), *merged.items()])
                    node.fa.set_flow_style()
                if isinstance(items, CommentedSeq):
                    items[index] = node
                else:
                    block[status] = node
                return
        raise GlossaryError(
            f"{concept_id}/{lang} has no term {text!r}",
            path=self.path,
            hint="reload the page",
        )

    def _take(self, block: CommentedMap, text: str, concept_id: str, lang: str) -> Any:
        """Remove term ``text`` from ``block`` and return its node (a string or a mapping with options)."""
        for status in ("preferred", "admitted", "forbidden"):
            items = block.get(status)
            if isinstance(items, CommentedSeq):
                for item in items:
                    if _item_text(item) == text:
                        items.remove(item)
                        if not items:
                            del block[status]
                        return item
            elif items is not None and _item_text(items) == text:
                del block[status]
                return items
        raise GlossaryError(
            f"{concept_id}/{lang} has no term {text!r}",
            path=self.path,
            hint="reload the page",
        )

    def set_field(self, concept_id: str, key: str, value: str | None) -> None:
        """Set (or with None, remove) ``note`` or ``scope``."""
        node = self.node(concept_id)
        if value is None:
            node.pop(key, None)
        elif key in node:
            node[key] = value
        else:
            keys = list(node)
            at = max((keys.index(k) + 1 for k in ENTRY_KEYS[: ENTRY_KEYS.index(key)] if k in keys), default=len(keys))
            node.insert(at, key, value)

    def add_source(self, concept_id: str, url: str) -> None:
        """Add ``url`` to the concept's sources (once)."""
        node = self.node(concept_id)
        sources = node.get("sources")
        if sources is None:
            node["sources"] = CommentedSeq([url])
        elif url not in sources:
            sources.append(url)

    def add_role(self, concept_id: str, role: Role) -> None:
        """Append a role to a person."""
        node = self.node(concept_id)
        item = CommentedMap(
            (k, v)
            for k, v in (
                ("title", role.title),
                ("country", role.country),
                ("from", role.start),
                ("to", role.end),
                ("note", role.note),
            )
            if v is not None
        )
        item.fa.set_flow_style()
        roles = node.get("roles")
        if roles is None:
            keys = list(node)
            at = keys.index("terms") + 1 if "terms" in keys else len(keys)
            node.insert(at, "roles", CommentedSeq([item]))
        else:
            roles.append(item)

    @staticmethod
    def _append(block: CommentedMap, status: str, item: Any) -> None:
        items = block.get(status)
        if items is None:
            seq = CommentedSeq([item])
            seq.fa.set_flow_style()
            keys = list(block)
            order = ("preferred", "admitted", "forbidden")
            at = max((keys.index(k) + 1 for k in order[: order.index(status)] if k in keys), default=0)
            block.insert(at, status, seq)
        elif isinstance(items, CommentedSeq):
            texts = [i.get("text") if isinstance(i, CommentedMap) else i for i in items]
            if (item.get("text") if isinstance(item, CommentedMap) else item) not in texts:
                items.append(item)
        else:
            seq = CommentedSeq([items, item])
            seq.fa.set_flow_style()
            block[status] = seq

    @staticmethod
    def _discard(block: CommentedMap, status: str, text: str) -> bool:
        items = block.get(status)
        if items is None:
            return False
        seq = items if isinstance(items, CommentedSeq) else [items]
        keep = [i for i in seq if (i.get("text") if isinstance(i, CommentedMap) else i) != text]
        if len(keep) == len(seq):
            return False
        if not keep:
            del block[status]
        elif isinstance(items, CommentedSeq):
            for i in [i for i in items if i not in keep]:
                items.remove(i)
        return True

    # ---- output
    def text(self) -> str:
        """The edited document as YAML text, comments and indentation kept."""
        return _dump_text(self.doc, indent=self.indent)

    def save(self) -> None:
        """Validate the edited document and write it atomically; on a problem nothing is written."""
        text = self.text()
        entries = read_file(self.path, text=text)
        seen: dict[str, int | None] = {}
        for e in entries:
            line = e.concept.origin.line if e.concept.origin else None
            if e.concept.id in seen:
                raise GlossaryError(
                    f"duplicate id {e.concept.id} (also at line {seen[e.concept.id]})",
                    path=self.path,
                    line=line,
                    hint="use another id",
                )
            seen[e.concept.id] = line
        write_text(self.path, text)
