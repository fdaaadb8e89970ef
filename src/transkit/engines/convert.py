"""Convert a Hugging Face Marian model to CTranslate2 once, and keep the result.

A model (hub id or local folder, resolved as the transformers engine resolves it)
is converted with CTranslate2's Marian loader into a cache folder keyed on the
model id, its revision (hub commit or folder content hash) and the compute type,
under ``$TRANSKIT_CACHE/ct2`` (default ``~/.cache/transkit/ct2``). Conversion
writes into a temporary folder that is renamed into place when complete, so an
interrupted or concurrent conversion never leaves a half-written model behind.

The converted folder is self-contained: besides ``model.bin`` it holds the
SentencePiece models and both vocabularies, written from ``vocab.json`` and
``target_vocab.json`` (CTranslate2's own loader writes the source vocabulary for
both sides, which is wrong for separate-vocabulary models), plus ``transkit.json``
with what the engine needs to translate without torch or transformers.

Only :func:`convert` imports torch and transformers, and only when it converts.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from ..config import cache_dir
from ..errors import ModelError
from .marian import (
    _check_local_folder,
    _folder_hash,
    _hub_reachable,
    _not_available,
    model_in_cache,
)

__all__ = ["Converted", "cache_root", "convert", "converted_model", "resolve_model"]

META_FILE = "transkit.json"
TOKENIZER_FILES = ("source.spm", "target.spm")
PAD = "<pad>"


@dataclass(frozen=True)
class Resolved:
    """A Marian model located on disk: its folder and the revision that identifies its content."""

    model_id: str
    folder: Path
    revision: str  # hub commit, or "dir-<hash>" for a local folder
    local: bool


@dataclass(frozen=True)
class Converted:
    """A CTranslate2 model folder made from a Marian model, and what the engine needs to run it."""

    path: Path
    model_id: str
    revision: str
    compute_type: str
    max_tokens: int  # source tokens accepted, less room for the target token and </s>
    forced_eos: (
        bool  # generation puts </s> in the last place when the length limit is reached
    )
    suppress: tuple[
        str, ...
    ]  # target tokens never to generate (a <pad> kept as the decoder start)

    @property
    def positions(self) -> int:
        """Positions the model encodes (its ``max_position_embeddings``, or the tokenizer's limit if lower)."""
        return self.max_tokens + 2

    @property
    def source_vocabulary(self) -> list[str]:
        """Source tokens in id order, as the converted model reads them."""
        return _read_vocabulary(self.path, "source")


def cache_root() -> Path:
    """Where converted models are kept: ``$TRANSKIT_CACHE/ct2`` or ``~/.cache/transkit/ct2``."""
    return cache_dir("ct2")


def resolve_model(model_id: str, revision: str | None = None) -> Resolved:
    """Find a Marian model on disk the way the transformers engine does.

    A local folder is checked for the files a saved Marian model has; a hub id is
    taken from the Hugging Face cache when it is there, downloaded when the hub can
    be reached, and reported as unavailable (with the ways to provide it) otherwise.
    """
    local = Path(model_id).expanduser()
    if local.exists() or model_id.startswith((".", "/", "~")):
        _check_local_folder(local)
        return Resolved(
            str(local.resolve()), local.resolve(), _folder_hash(local), local=True
        )
    if model_in_cache(model_id, revision):
        from huggingface_hub import try_to_load_from_cache

        config = Path(
            cast(str, try_to_load_from_cache(model_id, "config.json", revision=revision))  # in the cache: a path
        )
        return Resolved(model_id, config.parent, config.parent.name, local=False)
    if not _hub_reachable():
        raise _not_available(
            model_id, "it is not in the local cache and the hub cannot be reached"
        )
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import HfHubHTTPError

    try:
        folder = Path(snapshot_download(model_id, revision=revision))
    except (HfHubHTTPError, OSError, ValueError) as err:
        raise _not_available(model_id, str(err).splitlines()[0]) from err
    return Resolved(model_id, folder, folder.name, local=False)


def converted_model(
    model_id: str,
    *,
    revision: str | None = None,
    compute_type: str,
    cache_dir: str | Path | None = None,
) -> Converted:
    """The converted model for ``model_id``, converting it first when the cache lacks it."""
    resolved = resolve_model(model_id, revision)
    target = Path(cache_dir).expanduser() if cache_dir else cache_root()
    folder = target / _cache_name(resolved, compute_type)
    if not (folder / META_FILE).is_file():
        convert(resolved, folder, compute_type=compute_type)
    return _read_converted(folder)


def convert(resolved: Resolved, out: Path, *, compute_type: str) -> Path:
    """Convert ``resolved`` into ``out`` (atomically; a folder already there is kept)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        staged = scratch / "model"
        try:
            meta = _MarianConverter(resolved).convert_to(staged, compute_type)
        except (ValueError, RuntimeError, OSError, KeyError, ImportError) as err:
            raise ModelError(
                f"cannot convert the Marian model {resolved.model_id} to CTranslate2 ({compute_type}): {err}",
                path=resolved.folder,
                hint="check that the folder holds a complete MarianMT model saved with save_pretrained, "
                "or use --engine transformers",
            ) from err
        (staged / META_FILE).write_text(
            json.dumps(meta, indent=2) + "\n", encoding="utf-8"
        )
        try:
            os.rename(staged, out)
        except OSError:
            if not (
                out / META_FILE
            ).is_file():  # not a concurrent conversion that finished first
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return out


class _MarianConverter:
    """Builds the CTranslate2 specification of one Marian model, with the right vocabularies."""

    def __init__(self, resolved: Resolved) -> None:
        self.resolved = resolved

    def convert_to(self, out: Path, compute_type: str) -> dict[str, Any]:
        import ctranslate2
        import torch
        from transformers import MarianMTModel, MarianTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        folder = self.resolved.folder
        with torch.no_grad():
            model = MarianMTModel.from_pretrained(folder)
            tokenizer = MarianTokenizer.from_pretrained(folder)
            spec = self._spec(model, tokenizer)
        _save(spec, out, compute_type)
        for name in TOKENIZER_FILES:
            shutil.copyfile(folder / name, out / name)
        limit = min(
            model.config.max_position_embeddings, tokenizer.model_max_length or 10**9
        )
        return {
            "model": self.resolved.model_id,
            "revision": self.resolved.revision,
            "compute_type": compute_type,
            "max_tokens": limit - 2,
            "forced_eos": model.generation_config.forced_eos_token_id is not None,
            "suppress": [PAD] if PAD in _read_vocabulary(out, "target") else [],
            "ctranslate2": ctranslate2.__version__,
        }

    def _spec(self, model: Any, tokenizer: Any) -> Any:
        from ctranslate2.converters.transformers import MarianMTLoader

        loader = MarianMTLoader()
        spec = loader.get_model_spec(
            model
        )  # drops the <pad> row when both sides share its size
        loader.set_config(spec.config, model, tokenizer)
        folder = self.resolved.folder
        source = _vocabulary_file(folder / "vocab.json")
        target_file = folder / "target_vocab.json"
        target = _vocabulary_file(target_file) if target_file.is_file() else source
        source = _without_pad(
            source, _rows(spec.get_source_vocabulary_size()), folder / "vocab.json"
        )
        start = model.config.decoder_start_token_id
        if bool(model.get_decoder().embed_tokens.weight[start].any()):
            # transformers starts decoding from this row (<pad>); CTranslate2 would start from zeros
            _start_from_token(spec, model, target[start])
        decoder_rows = _rows(spec.get_target_vocabulary_size())
        if (
            len(target) == decoder_rows
            and target[-1] == PAD
            and spec.decoder.start_from_zero_embedding
        ):
            _drop_last_row(
                spec.decoder
            )  # a decoder of its own size keeps the <pad> row
            decoder_rows -= 1
        target = _without_pad(
            target,
            decoder_rows,
            target_file if target_file.is_file() else folder / "vocab.json",
        )
        spec.register_source_vocabulary(source)
        spec.register_target_vocabulary(target)
        return spec


def _save(spec: Any, out: Path, compute_type: str) -> None:
    """Run CTranslate2's validate, quantize and save steps on a specification built here."""
    from ctranslate2.converters.converter import Converter

    class _Built(Converter):  # type: ignore[misc]  # ctranslate2 ships no types: Converter is Any
        def _load(self) -> Any:
            return spec

    _Built().convert(str(out), quantization=compute_type)


def _rows(size: int | list[int]) -> int:
    """A vocabulary size as the specification reports it (a list when there are several features)."""
    return size[0] if isinstance(size, list) else size


def _start_from_token(spec: Any, model: Any, token: str) -> None:
    """Keep the decoder's full vocabulary and start decoding from ``token``'s embedding, as transformers does."""
    decoder = spec.decoder
    decoder.start_from_zero_embedding = False
    decoder.embeddings.weight = model.get_decoder().embed_tokens.weight
    decoder.projection.weight = model.lm_head.weight
    if decoder.projection.has_bias():
        decoder.projection.bias = model.final_logits_bias.squeeze()
    spec.config.decoder_start_token = token


def _drop_last_row(decoder: Any) -> None:
    """Remove the <pad> row from the decoder embeddings and output projection."""
    decoder.embeddings.weight = decoder.embeddings.weight[:-1]
    projection = decoder.projection
    if projection.weight.shape[0] == decoder.embeddings.weight.shape[0] + 1:
        projection.weight = projection.weight[:-1]
    if (
        projection.has_bias()
        and projection.bias.shape[0] == decoder.embeddings.weight.shape[0] + 1
    ):
        projection.bias = projection.bias[:-1]


def _vocabulary_file(path: Path) -> list[str]:
    """Tokens of a Marian ``vocab.json`` in id order; ids must run 0..n-1."""
    table = json.loads(path.read_text(encoding="utf-8"))
    tokens = [token for token, _ in sorted(table.items(), key=lambda item: item[1])]
    ids = sorted(table.values())
    if ids != list(range(len(ids))):
        gap = next(i for i, value in enumerate(ids) if value != i)
        raise ValueError(
            f"{path.name}: token ids must be 0..{len(ids) - 1}, but id {gap} is missing or repeated"
        )
    return tokens


def _without_pad(tokens: list[str], rows: int, path: Path) -> list[str]:
    """The vocabulary as the weights have it: without the trailing <pad> that was dropped."""
    if len(tokens) == rows + 1 and tokens[-1] == PAD:
        tokens = tokens[:-1]
    if len(tokens) != rows:
        raise ValueError(
            f"{path.name} has {len(tokens)} tokens but the model's embeddings have {rows} rows"
        )
    return tokens


def _read_vocabulary(folder: Path, side: str) -> list[str]:
    own = folder / f"{side}_vocabulary.json"
    tokens: list[str] = json.loads(
        (own if own.is_file() else folder / "shared_vocabulary.json").read_text(
            encoding="utf-8"
        )
    )
    return tokens


def _read_converted(folder: Path) -> Converted:
    meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    return Converted(
        folder,
        meta["model"],
        meta["revision"],
        meta["compute_type"],
        meta["max_tokens"],
        meta["forced_eos"],
        tuple(meta["suppress"]),
    )


def _cache_name(resolved: Resolved, compute_type: str) -> str:
    """A readable, collision-free folder name for (model, revision, compute type)."""
    readable = (
        resolved.folder.name if resolved.local else resolved.model_id.replace("/", "--")
    )
    readable = re.sub(r"[^A-Za-z0-9._-]+", "-", readable)[:60]
    digest = hashlib.sha256(
        f"{resolved.model_id}\0{resolved.revision}\0{compute_type}".encode()
    ).hexdigest()[:10]
    return f"{readable}-{resolved.revision[:12]}-{compute_type}-{digest}"
