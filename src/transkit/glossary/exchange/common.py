"""What the CSV and TBX exchange formats share: the export result, term flags, roles as JSON and imported ids."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ...errors import GlossaryError, LanguageError
from ...languages import normalize as normalize_lang
from ...text.io import decode
from ..model import Role, Term

__all__ = [
    "FLAG_TYPES",
    "ExportResult",
    "apply_flags",
    "content_version",
    "language_or_none",
    "make_id",
    "read_text",
    "roles_from_json",
    "roles_to_json",
    "term_flags",
]

FLAG_TYPES: dict[str, tuple[type, ...]] = {
    "case_sensitive": (bool,),
    "verified": (bool,),
    "final_consonant": (bool, type(None)),
    "reading": (str, type(None)),
    "note": (str, type(None)),
}


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: rows (or concept entries), and concepts it had to leave out, with why."""

    written: int
    skipped: tuple[str, ...] = ()


def read_text(path: Path) -> str:
    """The decoded text of an exchange file; an unreadable or undecodable file raises naming it."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise GlossaryError(f"cannot read the file: {err.strerror}", path=path) from err
    return decode(data, path=path)


def content_version(text: str) -> str:
    """The version of an imported glossary: a short sha256 of the file's text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def roles_to_json(roles: Sequence[Role]) -> str:
    """Roles as the JSON list of the ``roles`` cell (ISO dates; "" for none)."""
    data = []
    for role in roles:
        item: dict[str, Any] = {"title": role.title}
        for key in ("country", "start", "end", "note"):
            value = getattr(role, key)
            if value is not None:
                item[key] = value.isoformat() if isinstance(value, date) else value
        data.append(item)
    return json.dumps(data, ensure_ascii=False) if data else ""


def roles_from_json(text: str, *, path: Path, line: int | None) -> tuple[Role, ...]:
    """The roles of a ``roles`` cell; malformed JSON raises naming ``path`` and ``line``."""
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


def term_flags(term: Term) -> dict[str, Any]:
    """The flags of ``term`` that differ from the defaults."""
    defaults = Term("", term.lang)
    return {k: getattr(term, k) for k in FLAG_TYPES if getattr(term, k) != getattr(defaults, k)}


def apply_flags(term: Term, flags: dict[str, Any]) -> Term:
    """``term`` with ``flags`` (as :func:`term_flags` gives them) set."""
    return dataclasses.replace(term, **flags)


def make_id(text: str, taken: set[str]) -> str:
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


def language_or_none(cell: str) -> str | None:
    """The language code a cell names (``en_US``: ``en``), or None when it names none transkit knows."""
    try:
        return normalize_lang(cell) if len(cell) <= 8 else None
    except LanguageError:
        return None
