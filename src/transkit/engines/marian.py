"""MarianMT (OPUS-MT) models through Hugging Face transformers.

A model is a hub id (``Helsinki-NLP/opus-mt-en-vi``) or a local folder written by
``save_pretrained``; both load with ``from_pretrained``. A hub model already in
the local cache loads without touching the network; one that is not is
downloaded, and when the hub cannot be reached the error says how to provide the
model instead (instead of retrying for minutes).

Whether a model needs a target token (``>>vie<<``) is read from its vocabulary.
Each model is loaded once per process and shared by every engine that uses it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import re
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from ..errors import ModelError
from ..languages import get as get_language
from .base import ModelEngine, Progress
from .batching import length_batches

__all__ = ["MarianEngine", "find_target_token", "model_in_cache"]

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"^>>[^<>\s]+<<$")
REQUIRED_FILES = ("config.json", "source.spm", "target.spm", "vocab.json")
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin", "model.safetensors.index.json")


@dataclass(frozen=True)
class _Loaded:
    tokenizer: Any
    model: Any
    device: str
    revision: str  # commit hash for hub models, content hash for local folders


class MarianEngine(ModelEngine):
    """Translates with one MarianMT model through transformers (options: :class:`ModelEngine`)."""

    # -- loading ---------------------------------------------------------------------------

    @functools.cached_property
    def _loaded(self) -> _Loaded:
        if self.threads:
            import torch

            torch.set_num_threads(self.threads)
        return _load(self.model_id, self.revision, _resolve_device(self.device))

    @functools.cached_property
    def target_token(self) -> str | None:
        """The ``>>xxx<<`` token this model needs for :attr:`target`, or None for a bilingual model."""
        return find_target_token(self._loaded.tokenizer.get_vocab(), self.target, model=self.model_id)

    @property
    def signature(self) -> str:
        """Model, revision and decoding options: what changes the output."""
        return (
            f"marian:{self.model_id}@{self._loaded.revision} {self.source}-{self.target}"
            f" beam={self.beam} max_length={self.max_length}"
        )

    @property
    def _max_positions(self) -> int:
        return int(self._loaded.model.config.max_position_embeddings)

    @property
    def max_tokens(self) -> int:
        """Source tokens the model accepts, less room for the target token and ``</s>``."""
        limit = min(self._max_positions, self._loaded.tokenizer.model_max_length or 10**9)
        return limit - 2

    def count_tokens(self, text: str) -> int:
        """Source pieces of ``text`` as the model's tokenizer splits it."""
        return len(self._loaded.tokenizer.tokenize(text))

    # -- translation -----------------------------------------------------------------------

    def translate(self, texts: Sequence[str], *, progress: Progress | None = None) -> list[str]:
        """Translate sentences in length-sorted batches; results in input order."""
        return [hypotheses[0] for hypotheses in self._decode(texts, 1, progress)]

    def translate_nbest(self, texts: Sequence[str], k: int) -> list[list[str]]:
        """Up to ``k`` distinct hypotheses per text, best first (beam ``max(beam, k)``)."""
        if k < 1:
            raise ValueError(f"k must be at least 1, not {k}")
        return [list(dict.fromkeys(hypotheses)) for hypotheses in self._decode(texts, k, None)]

    def _decode(self, texts: Sequence[str], k: int, progress: Progress | None) -> list[list[str]]:
        """``k`` hypotheses per text (``[""]`` for a blank one), decoded with beam ``max(beam, k)``."""
        import torch

        loaded = self._loaded
        prefix = f"{self.target_token} " if self.target_token else ""
        inputs = [prefix + text for text in texts]
        lengths = [self.count_tokens(text) + 1 for text in inputs]
        results: list[list[str]] = [[""] for _ in texts]
        batches = length_batches(lengths, max_tokens=self.batch_tokens, max_size=self.max_batch_size)
        for batch in batches:
            todo = [i for i in batch if texts[i].strip()]
            if todo:
                encoded = loaded.tokenizer(
                    [inputs[i] for i in todo], return_tensors="pt", padding=True, truncation=False
                ).to(loaded.device)
                longest = max(lengths[i] for i in todo)
                try:
                    with torch.inference_mode():
                        output = loaded.model.generate(
                            **encoded,
                            num_beams=max(self.beam, k),
                            num_return_sequences=k,
                            max_length=min(self.max_length, 3 * longest + 16, self._max_positions),
                        )
                except RuntimeError as err:  # torch reports shape, device and memory failures so
                    raise ModelError(
                        f"{self.model_id} failed while translating: {err}",
                        hint="check --max-length, --batch-tokens and --device",
                    ) from None
                decoded = loaded.tokenizer.batch_decode(output, skip_special_tokens=True)
                for n, i in enumerate(todo):
                    results[i] = [text.strip() for text in decoded[n * k : (n + 1) * k]]
            if progress:
                progress(len(batch))
        return results


def find_target_token(vocab: dict[str, int] | Sequence[str], target: str, *, model: str = "") -> str | None:
    """The target-language token a model's vocabulary offers for ``target``.

    A vocabulary with no ``>>xxx<<`` tokens belongs to a bilingual model: None.
    Otherwise ``>>vie<<`` (ISO 639-3), ``>>vi<<`` or a script variant such as
    ``>>vie_Latn<<`` is looked for, in that order.

    >>> find_target_token({">>kor<<": 5, ">>vie<<": 6, "▁the": 7}, "vi")
    '>>vie<<'
    >>> find_target_token({"▁the": 7}, "vi") is None
    True
    """
    tokens = [t for t in vocab if _TOKEN.match(t)]
    if not tokens:
        return None
    language = get_language(target)
    for candidate in (f">>{language.iso3}<<", f">>{language.code}<<"):
        if candidate in tokens:
            return candidate
    for token in sorted(tokens):
        if token.startswith((f">>{language.iso3}_", f">>{language.code}_")):
            return token
    shown = ", ".join(sorted(tokens)[:12]) + (" ..." if len(tokens) > 12 else "")
    raise ModelError(
        f"model {model} needs a target-language token but has none for {language.code} ({language.iso3})",
        hint=f"its target tokens are: {shown}; choose a model that translates into {language.code}",
    )


def _resolve_device(device: str) -> str:
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise ModelError(f"device {device!r} was asked for but CUDA is not available", hint="use --device cpu")
    return device


@functools.cache
def _load(model_id: str, revision: str | None, device: str) -> _Loaded:
    """Load tokenizer and model once per (model, revision, device) in this process."""
    from transformers import MarianMTModel, MarianTokenizer
    from transformers.utils import logging as hf_logging

    if not log.isEnabledFor(logging.DEBUG):
        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
    local = Path(model_id).expanduser()
    options: dict[str, Any]
    if local.exists() or model_id.startswith((".", "/", "~")):
        _check_local_folder(local)
        source, options = str(local), {}
        revision_tag = _folder_hash(local)
    else:
        source, options = model_id, {"revision": revision}
        if model_in_cache(model_id, revision):
            options["local_files_only"] = True
        elif not _hub_reachable():
            raise _not_available(model_id, "it is not in the local cache and the hub cannot be reached")
    try:
        tokenizer = MarianTokenizer.from_pretrained(source, **options)
        model = MarianMTModel.from_pretrained(source, **options)
    except OSError as err:
        if local.exists():
            raise ModelError(f"cannot load the Marian model in {local}: {err}", path=local) from err
        raise _not_available(model_id, str(err).splitlines()[0]) from err
    if local.exists():
        revision_used = revision_tag
    else:
        revision_used = getattr(model.config, "_commit_hash", None) or revision or "main"
    model.to(device).eval()  # type: ignore[arg-type]  # transformers' stub of the .to wrapper drops self
    log.info("loaded %s (%s) on %s", model_id, revision_used, device)
    return _Loaded(tokenizer, model, device, revision_used[:12])


def _check_local_folder(folder: Path) -> None:
    """Say exactly what is missing when a folder is not a saved Marian model."""
    if not folder.is_dir():
        raise ModelError(
            f"model folder {folder} does not exist",
            hint="pass a folder written by save_pretrained, or a hub id such as Helsinki-NLP/opus-mt-en-vi",
        )
    missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
    if not any((folder / name).is_file() for name in WEIGHT_FILES):
        missing.append(" or ".join(WEIGHT_FILES[:2]))
    if missing:
        raise ModelError(
            f"{folder} is not a Marian model folder: missing {', '.join(missing)}",
            path=folder,
            hint="save a MarianMT model and its tokenizer there with save_pretrained, "
            "or download one with `transkit models --download`",
        )
    model_type = json.loads((folder / "config.json").read_text(encoding="utf-8")).get("model_type")
    if model_type != "marian":
        raise ModelError(
            f"{folder} holds a {model_type!r} model, not a Marian model",
            path=folder / "config.json",
            hint="transkit's transformers engine runs MarianMT (OPUS-MT) models",
        )


def _folder_hash(folder: Path) -> str:
    """A short hash that changes when the model in ``folder`` changes."""
    digest = hashlib.sha256()
    for name in sorted(os.listdir(folder)):
        path = folder / name
        if path.is_file():
            stat = path.stat()
            digest.update(f"{name}:{stat.st_size}:{int(stat.st_mtime)}".encode())
    return "dir-" + digest.hexdigest()[:8]


def model_in_cache(model_id: str, revision: str | None = None) -> bool:
    """True when the hub model's files are in the local Hugging Face cache."""
    from huggingface_hub import try_to_load_from_cache

    files = ("config.json", "vocab.json", "source.spm")
    return all(isinstance(try_to_load_from_cache(model_id, f, revision=revision), str) for f in files)


def _hub_reachable(timeout: float = 3.0) -> bool:
    """A quick TCP check of the hub endpoint, so an offline machine fails in seconds."""
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in {"1", "true", "yes"}:
        return False
    endpoint = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co"))
    try:
        with socket.create_connection((endpoint.hostname or "", endpoint.port or 443), timeout=timeout):
            return True
    except OSError:
        return False


def _not_available(model_id: str, reason: str) -> ModelError:
    cache = os.environ.get("HF_HOME", "~/.cache/huggingface")
    return ModelError(
        f"model {model_id} is not available: {reason}",
        hint=(
            "provide it in one of three ways:\n"
            f"    1. on a machine with network: `transkit models --download {model_id}` (or `hf download {model_id}`),"
            " then copy the cache here;\n"
            f"    2. point HF_HOME at a Hugging Face cache that holds it (now: {cache});\n"
            "    3. save the model in a folder and pass `--model DIR` (or set it in transkit.toml)"
        ),
    )
