"""The interface every translation engine implements.

Engines are composed rather than configured: a pivot engine wraps two engines, a
glossary-enforcing engine wraps any engine, and fake engines stand in for models
in tests. Each one translates a batch of sentences and says exactly what it is
(its :attr:`Engine.signature`), so results can be cached and reproduced.
"""

from __future__ import annotations

from typing import Callable, Protocol, Sequence, runtime_checkable

__all__ = ["Engine", "Progress", "Wrapper"]

Progress = Callable[[int], None]
"""Called with the number of sentences just finished."""


@runtime_checkable
class Engine(Protocol):
    """Translates sentences from :attr:`source` into :attr:`target`."""

    source: str
    target: str

    @property
    def signature(self) -> str:
        """Everything that determines the output: model ids and revisions, decoding options."""
        ...

    @property
    def max_tokens(self) -> int:
        """The longest input, in the engine's tokens, it translates without truncation."""
        ...

    def count_tokens(self, text: str) -> int:
        """The length of ``text`` in the engine's input tokens."""
        ...

    def translate(self, texts: Sequence[str], *, progress: Progress | None = None) -> list[str]:
        """Translate each text (a sentence); results come back in input order."""
        ...


class Wrapper:
    """Base of the engines that wrap another (glossary, pivot, fault injection).

    A wrapper translates between the languages of ``inner`` and takes its input
    limit and token counting from it; subclasses define ``signature`` and
    ``translate``.
    """

    def __init__(self, inner: Engine) -> None:
        self.inner = inner
        self.source, self.target = inner.source, inner.target

    @property
    def max_tokens(self) -> int:
        return self.inner.max_tokens

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)
