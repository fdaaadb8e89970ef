"""The languages transkit supports: English, Korean and Vietnamese.

Codes are accepted in BCP-47 or POSIX form and any case (``ko-KR``, ``vi_VN``,
``EN``) and normalised to the ISO 639-1 code. Display names come from babel.

>>> normalize("ko-KR")
'ko'
>>> display_name("vi")
'Vietnamese'
>>> display_name("vi", locale="ko")
'베트남어'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import LanguageError

__all__ = ["LANGUAGES", "Language", "display_name", "get", "normalize"]


@dataclass(frozen=True)
class Language:
    """A supported language."""

    code: str  # ISO 639-1, as used throughout transkit
    iso3: str  # ISO 639-3, as used by OPUS-MT target tokens (>>kor<<)
    script: str  # ISO 15924 script of its running text
    babel_locale: str  # locale babel formats this language with


LANGUAGES: dict[str, Language] = {
    "en": Language("en", "eng", "Latn", "en_US"),
    "ko": Language("ko", "kor", "Hang", "ko_KR"),
    "vi": Language("vi", "vie", "Latn", "vi_VN"),
}

_ALIASES = {"eng": "en", "kor": "ko", "vie": "vi"}
_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")


def normalize(code: str) -> str:
    """Return the ISO 639-1 code for ``code`` or raise :class:`LanguageError`."""
    match = _TAG.match(code.strip()) if isinstance(code, str) else None
    primary = match.group(1).lower() if match else None
    primary = _ALIASES.get(primary or "", primary)
    if primary not in LANGUAGES:
        supported = ", ".join(f"{c} ({display_name(c)})" for c in LANGUAGES)
        raise LanguageError(
            f"unsupported language {code!r}",
            hint=f"supported languages: {supported}; regional forms such as ko-KR or vi_VN are accepted",
        )
    return primary


def get(code: str) -> Language:
    """Return the :class:`Language` for ``code`` (any accepted form)."""
    return LANGUAGES[normalize(code)]


def display_name(code: str, locale: str = "en") -> str:
    """The language's name, in ``locale``'s language (babel's CLDR data)."""
    from babel import Locale

    lang = normalize(code)
    name = Locale.parse(normalize(locale)).languages.get(lang)
    return name or lang
