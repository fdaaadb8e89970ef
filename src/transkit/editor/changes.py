"""What an edit changed in a concept, attribute by attribute, and the concept's version for conflict checks.

>>> from transkit.glossary.model import Concept, Term
>>> old = Concept("L_X", "law", (Term("X Act", "en"), Term("엑스법", "ko", verified=False, note="JoongAng")))
>>> new = Concept("L_X", "law", (Term("X Act", "en", case_sensitive=True), Term("엑스법", "ko", note="JoongAng")))
>>> describe(old, new)
['en X Act: case-sensitive no → yes', 'ko 엑스법: verified no → yes']
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..glossary.model import Concept, Term
from ..glossary.store import Entry, concept_to_data, read_file

__all__ = ["concept_in", "concept_version", "describe", "parsed"]

_TERM_FIELDS = (
    ("status", "status"),
    ("case_sensitive", "case-sensitive"),
    ("reading", "reading"),
    ("final_consonant", "final consonant"),
    ("verified", "verified"),
    ("note", "note"),
)


def concept_version(concept: Concept | None) -> str:
    """A short hash of one concept's content: an edit conflicts only when *its* concept changed."""
    if concept is None:
        return ""
    blob = json.dumps(concept_to_data(concept), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=32)
def parsed(text: str, path: str) -> tuple[Entry, ...]:
    """The entries of file text ``text`` (read from ``path``), parsed once for the page, the guard and the audit."""
    return tuple(read_file(Path(path), text=text)) if text.strip() else ()


def concept_in(text: str, concept_id: str, path: str | Path = "glossary.yaml") -> Concept | None:
    """Concept ``concept_id`` as file text ``text`` defines it (None when it does not)."""
    return next((e.concept for e in parsed(text, str(path)) if e.concept.id == concept_id), None)


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "-" if value in (None, "") else str(value)


def describe(before: Concept | None, after: Concept | None) -> list[str]:
    """Every change from ``before`` to ``after``, one short line each (for the audit trail and history)."""
    if before is None or after is None:
        if after is not None:
            return [f"added {after.type} {after.id}"]
        return [f"removed {before.id}"] if before is not None else []
    out = [f"id: {before.id} → {after.id}"] if before.id != after.id else []
    for key in ("type", "scope", "note"):
        old, new = getattr(before, key), getattr(after, key)
        if old != new:
            out.append(f"{key}: {_shown(old)} → {_shown(new)}")
    old_terms: dict[tuple[str, str], Term] = {(t.lang, t.text): t for t in before.terms}
    new_terms: dict[tuple[str, str], Term] = {(t.lang, t.text): t for t in after.terms}
    for (lang, text), term in new_terms.items():
        was = old_terms.get((lang, text))
        if was is None:
            out.append(f"{lang} {term.status} + {text}")
            continue
        for attr, label in _TERM_FIELDS:
            if getattr(was, attr) != getattr(term, attr):
                old, new = getattr(was, attr), getattr(term, attr)
                out.append(f"{lang} {text}: {label} {_shown(old)} → {_shown(new)}")
    out += [f"{lang} {t.status} − {text}" for (lang, text), t in old_terms.items() if (lang, text) not in new_terms]
    out += [f"source + {s}" for s in after.sources if s not in before.sources]
    out += [f"source − {s}" for s in before.sources if s not in after.sources]
    out += [f"role + {r.title} {r.start or '…'}–{r.end or ''}" for r in after.roles if r not in before.roles]
    out += [f"role − {r.title}" for r in before.roles if r not in after.roles]
    return out
