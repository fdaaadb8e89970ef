"""Glossary TBX for terminology tools.

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
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, cast

from lxml import etree

from ...errors import GlossaryError
from ...languages import normalize as normalize_lang
from ...text.io import write_bytes
from ..model import CONCEPT_TYPES, Concept, ConceptType, Glossary, Origin, Role, Term
from .common import (
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

__all__ = ["TBX_NS", "read_tbx", "write_tbx"]

log = logging.getLogger(__name__)

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


def _local(element: Any) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element: Any, *names: str) -> list[Any]:
    return [child for child in element if _local(child) in names]


def _text(element: Any) -> str:
    return "".join(element.itertext()).strip()


def read_tbx(path: str | Path) -> Glossary:
    """Read TBX-Basic 2019 (``tbx``) or TBX 2008 (``martif``) into a glossary."""
    path = Path(path)
    text = read_text(path)
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
    return Glossary(concepts, version=content_version(text), paths=(str(path),))


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
            roles = roles_from_json(_text(child), path=path, line=child.sourceline)
        elif name == "note" or (name == "descrip" and category == "definition"):
            notes.append(_text(child))
        elif (name == "admin" and category == "source") or name == "xref":
            sources.append(child.get("target") or _text(child))
    terms: list[Term] = []
    for lang_sec in _children(entry, "langSec", "langSet"):
        code = lang_sec.get(XML_LANG) or ""
        lang = language_or_none(code)
        if lang is None:
            log.info("%s:%s: skipping terms in unsupported language %r", path, lang_sec.sourceline, code)
            continue
        for term_sec in _children(lang_sec, "termSec", "tig", "ntig"):
            terms.append(_tbx_term(term_sec, lang, path, first=not any(t.lang == lang for t in terms)))
    if not terms:
        log.info("%s:%s: skipping a concept entry without en/ko/vi terms", path, line)
        return None
    cid = entry.get("id") or make_id(terms[0].text, taken)
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
    return apply_flags(Term(_text(term_el), lang, status or ("preferred" if first else "admitted")), flags)  # type: ignore[arg-type]


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
        _sub(entry, "descrip", roles_to_json(concept.roles), type="transkit:roles")
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
            flags = term_flags(term)
            for category, key in _TBX_BOOL_FLAGS.items():
                if key in flags:
                    _sub(term_sec, "termNote", "true" if flags[key] else "false", type=category)
            if term.reading:
                _sub(term_sec, "termNote", term.reading, type="transkit:reading")
            if term.note:
                _sub(term_sec, "note", term.note)
    return entry
