"""Guess the language of a text (en, ko or vi) from its script and letters.

No model is needed for three languages that write so differently: a share of
Hangul means Korean; letters only Vietnamese uses (ơ ư đ and the stacked tone
marks) mean Vietnamese; anything else is English.

>>> detect_language("커트 캠벨 미국 국무부 부장관은 조태열 장관과 만났다.")
'ko'
>>> detect_language("Thứ trưởng Ngoại giao Mỹ Kurt Campbell đã gặp ông Cho.")
'vi'
>>> detect_language("Deputy Secretary of State Kurt Campbell met Mr. Cho.")
'en'
"""

from __future__ import annotations

import unicodedata

__all__ = ["detect_language", "hangul_share", "vietnamese_share"]

# Letters (after NFC) that English and Korean text do not use but Vietnamese does.
_VI_LETTERS = frozenset(
    "ăâđêôơư"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)


def _is_hangul(ch: str) -> bool:
    code = ord(ch)
    return 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


def hangul_share(text: str) -> float:
    """Share of Hangul among the letters of ``text`` (0.0 when it has none)."""
    letters = [ch for ch in text if ch.isalpha()]
    return sum(map(_is_hangul, letters)) / len(letters) if letters else 0.0


def vietnamese_share(text: str) -> float:
    """Share of Vietnamese-only letters among the Latin letters of ``text``."""
    latin = [ch for ch in unicodedata.normalize("NFC", text).lower() if ch.isalpha() and not _is_hangul(ch)]
    return sum(ch in _VI_LETTERS for ch in latin) / len(latin) if latin else 0.0


def detect_language(text: str, *, default: str = "en") -> str:
    """``ko`` when at least 30% of letters are Hangul, ``vi`` when 3% of Latin letters are Vietnamese-only.

    Otherwise ``default``.
    """
    if hangul_share(text) >= 0.3:
        return "ko"
    if vietnamese_share(text) >= 0.03:
        return "vi"
    return default
