"""Localisation files read and written through translate-toolkit: PO, JSON, Android, CSV.

Each adapter wraps one translate-toolkit store class. Monolingual files (JSON,
Android) hold only source strings, so every string is a unit to translate and
the translated copy replaces the values; bilingual files (PO, CSV) keep their
sources and get targets, and only units that are empty or fuzzy need work.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from datetime import datetime
from importlib.metadata import version
from pathlib import PurePath
from typing import Any, ClassVar

from babel import Locale
from babel.messages.plurals import get_plural
from translate.misc.multistring import multistring
from translate.storage import aresource, csvl10n, jsonl10n, po

from ..errors import FormatError, LanguageError
from ..languages import normalize
from ..text.io import decode, refuse_utf16
from .base import Applied, Store, Text, Unit, plural_tags

__all__ = [
    "AndroidStore",
    "CsvStore",
    "I18NextStore",
    "JsonStore",
    "PoStore",
    "TtkStore",
    "declared_language",
    "parse_with",
    "po_header",
]

_PO_PLACEHOLDERS = {
    "Project-Id-Version": "PACKAGE VERSION",
    "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
    "Language-Team": "LANGUAGE <LL@li.org>",
}
"""The values xgettext writes into a new POT header for the translator to replace."""


def parse_with(cls: type, data: bytes, *, path: str, name: str) -> Any:
    """Parse ``data`` with translate-toolkit's ``cls``; any parser failure becomes a :class:`FormatError`."""
    store = cls()
    store.filename = path
    try:
        store.parse(data)
    except Exception as exc:  # noqa: BLE001  (translate-toolkit's parsers raise many unrelated types)
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise FormatError(
            f"not a valid {name} file: {reason}", path=path, hint=f"fix the file or pass --format if it is not {name}"
        ) from None
    return store


def _strings(value: Any) -> list[str]:
    if isinstance(value, multistring):
        return [str(s) for s in value.strings]
    return [str(value)]


def _has_text(value: Any) -> bool:
    """Whether a source value is a string (or plural) with some text (numbers and booleans are not units)."""
    return isinstance(value, str) and any(s.strip() for s in _strings(value))


def _forms(strings: list[str], lang: str) -> tuple[tuple[str, Text], ...]:
    """Name each source plural form: the last is ``other``, the ones before take the language's categories."""
    tags = [t for t in plural_tags(lang) if t != "other"]
    named = [*zip(tags, strings[:-1]), ("other", strings[-1])]
    return tuple((tag, Text.of(text)) for tag, text in named)


def declared_language(code: str | None) -> str | None:
    """The normalised language code, or None when empty or not one transkit knows."""
    try:
        return normalize(code) if code else None
    except LanguageError:
        return None


class TtkStore(Store):
    """A store backed by a translate-toolkit storage class."""

    storeclass: ClassVar[type]
    label: ClassVar[str] = ""

    def __init__(self, data: bytes, *, path: str, source_lang: str) -> None:
        super().__init__(data, path=path, source_lang=source_lang)
        self.store = parse_with(self.storeclass, data, path=path, name=self.label or self.format)
        self._by_id: dict[str, Any] = {}
        self._units: list[Unit] = []
        for unit in self.store.units:
            if not self._translatable(unit):
                continue
            uid = self._id(unit)
            if uid in self._by_id:
                raise FormatError(f"duplicate unit id {uid!r}", path=path, hint="give every entry its own key")
            self._by_id[uid] = unit
            self._units.append(self._unit(uid, unit))

    # -- reading
    def _translatable(self, unit: Any) -> bool:
        return not unit.isheader() and unit.istranslatable() and _has_text(unit.source)

    def _id(self, unit: Any) -> str:
        """The unit's id; translate-toolkit's context separator (U+0004) shown as ``#``."""
        return unit.getid().replace("\x04", "#")

    def _unit(self, uid: str, unit: Any) -> Unit:
        strings = _strings(unit.source)
        plurals = _forms(strings, self.source_lang) if len(strings) > 1 else ()
        target = None
        needs = True
        if self.bilingual:
            target = "\n".join(_strings(unit.target)) if unit.target else None
            needs = not any(_strings(unit.target)) or unit.isfuzzy()
        return Unit(uid, Text.of(strings[-1]), plurals, target, needs, note=", ".join(unit.getlocations()))

    def units(self) -> list[Unit]:
        """The translatable units of the file."""
        return list(self._units)

    # -- writing
    def apply(self, translations: Mapping[str, tuple[str, ...]], *, target: str, fuzzy: bool = False) -> Applied:
        """The file with the translations filled in and its target language set."""
        self._set_language(target)
        for uid, forms in translations.items():
            unit = self._by_id[uid]
            plural = len(_strings(unit.source)) > 1
            unit.target = multistring(list(forms)) if plural else forms[0]
            self._mark(unit, fuzzy)
        return Applied(bytes(self.store))

    def _set_language(self, target: str) -> None:
        self.store.settargetlanguage(target)

    def _mark(self, unit: Any, fuzzy: bool) -> None:
        """Record the new translation's state (bilingual formats)."""


def po_header(existing: Mapping[str, str], target: str, *, project: str, now: datetime | None = None) -> dict[str, str]:
    """The header fields to write into a PO file translated into ``target``.

    The source's fields are kept; ``PO-Revision-Date``, ``Language``,
    ``Plural-Forms`` (from babel's CLDR data) and ``X-Generator`` are set; the
    fields gettext requires that are missing or still hold xgettext's
    placeholder get a value (``project`` names the project when the source
    does not).

    >>> when = datetime.fromisoformat("2024-03-01T09:30+09:00")
    >>> fields = po_header({"Project-Id-Version": "PACKAGE VERSION"}, "ko", project="app", now=when)
    >>> {k: v for k, v in fields.items() if k != "X-Generator"}  # doctest: +NORMALIZE_WHITESPACE
    {'Project-Id-Version': 'app', 'Last-Translator': 'transkit', 'Language-Team': 'Korean',
     'PO-Revision-Date': '2024-03-01 09:30+0900', 'Language': 'ko', 'MIME-Version': '1.0',
     'Plural-Forms': 'nplurals=1; plural=0;'}
    """
    defaults = {
        "Project-Id-Version": project,
        "Last-Translator": "transkit",
        "Language-Team": Locale.parse(target).get_display_name("en") or target,
    }
    fields = {}
    for key, default in defaults.items():
        value = existing.get(key, "").strip()
        fields[key] = default if not value or value == _PO_PLACEHOLDERS[key] else value
    fields["PO-Revision-Date"] = (now or datetime.now().astimezone()).strftime("%Y-%m-%d %H:%M%z")
    fields["Language"] = target
    fields["MIME-Version"] = existing.get("MIME-Version") or "1.0"
    fields["Plural-Forms"] = str(get_plural(target))
    fields["X-Generator"] = f"transkit {version('transkit')}"
    return fields


class PoStore(TtkStore):
    """Gettext PO/POT: a complete header for the target (see :func:`po_header`)."""

    format = "po"
    label = "PO"
    bilingual = True
    storeclass = po.pofile

    def _translatable(self, unit: Any) -> bool:
        return not unit.isheader() and not unit.isobsolete() and bool(unit.source)

    def __init__(self, data: bytes, *, path: str, source_lang: str) -> None:
        refuse_utf16(data, path=path)
        super().__init__(data, path=path, source_lang=source_lang)
        nplurals, _ = self.store.getheaderplural()
        if nplurals and nplurals.strip().isdigit():
            _check_plural_indexes(data, int(nplurals), path)

    def declared_target(self) -> str | None:
        """The target language the PO header declares, if any."""
        return declared_language(self.store.gettargetlanguage())

    def _set_language(self, target: str) -> None:
        project = PurePath(self.path).stem
        self.store.updateheader(add=True, **po_header(self.store.parseheader(), target, project=project))

    def _mark(self, unit: Any, fuzzy: bool) -> None:
        unit.markfuzzy(fuzzy)


_MSGSTR_INDEX = re.compile(rb"^msgstr\[(\d+)\]", re.MULTILINE)


def _check_plural_indexes(data: bytes, nplurals: int, path: str) -> None:
    """Refuse a ``msgstr[N]`` the ``Plural-Forms`` header has no form for (N >= nplurals).

    >>> _check_plural_indexes(b'msgstr[0] "a"\\nmsgstr[1] "b"\\n', 1, "ko.po")
    Traceback (most recent call last):
    ...
    transkit.errors.FormatError: ko.po:2: msgstr[1] but the Plural-Forms header declares nplurals=1 (msgstr[0] only)
      hint: remove the extra plural forms, or correct the Plural-Forms header
    """
    for found in _MSGSTR_INDEX.finditer(data):
        index = int(found.group(1))
        if index >= nplurals:
            line = data.count(b"\n", 0, found.start()) + 1
            forms = "msgstr[0] only" if nplurals == 1 else f"msgstr[0] to msgstr[{nplurals - 1}]"
            raise FormatError(
                f"msgstr[{index}] but the Plural-Forms header declares nplurals={nplurals} ({forms})",
                path=path,
                line=line,
                hint="remove the extra plural forms, or correct the Plural-Forms header",
            )


class CsvStore(TtkStore):
    """CSV with ``location,source,target`` columns (translate-toolkit's layout).

    A file without a header row, or with a row whose cell count differs from the header's, is
    refused: translate-toolkit would rewrite it with another header and drop the extra cells.
    """

    format = "csv"
    label = "CSV"
    bilingual = True
    storeclass = csvl10n.csvfile

    def __init__(self, data: bytes, *, path: str, source_lang: str) -> None:
        if not data.strip():
            raise FormatError("empty file: a CSV file needs a header row", path=path,
                              hint="start the file with the header location,source,target")
        super().__init__(data, path=path, source_lang=source_lang)
        _check_row_lengths(self.store, data, path)

    def _translatable(self, unit: Any) -> bool:
        return not unit.isheader() and bool(str(unit.source).strip())

    def _id(self, unit: Any) -> str:
        return super()._id(unit) or unit.source

    def _set_language(self, target: str) -> None:
        """CSV has no language header."""

    def _mark(self, unit: Any, fuzzy: bool) -> None:
        unit.markfuzzy(fuzzy)


def _check_row_lengths(store: Any, data: bytes, path: str) -> None:
    """Refuse rows whose cell count differs from the header's (blank lines are allowed)."""
    rows = csv.reader(io.StringIO(data.decode(store.encoding)), store.dialect)
    header: list[str] | None = None
    bad: list[tuple[int, int]] = []  # (line, cells)
    for row in rows:
        if not row:
            continue
        if header is None:
            header = row
        elif len(row) != len(header):
            bad.append((rows.line_num, len(row)))
    if bad and header is not None:
        line, cells = bad[0]
        more = f" (and {len(bad) - 1} more row(s))" if len(bad) > 1 else ""
        raise FormatError(
            f"a row has {cells} cell(s) where the header {','.join(header)!r} has {len(header)}{more}",
            path=path,
            line=line,
            hint="give every row as many cells as the header; quote cells that contain the delimiter",
        )


_INDENT = re.compile(rb"\A\s*[\[{]\r?\n([ \t]+)\S")


class JsonStore(TtkStore):
    """JSON key/value files, flat or nested (ids are dotted paths); the file's indentation is kept."""

    format = "json"
    label = "JSON"
    storeclass = jsonl10n.JsonFile

    def __init__(self, data: bytes, *, path: str, source_lang: str) -> None:
        decode(data, path=path)  # JSON is UTF-8 (RFC 8259): refuse another encoding rather than guess it
        super().__init__(data, path=path, source_lang=source_lang)
        found = _INDENT.match(data)
        if found:
            indent = found.group(1).decode()
            self.store.dump_args["indent"] = "\t" if "\t" in indent else len(indent)
        elif b"\n" not in data.strip():
            self.store.dump_args["indent"] = None  # a one-line file stays on one line
        self._final_newline = data.endswith(b"\n")

    def _translatable(self, unit: Any) -> bool:
        return _has_text(unit.source)

    def _set_language(self, target: str) -> None:
        """Monolingual JSON names its language by file name only."""

    def apply(self, translations: Mapping[str, tuple[str, ...]], *, target: str, fuzzy: bool = False) -> Applied:
        """The translated JSON file, ending with a newline only when the source did."""
        data = super().apply(translations, target=target, fuzzy=fuzzy).data
        if not self._final_newline:
            data = data.rstrip(b"\n")
        elif not data.endswith(b"\n"):
            data += b"\n"
        return Applied(data)


class I18NextStore(JsonStore):
    """i18next v4 JSON: ``key_one``/``key_other`` plural keys, written with the target's categories."""

    format = "i18next"
    label = "i18next JSON"
    storeclass = jsonl10n.I18NextV4File

    def _set_language(self, target: str) -> None:
        self.store.settargetlanguage(target)


class AndroidStore(TtkStore):
    """Android ``strings.xml``: ``translatable="false"`` entries are kept as they are."""

    format = "android"
    label = "Android strings.xml"
    storeclass = aresource.AndroidResourceFile

    def _translatable(self, unit: Any) -> bool:
        return unit.istranslatable() and _has_text(unit.source)
