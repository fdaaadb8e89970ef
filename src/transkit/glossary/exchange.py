"""Glossary exchange with translation services and terminology tools: CSV and TBX.

CSV layouts (UTF-8, optional BOM; comma, tab or semicolon, sniffed on reading)
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

TBX
    Written as ISO 30042:2019 TBX-Basic (``tbx`` root, ``conceptEntry``/
    ``langSec``/``termSec``, ``administrativeStatus`` preferredTerm-admn-sts,
    admittedTerm-admn-sts, deprecatedTerm-admn-sts for forbidden forms). The
    concept type goes to ``descrip type="subjectField"``, sources to ``admin
    type="source"``, notes to ``note``. What TBX-Basic has no category for is kept
    in ``transkit:`` categories that other tools ignore: ``descrip
    type="transkit:scope"``, ``descrip type="transkit:roles"`` (the JSON above)
    and, in a ``termSec``, ``termNote type="transkit:caseSensitive"``,
    ``"transkit:reading"``, ``"transkit:finalConsonant"``, ``"transkit:verified"``.
    Reading also accepts TBX 2008 (``martif`` root, ``termEntry``/``langSet``/
    ``tig`` or ``ntig``). A term without an administrative status is preferred
    when it is the first of its language and admitted otherwise;
    ``supersededTerm-admn-sts`` and ``deprecatedTerm-admn-sts`` read as forbidden.
    Terms in languages other than en, ko and vi are skipped (logged).
    Parsing never resolves entities or touches the network; a file that declares
    entities is refused.

Every reading error raises :class:`~transkit.errors.GlossaryError` naming the
file and line; nothing is returned half-read. Writing goes through a temporary
file and a rename.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal, cast

from lxml import etree

from ..errors import GlossaryError, LanguageError
from ..languages import LANGUAGES
from ..languages import normalize as normalize_lang
from ..text.io import decode, write_bytes, write_text
from .model import CONCEPT_TYPES, Concept, ConceptType, Glossary, Origin, Role, Term

__all__ = ["ExportResult", "read_csv", "read_tbx", "write_csv", "write_tbx"]

log = logging.getLogger(__name__)

SEPARATOR = " | "
_COLUMN_ALIASES = {"concept_id": "id", "description": "note", "notes": "note", "sources": "source"}
_IGNORED_COLUMNS = {"pos"}  # Google's part of speech
_FLAG_TYPES: dict[str, tuple[type, ...]] = {
    "case_sensitive": (bool,),
    "verified": (bool,),
    "final_consonant": (bool, type(None)),
    "reading": (str, type(None)),
    "note": (str, type(None)),
}
_FIXED_COLUMNS = {"id", "type", "scope", "roles", "note", "source", "term_data"}

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STATUS_TO_TBX = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "forbidden": "deprecatedTerm-admn-sts",
}
# transkit's own termNote categories (TBX-Basic has none for these flags)
_TBX_BOOL_FLAGS = {
    "transkit:caseSensitive": "case_sensitive",
    "transkit:finalConsonant": "final_consonant",
    "transkit:verified": "verified",
}
_STATUS_FROM_TBX = {v: k for k, v in _STATUS_TO_TBX.items()} | {"supersededTerm-admn-sts": "forbidden"}


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: rows (or concept entries), and concepts it had to leave out, with why."""

    written: int
    skipped: tuple[str, ...] = ()


# --------------------------------------------------------------------------- shared helpers


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise GlossaryError(f"cannot read the file: {err.strerror}", path=path) from err
    return decode(data, path=path)


def _version(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _roles_to_json(roles: Sequence[Role]) -> str:
    data = []
    for role in roles:
        item: dict[str, Any] = {"title": role.title}
        for key in ("country", "start", "end", "note"):
            value = getattr(role, key)
            if value is not None:
                item[key] = value.isoformat() if isinstance(value, date) else value
        data.append(item)
    return json.dumps(data, ensure_ascii=False) if data else ""


def _roles_from_json(text: str, *, path: Path, line: int | None) -> tuple[Role, ...]:
    if not text.strip():
        return ()

    def bad(problem: str) -> GlossaryError:
        return GlossaryError(
            f"bad roles: {problem}",
            path=path,
            line=line,
            hint='write a JSON list such as [{"title": "T_US_DEP_SEC_STATE", "country": "US", "start": "2024-02-12"}]',
        )

    try:
        data = json.loads(text)
    except ValueError as err:
        raise bad(str(err)) from err
    if not isinstance(data, list):
        raise bad("not a list")
    roles = []
    for item in data:
        if not isinstance(item, dict) or not isinstance(item.get("title"), str):
            raise bad(f"a role needs a title: {item!r}")
        unknown = set(item) - {"title", "country", "start", "end", "note"}
        if unknown:
            raise bad(f"unknown role keys {sorted(unknown)}")
        try:
            start = date.fromisoformat(item["start"]) if item.get("start") else None
            end = date.fromisoformat(item["end"]) if item.get("end") else None
        except (ValueError, TypeError) as err:
            raise bad(f"{err} (dates are YYYY-MM-DD)") from err
        roles.append(Role(item["title"], item.get("country"), start, end, item.get("note")))
    return tuple(roles)


def _term_flags(term: Term) -> dict[str, Any]:
    """The flags of ``term`` that differ from the defaults."""
    defaults = Term("", term.lang)
    return {k: getattr(term, k) for k in _FLAG_TYPES if getattr(term, k) != getattr(defaults, k)}


def _apply_flags(term: Term, flags: dict[str, Any]) -> Term:
    return dataclasses.replace(term, **flags)


def _make_id(text: str, taken: set[str]) -> str:
    """A readable id for an imported concept: ``KURT_CAMPBELL``, or a hash for non-Latin terms."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "_", ascii_text).strip("_").upper()[:40]
    if len(slug) < 2:
        slug = "C_" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8].upper()
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}_{n}", n + 1
    taken.add(candidate)
    return candidate


def _split(cell: str, extra: str | None = None) -> list[str]:
    """The items of a cell: separated by ``|`` (and by ``extra`` when given), blanks dropped."""
    if extra:
        cell = cell.replace(extra, "|")
    return [item.strip() for item in cell.split("|") if item.strip()] if cell.strip() else []


# --------------------------------------------------------------------------- CSV


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


def _language_or_none(cell: str) -> str | None:
    try:
        return normalize_lang(cell) if len(cell) <= 8 else None
    except LanguageError:
        return None


def _column(cell: str) -> tuple[str, bool]:
    """The normalised name of a header cell, and whether transkit knows it (else ``extra:`` + the cell).

    >>> _column("en_US"), _column("Forbidden_ko"), _column("Notes"), _column("Wikipedia")
    (('en', True), ('forbidden_ko', True), ('note', True), ('extra:Wikipedia', False))
    """
    name = _COLUMN_ALIASES.get(cell.lower(), cell.lower())
    lang = _language_or_none(cell)
    if lang is not None:
        return lang, True
    if name.startswith("forbidden_") and _language_or_none(name[10:]):
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
    text = _read_text(path)
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
    return Glossary(concepts, version=_version(text), paths=(str(path),))


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
    cid = row.get("id") or _make_id(next(t.text for t in terms if t.approved), taken)
    taken.add(cid)
    return Concept(
        id=cid,
        type=cast(ConceptType, kind),  # checked above
        terms=tuple(terms),
        scope=row.get("scope") or None,
        roles=_roles_from_json(row.get("roles", ""), path=path, line=line),
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
            if name not in _FLAG_TYPES:
                raise bad(f"unknown key {name!r} (known: {', '.join(_FLAG_TYPES)})")
            if not isinstance(value, _FLAG_TYPES[name]):
                raise bad(f"{name} cannot be {value!r}")
        result[index] = _apply_flags(result[index], flags)
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
    flags = [{"lang": t.lang, "text": t.text, **_term_flags(t)} for t in concept.terms if _term_flags(t)]
    return [
        *cells,
        *forbidden,
        _roles_to_json(concept.roles),
        concept.note or "",
        SEPARATOR.join(concept.sources),
        json.dumps(flags, ensure_ascii=False) if flags else "",
    ]


# --------------------------------------------------------------------------- TBX


def _local(element: Any) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element: Any, *names: str) -> list[Any]:
    return [child for child in element if _local(child) in names]


def _text(element: Any) -> str:
    return "".join(element.itertext()).strip()


def read_tbx(path: str | Path) -> Glossary:
    """Read TBX-Basic 2019 (``tbx``) or TBX 2008 (``martif``) into a glossary."""
    path = Path(path)
    text = _read_text(path)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True
    )
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as err:
        raise GlossaryError(
            f"invalid XML: {err.msg}",
            path=path,
            line=err.lineno,
            hint="fix the markup at that line (an unclosed or misspelt tag?)",
        ) from err
    doctype = root.getroottree().docinfo.internalDTD
    if doctype is not None and any(True for _ in doctype.iterentities()):
        raise GlossaryError(
            "the TBX file declares XML entities, which transkit does not expand",
            path=path,
            line=1,
            hint="remove the <!DOCTYPE ...> block",
        )
    kind = _local(root)
    if kind not in ("tbx", "martif"):
        raise GlossaryError(
            f"root element <{kind}> is not <tbx> (TBX 2019) or <martif> (TBX 2008)",
            path=path,
            line=root.sourceline,
            hint="export the termbase as TBX-Basic",
        )
    body = next((b for t in _children(root, "text") for b in _children(t, "body")), None)
    if body is None:
        raise GlossaryError(
            "no <text><body> in the TBX file",
            path=path,
            line=root.sourceline,
            hint="concept entries belong in <text><body>",
        )
    concepts: dict[str, Concept] = {}
    taken: set[str] = set()
    for entry in _children(body, "conceptEntry", "termEntry"):
        concept = _tbx_concept(entry, path, taken)
        if concept is None:
            continue
        if concept.id in concepts:
            raise GlossaryError(
                f"duplicate concept id {concept.id!r}",
                path=path,
                line=entry.sourceline,
                hint="give each conceptEntry its own id",
            )
        concepts[concept.id] = concept
    return Glossary(concepts, version=_version(text), paths=(str(path),))


def _tbx_concept(entry: Any, path: Path, taken: set[str]) -> Concept | None:
    line = entry.sourceline
    roles: tuple[Role, ...]
    kind, scope, roles, notes, sources = "other", None, (), [], []
    for child in entry:
        name, category = _local(child), child.get("type")
        if name == "descrip" and category == "subjectField":
            kind = _text(child)
            if kind not in CONCEPT_TYPES:
                kind = "other"  # a subject field from another tool, not a transkit type
        elif name == "descrip" and category == "transkit:scope":
            scope = _text(child) or None
        elif name == "descrip" and category == "transkit:roles":
            roles = _roles_from_json(_text(child), path=path, line=child.sourceline)
        elif name == "note" or (name == "descrip" and category == "definition"):
            notes.append(_text(child))
        elif (name == "admin" and category == "source") or name == "xref":
            sources.append(child.get("target") or _text(child))
    terms: list[Term] = []
    for lang_sec in _children(entry, "langSec", "langSet"):
        code = lang_sec.get(XML_LANG) or ""
        lang = _language_or_none(code)
        if lang is None:
            log.info("%s:%s: skipping terms in unsupported language %r", path, lang_sec.sourceline, code)
            continue
        for term_sec in _children(lang_sec, "termSec", "tig", "ntig"):
            terms.append(_tbx_term(term_sec, lang, path, first=not any(t.lang == lang for t in terms)))
    if not terms:
        log.info("%s:%s: skipping a concept entry without en/ko/vi terms", path, line)
        return None
    cid = entry.get("id") or _make_id(terms[0].text, taken)
    taken.add(cid)
    return Concept(
        id=cid,
        type=cast(ConceptType, kind),  # checked above
        terms=tuple(terms),
        scope=scope,
        roles=roles,
        note="\n".join(n for n in notes if n) or None,
        sources=tuple(s for s in sources if s),
        origin=Origin(str(path), line),
    )


def _tbx_term(term_sec: Any, lang: str, path: Path, *, first: bool) -> Term:
    # termSec (2019) and tig (2008) hold the term and its notes; ntig (2008) nests them in a termGrp.
    holder = next(iter(_children(term_sec, "termGrp")), term_sec)
    term_el = next(iter(_children(holder, "term")), None)
    if term_el is None or not _text(term_el):
        raise GlossaryError(
            f"<{_local(term_sec)}> without a term",
            path=path,
            line=term_sec.sourceline,
            hint="add <term>...</term> or remove the empty entry",
        )
    status: str | None = None
    flags: dict[str, Any] = {}
    notes = []
    for node in term_sec.iterdescendants():
        name, category, value = _local(node), node.get("type"), _text(node)
        if name == "termNote" and category == "administrativeStatus":
            status = _STATUS_FROM_TBX.get(value)
            if status is None:
                raise GlossaryError(
                    f"unknown administrativeStatus {value!r}",
                    path=path,
                    line=node.sourceline,
                    hint=f"use one of: {', '.join(sorted(_STATUS_FROM_TBX))}",
                )
        elif name == "termNote" and category in _TBX_BOOL_FLAGS:
            if value not in ("true", "false"):
                raise GlossaryError(
                    f"{category} must be true or false, not {value!r}",
                    path=path,
                    line=node.sourceline,
                    hint="write true or false",
                )
            flags[_TBX_BOOL_FLAGS[category]] = value == "true"
        elif name == "termNote" and category == "transkit:reading":
            flags["reading"] = value
        elif name == "note":
            notes.append(value)
    if notes:
        flags["note"] = "\n".join(notes)
    return _apply_flags(Term(_text(term_el), lang, status or ("preferred" if first else "admitted")), flags)  # type: ignore[arg-type]


def write_tbx(glossary: Glossary, path: str | Path, *, source_lang: str = "en") -> ExportResult:
    """Write ``glossary`` as TBX-Basic (ISO 30042:2019, DCA style)."""
    root = etree.Element(f"{{{TBX_NS}}}tbx", nsmap={None: TBX_NS}, type="TBX-Basic", style="dca")
    root.set(XML_LANG, normalize_lang(source_lang))
    source_desc = _sub(_sub(_sub(root, "tbxHeader"), "fileDesc"), "sourceDesc")
    _sub(
        source_desc,
        "p",
        f"Exported by transkit from {', '.join(glossary.paths) or 'a glossary'}"
        + (f" (version {glossary.version})" if glossary.version else ""),
    )
    body = _sub(_sub(root, "text"), "body")
    for concept in glossary:
        body.append(_tbx_entry(concept))
    tree = etree.ElementTree(root)
    data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    write_bytes(path, data)
    return ExportResult(len(glossary))


def _sub(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
    element = etree.SubElement(parent, f"{{{TBX_NS}}}{tag}", **attrs)
    element.text = text
    return element


def _tbx_entry(concept: Concept) -> Any:
    entry = etree.Element(f"{{{TBX_NS}}}conceptEntry", id=concept.id)
    _sub(entry, "descrip", concept.type, type="subjectField")
    if concept.scope:
        _sub(entry, "descrip", concept.scope, type="transkit:scope")
    if concept.roles:
        _sub(entry, "descrip", _roles_to_json(concept.roles), type="transkit:roles")
    if concept.note:
        _sub(entry, "note", concept.note)
    for source in concept.sources:
        _sub(entry, "admin", source, type="source")
    for lang in dict.fromkeys(t.lang for t in concept.terms):
        lang_sec = _sub(entry, "langSec", **{XML_LANG: lang})
        for term in concept.terms_in(lang):
            term_sec = _sub(lang_sec, "termSec")
            _sub(term_sec, "term", term.text)
            _sub(term_sec, "termNote", _STATUS_TO_TBX[term.status], type="administrativeStatus")
            flags = _term_flags(term)
            for category, key in _TBX_BOOL_FLAGS.items():
                if key in flags:
                    _sub(term_sec, "termNote", "true" if flags[key] else "false", type=category)
            if term.reading:
                _sub(term_sec, "termNote", term.reading, type="transkit:reading")
            if term.note:
                _sub(term_sec, "note", term.note)
    return entry
