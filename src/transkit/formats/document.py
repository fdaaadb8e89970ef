"""Plain-text and Markdown articles: one unit per sentence, literal parts kept byte for byte."""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import FormatError
from ..text.document import Document, Format
from ..text.io import decode
from .base import Applied, Store, Text, Unit

__all__ = ["MarkdownStore", "TextStore"]


class TextStore(Store):
    """A plain-text article (``.txt``): sentences are the units."""

    format = "text"
    _fmt: Format = "text"

    def __init__(self, data: bytes, *, path: str, source_lang: str) -> None:
        super().__init__(data, path=path, source_lang=source_lang)
        text = decode(data, path=path)
        if "\x00" in text:
            raise FormatError("binary content (NUL bytes) in a text file", path=path, hint="name a text file")
        self.document = Document.parse(text, lang=source_lang, fmt=self._fmt)

    def units(self) -> list[Unit]:
        """One unit per segment of the document."""
        return [Unit(str(s.index), Text.of(s.text, s.protected)) for s in self.document.segments]

    def apply(self, translations: Mapping[str, tuple[str, ...]], *, target: str, fuzzy: bool = False) -> Applied:
        """The document with its segments replaced by their translations (untranslated ones kept)."""
        texts = [translations.get(str(s.index), (s.text,))[0] for s in self.document.segments]
        return Applied(self.document.render(texts).encode("utf-8"))


class MarkdownStore(TextStore):
    """A Markdown article: code blocks, HTML, link targets and inline code stay verbatim."""

    format = "markdown"
    _fmt: Format = "markdown"
