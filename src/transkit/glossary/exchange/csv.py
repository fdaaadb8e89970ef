"""Glossary CSV for translation services and term lists, in three layouts.

Layouts (UTF-8, optional BOM; comma, tab or semicolon, sniffed on reading)
    ``pair``    two columns ``source,target``, one row per concept, preferred terms
                only, no header. DeepL glossaries and Google Cloud Translation
                *unidirectional* glossaries take this file; reading it needs
                ``source_lang`` and ``target_lang`` unless a header row of
                language codes (``en,ko``) comes first.
    ``simple``  a header of language codes (``en,ko,vi``) and one row per concept,
                preferred terms only. Amazon Translate custom terminology and Google
                *equivalent term sets* glossaries take this file. On reading, the
                extra columns ``id``, ``type``, ``description``/``note``, ``source``
                and Google's ``pos`` (ignored) are accepted; any other column is
                kept in the concept's note (``Wikipedia: https://…``). Regional
                codes name a language (``en_US``, ``ko-KR``). Term lists such
                as TICO-19's, which pack variants into one cell (``COVID-19 :
                coronavirus disease 2019``), are split with ``split=" : "``;
                ``columns`` names the columns of a file whose header transkit
                does not recognise (``id,en,ko,note``; ``-`` skips a column).
    ``multi``   the transkit layout, which round-trips everything: ``id, type,
                scope, en, ko, vi, forbidden_en, forbidden_ko, forbidden_vi, roles,
                note, source, term_data``. In a term cell the first item is the
                preferred term and the items after `` | `` are admitted; forbidden
                cells and ``source`` also separate items with `` | ``. ``roles``
                holds a JSON list of ``{"title", "country", "start", "end",
                "note"}`` (ISO dates) and ``term_data`` a JSON list of the terms
                whose flags differ from the defaults: ``{"lang", "text",
                "case_sensitive", "reading", "final_consonant", "verified",
                "note"}``.

Every reading error raises :class:`~transkit.errors.GlossaryError` naming the
file and line; nothing is returned half-read. Writing goes through a temporary
file and a rename.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal, cast

from ...errors import GlossaryError
from ...languages import LANGUAGES
from ...languages import normalize as normalize_lang
from ...text.io import write_text
from ..model import CONCEPT_TYPES, Concept, ConceptType, Glossary, Origin, Term
from .common import (
    FLAG_TYPES,
    ExportResult,
    apply_flags,
    content_version,
    language_or_none,
    make_id,
    read_text,
    roles_from_json,
    roles_to_json,
    term_flags,
)

__all__ = ["SEPARATOR", "read_csv", "write_csv"]

log = logging.getLogger(__name__)

SEPARATOR = " | "
_COLUMN_ALIASES = {"concept_id": "id", "description": "note", "notes": "note", "sources": "source"}
_IGNORED_COLUMNS = {"pos"}  # Google's part of speech
_FIXED_COLUMNS = {"id", "type", "scope", "roles", "note", "source", "term_data"}


def _split(cell: str, extra: str | None = None) -> list[str]:
    """The items of a cell: separated by ``|`` (and by ``extra`` when given), blanks dropped."""
    if extra:
        cell = cell.replace(extra, "|")
    return [item.strip() for item in cell.split("|") if item.strip()] if cell.strip() else []


def _dialect(text: str, path: Path) -> type[csv.Dialect] | csv.Dialect:
    sample = text[:8192]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        counts = {d: first.count(d) for d in ",\t;"}
        delimiter = max(counts, key=lambda d: counts[d])
        return type("Sniffed", (csv.excel,), {"delimiter": delimiter if counts[delimiter] else ","})


def _rows(text: str, path: Path) -> list[tuple[int, list[str]]]:
    """(line, cells) for each non-blank row; the line is where the row starts."""
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text, path))
    rows = []
    line = 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((line, [c.strip() for c in cells]))
            line = reader.line_num + 1
    except csv.Error as err:
        raise GlossaryError(
            f"malformed CSV: {err}", path=path, line=reader.line_num, hint="check the quotes on that line"
        ) from err
    return rows


def _column(cell: str) -> tuple[str, bool]:
    """The normalised name of a header cell, and whether transkit knows it (else ``extra:`` + the cell).

    >>> _column("en_US"), _column("Forbidden_ko"), _column("Notes"), _column("Wikipedia")
    (('en', True), ('forbidden_ko', True), ('note', True), ('extra:Wikipedia', False))
    """
    name = _COLUMN_ALIASES.get(cell.lower(), cell.lower())
    lang = language_or_none(cell)
    if lang is not None:
        return lang, True
    if name.startswith("forbidden_") and language_or_none(name[10:]):
        return "forbidden_" + normalize_lang(name[10:]), True
    if name in _FIXED_COLUMNS or name in _IGNORED_COLUMNS:
        return name, True
    if name in ("-", "skip"):
        return "pos", True  # ignored like Google's part of speech
    return "extra:" + cell.strip(), False


def _header(cells: list[str]) -> list[str] | None:
    """Normalised column names when ``cells`` is a header row (at least one language column), else None."""
    names = [_column(cell)[0] for cell in cells]
    return names if any(name in LANGUAGES for name in names) else None


def read_csv(
    path: str | Path,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    columns: Sequence[str] | None = None,
    header: bool | None = None,
    split: str | None = None,
) -> Glossary:
    """Read a glossary CSV in any of the layouts in the module docstring.

    ``columns`` names the columns; ``header`` says whether the first row is a
    header (None: it is when it names a language, such as ``en_US``); ``split``
    is a separator of packed variants in term cells.
    """
    path = Path(path)
    text = read_text(path)
    rows = _rows(text, path)
    if not rows:
        raise GlossaryError("the CSV file has no rows", path=path, hint="add a header and one row per concept")
    line, first = rows[0]
    found = _header(first) if header is not False else None
    if header and found is None and not columns:
        raise GlossaryError(
            "the header names no language", path=path, line=line, hint="name the columns with --columns id,en,ko,note"
        )
    if header or found is not None:
        rows = rows[1:]
    if columns:
        columns = [_column(name.strip())[0] for name in columns]
    elif found is None:
        if not (source_lang and target_lang):
            raise GlossaryError(
                "no header row of language codes, and no languages given",
                path=path,
                line=line,
                hint="pass --source-lang and --target-lang, name the columns with --columns id,en,ko,note, "
                "or add a header row such as `en,ko`",
            )
        columns = [normalize_lang(source_lang), normalize_lang(target_lang)]
    else:
        columns = found
    duplicates = {c for c in columns if columns.count(c) > 1 and c not in _IGNORED_COLUMNS}
    if duplicates:
        raise GlossaryError(
            f"column {min(duplicates)!r} appears twice in the header",
            path=path,
            line=line,
            hint="keep one column per language and field",
        )
    concepts: dict[str, Concept] = {}
    taken: set[str] = set()
    packed = 0
    for line, cells in rows:
        if len(cells) > len(columns):
            raise GlossaryError(
                f"expected {len(columns)} columns ({','.join(columns)}), found {len(cells)}",
                path=path,
                line=line,
                hint="quote cells that contain the delimiter, or name the columns with --columns",
            )
        row = dict(zip(columns, cells + [""] * (len(columns) - len(cells))))  # trailing empty cells may be cut
        packed += sum(" : " in row.get(lang, "") for lang in LANGUAGES)
        concept = _csv_concept(row, path, line, taken, split)
        if concept.id in concepts:
            raise GlossaryError(
                f"duplicate concept id {concept.id!r} (first on line {concepts[concept.id].origin.line})",  # type: ignore[union-attr]
                path=path,
                line=line,
                hint="give each row its own id",
            )
        concepts[concept.id] = concept
    if packed and not split:
        log.warning(
            "%s: %d term cells contain ' : ', which term lists use to pack variants; "
            "pass --split ' : ' to import them as admitted variants",
            path,
            packed,
        )
    return Glossary(concepts, version=content_version(text), paths=(str(path),))


def _csv_concept(row: dict[str, str], path: Path, line: int, taken: set[str], split: str | None = None) -> Concept:
    terms: list[Term] = []
    for lang in LANGUAGES:
        items = list(dict.fromkeys(_split(row.get(lang, ""), split)))
        terms += [Term(text, lang, "preferred" if i == 0 else "admitted") for i, text in enumerate(items)]
        terms += [Term(text, lang, "forbidden") for text in _split(row.get(f"forbidden_{lang}", ""))]
    if not any(t.approved for t in terms):
        raise GlossaryError("the row has no term", path=path, line=line, hint="fill in at least one language")
    if row.get("term_data"):
        terms = _csv_term_data(terms, row["term_data"], path, line)
    kind = row.get("type") or "other"
    if kind not in CONCEPT_TYPES:
        raise GlossaryError(
            f"unknown concept type {kind!r}", path=path, line=line, hint=f"use one of: {', '.join(CONCEPT_TYPES)}"
        )
    cid = row.get("id") or make_id(next(t.text for t in terms if t.approved), taken)
    taken.add(cid)
    return Concept(
        id=cid,
        type=cast(ConceptType, kind),  # checked above
        terms=tuple(terms),
        scope=row.get("scope") or None,
        roles=roles_from_json(row.get("roles", ""), path=path, line=line),
        note="; ".join(n for n in (row.get("note"), *_extras(row)) if n) or None,
        sources=tuple(_split(row.get("source", ""))),
        origin=Origin(str(path), line),
    )


def _extras(row: dict[str, str]) -> list[str]:
    """The filled columns transkit has no field for, as ``Column: value`` notes."""
    return [f"{name[6:]}: {value}" for name, value in row.items() if name.startswith("extra:") and value]


def _csv_term_data(terms: list[Term], cell: str, path: Path, line: int) -> list[Term]:
    def bad(problem: str) -> GlossaryError:
        hint = 'write a JSON list such as [{"lang": "en", "text": "IRA", "case_sensitive": true}]'
        return GlossaryError(f"bad term_data: {problem}", path=path, line=line, hint=hint)

    try:
        data = json.loads(cell)
    except ValueError as err:
        raise bad(str(err)) from err
    if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
        raise bad("not a list of objects")
    result = list(terms)
    for item in data:
        key = (item.get("lang"), item.get("text"))
        index = next((i for i, t in enumerate(result) if (t.lang, t.text) == key), None)
        if index is None:
            raise bad(f"no term {key[1]!r} in {key[0]!r} on this row")
        flags = {k: v for k, v in item.items() if k not in ("lang", "text")}
        for name, value in flags.items():
            if name not in FLAG_TYPES:
                raise bad(f"unknown key {name!r} (known: {', '.join(FLAG_TYPES)})")
            if not isinstance(value, FLAG_TYPES[name]):
                raise bad(f"{name} cannot be {value!r}")
        result[index] = apply_flags(result[index], flags)
    return result


def _check_items(concept: Concept, items: Iterable[str]) -> None:
    for item in items:
        if "|" in item:
            raise GlossaryError(
                f"{concept.id}: {item!r} contains '|', which separates items in CSV cells",
                hint="export to TBX instead, or rename the term",
            )


def write_csv(
    glossary: Glossary,
    path: str | Path,
    *,
    langs: Sequence[str] = ("en", "ko", "vi"),
    layout: Literal["multi", "simple", "pair"] = "multi",
    header: bool = False,
) -> ExportResult:
    """Write ``glossary`` as CSV in ``layout``; ``langs`` are the columns (the pair: source, target).

    ``header`` adds a language-code header to the pair layout (Amazon Translate
    wants one; DeepL and Google do not). Concepts that lack a preferred term in a
    needed language, or whose source term another concept already exported in the
    pair layout (services reject duplicate sources), are skipped and reported.
    """
    codes = [normalize_lang(code) for code in langs]
    if layout == "pair" and len(codes) != 2:
        raise GlossaryError(
            f"the pair layout needs two languages, got {len(codes)}", path=path, hint="pass langs=(source, target)"
        )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    skipped: list[str] = []
    written = 0
    if layout == "multi":
        columns = [
            "id",
            "type",
            "scope",
            *codes,
            *[f"forbidden_{c}" for c in codes],
            "roles",
            "note",
            "source",
            "term_data",
        ]
        writer.writerow(columns)
        for concept in glossary:
            writer.writerow(_multi_row(concept, codes))
            written += 1
    else:
        if layout == "simple" or header:
            writer.writerow(codes)
        sources: dict[str, str] = {}
        for concept in glossary:
            preferred = [concept.preferred(c) for c in codes]
            if any(t is None for t in preferred):
                missing = [c for c, t in zip(codes, preferred) if t is None]
                skipped.append(f"{concept.id}: no preferred term in {', '.join(missing)}")
                continue
            texts = [t.text for t in preferred if t is not None]
            if layout == "pair":
                first = sources.setdefault(texts[0], concept.id)
                if first != concept.id:
                    skipped.append(f"{concept.id}: source term {texts[0]!r} already exported for {first}")
                    continue
            writer.writerow(texts)
            written += 1
    write_text(path, out.getvalue())
    return ExportResult(written, tuple(skipped))


def _multi_row(concept: Concept, codes: Sequence[str]) -> list[str]:
    cells = [concept.id, concept.type, concept.scope or ""]
    forbidden = []
    for code in codes:
        approved = concept.terms_in(code, "preferred") + concept.terms_in(code, "admitted")
        banned = concept.terms_in(code, "forbidden")
        _check_items(concept, [t.text for t in approved + banned])
        cells.append(SEPARATOR.join(t.text for t in approved))
        forbidden.append(SEPARATOR.join(t.text for t in banned))
    _check_items(concept, concept.sources)
    flags = [{"lang": t.lang, "text": t.text, **term_flags(t)} for t in concept.terms if term_flags(t)]
    return [
        *cells,
        *forbidden,
        roles_to_json(concept.roles),
        concept.note or "",
        SEPARATOR.join(concept.sources),
        json.dumps(flags, ensure_ascii=False) if flags else "",
    ]
