"""The unit interface every format adapter implements.

A :class:`Store` is one parsed localisation file. It lists its translatable
:class:`Unit`\\ s, each with the source text (or plural forms) and the spans
that must come out verbatim, and it writes a translated copy with
:meth:`Store.apply`: units it is given translations for get them, the target
language headers are set, and everything else is left as it was.

Plural forms are named by CLDR cardinal categories. English has ``one`` and
``other``; Korean and Vietnamese have only ``other``, so a plural unit
translated into them has one form, the translation of the source's ``other``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass

from .protect import Span, protected_spans

__all__ = ["PLURAL_TAGS", "Applied", "Store", "Text", "Unit", "plural_tags"]

PLURAL_TAGS: dict[str, tuple[str, ...]] = {"en": ("one", "other"), "ko": ("other",), "vi": ("other",)}
"""CLDR cardinal plural categories of each supported language, in CLDR order."""


def plural_tags(lang: str) -> tuple[str, ...]:
    """The plural categories of ``lang`` (``("other",)`` for languages without plural forms)."""
    return PLURAL_TAGS.get(lang, ("other",))


@dataclass(frozen=True)
class Text:
    """A string to translate and the spans of it that must come out verbatim."""

    text: str
    protected: tuple[Span, ...] = ()

    @classmethod
    def of(cls, text: str, extra: tuple[Span, ...] = ()) -> Text:
        """``text`` with its placeholders, tags, URLs and inline code protected (plus ``extra`` spans)."""
        return cls(text, protected_spans(text, extra))


@dataclass(frozen=True)
class Unit:
    """One translatable entry of a store."""

    id: str
    source: Text  # the text, or the ``other`` form of a plural
    plurals: tuple[tuple[str, Text], ...] = ()  # (CLDR category, form) of a plural unit, source order
    target: str | None = None  # the existing translation, when the format has one
    needs_translation: bool = True  # empty or fuzzy (monolingual formats: always)
    note: str = ""  # location or context, for reports

    def forms_for(self, target: str) -> tuple[Text, ...]:
        """The source text to translate for each plural category of ``target`` (one item if not plural)."""
        if not self.plurals:
            return (self.source,)
        forms = dict(self.plurals)
        return tuple(forms.get(tag, self.source) for tag in plural_tags(target))


@dataclass(frozen=True)
class Applied:
    """The bytes of a translated store, and the units that could not be written."""

    data: bytes
    failed: tuple[tuple[str, str], ...] = ()  # (unit id, reason)


class Store(ABC):
    """A parsed localisation file (one per target language: :meth:`apply` edits it)."""

    format: str = ""
    bilingual: bool = False  # the file carries its own targets (PO, XLIFF, CSV)

    def __init__(self, data: bytes, *, path: str, source_lang: str) -> None:
        self.path, self.source_lang = path, source_lang

    def declared_target(self) -> str | None:
        """The target language the file itself declares (a per-language catalogue), if any."""
        return None

    @abstractmethod
    def units(self) -> list[Unit]:
        """The translatable units, in file order."""

    @abstractmethod
    def apply(self, translations: Mapping[str, tuple[str, ...]], *, target: str, fuzzy: bool = False) -> Applied:
        """Write ``translations`` (unit id -> one string per plural category of ``target``) and serialise.

        ``fuzzy`` marks the new translations as needing review where the format can say so.
        """
