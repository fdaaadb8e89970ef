"""Localisation file formats behind one unit interface (see :mod:`.base`).

>>> from transkit.formats import open_store
>>> store = open_store(b'{"hi": "Hello, {name}!"}', path="en.json", fmt="json", source_lang="en")
>>> [(u.id, u.source.text, u.source.protected) for u in store.units()]
[('.hi', 'Hello, {name}!', ((7, 13),))]
>>> store.apply({".hi": ("안녕하세요, {name}!",)}, target="ko").data.decode()
'{"hi": "안녕하세요, {name}!"}'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import PLURAL_TAGS, Applied, Store, Text, Unit, plural_tags
from .protect import protected_spans, tokens

if TYPE_CHECKING:
    from .registry import FORMATS, detect_format, open_store

_REGISTRY = ("FORMATS", "detect_format", "open_store")  # imported on first use: they load translate-toolkit and lxml

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


def __getattr__(name: str) -> Any:
    """The registry's names, imported when first asked for, so that ``transkit check`` (which needs only
    :mod:`.protect`) does not load translate-toolkit."""
    if name in _REGISTRY:
        from . import registry

        return getattr(registry, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
