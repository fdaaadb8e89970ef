"""The editorial desk's operations on glossary files: review (approve, reject), rename, delete and revert.

Each function changes one :class:`~transkit.glossary.store.GlossaryFile` in place;
the editor runs it through :meth:`~transkit.editor.workspace.Workspace.edit`, which
guards, saves and hands the change to the audit trail.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from ..errors import UsageError
from ..glossary.model import Concept, Glossary
from ..glossary.store import GlossaryFile, read_file

__all__ = ["concept_from_data", "references", "rename_in", "set_verified", "unverified"]


def concept_from_data(data: dict[str, Any]) -> Concept:
    """The concept that :func:`~transkit.glossary.store.concept_to_data` data (as the audit log keeps it) describes.

    >>> c = concept_from_data({"id": "O_X", "type": "org", "terms": {"en": {"preferred": "X", "verified": False}}})
    >>> c.id, c.terms[0].text, c.terms[0].verified
    ('O_X', 'X', False)
    """
    buffer = io.StringIO()
    YAML(typ="safe", pure=True).dump([data], buffer)
    entries = read_file(Path("audit.yaml"), text=buffer.getvalue())
    return entries[0].concept


def unverified(glossary: Glossary) -> list[tuple[Concept, list[Any]]]:
    """The concepts with unverified terms, each with those terms: the review queue."""
    queue = []
    for concept in glossary:
        terms = [t for t in concept.terms if not t.verified]
        if terms:
            queue.append((concept, terms))
    return queue


def set_verified(doc: GlossaryFile, concept: Concept, lang: str, text: str, verified: bool) -> None:
    """Mark one term verified (or not), leaving the other terms of the language as they are.

    A language block's ``verified: false`` covers all its terms: approving one
    term lifts the block's flag and marks the others unverified one by one.
    """
    block = doc.node(concept.id)["terms"].get(lang)
    if isinstance(block, CommentedMap) and block.get("verified") is False:
        del block["verified"]
        for term in concept.terms_in(lang):
            if term.text != text and not term.verified:
                doc.set_term(concept.id, lang, term.text, term.text, {"verified": False})
    doc.set_term(concept.id, lang, text, text, {"verified": None if verified else False})


def references(glossary: Glossary, concept_id: str) -> list[str]:
    """The concepts whose roles name ``concept_id`` as their title."""
    return [c.id for c in glossary if any(r.title == concept_id for r in c.roles)]


def rename_in(doc: GlossaryFile, old: str, new: str) -> bool:
    """Rename concept ``old`` to ``new`` in ``doc``, and every role title that names it; True when anything changed."""
    if new in doc:
        raise UsageError(f"{new} already exists in {doc.path.name}", hint="choose another id")
    changed = False
    for node in doc.doc:
        if not isinstance(node, CommentedMap):
            continue
        if node.get("id") == old:
            node["id"] = new
            changed = True
        for role in node.get("roles") or ():
            if isinstance(role, CommentedMap) and role.get("title") == old:
                role["title"] = new
                changed = True
    return changed
