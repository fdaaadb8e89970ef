"""Deterministic engines for tests and demos: no model, no download.

>>> engine = FunctionEngine("en", "vi", str.upper)
>>> engine.translate(["West Sea"])
['WEST SEA']
>>> DictionaryEngine("en", "ko", {"Hello.": "안녕하세요."}).translate(["Hello.", "Bye."])
['안녕하세요.', 'Bye.']
"""

from __future__ import annotations

from typing import Callable, Mapping, Sequence

from .base import Progress

__all__ = ["DictionaryEngine", "FunctionEngine"]


class FunctionEngine:
    """Translates each sentence with a plain function; counts whitespace-separated tokens."""

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
        return f"fake:{self.name}:{self.source}-{self.target}"

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
        results = [self.function(text) for text in texts]
        if progress:
            progress(len(results))
        return results


class DictionaryEngine(FunctionEngine):
    """Looks each sentence up in a table; unknown sentences are copied unchanged."""

    def __init__(self, source: str, target: str, table: Mapping[str, str], **options) -> None:
        self.table = dict(table)
        super().__init__(source, target, lambda text: self.table.get(text, text), name="dictionary", **options)
