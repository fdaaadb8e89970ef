"""The translation memory: every finished translation, in SQLite (WAL mode).

An entry is keyed on the engine signature (model, revision, decoding options),
the glossary version and the normalised source (Unicode NFC, runs of
whitespace as one space, trimmed), so a change of model or glossary never
serves a stale translation, while a re-run of a finished job translates
nothing. Entries are committed batch by batch as they are produced, which is
what makes a killed job resumable: whatever was committed is never translated
again.

Translations imported from TMX are stored under the signature ``tmx`` and are
preferred, for their language pair, to machine output.

>>> tm = TranslationMemory(":memory:")
>>> tm.store("fake:x:en-ko", "", "en", "ko", [("Hello  world", "안녕 세상")])
1
>>> tm.lookup("fake:x:en-ko", "", "en", "ko", ["Hello world"])
{'Hello world': '안녕 세상'}
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from ..errors import FormatError, InputError, LanguageError
from ..lang.normalize import tidy as normalise  # the lookup key of a source text
from ..languages import normalize
from ..text.io import write_bytes

__all__ = ["IMPORTED", "TmStats", "TranslationMemory", "normalise"]

IMPORTED = "tmx"
"""The signature of entries imported from TMX files."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    signature TEXT NOT NULL,
    glossary TEXT NOT NULL,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    key TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    created TEXT NOT NULL,
    report TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (source_lang, target_lang, key, signature, glossary)
) WITHOUT ROWID
"""
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class TmStats:
    """Entry counts per (signature, glossary version, direction)."""

    path: str
    rows: tuple[tuple[str, str, str, str, int], ...]  # signature, glossary, source_lang, target_lang, count

    @property
    def total(self) -> int:
        """Entries over every signature and direction."""
        return sum(r[4] for r in self.rows)


def _unusable(path: str, err: sqlite3.DatabaseError) -> InputError:
    """The error for a memory SQLite cannot use: locked, or not (or no longer) a database."""
    if isinstance(err, sqlite3.OperationalError) and "locked" in str(err):
        return InputError(f"translation memory is locked ({err})", path=path,
                          hint="another transkit process is writing to it: wait for it to finish")
    return InputError(
        f"translation memory is damaged or not a translation memory ({err})", path=path,
        hint=f"`transkit tm check {path}` shows the damage; move the file aside (mv {path} {path}.damaged) "
        "and run again: what is no longer in memory is translated again",
    )


class TranslationMemory:
    """A translation memory file; safe to share between processes (WAL, busy timeout).

    ``create=False`` (the read commands) refuses a path where no memory exists instead of
    creating one. An empty (0-byte) file is refused either way: it is a truncated memory,
    not a new one. A damaged file raises :class:`~transkit.errors.InputError` on opening
    (SQLite's quick check, under a second per 100 MB), before a job loads any model;
    ``verify=False`` skips that check (:meth:`check` reports every problem).
    """

    def __init__(self, path: str | Path, *, timeout: float = 30.0, create: bool = True, verify: bool = True) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            file = Path(self.path)
            if file.is_dir():
                raise InputError("is a directory, not a translation memory", path=path,
                                 hint="name the memory file, e.g. OUT/.transkit/tm.sqlite3")
            if not create and not file.exists():
                raise InputError("no such translation memory", path=path,
                                 hint="check the path; `transkit batch` creates OUT/.transkit/tm.sqlite3")
            if file.exists() and file.stat().st_size == 0:
                raise InputError("translation memory is an empty (0-byte) file", path=path,
                                 hint=f"it was truncated: restore it from a backup, or delete it to start afresh "
                                 f"(rm {self.path})")
            file.parent.mkdir(parents=True, exist_ok=True)
        with self._guard():
            self.db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute(_SCHEMA)
            columns = {row[1] for row in self.db.execute("PRAGMA table_info(entries)")}
            if "report" not in columns:  # a memory written before enforcement reports were kept
                self.db.execute("ALTER TABLE entries ADD COLUMN report TEXT NOT NULL DEFAULT ''")
            damage = self.db.execute("PRAGMA quick_check(1)").fetchone()[0] if verify else "ok"
        if damage != "ok":
            raise _unusable(self.path, sqlite3.DatabaseError("; ".join(damage.splitlines())))

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn SQLite's errors about the file into an :class:`InputError` naming it."""
        try:
            yield
        except sqlite3.DatabaseError as err:
            raise _unusable(self.path, err) from None

    def check(self) -> list[str]:
        """SQLite's integrity check of the file: an empty list when it is sound, else its first 20 problems."""
        with self._guard():
            rows = [row[0] for row in self.db.execute("PRAGMA integrity_check(20)")]
        return [] if rows == ["ok"] else rows

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def lookup(self, signature: str, glossary: str, source_lang: str, target_lang: str,
               keys: Iterable[str]) -> dict[str, str]:
        """Translations of the normalised ``keys`` found for this engine and glossary (or imported)."""
        return {key: target for key, (target, _) in self.entries(signature, glossary, source_lang, target_lang,
                                                                  keys).items()}

    def entries(self, signature: str, glossary: str, source_lang: str, target_lang: str,
                keys: Iterable[str]) -> dict[str, tuple[str, str]]:
        """``(translation, report)`` of the normalised ``keys`` found for this engine and glossary (or imported);
        the report is what the caller stored with the translation (glossary enforcement), or empty."""
        found: dict[str, tuple[str, str]] = {}
        wanted = list(dict.fromkeys(keys))
        with self._guard():
            for i in range(0, len(wanted), 500):
                chunk = wanted[i : i + 500]
                rows = self.db.execute(
                    f"SELECT key, target, report, signature FROM entries WHERE source_lang=? AND target_lang=? "
                    f"AND key IN ({','.join('?' * len(chunk))}) "
                    f"AND ((signature=? AND glossary=?) OR signature=?)",
                    (source_lang, target_lang, *chunk, signature, glossary, IMPORTED),
                )
                for key, target, report, sig in rows:
                    if sig == IMPORTED or key not in found:
                        found[key] = (target, report)
        return found

    def store(self, signature: str, glossary: str, source_lang: str, target_lang: str,
              pairs: Iterable[tuple[str, str]], *, reports: Sequence[str] = ()) -> int:
        """Add ``(source, target)`` pairs (with ``reports[i]`` kept beside pair ``i``) in one transaction;
        returns how many were written."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        rows = [(signature, glossary, source_lang, target_lang, normalise(s), s, t, now, r)
                for (s, t), r in zip(pairs, itertools.chain(reports, itertools.repeat("")))]
        with self._guard(), self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany(
                "INSERT OR REPLACE INTO entries (signature, glossary, source_lang, target_lang, key, source, target, "
                "created, report) VALUES (?,?,?,?,?,?,?,?,?)", rows)
        return len(rows)

    def stats(self) -> TmStats:
        """Entry counts per signature, glossary version and direction."""
        with self._guard():
            rows = self.db.execute(
                "SELECT signature, glossary, source_lang, target_lang, COUNT(*) FROM entries GROUP BY signature, "
                "glossary, source_lang, target_lang ORDER BY signature, glossary, source_lang, target_lang"
            ).fetchall()
        return TmStats(self.path, tuple(tuple(r) for r in rows))

    def clear(self, *, signature: str | None = None) -> int:
        """Delete all entries (or those of one signature); returns how many."""
        with self._guard(), self.db:
            if signature is None:
                return self.db.execute("DELETE FROM entries").rowcount
            return self.db.execute("DELETE FROM entries WHERE signature=?", (signature,)).rowcount

    def export_tmx(self, path: str | Path, *, signature: str | None = None) -> int:
        """Write entries (all, or one signature's) as TMX 1.4 through translate-toolkit; returns the count."""
        from translate.storage.tmx import tmxfile

        query = "SELECT source, source_lang, target, target_lang, signature, glossary FROM entries"
        params: Sequence[str] = ()
        if signature is not None:
            query, params = query + " WHERE signature=?", (signature,)
        tmx = tmxfile()
        count = 0
        with self._guard():
            for source, slang, target, tlang, sig, gloss in self.db.execute(query, params):
                tmx.addtranslation(source, slang, target, tlang, comment=f"{sig} glossary={gloss or 'none'}")
                count += 1
        write_bytes(path, bytes(tmx))
        return count

    def import_tmx(self, path: str | Path) -> int:
        """Add every language pair of every ``<tu>`` of a TMX file (under signature ``tmx``); returns the count."""
        try:
            tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
        except OSError as err:
            raise InputError(f"cannot read: {err}", path=path) from None
        except etree.XMLSyntaxError as err:
            raise FormatError(f"not valid TMX: {err}", path=path, line=err.lineno) from None
        pairs: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for tu in tree.iter("tu"):
            variants: dict[str, str] = {}
            for tuv in tu.iter("tuv"):
                seg = tuv.find("seg")
                lang = tuv.get(_XML_LANG) or tuv.get("lang") or ""
                try:
                    code = normalize(lang)
                except LanguageError:
                    continue
                if seg is not None:
                    variants[code] = "".join(seg.itertext())
            for a, text_a in variants.items():
                for b, text_b in variants.items():
                    if a != b and text_a.strip() and text_b.strip():
                        pairs.setdefault((a, b), []).append((text_a, text_b))
        return sum(self.store(IMPORTED, "", a, b, items) for (a, b), items in pairs.items())
