"""Tiny Marian models built locally, for tests and demos that cannot reach the hub.

:func:`build_tiny_marian` trains SentencePiece models on a small parallel corpus,
builds the vocabulary the way OPUS-MT models lay it out, initialises a small
:class:`~transformers.MarianMTModel` and, when asked, trains it for a few hundred
steps so that it translates its corpus. The result is saved with
``save_pretrained`` and loads through the same ``from_pretrained`` path as a hub
model. Two shapes exist, as on the hub: bilingual, and multilingual-target, where
the source starts with a target token such as ``>>vie<<``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from .languages import get as get_language

__all__ = ["build_tiny_marian", "toy_corpus"]

# Names written in every language of the toy corpus; copies of the sentences that hold one, with the
# name replaced by a placeholder token, teach a tiny model to carry placeholders through.
_NAMES = ({"en": "Seoul", "ko": "서울", "vi": "Seoul"}, {"en": "Hanoi", "ko": "하노이", "vi": "Hà Nội"},
          {"en": "Washington", "ko": "워싱턴", "vi": "Washington"})
_TOKENS = ("ZX0Q", "ZX1Q", "QZ0X")


def toy_corpus() -> list[dict[str, str]]:
    """The bundled en/ko/vi parallel corpus, one dict per sentence (keys: en, ko, vi)."""
    text = resources.files("transkit.data").joinpath("toy_corpus.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def build_tiny_marian(
    out_dir: str | Path,
    *,
    source: str,
    targets: Sequence[str],
    corpus: Sequence[dict[str, str]] | None = None,
    separate_vocabs: bool = False,
    train_steps: int = 0,
    d_model: int = 64,
    layers: int = 2,
    max_positions: int = 128,
    seed: int = 0,
) -> Path:
    """Build a tiny Marian model translating ``source`` into ``targets`` and save it in ``out_dir``.

    With more than one target the model is multilingual-target: its vocabulary holds
    ``>>kor<<``-style tokens and the source text must start with one. With
    ``train_steps`` > 0 the model is trained on ``corpus`` (default: :func:`toy_corpus`)
    until it reproduces it; with 0 the weights are random.
    """
    import sentencepiece as spm
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rows = list(corpus if corpus is not None else toy_corpus())
    rows += _with_placeholders(rows, (source, *targets))
    multilingual = len(targets) > 1
    tokens = {t: f">>{get_language(t).iso3}<<" for t in targets}
    pairs = [
        ((tokens[t] + " " if multilingual else "") + row[source], row[t]) for t in targets for row in rows
    ]

    def train_spm(lines: list[str], name: str) -> list[str]:
        model = io.BytesIO()
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(lines * 4),
            model_writer=model,
            vocab_size=min(400, 40 + 6 * len(set(" ".join(lines)))),
            hard_vocab_limit=False,
            character_coverage=1.0,
            model_type="unigram",
            minloglevel=2,
        )
        (out / name).write_bytes(model.getvalue())
        processor = spm.SentencePieceProcessor(model_proto=model.getvalue())
        specials = {"<unk>", "<s>", "</s>"}
        return [p for p in (processor.id_to_piece(i) for i in range(processor.get_piece_size())) if p not in specials]

    source_pieces = train_spm([row[source] for row in rows], "source.spm")
    target_pieces = train_spm([row[t] for t in targets for row in rows], "target.spm")
    target_tokens = list(tokens.values()) if multilingual else []

    def vocab(pieces: list[str], size: int) -> dict[str, int]:
        ordered = ["</s>", "<unk>", *dict.fromkeys(pieces)]
        ordered += [f"<unused{i}>" for i in range(size - 1 - len(ordered))]
        return {piece: i for i, piece in enumerate([*ordered, "<pad>"])}

    if separate_vocabs:
        size = max(len(source_pieces) + len(target_tokens), len(target_pieces)) + 3
        src_vocab, tgt_vocab = vocab(target_tokens + source_pieces, size), vocab(target_pieces, size)
        (out / "target_vocab.json").write_text(json.dumps(tgt_vocab, ensure_ascii=False), encoding="utf-8")
    else:
        shared = target_tokens + source_pieces + target_pieces
        src_vocab = tgt_vocab = vocab(shared, len(dict.fromkeys(shared)) + 3)
    (out / "vocab.json").write_text(json.dumps(src_vocab, ensure_ascii=False), encoding="utf-8")
    pad = src_vocab["<pad>"]

    tokenizer = MarianTokenizer(
        source_spm=str(out / "source.spm"),
        target_spm=str(out / "target.spm"),
        vocab=str(out / "vocab.json"),
        target_vocab_file=str(out / "target_vocab.json") if separate_vocabs else None,
        separate_vocabs=separate_vocabs,
        source_lang=source,
        target_lang=targets[0] if not multilingual else None,
        model_max_length=max_positions,
    )
    torch.manual_seed(seed)
    config = MarianConfig(
        vocab_size=len(src_vocab),
        decoder_vocab_size=len(tgt_vocab),
        share_encoder_decoder_embeddings=not separate_vocabs,
        d_model=d_model,
        encoder_layers=layers,
        decoder_layers=layers,
        encoder_attention_heads=4,
        decoder_attention_heads=4,
        encoder_ffn_dim=d_model * 2,
        decoder_ffn_dim=d_model * 2,
        max_position_embeddings=max_positions,
        pad_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=0,
        decoder_start_token_id=pad,
        dropout=0.0,
    )
    model = MarianMTModel(config)
    if train_steps:
        _train(model, tokenizer, pairs, train_steps)
    model.generation_config = GenerationConfig(
        bad_words_ids=[[pad]],
        decoder_start_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=0,
        pad_token_id=pad,
        max_length=max_positions,
        num_beams=2,
    )
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


def _with_placeholders(rows: Sequence[dict[str, str]], langs: Sequence[str]) -> list[dict[str, str]]:
    """Copies of ``rows`` with a shared name replaced by a placeholder token in every language."""
    return [
        {lang: row[lang].replace(name[lang], token) for lang in langs}
        for row in rows
        for name in _NAMES
        if all(name[lang] in row[lang] for lang in langs)
        for token in _TOKENS
    ]


def _train(model, tokenizer, pairs: list[tuple[str, str]], steps: int, *, target_loss: float = 0.005) -> None:
    """Fit the model to ``pairs`` (full batch, Adam) until it reproduces them, at most ``steps`` steps."""
    import torch

    batch = tokenizer([s for s, _ in pairs], text_target=[t for _, t in pairs], padding=True, return_tensors="pt")
    batch["labels"][batch["labels"] == tokenizer.pad_token_id] = -100
    optimizer = torch.optim.Adam(model.parameters(), lr=5e-3)
    model.train()
    for _ in range(steps):
        optimizer.zero_grad()
        loss = model(**batch).loss
        if loss.item() < target_loss:
            break
        loss.backward()
        optimizer.step()
    model.eval()
