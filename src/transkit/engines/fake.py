"""Deterministic engines for tests and demos: no model, no download.

>>> engine = FunctionEngine("en", "vi", str.upper)
>>> engine.translate(["West Sea"])
['WEST SEA']
>>> DictionaryEngine("en", "ko", {"Hello.": "안녕하세요."}).translate(["Hello.", "Bye."])
['안녕하세요.', 'Bye.']
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence

from .base import Progress

__all__ = ["DictionaryEngine", "FunctionEngine", "table_digest"]


def table_digest(table: Mapping[str, str]) -> str:
    """A short hash of a translation table, the same in every process, for signatures.

    >>> table_digest({"Hello.": "안녕하세요."}) == table_digest({"Hello.": "안녕하세요."}) != table_digest({})
    True
    """
    data = json.dumps(sorted(table.items()), ensure_ascii=False).encode()
    return hashlib.sha256(data).hexdigest()[:8]


class FunctionEngine:
    """Translates each sentence with a plain function; counts whitespace-separated tokens.

    ``name`` stands for the function in :attr:`signature`: give functions that
    translate differently different names. Empty and whitespace-only sentences
    give ``""`` without calling the function, as model engines do.
    """

    def __init__(
        self,
        source: str,
        target: str,
        function: Callable[[str], str],
        *,
        name: str = "function",
        max_tokens: int = 512,
    ) -> None:
        self.source, self.target = source, target
        self.function = function
        self.name = name
        self._max_tokens = max_tokens
        self.calls: list[list[str]] = []  # every batch received, for assertions in tests

    @property
    def signature(self) -> str:
        """The function's name and the direction."""
        return f"fake:{self.name}:{self.source}-{self.target} max_tokens={self._max_tokens}"

    @property
    def max_tokens(self) -> int:
        """The input limit given at construction."""
        return self._max_tokens

    def count_tokens(self, text: str) -> int:
        """Whitespace-separated words of ``text``."""
        return len(text.split())

    def translate(self, texts: Sequence[str], *, progress: Progress | None = None) -> list[str]:
        """Apply the function to each text, recording the call in :attr:`calls`."""
        self.calls.append(list(texts))
        results = [self.function(text) if text.strip() else "" for text in texts]
        if progress:
            progress(len(results))
        return results


class DictionaryEngine(FunctionEngine):
    """Looks each sentence up in a table; unknown sentences are copied unchanged.

    The signature names the table by its :func:`table_digest`.
    """

    def __init__(self, source: str, target: str, table: Mapping[str, str], **options: int) -> None:
        self.table = dict(table)
        name = f"dictionary-{table_digest(self.table)}"
        super().__init__(source, target, lambda text: self.table.get(text, text), name=name, **options)
