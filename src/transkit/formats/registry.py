"""Which adapter reads a file: a map from extension to format, content sniffing, and an override.

==============  ==========================================  =====================
format          extensions                                  adapter
==============  ==========================================  =====================
text            .txt                                        :class:`TextStore`
markdown        .md .markdown                               :class:`MarkdownStore`
po              .po .pot                                    :class:`PoStore`
xliff           .xlf .xliff (``version="1.2"``)             :class:`XliffStore`
xliff2          .xlf .xliff (``version="2.0"``)             :class:`Xliff2Store`
json            .json (flat or nested)                      :class:`JsonStore`
i18next         .json with ``key_one``/``key_other`` keys   :class:`I18NextStore`
android         strings.xml, .xml under ``values*/``        :class:`AndroidStore`
csv             .csv                                        :class:`CsvStore`
==============  ==========================================  =====================
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ..errors import FormatError, UsageError
from .base import Store
from .document import MarkdownStore, TextStore
from .ttk import AndroidStore, CsvStore, I18NextStore, JsonStore, PoStore
from .xliff import Xliff2Store, XliffStore

__all__ = ["FORMATS", "detect_format", "open_store"]

FORMATS: dict[str, type[Store]] = {
    cls.format: cls
    for cls in (
        TextStore, MarkdownStore, PoStore, XliffStore, Xliff2Store, JsonStore, I18NextStore, AndroidStore, CsvStore
    )
}

_EXTENSIONS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".po": "po",
    ".pot": "po",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".json": "json",
    ".csv": "csv",
}
_XLIFF2 = re.compile(rb"<xliff\b[^>]*\bversion\s*=\s*[\"']2\.")
_I18NEXT_PLURAL = re.compile(rb"\"[^\"\n]+_(?:zero|one|two|few|many|other)\"\s*:")


def detect_format(path: str | PurePath, data: bytes | None = None, *, override: str | None = None) -> str | None:
    """The format of ``path`` (``None``: not a localisation file transkit reads).

    ``override`` wins; otherwise the extension decides, and for ``.xlf`` and
    ``.json`` the first 64 KiB of ``data`` tell XLIFF 2.0 and i18next apart.
    """
    if override:
        if override not in FORMATS:
            raise UsageError(f"unknown format {override!r}", hint=f"use one of: {', '.join(FORMATS)}")
        return override
    p = PurePath(path)
    head = (data or b"")[:65536]
    fmt = _EXTENSIONS.get(p.suffix.lower())
    if fmt == "xliff" and _XLIFF2.search(head):
        return "xliff2"
    if fmt == "json" and _I18NEXT_PLURAL.search(head):
        return "i18next"
    if p.suffix.lower() == ".xml" and (p.name == "strings.xml" or p.parent.name.startswith("values")):
        return "android"
    return fmt


def open_store(data: bytes, *, path: str, fmt: str, source_lang: str) -> Store:
    """Parse ``data`` as ``fmt``; a malformed file raises :class:`~transkit.errors.FormatError`."""
    try:
        cls = FORMATS[fmt]
    except KeyError:
        raise FormatError(f"unknown format {fmt!r}", path=path, hint=f"use one of: {', '.join(FORMATS)}") from None
    return cls(data, path=path, source_lang=source_lang)
