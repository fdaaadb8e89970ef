"""Translation speed: the transformers and CTranslate2 engines side by side, and the full pipeline.

Models are random-init Marian models of real OPUS-MT shapes, built locally (no
download): ``base`` (d_model 512, 8 heads, ffn 2048, 6+6 layers) and ``big``
(tc-big: d_model 1024, 16 heads, ffn 4096, 6+6 layers), both with a shared
58,000-token vocabulary of synthetic words (a SentencePiece word model, so one
word is one token). ``</s>`` and ``<pad>`` can never be generated (their output
bias is -10^4), so every sentence is decoded to exactly ``--out-tokens`` tokens
and random weights do the work of real ones.

Each configuration (size, engine, beam, batch) runs in a fresh subprocess, so the
peak RSS is that configuration's own; all of them run in one invocation, so the
ratios compare like with like on a shared machine. Then the full pipeline
(:class:`~transkit.translator.Translator`: Markdown parsing, sentence splitting,
protection of URLs, reassembly, plus ``transkit check`` of the result against the
glossary) is timed against the raw engine on the same sentences, and the cold
start of a one-sentence translation through the CLI code path is timed for both
engines.

    python benchmarks/translation.py                      # base: batch 1/16/64, big: batch 16; greedy and beam 4
    python benchmarks/translation.py --sizes base --batches 16 --beams 4
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SIZES = {
    "base": {"d_model": 512, "heads": 8, "ffn": 2048, "layers": 6},
    "big": {"d_model": 1024, "heads": 16, "ffn": 4096, "layers": 6},
}
VOCAB_SIZE = 58_000
ENGINES = ("transformers", "ct2")
SOURCE, TARGET = "en", "vi"


# -- models ----------------------------------------------------------------------------------


def synthetic_words(count: int, seed: int = 0) -> list[str]:
    """``count`` distinct pronounceable words; 2% capitalised (sentence starts), 2% ending in a full stop."""
    rng = random.Random(seed)
    syllables = [
        c + v + n for c in "bcdfghklmnprstvz" for v in "aeiou" for n in ("", "n")
    ]
    words: set[str] = set()
    while len(words) < count:
        word = "".join(rng.choice(syllables) for _ in range(rng.choice((2, 3))))
        roll = rng.random()
        words.add(
            word.capitalize() if roll < 0.02 else word + "." if roll < 0.04 else word
        )
    return sorted(words)


def build_model(folder: Path, size: str) -> Path:
    """Save a random-init Marian model of ``size`` shape (and its tokenizer) in ``folder``."""
    import sentencepiece as spm
    import torch
    from transformers import (
        GenerationConfig,
        MarianConfig,
        MarianMTModel,
        MarianTokenizer,
    )

    if (folder / "config.json").is_file():
        return folder
    scratch = folder.with_name(folder.name + ".partial")
    scratch.mkdir(parents=True, exist_ok=True)
    words = synthetic_words(VOCAB_SIZE - 3)
    proto = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(
            [" ".join(words[i : i + 50]) for i in range(0, len(words), 50)]
        ),
        model_writer=proto,
        vocab_size=len(words) + 3,
        model_type="word",
        use_all_vocab=True,
        character_coverage=1.0,
        minloglevel=2,
    )
    for name in ("source.spm", "target.spm"):
        (scratch / name).write_bytes(proto.getvalue())
    processor = spm.SentencePieceProcessor(model_proto=proto.getvalue())
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    tokens = [
        "</s>",
        "<unk>",
        *(p for p in pieces if p not in {"<unk>", "<s>", "</s>"}),
        "<pad>",
    ]
    vocab = {token: i for i, token in enumerate(tokens)}
    (scratch / "vocab.json").write_text(
        json.dumps(vocab, ensure_ascii=False), encoding="utf-8"
    )
    pad, shape = vocab["<pad>"], SIZES[size]
    config = MarianConfig(
        vocab_size=len(vocab),
        d_model=shape["d_model"],
        encoder_layers=shape["layers"],
        decoder_layers=shape["layers"],
        encoder_attention_heads=shape["heads"],
        decoder_attention_heads=shape["heads"],
        encoder_ffn_dim=shape["ffn"],
        decoder_ffn_dim=shape["ffn"],
        activation_function="swish",
        scale_embedding=True,
        max_position_embeddings=512,
        pad_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=0,
        decoder_start_token_id=pad,
    )
    torch.manual_seed(0)
    model = MarianMTModel(config).eval()
    with torch.no_grad():
        model.get_input_embeddings().weight[
            pad
        ].zero_()  # as in OPUS-MT: decoding starts from a zero vector
        model.final_logits_bias[
            0, [0, pad]
        ] = -1e4  # never end: every sentence is decoded to full length
    model.generation_config = GenerationConfig(
        bad_words_ids=[[pad]],
        decoder_start_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=0,
        pad_token_id=pad,
        max_length=512,
        num_beams=4,
    )
    model.save_pretrained(scratch)
    MarianTokenizer(
        source_spm=str(scratch / "source.spm"),
        target_spm=str(scratch / "target.spm"),
        vocab=str(scratch / "vocab.json"),
        source_lang=SOURCE,
        target_lang=TARGET,
        model_max_length=512,
    ).save_pretrained(scratch)
    scratch.rename(folder)
    return folder


def sentences(count: int, seed: int = 1) -> list[str]:
    """Sentences of 12-30 words: a capitalised word, plain words, a word with a full stop."""
    words = synthetic_words(VOCAB_SIZE - 3)
    starts = [w for w in words if w[0].isupper()]
    ends = [w for w in words if w.endswith(".")]
    plain = [w for w in words if w[0].islower() and not w.endswith(".")]
    rng = random.Random(seed)
    return [
        " ".join(
            [
                rng.choice(starts),
                *rng.sample(plain, rng.randint(10, 28)),
                rng.choice(ends),
            ]
        )
        for _ in range(count)
    ]


# -- one measurement (runs in its own process) -------------------------------------------------


def make_engine(
    kind: str, model: Path, *, beam: int, batch: int, out_tokens: int, cache: Path
):
    options = {
        "source": SOURCE,
        "target": TARGET,
        "device": "cpu",
        "beam": beam,
        "max_length": out_tokens + 2,
        "max_batch_size": batch,
        "batch_tokens": 10**9,
    }
    if kind == "ct2":
        from transkit.engines.ct2 import Ct2Engine

        return Ct2Engine(str(model), **options, compute_type="int8", cache_dir=cache)
    from transkit.engines.marian import MarianEngine

    return MarianEngine(str(model), **options)


def best_of(repeats: int, function):
    """(fastest seconds, result) of ``repeats`` calls: the run least disturbed by other processes."""
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        runs.append((time.perf_counter() - start, result))
    return min(runs, key=lambda run: run[0])


def worker(args: argparse.Namespace) -> dict:
    """Translate two sentences to load and warm up, then time the whole input (best of --repeats)."""
    texts = json.loads(Path(args.inputs).read_text(encoding="utf-8"))
    engine = make_engine(
        args.engine,
        Path(args.model),
        beam=args.beam,
        batch=args.batch,
        out_tokens=args.out_tokens,
        cache=Path(args.cache),
    )
    load, _ = best_of(1, lambda: engine.translate(texts[:2]))
    seconds, outputs = best_of(args.repeats, lambda: engine.translate(texts))
    tokens = sum(len(o.split()) for o in outputs)
    result = {
        "tokens": tokens,
        "seconds": seconds,
        "load_s": load,
        "expected": len(texts) * args.out_tokens,
    }
    if args.pipeline:
        result.update(pipeline(engine, texts, seconds, args.repeats))
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from the parent)."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pipeline(engine, texts: list[str], raw_seconds: float, repeats: int) -> dict:
    """Time the same sentences as a Markdown article through Translator and ``check``."""
    import inspect

    from transkit.checks import check
    from transkit.glossary.store import load
    from transkit.translator import Translator

    glossary = load([ROOT / "glossaries"]) if (ROOT / "glossaries").is_dir() else None
    options = {}
    if glossary is not None and "glossary" in inspect.signature(Translator).parameters:
        options["glossary"] = (
            glossary  # glossary enforcement, where the Translator offers it
        )
    paragraphs = [" ".join(texts[i : i + 4]) for i in range(0, len(texts), 4)]
    article = (
        f"# {texts[0]}\n\n"
        + "\n\n".join(p + " https://example.org/a" for p in paragraphs[1:])
        + "\n"
    )
    translator = Translator(SOURCE, TARGET, engine=engine, **options)

    def full() -> int:
        translated = translator.translate(article, fmt="markdown")
        return len(
            check(
                translated,
                lang=TARGET,
                glossary=glossary,
                source=article,
                source_lang=SOURCE,
            ).findings
        )

    seconds, findings = best_of(repeats, full)
    return {
        "pipeline_s": seconds,
        "pipeline_ratio": raw_seconds / seconds,
        "findings": findings,
        "enforcement": "glossary" in options,
    }


COLD = """
import sys
from transkit.cli import main  # what `transkit translate` imports before it builds the Translator
from transkit.translator import Translator
sys.path.insert(0, {bench!r})
from translation import make_engine
engine = make_engine({kind!r}, {model!r}, beam=4, batch=16, out_tokens=40, cache={cache!r})
print(Translator({source!r}, {target!r}, engine=engine).translate({text!r}))
"""


def cold_start(kind: str, model: Path, cache: Path, text: str) -> float:
    """Seconds from interpreter start to exit for a one-sentence translation (model converted already)."""
    code = COLD.format(
        bench=str(Path(__file__).parent),
        kind=kind,
        model=str(model),
        cache=str(cache),
        source=SOURCE,
        target=TARGET,
        text=text,
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode:
        raise RuntimeError(f"cold start ({kind}) failed: {done.stderr.strip()[-500:]}")
    return seconds


# -- driver ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Config:
    size: str
    engine: str
    beam: int
    batch: int


def prepare(size: str, model: Path, cache: Path) -> None:
    """Build the model and convert it, in a subprocess: the driver stays small and no worker converts."""
    code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); from pathlib import Path; "
        f"from translation import build_model; build_model(Path({str(model)!r}), {size!r}); "
        f"from transkit.engines.convert import converted_model; "
        f"converted_model({str(model)!r}, compute_type='int8', cache_dir={str(cache)!r})"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        sys.exit(f"cannot build or convert the {size} model:\n{done.stderr[-3000:]}")


def run_config(
    config: Config,
    model: Path,
    inputs: Path,
    args: argparse.Namespace,
    *,
    pipeline: bool = False,
):
    command = [
        sys.executable,
        __file__,
        "--worker",
        "--engine",
        config.engine,
        "--model",
        str(model),
        "--inputs",
        str(inputs),
        "--beam",
        str(config.beam),
        "--batch",
        str(config.batch),
        "--out-tokens",
        str(args.out_tokens),
        "--cache",
        str(args.work / "ct2"),
        "--repeats",
        str(args.repeats),
    ]
    if pipeline:
        command.append("--pipeline")
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    if done.returncode:
        sys.exit(f"{config}: worker failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", default="base,big", help="comma-separated: base, big"
    )
    parser.add_argument(
        "--batches", default="1,16,64", help="batch sizes for the base model"
    )
    parser.add_argument(
        "--big-batches", default="16", help="batch sizes for the big model"
    )
    parser.add_argument("--beams", default="1,4")
    parser.add_argument(
        "--out-tokens", type=int, default=40, help="tokens decoded per sentence"
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(os.environ.get("TRANSKIT_CACHE", "~/.cache/transkit")),
        help="folder for the built models and their conversions (reused)",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=2,
        help="timed runs per configuration; the fastest counts",
    )
    parser.add_argument(
        "--no-pipeline",
        action="store_true",
        help="skip the pipeline and cold-start rows",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--pipeline", action="store_true", help=argparse.SUPPRESS)
    for name in ("--engine", "--model", "--inputs", "--cache"):
        parser.add_argument(name, help=argparse.SUPPRESS)
    parser.add_argument("--beam", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--batch", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args)))
        return
    args.work = args.work.expanduser() / "bench"
    args.work.mkdir(parents=True, exist_ok=True)
    beams = [int(b) for b in args.beams.split(",")]
    rows = []
    began = time.perf_counter()
    for size in args.sizes.split(","):
        start = time.perf_counter()
        model = args.work / f"marian-{size}"
        prepare(size, model, args.work / "ct2")
        print(
            f"# {size}: model ready in {time.perf_counter() - start:.0f} s ({model})",
            file=sys.stderr,
        )
        batches = [
            int(b)
            for b in (args.batches if size == "base" else args.big_batches).split(",")
        ]
        for batch in batches:
            count = max(4, min(2 * batch, 64))
            inputs = args.work / f"inputs-{count}.json"
            inputs.write_text(
                json.dumps(sentences(count), ensure_ascii=False), encoding="utf-8"
            )
            for beam in beams:
                measured = {}
                for engine in ENGINES:
                    config = Config(size, engine, beam, batch)
                    measured[engine] = run_config(config, model, inputs, args)
                    print(f"# {config}: {measured[engine]}", file=sys.stderr)
                rows.append((size, beam, batch, count, measured))
    print_table(rows, args.out_tokens)
    if not args.no_pipeline and "base" in args.sizes.split(","):
        extras(args, beams)
    load = os.getloadavg()
    print(
        f"\nmachine: {os.cpu_count()} CPUs, load average {load[0]:.1f}/{load[1]:.1f} (1/5 min); "
        f"total {time.perf_counter() - began:.0f} s"
    )


def print_table(rows, out_tokens: int) -> None:
    print(
        f"\nTokens/s (output, {out_tokens} per sentence) and peak RSS; transformers fp32, CTranslate2 int8\n"
    )
    print(
        "| model | beam | batch | sentences | transformers tok/s | ct2 tok/s | speed-up | transformers RSS MB |"
        " ct2 RSS MB | memory |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size, beam, batch, count, m in rows:
        hf, ct2 = m["transformers"], m["ct2"]
        for result in (hf, ct2):
            if result["tokens"] != result["expected"]:
                print(
                    f"warning: {result['tokens']} tokens decoded, {result['expected']} expected",
                    file=sys.stderr,
                )
        rate = {k: v["tokens"] / v["seconds"] for k, v in m.items()}
        print(
            f"| {size} | {beam} | {batch} | {count} | {rate['transformers']:.0f} | {rate['ct2']:.0f} | "
            f"{rate['ct2'] / rate['transformers']:.1f}x | {hf['peak_rss_mb']:.0f} | {ct2['peak_rss_mb']:.0f} | "
            f"{ct2['peak_rss_mb'] / hf['peak_rss_mb']:.2f}x |"
        )


def extras(args: argparse.Namespace, beams: list[int]) -> None:
    model = args.work / "marian-base"
    count = 64
    inputs = args.work / f"inputs-{count}.json"
    inputs.write_text(
        json.dumps(sentences(count), ensure_ascii=False), encoding="utf-8"
    )
    beam = max(beams)
    result = run_config(
        Config("base", "ct2", beam, 16), model, inputs, args, pipeline=True
    )
    print(
        "\nFull pipeline (Translator: Markdown, sentences, URL protection"
        f"{', glossary enforcement' if result['enforcement'] else ''};"
        f" then check against the glossary) vs the raw ct2 engine, base, beam {beam}, batch 16, {count} sentences:"
    )
    print(
        f"  raw engine {result['seconds']:.2f} s, pipeline {result['pipeline_s']:.2f} s: "
        f"pipeline runs at {100 * result['pipeline_ratio']:.0f}% of the raw engine's tokens/s "
        f"({result['findings']} findings)"
    )
    text = sentences(1, seed=7)[0]
    print(
        "\nCold start: one sentence in a fresh interpreter through transkit.cli + Translator (base, beam 4,"
        " model already converted):"
    )
    for kind in ENGINES:
        runs = sorted(
            cold_start(kind, model, args.work / "ct2", text)
            for _ in range(args.repeats)
        )
        print(f"  {kind}: {runs[0]:.2f} s (fastest of {args.repeats})")


if __name__ == "__main__":
    main()
