"""MarianMT (OPUS-MT) models through CTranslate2: the same models, several times faster on CPU.

The Hugging Face model is converted once (see :mod:`transkit.engines.convert`)
and cached; after that, translating needs neither torch nor transformers. Input
is tokenised exactly as ``MarianTokenizer`` does it (source SentencePiece model,
the ``>>vie<<`` target token of multilingual models, ``</s>``) and output pieces
are decoded with the target SentencePiece model, so the two engines give the
same translations of the same model at the same precision.

Threads: CTranslate2 runs ``inter_threads`` translations at once, each on
``intra_threads`` cores. Throughput on a CPU is best with many single-threaded
workers (on 2 cores: 2 x 1 gives about twice the tokens/s of 1 x 2), so batches
are made small enough to keep every worker busy.
"""

from __future__ import annotations

import functools
import logging
import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ModelError, UsageError
from .base import ModelEngine, Progress
from .batching import length_batches
from .convert import Converted, converted_model
from .marian import find_target_token

__all__ = ["Ct2Engine", "default_compute_type", "thread_plan"]

log = logging.getLogger(__name__)

EOS = "</s>"
SPECIAL_TOKENS = (
    "</s>",
    "<unk>",
    "<pad>",
)  # split out of the text, as MarianTokenizer does
_SPECIAL_SPLIT = re.compile("(" + "|".join(re.escape(t) for t in SPECIAL_TOKENS) + ")")
BEAM_PATIENCE = 4  # wait for beam x 4 finished hypotheses: stands in for transformers' stopping heuristic
COMPUTE_PREFERENCE = {
    "cpu": ("int8", "int8_float32", "float32"),
    "cuda": ("float16", "int8_float16", "int8", "float32"),
}


@dataclass(frozen=True)
class _Loaded:
    translator: Any  # ctranslate2.Translator
    source_spm: Any  # sentencepiece.SentencePieceProcessor
    target_spm: Any
    converted: Converted


class Ct2Engine(ModelEngine):
    """Translates with one MarianMT model converted to CTranslate2.

    Options are those of :class:`~transkit.engines.base.ModelEngine`, plus
    ``compute_type`` (``"auto"``: int8 on CPU, float16 on CUDA; or any type
    CTranslate2 supports on the device), ``inter_threads`` (parallel workers;
    ``threads`` sets the cores of each) and ``cache_dir`` for converted models.
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
        inter_threads: int | None = None,
        compute_type: str = "auto",
        cache_dir: str | Path | None = None,
        revision: str | None = None,
    ) -> None:
        super().__init__(
            model,
            source=source,
            target=target,
            device=device,
            beam=beam,
            max_length=max_length,
            batch_tokens=batch_tokens,
            max_batch_size=max_batch_size,
            threads=threads,
            revision=revision,
        )
        self.inter_threads = inter_threads
        self.compute_type = compute_type
        self.cache_dir = cache_dir

    # -- loading ---------------------------------------------------------------------------

    @functools.cached_property
    def _placement(self) -> tuple[str, int, str, int, int]:
        """(device, device index, compute type, inter threads, intra threads)."""
        device, index = _resolve_device(self.device)
        compute_type = _resolve_compute_type(self.compute_type, device)
        inter, intra = thread_plan(
            device, threads=self.threads, inter_threads=self.inter_threads
        )
        return device, index, compute_type, inter, intra

    @functools.cached_property
    def _loaded(self) -> _Loaded:
        device, index, compute_type, inter, intra = self._placement
        converted = converted_model(
            self.model_id,
            revision=self.revision,
            compute_type=compute_type,
            cache_dir=self.cache_dir,
        )
        return _load(converted, device, index, inter, intra)

    @functools.cached_property
    def target_token(self) -> str | None:
        """The ``>>xxx<<`` token this model needs for :attr:`target`, or None for a bilingual model."""
        return find_target_token(
            self._loaded.converted.source_vocabulary, self.target, model=self.model_id
        )

    @property
    def signature(self) -> str:
        """Model, revision, compute type and decoding options: what changes the output."""
        converted = self._loaded.converted
        return (
            f"ct2:{self.model_id}@{converted.revision[:12]} {self.source}-{self.target}"
            f" {converted.compute_type} beam={self.beam}"
            f" max_length={self.max_length}"
        )

    @property
    def max_tokens(self) -> int:
        """Source tokens the model accepts, less room for the target token and ``</s>``."""
        return self._loaded.converted.max_tokens

    def count_tokens(self, text: str) -> int:
        """Source pieces of ``text`` (as :meth:`tokenize` gives them)."""
        return len(self.tokenize(text))

    def tokenize(self, text: str) -> list[str]:
        """Source pieces of ``text``, as ``MarianTokenizer.tokenize`` gives them (no ``</s>``)."""
        spm = self._loaded.source_spm
        pieces: list[str] = []
        for chunk in _SPECIAL_SPLIT.split(text):
            if chunk in SPECIAL_TOKENS:
                pieces.append(chunk)
            elif chunk:
                rest = chunk
                if chunk.startswith(">>") and (end := chunk.find("<<")) != -1:
                    pieces.append(chunk[: end + 2])
                    rest = chunk[end + 2 :]
                pieces += spm.encode(rest, out_type=str)
        return pieces

    def detokenize(self, pieces: Sequence[str]) -> str:
        """Target text of generated pieces, special tokens left out."""
        text: str = self._loaded.target_spm.decode([p for p in pieces if p not in SPECIAL_TOKENS])
        return text.strip()

    # -- translation -----------------------------------------------------------------------

    def translate(
        self, texts: Sequence[str], *, progress: Progress | None = None
    ) -> list[str]:
        """Translate sentences in length-sorted batches spread over the workers; results in input order."""
        return [hypotheses[0] for hypotheses in self._decode(texts, 1, progress)]

    def translate_nbest(self, texts: Sequence[str], k: int) -> list[list[str]]:
        """Up to ``k`` distinct hypotheses per text, best first (beam ``max(beam, k)``), as Marian's."""
        if k < 1:
            raise ValueError(f"k must be at least 1, not {k}")
        return [list(dict.fromkeys(hypotheses)) for hypotheses in self._decode(texts, k, None)]

    def _decode(
        self, texts: Sequence[str], k: int, progress: Progress | None
    ) -> list[list[str]]:
        """``k`` hypotheses per text (``[""]`` for a blank one), decoded with beam ``max(beam, k)``."""
        translator = self._loaded.translator
        suppress = [[token] for token in self._loaded.converted.suppress] or None
        reserved = 2 if self._loaded.converted.forced_eos else 1
        beam = max(self.beam, k)
        prefix = f"{self.target_token} " if self.target_token else ""
        sources = [
            [*self.tokenize(prefix + text), EOS] if text.strip() else []
            for text in texts
        ]
        lengths = [len(tokens) for tokens in sources]
        results: list[list[str]] = [[""] for _ in texts]
        pending = []
        for batch in length_batches(
            lengths, max_tokens=self.batch_tokens, max_size=self._batch_size(sources)
        ):
            todo = [i for i in batch if sources[i]]
            futures = []
            if todo:
                # as transformers: max_length counts the decoder start token (and a forced </s>),
                # and never goes past the positions the decoder encodes
                longest = max(lengths[i] for i in todo)
                limit = min(self.max_length, 3 * longest + 16, self._loaded.converted.positions) - reserved
                futures = translator.translate_batch(
                    [sources[i] for i in todo],
                    beam_size=beam,
                    num_hypotheses=k,
                    patience=BEAM_PATIENCE if beam > 1 else 1,
                    max_decoding_length=max(limit, 1),
                    suppress_sequences=suppress,
                    asynchronous=True,
                )
            pending.append((batch, todo, futures))
        for batch, todo, futures in pending:
            for i, future in zip(todo, futures):
                try:
                    hypotheses = future.result().hypotheses
                except RuntimeError as err:  # CTranslate2 reports decoding failures so
                    raise ModelError(
                        f"{self.model_id} failed while translating: {err}",
                        hint="check --max-length and the model; the sentence is in the input batch",
                    ) from None
                results[i] = [self.detokenize(pieces) for pieces in hypotheses]
            if progress:
                progress(len(batch))
        return results

    def _batch_size(self, sources: Sequence[list[str]]) -> int:
        """At most ``max_batch_size``, and small enough that every worker gets a batch."""
        workers = self._placement[3]
        busy = sum(1 for tokens in sources if tokens)
        return max(1, min(self.max_batch_size, math.ceil(busy / workers)))


def thread_plan(
    device: str, *, threads: int | None = None, inter_threads: int | None = None
) -> tuple[int, int]:
    """(inter_threads, intra_threads) for ``device``: overrides first, else chosen for the machine.

    On a CPU with ``n`` usable cores each worker gets ``max(1, n // 4)`` cores (at
    most 4) and there are as many workers as fit: 2 cores give 2 x 1, 8 give 4 x 2,
    16 give 4 x 4. On CUDA one worker drives the GPU.

    >>> thread_plan("cpu", threads=2, inter_threads=3)
    (3, 2)
    >>> thread_plan("cuda")
    (1, 1)
    """
    if device == "cuda":
        return inter_threads or 1, threads or 1
    cores = (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else (os.cpu_count() or 1)
    )
    intra = threads or min(4, max(1, cores // 4))
    inter = inter_threads or max(1, cores // intra)
    return inter, intra


def default_compute_type(device: str, supported: Sequence[str]) -> str:
    """The compute type ``auto`` means on ``device``: int8 on CPU, float16 on CUDA, when supported.

    >>> default_compute_type("cuda", {"float32", "int8", "float16", "int8_float16"})
    'float16'
    """
    for candidate in COMPUTE_PREFERENCE.get(device, ("float32",)):
        if candidate in supported:
            return candidate
    return "float32"


def _resolve_device(device: str) -> tuple[str, int]:
    import ctranslate2

    name, _, index = device.partition(":")
    if name == "auto":
        return ("cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"), 0
    if name not in {"cpu", "cuda"} or (index and not index.isdigit()):
        raise UsageError(
            f"unknown device {device!r}", hint="use auto, cpu, cuda or cuda:N"
        )
    if name == "cuda" and ctranslate2.get_cuda_device_count() <= int(index or 0):
        raise ModelError(
            f"device {device!r} was asked for but CTranslate2 sees no such CUDA device",
            hint="use --device cpu",
        )
    return name, int(index or 0)


def _resolve_compute_type(compute_type: str, device: str) -> str:
    import ctranslate2

    supported = ctranslate2.get_supported_compute_types(device)
    if compute_type == "auto":
        return default_compute_type(device, supported)
    if compute_type not in supported:
        raise UsageError(
            f"compute type {compute_type!r} is not supported on {device} by this CTranslate2 build",
            hint=f"use auto or one of: {', '.join(sorted(supported))}",
        )
    return compute_type


@functools.cache
def _load(
    converted: Converted, device: str, index: int, inter: int, intra: int
) -> _Loaded:
    """Load a converted model once per (model, placement) in this process."""
    import ctranslate2
    import sentencepiece

    try:
        translator = ctranslate2.Translator(
            str(converted.path),
            device=device,
            device_index=index,
            compute_type=converted.compute_type,
            inter_threads=inter,
            intra_threads=intra,
        )
    except (RuntimeError, ValueError) as err:
        raise ModelError(
            f"cannot load the CTranslate2 model converted from {converted.model_id}: {err}",
            path=converted.path,
            hint="delete this folder to convert the model again",
        ) from err
    spm = [
        sentencepiece.SentencePieceProcessor(model_file=str(converted.path / name))
        for name in ("source.spm", "target.spm")
    ]
    log.info(
        "loaded %s (%s, %s) on %s: %d x %d threads",
        converted.model_id,
        converted.revision,
        converted.compute_type,
        device,
        inter,
        intra,
    )
    return _Loaded(translator, spm[0], spm[1], converted)
