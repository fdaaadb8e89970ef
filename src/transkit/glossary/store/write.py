"""Write concepts as glossary YAML, laid out like the seed glossary; writes are atomic and read back first."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ...text.io import write_text
from ..model import TERM_STATUSES, Concept, Glossary, Role, Term
from .entries import read_file
from .safe_yaml import round_trip_yaml

__all__ = ["concept_to_data", "concept_to_node", "dump", "dump_text"]


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


def dump_text(doc: Any, *, indent: tuple[int, int, int] = (2, 2, 0)) -> str:
    """``doc`` as YAML text, indented as ``(mapping, sequence, offset)``."""
    yaml = round_trip_yaml()
    yaml.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    buf = io.StringIO()
    yaml.dump(doc, buf)
    return buf.getvalue()


def dump(glossary: Glossary | Iterable[Concept], path: str | Path) -> None:
    """Write every concept of ``glossary`` to a new YAML file at ``path`` (atomically)."""
    doc = CommentedSeq(concept_to_node(c) for c in glossary)
    text = dump_text(doc)
    read_file(path, text=text)  # never write what cannot be read back
    write_text(path, text)
