"""What earlier runs of a job parsed and wrote, kept in ``OUT/.transkit/build-cache.json``.

Per source file: the digest of its bytes, its format and source language, the
target it declares and its units, so an unchanged source is not parsed again.
Per output: a digest of everything :meth:`transkit.formats.Store.apply` reads
(the source's digest, format and language, the target, the fuzzy flag and the
translations), the digest of the bytes it gave and the units it could not
write, so an output whose inputs are unchanged is not rebuilt, as long as the
file on disk still has those bytes (one edited or deleted by hand is rebuilt).

The whole cache belongs to one version of transkit's code
(:func:`transkit.jobs.qacache.code_digest`): a code change empties it. It is
only an optimisation: a missing or damaged file means an empty cache, and it
is replaced whole (temporary file + rename) at the end of a run.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..formats import Applied, Text, Unit
from ..text.io import write_bytes

__all__ = ["BuildCache", "digest"]

log = logging.getLogger(__name__)

CACHE_FORMAT = 1


def digest(data: bytes) -> str:
    """The sha256 of ``data``, in hex."""
    return hashlib.sha256(data).hexdigest()


def _text(t: Text) -> list[Any]:
    return [t.text, [list(s) for s in t.protected]]


def _unit(u: Unit) -> list[Any]:
    return [u.id, _text(u.source), [[tag, *_text(t)] for tag, t in u.plurals], u.target, u.needs_translation, u.note]


def _from_text(text: str, spans: list[list[int]]) -> Text:
    return Text(text, tuple((a, b) for a, b in spans))


def _from_unit(row: list[Any]) -> Unit:
    uid, source, plurals, target, needs, note = row
    return Unit(uid, _from_text(*source), tuple((tag, _from_text(t, s)) for tag, t, s in plurals), target, needs, note)


class BuildCache:
    """Units per source file and outputs per name, valid for one ``context``; :meth:`save` writes them back."""

    def __init__(self, path: str | Path, *, context: str) -> None:
        self.path = Path(path)
        self.context = context
        self.sources: dict[str, Any] = {}
        self.outputs: dict[str, Any] = {}
        self._changed = False
        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return  # no cache yet, or a damaged one: parse and build everything
        if isinstance(data, dict) and data.get("format") == CACHE_FORMAT and data.get("context") == context:
            self.sources = data["sources"] if isinstance(data.get("sources"), dict) else {}
            self.outputs = data["outputs"] if isinstance(data.get("outputs"), dict) else {}

    # -- sources
    def units(self, path: str, key: str) -> tuple[list[Unit], str | None] | None:
        """The units and declared target of the source at ``path`` parsed with ``key`` (see :meth:`source_key`)."""
        entry = self.sources.get(path)
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        try:
            return [_from_unit(row) for row in entry["units"]], entry["declared"]
        except (KeyError, TypeError, ValueError):
            return None  # a damaged entry: parse again

    def remember_units(self, path: str, key: str, units: list[Unit], declared: str | None) -> None:
        """Keep the units parsed from ``path`` under ``key``, unless they would not come back identical."""
        rows = [_unit(u) for u in units]
        if [_from_unit(r) for r in rows] != units:  # a unit field this cache does not carry: never serve it
            log.debug("units of %s not cached: they do not round-trip", path)
            self.sources.pop(path, None)
            return
        self.sources[path] = {"key": key, "declared": declared, "units": rows}
        self._changed = True

    @staticmethod
    def source_key(data_digest: str, fmt: str, source_lang: str) -> str:
        """The key of a source file's units: its content, format and language."""
        return f"{data_digest}:{fmt}:{source_lang}"

    # -- outputs
    @staticmethod
    def output_key(source_key: str, target: str, fuzzy: bool, translations: Mapping[str, tuple[str, ...]]) -> str:
        """A digest of everything that makes an output: the source, the target, the options, the translations."""
        inputs = [source_key, target, fuzzy, sorted(translations.items())]
        return digest(json.dumps(inputs, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))

    def output(self, name: str, key: str, path: Path) -> Applied | None:
        """The output ``name`` as built before with ``key``, when the file at ``path`` still holds it."""
        entry = self.outputs.get(name)
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if digest(data) != entry.get("digest"):
            return None
        try:
            return Applied(data, tuple((str(u), str(r)) for u, r in entry["failed"]))
        except (KeyError, TypeError, ValueError):
            return None

    def remember_output(self, name: str, key: str, applied: Applied) -> None:
        """Keep what was written for output ``name`` under ``key``."""
        self.outputs[name] = {"key": key, "digest": digest(applied.data), "failed": [list(x) for x in applied.failed]}
        self._changed = True

    def save(self) -> None:
        """Replace the cache file, when something was parsed or built in this run."""
        if not self._changed:
            return
        data = {"format": CACHE_FORMAT, "context": self.context, "sources": self.sources, "outputs": self.outputs}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        self._changed = False
