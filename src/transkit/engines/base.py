"""The interface every translation engine implements.

Engines are composed rather than configured: a pivot engine wraps two engines, a
glossary-enforcing engine wraps any engine, and fake engines stand in for models
in tests. Each one translates a batch of sentences and says exactly what it is
(its :attr:`Engine.signature`), so results can be cached and reproduced.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

from ..languages import get as get_language

__all__ = ["Engine", "ModelEngine", "NBestEngine", "Progress", "Wrapper"]

Progress = Callable[[int], None]
"""Called with the number of sentences just finished."""


@runtime_checkable
class Engine(Protocol):
    """Translates sentences from :attr:`source` into :attr:`target`.

    The contract every engine keeps (``tests/test_engine_contract.py`` runs it over each one):

    * ``translate`` returns one string per input, in input order, and an empty or
      whitespace-only input gives ``""``; ``progress`` receives, in all, the batch length;
    * ``signature`` is the same for two engines built with the same options (and
      before and after translating), and differs whenever an option that can change
      a translation differs; options that only decide speed (threads, batch sizes) leave it alone;
    * ``count_tokens("")`` is 0, and a text of ``max_tokens`` tokens translates whole.
    """

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


@runtime_checkable
class NBestEngine(Protocol):
    """What an engine offers when it also returns several hypotheses per sentence (beam search)."""

    def translate_nbest(self, texts: Sequence[str], k: int) -> list[list[str]]:
        """Per text, 1 to ``k`` distinct hypotheses, best first; ``[""]`` for an empty or whitespace-only text.

        ``k`` below 1 is a ValueError.
        """
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
        """The inner engine's input limit."""
        return self.inner.max_tokens

    def count_tokens(self, text: str) -> int:
        """Tokens of ``text`` as the inner engine counts them."""
        return self.inner.count_tokens(text)


class ModelEngine:
    """Base of the engines that run one model (transformers, CTranslate2): the options they share.

    ``model`` is a hub id or a local folder. ``device`` is ``"auto"`` (CUDA when
    available), ``"cpu"`` or ``"cuda[:N]"``. Batches are built by length so that
    ``batch_tokens`` (padded source tokens per batch) and ``max_batch_size`` are
    not exceeded; ``max_length`` caps the target tokens of a sentence.
    """

    def __init__(
        self,
        model: str,
        *,
        source: str,
        target: str,
        device: str = "auto",
        beam: int = 4,
        max_length: int = 512,
        batch_tokens: int = 4096,
        max_batch_size: int = 64,
        threads: int | None = None,
        revision: str | None = None,
    ) -> None:
        self.model_id = str(model)
        self.source, self.target = get_language(source).code, get_language(target).code
        self.device = device
        self.beam = beam
        self.max_length = max_length
        self.batch_tokens = batch_tokens
        self.max_batch_size = max_batch_size
        self.threads = threads
        self.revision = revision
