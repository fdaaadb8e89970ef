"""QA results of outputs already checked, kept in the job's state folder (``OUT/.transkit/qa-cache.json``).

One entry per output file: the findings of its last check and the key they
were computed for, a digest of everything the checks read (the output's bytes
and the exact QA inputs: unit ids, sources and translations, or an article's
segments and texts, and the languages). The whole cache belongs to one
*context*, a digest of transkit's version and code (every file of the
package), the glossary version and the checks selected: a new glossary, an
upgrade or a code change empties it. An output whose key is unchanged is not
checked again; its findings are read back, so the QA report lists every one.

The cache is only ever an optimisation: a missing or damaged file means an
empty cache, and it is replaced whole (temporary file + rename) at the end of
a run, so a killed run leaves the previous one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

from .._version import __version__
from ..checks import CHECKS
from ..findings import FIELDS, Finding
from ..glossary.model import Glossary
from ..text.io import write_bytes

__all__ = ["QACache", "code_digest", "qa_context"]

CACHE_FORMAT = 2


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of every file of the installed transkit package (its code and data)."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def qa_context(glossary: Glossary, *, checks: Sequence[str] | None = None) -> str:
    """The context of cached QA results: transkit's version and code, the glossary version, the checks run."""
    selected = sorted(CHECKS) if checks is None else sorted(checks)
    data = {"transkit": __version__, "code": code_digest(), "glossary": glossary.version, "checks": selected}
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()


def _key(inputs: object, output: bytes) -> str:
    digest = hashlib.sha256(hashlib.sha256(output).digest())
    digest.update(json.dumps(inputs, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return digest.hexdigest()


class QACache:
    """Findings per output file, valid in one context; :meth:`save` writes them back when they changed."""

    def __init__(self, path: str | Path, *, context: str) -> None:
        self.path = Path(path)
        self.context = context
        self.entries: dict[str, dict[str, object]] = {}
        self.checked = 0  # outputs checked in this run (not served from the cache)
        self._changed = False
        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return  # no cache yet, or a damaged one: check everything
        if isinstance(data, dict) and data.get("format") == CACHE_FORMAT and data.get("context") == context:
            entries = data.get("entries")
            self.entries = entries if isinstance(entries, dict) else {}

    def findings(self, output: str, *, inputs: object, data: bytes,
                 check: Callable[[], list[Finding]]) -> list[Finding]:
        """The findings of ``output`` (its bytes ``data``, checked from the JSON-able ``inputs``):
        read back when both are as last checked, else from ``check()`` and recorded."""
        key = _key(inputs, data)
        entry = self.entries.get(output)
        if isinstance(entry, dict) and entry.get("key") == key:
            try:
                return [Finding.from_dict(f) for f in entry["findings"]]  # type: ignore[attr-defined]  # JSON data
            except (KeyError, TypeError, ValueError):
                pass  # a damaged entry: check again
        found = check()
        self.entries[output] = {"key": key, "findings": [f.to_dict(FIELDS) for f in found]}
        self.checked += 1
        self._changed = True
        return found

    def save(self) -> None:
        """Replace the cache file with the entries, when a check ran in this run."""
        if not self._changed:
            return
        data = {"format": CACHE_FORMAT, "context": self.context, "entries": self.entries}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        self._changed = False
