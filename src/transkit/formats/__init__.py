"""Localisation file formats behind one unit interface (see :mod:`.base`).

>>> store = open_store(b'{"hi": "Hello, {name}!"}', path="en.json", fmt="json", source_lang="en")
>>> [(u.id, u.source.text, u.source.protected) for u in store.units()]
[('.hi', 'Hello, {name}!', ((7, 13),))]
>>> store.apply({".hi": ("안녕하세요, {name}!",)}, target="ko").data.decode()
'{"hi": "안녕하세요, {name}!"}'
"""

from .base import PLURAL_TAGS, Applied, Store, Text, Unit, plural_tags
from .protect import protected_spans, tokens
from .registry import FORMATS, detect_format, open_store

__all__ = [
    "FORMATS",
    "PLURAL_TAGS",
    "Applied",
    "Store",
    "Text",
    "Unit",
    "detect_format",
    "open_store",
    "plural_tags",
    "protected_spans",
    "tokens",
]
